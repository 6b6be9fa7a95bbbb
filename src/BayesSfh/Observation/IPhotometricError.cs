namespace BayesSfh.Observation;

/// <summary>
/// A photometric error model: the standard deviation σ(m) (mag) of the Gaussian measurement error of a star of true
/// apparent magnitude m in one filter. Implementations are immutable and thread-safe.
/// </summary>
public interface IPhotometricError
{
    /// <summary>σ(m) in mag, finite and ≥ 0 for finite m; NaN for NaN m.</summary>
    double Sigma(double magnitude);

    /// <summary>
    /// Bias b(m) = E[m_observed − m_true] in mag (usually ≤ 0 near the limit, from blending); the observed magnitude is
    /// m + b(m) + σ(m)·N(0, 1). Zero unless the model says otherwise; NaN for NaN m.
    /// </summary>
    double Bias(double magnitude) => double.IsNaN(magnitude) ? double.NaN : 0.0;
}

/// <summary>The same error σ (mag) at every magnitude; σ = 0 means noiseless photometry.</summary>
public sealed record ConstantPhotometricError : IPhotometricError
{
    /// <summary>Creates the model.</summary>
    /// <exception cref="ArgumentException">σ negative or not finite.</exception>
    public ConstantPhotometricError(double sigma)
    {
        if (!(sigma >= 0) || !double.IsFinite(sigma))
            throw new ArgumentException($"The photometric error must be finite and ≥ 0 mag (got {sigma}).", nameof(sigma));
        Value = sigma;
    }

    /// <summary>Noiseless photometry (σ = 0).</summary>
    public static ConstantPhotometricError None { get; } = new(0);

    /// <summary>σ in mag.</summary>
    public double Value { get; }

    /// <inheritdoc/>
    public double Sigma(double magnitude) => double.IsNaN(magnitude) ? double.NaN : Value;
}

/// <summary>
/// Exponential error law σ(m) = a^{b (m − c)} + d (mag), the form of <c>exp_photerr</c> in StarFormationHistories.jl;
/// values reported there for some HST data are a = 1.05, b = 10, c = 32, d = 0.01. σ grows with m when a &gt; 1 and
/// b &gt; 0 and tends to the floor d for bright stars. The result is capped at <see cref="MaximumSigma"/> so that very
/// faint magnitudes give a finite σ instead of overflowing.
/// </summary>
public sealed record ExponentialPhotometricError : IPhotometricError
{
    /// <summary>Largest σ returned (mag).</summary>
    public const double MaximumSigma = 1e3;

    /// <summary>Creates the law.</summary>
    /// <param name="a">Base a &gt; 0.</param>
    /// <param name="b">Exponent scale b (finite).</param>
    /// <param name="c">Reference magnitude c (finite).</param>
    /// <param name="d">Floor d ≥ 0 (mag).</param>
    /// <exception cref="ArgumentException">A parameter outside its range; the message names it.</exception>
    public ExponentialPhotometricError(double a, double b, double c, double d)
    {
        if (!(a > 0) || !double.IsFinite(a)) throw new ArgumentException($"a must be finite and > 0 (got {a}).", nameof(a));
        if (!double.IsFinite(b)) throw new ArgumentException($"b must be finite (got {b}).", nameof(b));
        if (!double.IsFinite(c)) throw new ArgumentException($"c must be finite (got {c}).", nameof(c));
        if (!(d >= 0) || !double.IsFinite(d)) throw new ArgumentException($"d must be finite and ≥ 0 mag (got {d}).", nameof(d));
        (A, B, C, D) = (a, b, c, d);
    }

    /// <summary>Base a.</summary>
    public double A { get; }

    /// <summary>Exponent scale b.</summary>
    public double B { get; }

    /// <summary>Reference magnitude c.</summary>
    public double C { get; }

    /// <summary>Floor d (mag).</summary>
    public double D { get; }

    /// <inheritdoc/>
    public double Sigma(double magnitude)
    {
        if (double.IsNaN(magnitude)) return double.NaN;
        double sigma = Math.Exp(B * (magnitude - C) * Math.Log(A)) + D;
        return double.IsNaN(sigma) ? MaximumSigma : Math.Min(sigma, MaximumSigma);
    }
}
