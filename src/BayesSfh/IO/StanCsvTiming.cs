namespace BayesSfh.IO;

/// <summary>The timing footer of a CmdStan CSV file (<c>#  Elapsed Time: X seconds (Warm-up)</c> and so on).</summary>
/// <param name="WarmupSeconds">Wall time of warm-up, or NaN when the file does not give it.</param>
/// <param name="SamplingSeconds">Wall time of sampling, or NaN when the file does not give it.</param>
/// <param name="TotalSeconds">Total wall time, or NaN when the file does not give it.</param>
public sealed record StanCsvTiming(double WarmupSeconds, double SamplingSeconds, double TotalSeconds)
{
    /// <summary>Timing with total = warm-up + sampling, as CmdStan writes it.</summary>
    /// <param name="warmupSeconds">Warm-up wall time in seconds. Range: ≥ 0.</param>
    /// <param name="samplingSeconds">Sampling wall time in seconds. Range: ≥ 0.</param>
    public static StanCsvTiming FromPhases(double warmupSeconds, double samplingSeconds) =>
        new(warmupSeconds, samplingSeconds, warmupSeconds + samplingSeconds);
}
