using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Nuts;

namespace BayesSfh.Sampling.Running;

/// <summary>
/// Receives one chain's output as it is produced (e.g. a CmdStan CSV writer that streams rows). Calls come from the
/// chain's worker thread, in order: <see cref="Write"/> for every warm-up iteration, <see cref="AdaptationComplete"/>
/// once, <see cref="Write"/> for every sampling iteration, <see cref="Complete"/> once. One sink per chain.
/// </summary>
public interface IDrawSink
{
    /// <summary>One transition's result.</summary>
    /// <param name="iteration">0-based index within its phase.</param>
    /// <param name="isWarmup">True during warm-up (a sink decides whether to keep such draws).</param>
    /// <param name="info">The sampler columns.</param>
    /// <param name="position">The draw θ on the unconstrained scale (length d; valid only during the call — copy it).</param>
    void Write(int iteration, bool isWarmup, in NutsInfo info, ReadOnlySpan<double> position);

    /// <summary>Warm-up is over (also called, with the fixed settings, when there is no warm-up).</summary>
    /// <param name="adaptation">Step size and metric used for sampling.</param>
    void AdaptationComplete(AdaptationResult adaptation);

    /// <summary>The chain finished (not called when it failed or was cancelled).</summary>
    /// <param name="statistics">Wall times, gradient counts and divergences.</param>
    void Complete(ChainStatistics statistics);
}
