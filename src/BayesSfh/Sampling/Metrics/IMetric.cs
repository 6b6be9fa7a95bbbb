using BayesSfh.Randomness;

namespace BayesSfh.Sampling.Metrics;

/// <summary>
/// A Euclidean metric for Hamiltonian Monte Carlo, given by its inverse M⁻¹ (what Stan prints and reads as
/// <c>inv_metric</c>; ideally the posterior covariance). Kinetic energy T(p) = ½ pᵀM⁻¹p, momentum p ~ N(0, M),
/// velocity p♯ = ∂T/∂p = M⁻¹p (Betancourt 2017, "A Conceptual Introduction to Hamiltonian Monte Carlo", §4.2;
/// Stan Reference Manual, "Hamiltonian Monte Carlo").
/// </summary>
/// <remarks>
/// Implementations are immutable and thread-safe: every derived quantity (square roots, Cholesky factor) is computed
/// once in the constructor, so a metric is recomputed only when adaptation builds a new one. No method allocates.
/// Units: M⁻¹ has the units of θ², p the units of 1/θ.
/// </remarks>
public interface IMetric
{
    /// <summary>Dimension d of the parameter space.</summary>
    int Dimension { get; }

    /// <summary>Which family this metric belongs to.</summary>
    MetricKind Kind { get; }

    /// <summary>Draws a momentum p ~ N(0, M) into <paramref name="momentum"/>, consuming d standard normals from <paramref name="random"/>.</summary>
    /// <param name="random">The chain's generator (consumed in coordinate order).</param>
    /// <param name="momentum">Destination of length d.</param>
    /// <exception cref="ArgumentException">The destination length differs from <see cref="Dimension"/>.</exception>
    void SampleMomentum(Xoshiro256StarStar random, Span<double> momentum);

    /// <summary>Computes the velocity p♯ = M⁻¹p (Stan <c>dtau_dp</c>).</summary>
    /// <param name="momentum">p, length d.</param>
    /// <param name="velocity">Destination p♯, length d; may be the same span as <paramref name="momentum"/> only for unit and diagonal metrics.</param>
    /// <remarks>NaN or ±∞ in p propagate to p♯ (IEEE arithmetic); nothing throws.</remarks>
    /// <exception cref="ArgumentException">A span length differs from <see cref="Dimension"/>.</exception>
    void MultiplyByInverseMetric(ReadOnlySpan<double> momentum, Span<double> velocity);

    /// <summary>
    /// The inverse metric as a new array: d entries (the diagonal) for unit and diagonal metrics, d² entries
    /// (row-major, symmetric) for a dense metric — the layout of CmdStan's adaptation block.
    /// </summary>
    double[] ToInverseMetricArray();
}
