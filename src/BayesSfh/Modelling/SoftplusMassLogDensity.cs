using BayesSfh.Sampling;

namespace BayesSfh.Modelling;

/// <summary>
/// A log density over x with R_j = c_j·softplus(x_j) = c_j ln(1 + e^{x_j}) for the first J coordinates of an inner
/// density over θ = (ln R_1 … ln R_J, rest…); the rest is passed through. Linear in R where R_j ≫ c_j (where a Poisson
/// likelihood with many stars is nearly Gaussian in R) and logarithmic where R_j ≪ c_j (a poorly constrained bin near
/// zero), with c_j of the order of the posterior standard deviation of R_j.
/// </summary>
/// <remarks>
/// θ_j = ln c_j + ln softplus(x_j); ∂θ_j/∂x_j = σ(x_j)/softplus(x_j) (σ the logistic function), so
/// ln p_x(x) = ln p_θ(θ(x)) + Σ_j [ln σ(x_j) − ln softplus(x_j)] and
/// ∂/∂x_j = g_j σ/softplus + (1 − σ) − σ/softplus (g = ∂ln p_θ/∂θ). Computed stably for x → ±∞ (as x → −∞,
/// softplus(x) → e^x, θ_j → ln c_j + x_j and the map becomes the log map). One instance per chain; allocation-free.
/// </remarks>
public sealed class SoftplusMassLogDensity : ILogDensity
{
    private readonly ILogDensity _inner;
    private readonly double[] _logScale, _theta, _gradient, _ratio;
    private readonly int _bins;

    /// <summary>Wraps <paramref name="inner"/>, whose first <c>scales.Length</c> coordinates are ln R_j.</summary>
    /// <param name="inner">A density over θ.</param>
    /// <param name="scales">c_j &gt; 0 in the units of R_j.</param>
    public SoftplusMassLogDensity(ILogDensity inner, IReadOnlyList<double> scales)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(scales);
        if (scales.Count < 1 || scales.Count > inner.Dimension) throw new ArgumentException("Need 1 ≤ J ≤ dimension.", nameof(scales));
        if (scales.Any(s => !(s > 0) || !double.IsFinite(s))) throw new ArgumentException("Scales must be positive and finite.", nameof(scales));
        _inner = inner;
        _bins = scales.Count;
        _logScale = [.. scales.Select(s => Math.Log(s))];
        _theta = new double[inner.Dimension];
        _gradient = new double[inner.Dimension];
        _ratio = new double[_bins];
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
            double x = position[j];
            double logSoftplus = LogSoftplus(x);
            double logSigmoid = -Softplus(-x);
            _theta[j] = _logScale[j] + logSoftplus;
            _ratio[j] = Math.Exp(logSigmoid - logSoftplus);
            logJacobian += logSigmoid - logSoftplus;
        }
        for (int i = _bins; i < Dimension; i++) _theta[i] = position[i];
        double value = _inner.ValueAndGradient(_theta, _gradient);
        if (!double.IsFinite(value))
        {
            gradient.Clear();
            return value;
        }
        for (int j = 0; j < _bins; j++)
        {
            double sigmoidOfMinus = Math.Exp(-Softplus(position[j])); // 1 − σ(x)
            gradient[j] = _gradient[j] * _ratio[j] + sigmoidOfMinus - _ratio[j];
        }
        for (int i = _bins; i < Dimension; i++) gradient[i] = _gradient[i];
        return value + logJacobian;
    }

    /// <summary>θ(x).</summary>
    public void ToTheta(ReadOnlySpan<double> x, Span<double> theta)
    {
        for (int j = 0; j < _bins; j++) theta[j] = _logScale[j] + LogSoftplus(x[j]);
        for (int i = _bins; i < Dimension; i++) theta[i] = x[i];
    }

    /// <summary>x(θ): x_j = softplus⁻¹(R_j/c_j) = ln(e^{R_j/c_j} − 1), computed stably.</summary>
    public void ToX(ReadOnlySpan<double> theta, Span<double> x)
    {
        for (int j = 0; j < _bins; j++)
        {
            double y = Math.Exp(theta[j] - _logScale[j]);
            x[j] = y > 30 ? y + Math.Log(-ExpM1(-y)) : Math.Log(ExpM1(y));
        }
        for (int i = _bins; i < Dimension; i++) x[i] = theta[i];
    }

    /// <summary>∂x/∂θ at θ, row-major d × d (diagonal: softplus/σ at x(θ) for the masses, 1 otherwise).</summary>
    public double[] JacobianXByTheta(ReadOnlySpan<double> theta)
    {
        int d = Dimension;
        var x = new double[d];
        ToX(theta, x);
        var jac = new double[d * d];
        for (int i = 0; i < d; i++)
            jac[i * d + i] = i < _bins ? Math.Exp(LogSoftplus(x[i]) + Softplus(-x[i])) : 1;
        return jac;
    }

    /// <summary>ln(1 + e^x) without overflow.</summary>
    internal static double Softplus(double x) => x > 0 ? x + Log1P(Math.Exp(-x)) : Log1P(Math.Exp(x));

    /// <summary>e^y − 1 accurate for small |y| (Kahan's trick).</summary>
    private static double ExpM1(double y)
    {
        double u = Math.Exp(y);
        if (u == 1) return y;
        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * y / Math.Log(u);
    }

    /// <summary>ln(1 + e) accurate for small e ≥ 0 (Goldberg's trick: the rounding of 1 + e cancels).</summary>
    private static double Log1P(double e)
    {
        double w = 1 + e;
        return w == 1 ? e : Math.Log(w) * e / (w - 1);
    }

    /// <summary>ln softplus(x), exact to rounding for x → −∞ (where softplus(x) ≈ e^x underflows).</summary>
    internal static double LogSoftplus(double x) => x < -30 ? x - 0.5 * Math.Exp(x) : Math.Log(Softplus(x));
}
