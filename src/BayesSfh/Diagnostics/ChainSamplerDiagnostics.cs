namespace BayesSfh.Diagnostics;

/// <summary>Sampler checks of one chain (see <see cref="SamplerDiagnostics"/>).</summary>
/// <param name="Chain">1-based position of the chain in the input.</param>
/// <param name="Draws">Number of post-warm-up draws.</param>
/// <param name="Divergences">Divergent transitions, or null without a <c>divergent__</c> column.</param>
/// <param name="AtMaxTreeDepth">Transitions at the maximum tree depth, or null without a <c>treedepth__</c> column.</param>
/// <param name="Ebfmi">E-BFMI (<see cref="SamplerDiagnostics.Ebfmi"/>), NaN without an <c>energy__</c> column.</param>
public sealed record ChainSamplerDiagnostics(int Chain, int Draws, int? Divergences, int? AtMaxTreeDepth, double Ebfmi);
