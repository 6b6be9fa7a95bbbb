namespace BayesSfh.Sampling.Metrics;

/// <summary>
/// The family of Euclidean metrics (mass matrices) used by Hamiltonian Monte Carlo; the names follow Stan's
/// <c>unit_e</c>, <c>diag_e</c> and <c>dense_e</c> (Stan Reference Manual, "HMC algorithm parameters"; Betancourt 2017 §4.2).
/// </summary>
public enum MetricKind
{
    /// <summary>M = M⁻¹ = I (Stan <c>unit_e</c>): no metric adaptation.</summary>
    Unit,

    /// <summary>M⁻¹ = diag(σ²) (Stan <c>diag_e</c>, the default): one variance per coordinate.</summary>
    Diagonal,

    /// <summary>M⁻¹ = Σ, a full symmetric positive-definite covariance (Stan <c>dense_e</c>).</summary>
    Dense,
}
