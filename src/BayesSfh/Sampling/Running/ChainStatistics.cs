namespace BayesSfh.Sampling.Running;

/// <summary>Cost and trouble counts of one chain.</summary>
/// <param name="WarmupTime">Wall time of initialisation and warm-up (CmdStan's "Elapsed Time … (Warm-up)").</param>
/// <param name="SamplingTime">Wall time of sampling.</param>
/// <param name="WarmupGradientEvaluations">Log-density-and-gradient evaluations during initialisation, step-size searches and warm-up transitions.</param>
/// <param name="SamplingGradientEvaluations">Evaluations during sampling (= Σ n_leapfrog__ of the sampling draws).</param>
/// <param name="WarmupDivergences">Divergent warm-up transitions.</param>
/// <param name="SamplingDivergences">Divergent sampling transitions (each one is a warning about the draws).</param>
public sealed record ChainStatistics(
    TimeSpan WarmupTime,
    TimeSpan SamplingTime,
    long WarmupGradientEvaluations,
    long SamplingGradientEvaluations,
    int WarmupDivergences,
    int SamplingDivergences);
