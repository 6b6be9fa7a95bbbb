using BayesSfh.Diagnostics;

namespace BayesSfh.Tests.Sampling.Statistical;

/// <summary>
/// Shorthands over the project's <see cref="BayesSfh.Diagnostics"/> (posterior-exact R̂, ESS, MCSE, E-BFMI) for chains
/// given as one array per chain.
/// </summary>
internal static class ChainSummaries
{
    public static double Mean(IReadOnlyList<double[]> chains) => SampleStatistics.Mean(DrawsMatrix.FromChains(chains).Values);

    /// <summary>Pooled sample variance (denominator N − 1).</summary>
    public static double Variance(IReadOnlyList<double[]> chains) => SampleStatistics.Variance(DrawsMatrix.FromChains(chains).Values);

    /// <summary>Rank-normalised split R̂, max of bulk and folded (posterior <c>rhat</c>).</summary>
    public static double Rhat(IReadOnlyList<double[]> chains) => BayesSfh.Diagnostics.Rhat.RankNormalized(DrawsMatrix.FromChains(chains));

    /// <summary>ESS of the mean on split chains (posterior <c>ess_mean</c>, the ESS of <c>mcse_mean</c>).</summary>
    public static double EssMean(IReadOnlyList<double[]> chains) => Ess.Mean(DrawsMatrix.FromChains(chains));

    /// <summary>Bulk ESS (posterior <c>ess_bulk</c>).</summary>
    public static double EssBulk(IReadOnlyList<double[]> chains) => Ess.Bulk(DrawsMatrix.FromChains(chains));

    /// <summary>MCSE of the mean (posterior <c>mcse_mean</c>).</summary>
    public static double McseMean(IReadOnlyList<double[]> chains) => Mcse.Mean(DrawsMatrix.FromChains(chains));

    /// <summary>E-BFMI of one chain's energies.</summary>
    public static double Ebfmi(double[] energy) => SamplerDiagnostics.Ebfmi(energy);
}
