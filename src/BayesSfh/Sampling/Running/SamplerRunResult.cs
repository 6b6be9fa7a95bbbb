using System.Collections.Immutable;

namespace BayesSfh.Sampling.Running;

/// <summary>The output of a multi-chain run, chains in id order.</summary>
/// <param name="Options">The options the run used (seed included).</param>
/// <param name="Chains">One result per chain, index = chain id.</param>
public sealed record SamplerRunResult(SamplerRunOptions Options, ImmutableArray<ChainResult> Chains)
{
    /// <summary>Divergent sampling transitions over all chains (any &gt; 0 deserves a warning).</summary>
    public int SamplingDivergences => Chains.Sum(c => c.Statistics.SamplingDivergences);

    /// <summary>Gradient evaluations over all chains and both phases.</summary>
    public long GradientEvaluations => Chains.Sum(c => c.Statistics.WarmupGradientEvaluations + c.Statistics.SamplingGradientEvaluations);
}
