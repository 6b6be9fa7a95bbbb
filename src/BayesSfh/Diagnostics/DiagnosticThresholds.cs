namespace BayesSfh.Diagnostics;

/// <summary>
/// Limits beyond which <see cref="DiagnosticWarnings.Check"/> warns. Defaults: R̂ &gt; 1.01 and bulk or tail ESS &lt; 100 per chain
/// (Vehtari et al. 2021, recommendations; posterior and rstan documentation), E-BFMI &lt; 0.3 (Betancourt 2016; ArviZ, cmdstanr), and any
/// divergence or draw at the maximum tree depth.
/// </summary>
public sealed record DiagnosticThresholds
{
    /// <summary>Warn when R̂ exceeds this. Range: &gt; 1.</summary>
    public double MaxRhat { get; init; } = 1.01;

    /// <summary>Warn when bulk or tail ESS is below this many per chain (i.e. below this × the number of chains). Range: ≥ 0.</summary>
    public double MinEssPerChain { get; init; } = 100;

    /// <summary>Warn when a chain's E-BFMI is below this. Range: ≥ 0.</summary>
    public double MinEbfmi { get; init; } = 0.3;
}
