using System.Numerics.Tensors;

namespace BayesSfh.Sampling.Hamiltonian;

/// <summary>
/// Wraps an <see cref="ILogDensity"/> so that a sampler never crashes on a bad point and knows how many gradients
/// it paid for: every failure to evaluate becomes log p = −∞ (potential energy V = +∞), which the sampler then
/// treats as a divergence, as Stan does for a <c>std::domain_error</c> (Stan <c>base_hamiltonian.hpp</c>;
/// Stan Reference Manual, "Divergent transitions").
/// </summary>
/// <remarks>
/// <para>Mapped to −∞ (with the gradient set to zero): a non-finite position (the model is then not called),
/// a returned NaN or ±∞ (+∞ means an improper density), a non-finite gradient (tested through the sum of its
/// elements, so gradients whose finite elements sum past ±1.8e308 also count), and a thrown
/// <see cref="ArithmeticException"/> (overflow, division by zero, not-finite-number: the analogue of a domain error).
/// Every other exception propagates, since it signals a bug rather than a bad region of parameter space.</para>
/// <para>Not thread-safe, like the wrapped density: one instance per chain. Allocation-free.</para>
/// </remarks>
public sealed class GuardedLogDensity : ILogDensity
{
    private readonly ILogDensity _inner;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is below 1.</exception>
    public GuardedLogDensity(ILogDensity inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(inner.Dimension, 1, nameof(inner));
        _inner = inner;
    }

    /// <summary>The wrapped density.</summary>
    public ILogDensity Inner => _inner;

    /// <inheritdoc/>
    public int Dimension => _inner.Dimension;

    /// <summary>How many times the wrapped density was called (each call is one log-density-and-gradient evaluation).</summary>
    public long EvaluationCount { get; private set; }

    /// <summary>Returns log p(<paramref name="position"/>) and writes ∇log p, or returns −∞ with a zero gradient where the density cannot be evaluated.</summary>
    /// <param name="position">θ, length d.</param>
    /// <param name="gradient">Destination for ∇log p, length d.</param>
    /// <returns>A finite log density, or <see cref="double.NegativeInfinity"/>; never NaN or +∞.</returns>
    /// <exception cref="ArgumentException">A span length differs from <see cref="Dimension"/>.</exception>
    public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
    {
        int d = _inner.Dimension;
        if (position.Length != d || gradient.Length != d)
            throw new ArgumentException($"Position and gradient must have {d} elements.");
        if (!double.IsFinite(TensorPrimitives.Sum(position))) return Fail(gradient);
        double value;
        EvaluationCount++;
        try
        {
            value = _inner.ValueAndGradient(position, gradient);
        }
        catch (ArithmeticException)
        {
            return Fail(gradient);
        }
        if (!double.IsFinite(value) || !double.IsFinite(TensorPrimitives.Sum((ReadOnlySpan<double>)gradient))) return Fail(gradient);
        return value;
    }

    private static double Fail(Span<double> gradient)
    {
        gradient.Clear();
        return double.NegativeInfinity;
    }
}
