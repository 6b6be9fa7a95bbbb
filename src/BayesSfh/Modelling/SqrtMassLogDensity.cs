using BayesSfh.Sampling;

namespace BayesSfh.Modelling;

/// <summary>
/// Prototype: a log density over z with z_j = √R_j for the first J coordinates of an inner density over
/// θ = (ln R_1 … ln R_J, rest…) (θ_j = 2 ln|z_j|; the rest passed through). √R is the variance-stabilising scale of a
/// Poisson rate, so the likelihood curvature is closer to constant than in ln R.
/// </summary>
/// <remarks>
/// ln p_z(z) = ln p_θ(θ(z)) + Σ_j ln|2/z_j| (|∂θ_j/∂z_j| = 2/|z_j|); ∂/∂z_j = (2 g_j − 1)/z_j with g = ∂ln p_θ/∂θ.
/// The map z ↦ R is two-to-one (±z), both halves carry the same measure, and a chain stays in its half (the density,
/// ∝ |z_j| near 0 under a flat prior in R, vanishes at z_j = 0). One instance per chain; allocation-free.
/// </remarks>
public sealed class SqrtMassLogDensity : ILogDensity
{
    private readonly ILogDensity _inner;
    private readonly double[] _theta, _gradient;
    private readonly int _bins;

    /// <summary>Wraps <paramref name="inner"/>, whose first <paramref name="bins"/> coordinates are ln R_j.</summary>
    public SqrtMassLogDensity(ILogDensity inner, int bins)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, inner.Dimension);
        _inner = inner;
        _bins = bins;
        _theta = new double[inner.Dimension];
        _gradient = new double[inner.Dimension];
    }

    /// <inheritdoc/>
    public int Dimension => _inner.Dimension;

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
    {
        if (position.Length != Dimension || gradient.Length != Dimension)
            throw new ArgumentException($"Position and gradient must have {Dimension} elements.");
        double logJacobian = 0;
        for (int j = 0; j < _bins; j++)
        {
            double a = Math.Abs(position[j]);
            if (!(a > 0))
            {
                gradient.Clear();
                return double.NegativeInfinity;
            }
            _theta[j] = 2 * Math.Log(a);
            logJacobian += Math.Log(2 / a);
        }
        for (int i = _bins; i < Dimension; i++) _theta[i] = position[i];
        double value = _inner.ValueAndGradient(_theta, _gradient);
        if (!double.IsFinite(value))
        {
            gradient.Clear();
            return value;
        }
        for (int j = 0; j < _bins; j++) gradient[j] = (2 * _gradient[j] - 1) / position[j];
        for (int i = _bins; i < Dimension; i++) gradient[i] = _gradient[i];
        return value + logJacobian;
    }

    /// <summary>θ(z).</summary>
    public void ToTheta(ReadOnlySpan<double> z, Span<double> theta)
    {
        for (int j = 0; j < _bins; j++) theta[j] = 2 * Math.Log(Math.Abs(z[j]));
        for (int i = _bins; i < Dimension; i++) theta[i] = z[i];
    }

    /// <summary>z(θ) in the positive half.</summary>
    public void ToZ(ReadOnlySpan<double> theta, Span<double> z)
    {
        for (int j = 0; j < _bins; j++) z[j] = Math.Exp(0.5 * theta[j]);
        for (int i = _bins; i < Dimension; i++) z[i] = theta[i];
    }

    /// <summary>∂z/∂θ at θ, row-major d × d (diagonal: z_j/2 for the masses, 1 otherwise).</summary>
    public double[] JacobianZByTheta(ReadOnlySpan<double> theta)
    {
        int d = Dimension;
        var jac = new double[d * d];
        for (int i = 0; i < d; i++) jac[i * d + i] = i < _bins ? 0.5 * Math.Exp(0.5 * theta[i]) : 1;
        return jac;
    }
}
