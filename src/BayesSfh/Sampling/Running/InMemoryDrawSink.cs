using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Nuts;

namespace BayesSfh.Sampling.Running;

/// <summary>
/// Keeps one chain's draws in preallocated arrays: sampling draws always, warm-up draws if a capacity was given.
/// <see cref="Write"/> allocates nothing.
/// </summary>
public sealed class InMemoryDrawSink : IDrawSink
{
    private readonly double[] _draws, _warmupDraws;
    private readonly NutsInfo[] _infos, _warmupInfos;

    /// <summary>Creates a sink for dimension <paramref name="dimension"/>.</summary>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="samplingIterations">Number of sampling draws to keep (≥ 0).</param>
    /// <param name="warmupIterations">Number of warm-up draws to keep (0 = discard warm-up).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public InMemoryDrawSink(int dimension, int samplingIterations, int warmupIterations = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(samplingIterations);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupIterations);
        Dimension = dimension;
        _draws = new double[checked(dimension * samplingIterations)];
        _infos = new NutsInfo[samplingIterations];
        _warmupDraws = new double[checked(dimension * warmupIterations)];
        _warmupInfos = new NutsInfo[warmupIterations];
    }

    /// <summary>Dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Sampling draws, row-major [iteration × d].</summary>
    public double[] Draws => _draws;

    /// <summary>Sampler columns of each sampling draw.</summary>
    public NutsInfo[] Infos => _infos;

    /// <summary>Kept warm-up draws, row-major [iteration × d] (empty when warm-up is discarded).</summary>
    public double[] WarmupDraws => _warmupDraws;

    /// <summary>Sampler columns of the kept warm-up draws.</summary>
    public NutsInfo[] WarmupInfos => _warmupInfos;

    /// <summary>The adaptation reported, or null before warm-up ends.</summary>
    public AdaptationResult? Adaptation { get; private set; }

    /// <summary>The statistics reported, or null before the chain completes.</summary>
    public ChainStatistics? Statistics { get; private set; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">A sampling iteration beyond the capacity.</exception>
    public void Write(int iteration, bool isWarmup, in NutsInfo info, ReadOnlySpan<double> position)
    {
        if (isWarmup)
        {
            if ((uint)iteration >= (uint)_warmupInfos.Length) return; // warm-up not kept
            _warmupInfos[iteration] = info;
            position.CopyTo(_warmupDraws.AsSpan(iteration * Dimension, Dimension));
            return;
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)iteration, (uint)_infos.Length, nameof(iteration));
        _infos[iteration] = info;
        position.CopyTo(_draws.AsSpan(iteration * Dimension, Dimension));
    }

    /// <inheritdoc/>
    public void AdaptationComplete(AdaptationResult adaptation) => Adaptation = adaptation;

    /// <inheritdoc/>
    public void Complete(ChainStatistics statistics) => Statistics = statistics;
}
