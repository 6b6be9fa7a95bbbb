namespace BayesSfh.Sampling.Adaptation;

/// <summary>
/// Sizes of Stan's windowed warm-up (Stan Reference Manual, "Automatic parameter tuning"; <c>windowed_adaptation.hpp</c>):
/// a fast initial buffer (step size only), slow windows of doubling length that estimate the metric, and a fast
/// terminal buffer. Immutable; <see cref="Validate"/> checks it. Units: iterations.
/// </summary>
public sealed record WindowedAdaptationOptions
{
    /// <summary>Initial fast buffer (Stan <c>init_buffer</c>). Default 75. Must be ≥ 0.</summary>
    public int InitialBuffer { get; init; } = 75;

    /// <summary>Terminal fast buffer (Stan <c>term_buffer</c>). Default 50. Must be ≥ 0.</summary>
    public int TerminalBuffer { get; init; } = 50;

    /// <summary>Length of the first slow window; each next one doubles (Stan <c>window</c>). Default 25. Must be ≥ 2.</summary>
    public int BaseWindow { get; init; } = 25;

    /// <summary>
    /// Below this many warm-up iterations the metric is not estimated, only the step size (Stan's threshold). Default 20.
    /// Must be ≥ 2.
    /// </summary>
    public int MinimumWarmupForMetric { get; init; } = 20;

    /// <summary>Checks the options and returns them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range.</exception>
    public WindowedAdaptationOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(InitialBuffer);
        ArgumentOutOfRangeException.ThrowIfNegative(TerminalBuffer);
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseWindow, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumWarmupForMetric, 2);
        return this;
    }
}
