using MathNet.Numerics;

namespace BayesSfh.Imf;

/// <summary>
/// One piece of a piecewise IMF on [<see cref="Lower"/>, <see cref="Upper"/>]: an unnormalised density f(m) (stars per M☉)
/// with closed-form number integral ∫ f dm, mass integral ∫ m f dm and inverse of the number integral.
/// </summary>
internal abstract class ImfSegment(double lower, double upper)
{
    public double Lower { get; } = lower;

    public double Upper { get; } = upper;

    /// <summary>Unnormalised dN/dm at <paramref name="mass"/> (no range check).</summary>
    public abstract double Density(double mass);

    /// <summary>∫_a^b f(m) dm for Lower ≤ a ≤ b ≤ Upper.</summary>
    public abstract double NumberIntegral(double a, double b);

    /// <summary>∫_a^b m f(m) dm for Lower ≤ a ≤ b ≤ Upper.</summary>
    public abstract double MassIntegral(double a, double b);

    /// <summary>The mass m in [Lower, Upper] with ∫_Lower^m f dm = <paramref name="target"/> (clamped to the segment).</summary>
    public abstract double InverseNumberIntegral(double target);

    private double _weight = double.NaN;

    /// <summary>Total number integral over the segment (computed once; a benign race recomputes the same value).</summary>
    public double Weight => double.IsNaN(_weight) ? _weight = NumberIntegral(Lower, Upper) : _weight;
}

/// <summary>f(m) = c m^(−α): ∫_a^b = c a^(1−α) expm1((1−α) ln(b/a)) / (1−α), stable at α = 1 (the ln limit).</summary>
internal sealed class PowerLawSegment(double lower, double upper, double coefficient, double slope) : ImfSegment(lower, upper)
{
    public double Coefficient { get; } = coefficient;

    public double Slope { get; } = slope;

    public override double Density(double mass) => Coefficient * Math.Pow(mass, -Slope);

    public override double NumberIntegral(double a, double b) => PowerIntegral(a, b, 1 - Slope);

    public override double MassIntegral(double a, double b) => PowerIntegral(a, b, 2 - Slope);

    public override double InverseNumberIntegral(double target)
    {
        if (!(target > 0)) return Lower;
        double k = 1 - Slope;
        // target = c a^k expm1(k L)/k with L = ln(m/a)  ⇒  L = log1p(k y)/k, y = target / (c a^k).
        double y = target / (Coefficient * Math.Pow(Lower, k));
        double logRatio = k == 0 ? y : PreciseMath.LogOnePlus(k * y) / k;
        double mass = Lower * Math.Exp(logRatio);
        return double.IsNaN(mass) ? Upper : Math.Clamp(mass, Lower, Upper);
    }

    /// <summary>∫_a^b c m^(k−1) dm = c a^k expm1(k ln(b/a)) / k (→ c ln(b/a) as k → 0).</summary>
    private double PowerIntegral(double a, double b, double k)
    {
        if (b <= a) return 0;
        double logRatio = Math.Log(b / a);
        double expm1OverK = k == 0 ? logRatio : PreciseMath.ExpM1(k * logRatio) / k;
        return Coefficient * Math.Pow(a, k) * expm1OverK;
    }
}

/// <summary>
/// f(m) = (c/m) exp(−(ln m − μ)² / (2 s²)) (a lognormal in m with μ, s in natural-log units):
/// ∫_a^b f dm = c s √(π/2) [erf(z_b) − erf(z_a)], z = (ln m − μ)/(s√2);
/// ∫_a^b m f dm = c s √(π/2) e^(μ + s²/2) [erf(z'_b) − erf(z'_a)], z' = (ln m − μ − s²)/(s√2).
/// </summary>
internal sealed class LogNormalSegment(double lower, double upper, double coefficient, double mu, double s) : ImfSegment(lower, upper)
{
    private readonly double _scale = coefficient * s * Math.Sqrt(Math.PI / 2);

    public double Coefficient { get; } = coefficient;

    public double Mu { get; } = mu;

    public double S { get; } = s;

    public override double Density(double mass)
    {
        double u = (Math.Log(mass) - Mu) / S;
        return Coefficient / mass * Math.Exp(-0.5 * u * u);
    }

    public override double NumberIntegral(double a, double b) => b <= a ? 0 : _scale * ErfDifference(Z(a, 0), Z(b, 0));

    public override double MassIntegral(double a, double b) =>
        b <= a ? 0 : _scale * Math.Exp(Mu + S * S / 2) * ErfDifference(Z(a, S * S), Z(b, S * S));

    public override double InverseNumberIntegral(double target)
    {
        if (!(target > 0)) return Lower;
        if (target >= Weight) return Upper;
        // erf(z_m) = erf(z_a) + target/scale; in the upper half use erfc to keep precision near 1.
        double za = Z(Lower, 0), delta = target / _scale;
        double z;
        double erfA = SpecialFunctions.Erf(za);
        if (erfA + delta > 0)
        {
            double complement = (za > 0 ? SpecialFunctions.Erfc(za) : 1 - erfA) - delta;
            z = complement <= 0 ? double.PositiveInfinity : SpecialFunctions.ErfcInv(complement);
        }
        else
        {
            z = SpecialFunctions.ErfInv(erfA + delta);
        }
        double mass = Math.Exp(Mu + S * Math.Sqrt(2) * z);
        mass = double.IsNaN(mass) ? Upper : Math.Clamp(mass, Lower, Upper);
        return Polish(mass, target);
    }

    /// <summary>Safeguarded Newton steps on g(m) = ∫_Lower^m f − target (g' = f), kept inside a shrinking bracket.</summary>
    private double Polish(double mass, double target)
    {
        double lo = Lower, hi = Upper;
        for (int iteration = 0; iteration < 60; iteration++)
        {
            double g = NumberIntegral(Lower, mass) - target;
            if (Math.Abs(g) <= 1e-16 * Weight) break;
            if (g > 0) hi = mass; else lo = mass;
            double next = mass - g / Density(mass);
            if (!(next >= lo && next <= hi)) next = 0.5 * (lo + hi);
            bool converged = Math.Abs(next - mass) <= 4e-16 * mass;
            mass = next;
            if (converged) break;
        }
        return mass;
    }

    private double Z(double mass, double shift) => (Math.Log(mass) - Mu - shift) / (S * Math.Sqrt(2));

    /// <summary>erf(z2) − erf(z1) for z1 ≤ z2, through erfc when both lie in one tail to avoid cancellation.</summary>
    internal static double ErfDifference(double z1, double z2)
    {
        if (z1 >= 0) return SpecialFunctions.Erfc(z1) - SpecialFunctions.Erfc(z2);
        if (z2 <= 0) return SpecialFunctions.Erfc(-z2) - SpecialFunctions.Erfc(-z1);
        return SpecialFunctions.Erf(z2) - SpecialFunctions.Erf(z1);
    }
}

/// <summary>
/// exp(x) − 1 and ln(1 + x) accurate to a few ulps for small |x| (Kahan's tricks; Goldberg 1991, "What every computer
/// scientist should know about floating-point arithmetic", Theorem 4). MathNet's Expm1 loses ~8 digits near |x| ≈ 0.01.
/// </summary>
internal static class PreciseMath
{
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) >= 0.5) return Math.Exp(x) - 1;
        double u = Math.Exp(x);
        if (u == 1.0) return x;
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        return um1 * x / Math.Log(u);
    }

    public static double LogOnePlus(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0) return x;
        if (Math.Abs(x) >= 0.5) return Math.Log(u);
        return Math.Log(u) * x / (u - 1.0);
    }
}
