namespace BayesSfh.Sampling.Adaptation;

/// <summary>
/// Parameters of Nesterov dual averaging for the step size (Hoffman &amp; Gelman 2014 §3.2.1, Alg. 5; Stan
/// <c>stepsize_adaptation.hpp</c>, defaults from Stan's services). Immutable; <see cref="Validate"/> checks it.
/// </summary>
public sealed record DualAveragingOptions
{
    /// <summary>Target mean acceptance statistic δ. Default 0.8. Range 0 &lt; δ &lt; 1.</summary>
    public double TargetAcceptance { get; init; } = 0.8;

    /// <summary>Regularisation scale γ (how strongly log ε is shrunk towards μ). Default 0.05. Must be positive.</summary>
    public double Gamma { get; init; } = 0.05;

    /// <summary>Decay exponent κ of the iterate averaging weights t^(−κ). Default 0.75. Range 0.5 &lt; κ ≤ 1.</summary>
    public double Kappa { get; init; } = 0.75;

    /// <summary>Iteration offset t₀ that damps the first updates. Default 10. Must be ≥ 0.</summary>
    public double T0 { get; init; } = 10.0;

    /// <summary>Checks the options and returns them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range (NaN included).</exception>
    public DualAveragingOptions Validate()
    {
        if (!(TargetAcceptance > 0 && TargetAcceptance < 1)) throw new ArgumentOutOfRangeException(nameof(TargetAcceptance), TargetAcceptance, "Must be in (0, 1).");
        if (!(Gamma > 0) || !double.IsFinite(Gamma)) throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "Must be finite and positive.");
        if (!(Kappa > 0.5 && Kappa <= 1)) throw new ArgumentOutOfRangeException(nameof(Kappa), Kappa, "Must be in (0.5, 1].");
        if (!(T0 >= 0) || !double.IsFinite(T0)) throw new ArgumentOutOfRangeException(nameof(T0), T0, "Must be finite and ≥ 0.");
        return this;
    }
}
