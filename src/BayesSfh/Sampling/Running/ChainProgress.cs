namespace BayesSfh.Sampling.Running;

/// <summary>A progress report of one chain (for progress bars); reported from the chain's worker thread.</summary>
/// <param name="ChainId">0-based chain id.</param>
/// <param name="Phase">Current phase.</param>
/// <param name="Iteration">Iterations completed in this phase (1 … <paramref name="PhaseIterations"/>).</param>
/// <param name="PhaseIterations">Total iterations of this phase.</param>
/// <param name="WarmupDivergences">Divergent transitions during warm-up so far.</param>
/// <param name="SamplingDivergences">Divergent transitions during sampling so far.</param>
public readonly record struct ChainProgress(int ChainId, SamplingPhase Phase, int Iteration, int PhaseIterations, int WarmupDivergences, int SamplingDivergences);
