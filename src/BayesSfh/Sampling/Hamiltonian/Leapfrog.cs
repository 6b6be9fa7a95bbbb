using System.Numerics.Tensors;
using BayesSfh.Sampling.Metrics;

namespace BayesSfh.Sampling.Hamiltonian;

/// <summary>
/// The leapfrog (Störmer–Verlet) integrator of Hamilton's equations for H = −log π(q) + ½ pᵀM⁻¹p: volume preserving,
/// time reversible and symplectic, with energy error O(ε²) over a fixed integration time (Neal 2011, "MCMC using
/// Hamiltonian dynamics", §5.2.3.3; Stan <c>expl_leapfrog.hpp</c>).
/// </summary>
public static class Leapfrog
{
    /// <summary>
    /// Advances <paramref name="point"/> by one step of size <paramref name="stepSize"/>:
    /// p ← p + (ε/2)∇log π(q); q ← q + ε M⁻¹p; evaluate log π and ∇log π at q; p ← p + (ε/2)∇log π(q); p♯ ← M⁻¹p.
    /// One gradient evaluation. A negative ε integrates backwards in time.
    /// </summary>
    /// <param name="density">The guarded target (so a bad point yields log π = −∞, never an exception of the model's arithmetic).</param>
    /// <param name="metric">The metric M⁻¹.</param>
    /// <param name="point">Integrated in place; on entry its gradient and velocity must match its position and momentum.</param>
    /// <param name="stepSize">ε, in units of θ/p (any sign); NaN or ±∞ produce a point with log π = −∞.</param>
    /// <remarks>Allocation-free. The caller detects divergence through <see cref="PhasePoint.Hamiltonian"/>.</remarks>
    public static void Step(GuardedLogDensity density, IMetric metric, PhasePoint point, double stepSize)
    {
        double half = 0.5 * stepSize;
        TensorPrimitives.MultiplyAdd(point.Gradient, half, point.Momentum, point.Momentum);
        metric.MultiplyByInverseMetric(point.Momentum, point.Velocity);
        TensorPrimitives.MultiplyAdd(point.Velocity, stepSize, point.Position, point.Position);
        point.LogDensity = density.ValueAndGradient(point.Position, point.Gradient);
        TensorPrimitives.MultiplyAdd(point.Gradient, half, point.Momentum, point.Momentum);
        metric.MultiplyByInverseMetric(point.Momentum, point.Velocity);
    }
}
