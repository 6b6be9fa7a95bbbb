using System.Numerics.Tensors;
using BayesSfh.Randomness;
using BayesSfh.Sampling.Metrics;

namespace BayesSfh.Sampling.Hamiltonian;

/// <summary>
/// A point z = (q, p) of phase space with what the integrator caches there: the log density log π(q), its gradient,
/// and the velocity p♯ = M⁻¹p. Owned, mutable buffers belonging to one chain (never shared across threads).
/// </summary>
/// <remarks>Hamiltonian H(q, p) = V(q) + T(p) with V = −log π(q) and T = ½ p·p♯ (Betancourt 2017 §4; Neal 2011 §5.2).</remarks>
public sealed class PhasePoint
{
    /// <summary>Allocates a point of dimension <paramref name="dimension"/>, all zero, with log density −∞.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> &lt; 1.</exception>
    public PhasePoint(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Position = new double[dimension];
        Momentum = new double[dimension];
        Velocity = new double[dimension];
        Gradient = new double[dimension];
        LogDensity = double.NegativeInfinity;
    }

    /// <summary>Dimension d.</summary>
    public int Dimension => Position.Length;

    /// <summary>Position q (unconstrained parameters θ).</summary>
    public double[] Position { get; }

    /// <summary>Momentum p.</summary>
    public double[] Momentum { get; }

    /// <summary>Velocity p♯ = M⁻¹p, kept consistent with <see cref="Momentum"/> by the integrator.</summary>
    public double[] Velocity { get; }

    /// <summary>∇log π(q) (note the sign: Stan stores −∇log π).</summary>
    public double[] Gradient { get; }

    /// <summary>log π(q); −∞ where the density cannot be evaluated.</summary>
    public double LogDensity { get; set; }

    /// <summary>Kinetic energy T = ½ p·p♯ (dimensionless, like log π).</summary>
    public double KineticEnergy => 0.5 * TensorPrimitives.Dot(Momentum, Velocity);

    /// <summary>H = −log π(q) + ½ p·p♯; NaN is mapped to +∞ so that it counts as a divergence (Stan <c>base_nuts.hpp</c>).</summary>
    public double Hamiltonian
    {
        get
        {
            double h = -LogDensity + KineticEnergy;
            return double.IsNaN(h) ? double.PositiveInfinity : h;
        }
    }

    /// <summary>Draws a fresh momentum p ~ N(0, M) and updates the velocity p♯ = M⁻¹p.</summary>
    /// <param name="random">The chain's generator.</param>
    /// <param name="metric">The metric, of dimension <see cref="Dimension"/>.</param>
    public void ResampleMomentum(Xoshiro256StarStar random, IMetric metric)
    {
        metric.SampleMomentum(random, Momentum);
        metric.MultiplyByInverseMetric(Momentum, Velocity);
    }

    /// <summary>Copies every buffer and the log density of <paramref name="source"/> into this point.</summary>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    public void CopyFrom(PhasePoint source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Dimension != Dimension) throw new ArgumentException("Phase points of different dimensions.", nameof(source));
        source.Position.CopyTo(Position, 0);
        source.Momentum.CopyTo(Momentum, 0);
        source.Velocity.CopyTo(Velocity, 0);
        source.Gradient.CopyTo(Gradient, 0);
        LogDensity = source.LogDensity;
    }
}
