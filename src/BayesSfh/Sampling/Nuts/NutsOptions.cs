namespace BayesSfh.Sampling.Nuts;

/// <summary>
/// Settings of the No-U-Turn sampler transition (Hoffman &amp; Gelman 2014; Betancourt 2017 §A; Stan ≥ 2.21
/// <c>base_nuts.hpp</c>). Immutable; <see cref="Validate"/> checks it.
/// </summary>
public sealed record NutsOptions
{
    /// <summary>
    /// Maximum tree depth: at most 2^depth − 1 leapfrog steps in a completed trajectory, 2^(depth+1) − 1 counting
    /// a rejected last subtree. Default 10 (Stan services default). Range 1 … 30.
    /// </summary>
    public int MaxTreeDepth { get; init; } = 10;

    /// <summary>
    /// Divergence threshold ΔH_max: a leapfrog state with H − H₀ &gt; ΔH_max ends the trajectory as divergent.
    /// Default 1000 (Stan <c>max_deltaH_</c>), in units of log density. Must be positive (+∞ disables it, but then only
    /// non-finite energies are flagged).
    /// </summary>
    public double MaxEnergyError { get; init; } = 1000.0;

    /// <summary>
    /// Step-size jitter j: each transition uses ε·(1 + j·(2u − 1)), u ~ U(0, 1) (Stan <c>stepsize_jitter</c>).
    /// Default 0 (no jitter, no random number consumed). Range 0 ≤ j &lt; 1.
    /// </summary>
    public double StepSizeJitter { get; init; }

    /// <summary>Checks the options and returns them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range (NaN included).</exception>
    public NutsOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTreeDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxTreeDepth, 30);
        if (!(MaxEnergyError > 0)) throw new ArgumentOutOfRangeException(nameof(MaxEnergyError), MaxEnergyError, "Must be positive.");
        if (!(StepSizeJitter >= 0 && StepSizeJitter < 1)) throw new ArgumentOutOfRangeException(nameof(StepSizeJitter), StepSizeJitter, "Must be in [0, 1).");
        return this;
    }
}
