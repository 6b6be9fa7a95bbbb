using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Nuts;

namespace BayesSfh.Sampling.Running;

/// <summary>The output of one chain. Draws are on the unconstrained scale θ: the caller transforms them.</summary>
/// <param name="ChainId">0-based chain id (its random stream is <c>ForStream(seed, ChainId)</c>).</param>
/// <param name="Dimension">d.</param>
/// <param name="InitialPosition">Where the chain started (length d).</param>
/// <param name="Adaptation">Step size and metric used for sampling.</param>
/// <param name="Statistics">Wall times, gradient evaluations, divergences.</param>
/// <param name="Draws">Sampling draws, row-major [iteration × d]; empty unless <see cref="SamplerRunOptions.KeepDrawsInMemory"/>.</param>
/// <param name="Infos">Sampler columns of each sampling draw; empty unless kept.</param>
/// <param name="WarmupDraws">Warm-up draws, row-major; empty unless <see cref="SamplerRunOptions.KeepWarmupDraws"/>.</param>
/// <param name="WarmupInfos">Sampler columns of the warm-up draws; empty unless kept.</param>
public sealed record ChainResult(
    int ChainId,
    int Dimension,
    double[] InitialPosition,
    AdaptationResult Adaptation,
    ChainStatistics Statistics,
    double[] Draws,
    NutsInfo[] Infos,
    double[] WarmupDraws,
    NutsInfo[] WarmupInfos)
{
    /// <summary>Number of kept sampling draws.</summary>
    public int DrawCount => Infos.Length;

    /// <summary>Sampling draw <paramref name="iteration"/> (length d).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such kept draw.</exception>
    public ReadOnlySpan<double> Draw(int iteration)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)iteration, (uint)Infos.Length, nameof(iteration));
        return Draws.AsSpan(iteration * Dimension, Dimension);
    }

    /// <summary>Coordinate <paramref name="coordinate"/> of every kept sampling draw, as a new array.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such coordinate.</exception>
    public double[] Coordinate(int coordinate)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)coordinate, (uint)Dimension, nameof(coordinate));
        var values = new double[Infos.Length];
        for (int i = 0; i < values.Length; i++) values[i] = Draws[i * Dimension + coordinate];
        return values;
    }
}
