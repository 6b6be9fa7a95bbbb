using BayesSfh.Randomness;
using MathNet.Numerics.Integration;

namespace BayesSfh.Imf;

/// <summary>
/// An initial mass function as a probability density in initial stellar mass m (M☉), normalised to 1 over
/// [<see cref="MinimumMass"/>, <see cref="MaximumMass"/>]. Implementations are immutable and thread-safe.
/// </summary>
public interface IInitialMassFunction
{
    /// <summary>Lower mass limit in M☉ (pdf is 0 below).</summary>
    double MinimumMass { get; }

    /// <summary>Upper mass limit in M☉ (pdf is 0 above).</summary>
    double MaximumMass { get; }

    /// <summary>dN/dm per star, normalised over the mass limits; 0 outside them.</summary>
    double Density(double mass);

    /// <summary>Fraction of stars with initial mass ≤ <paramref name="mass"/> (0 below the lower limit, 1 above the upper).</summary>
    double CumulativeDistribution(double mass);

    /// <summary>Inverse of <see cref="CumulativeDistribution"/> for p in [0, 1] (used for sampling).</summary>
    double Quantile(double probability);

    /// <summary>Mean initial mass per star in M☉: ∫ m dN/dm dm over the limits.</summary>
    double MeanMass { get; }

    /// <summary>Fraction of stars with initial mass in [a, b] (clamped to the limits).</summary>
    double StarFraction(double lowerMass, double upperMass) =>
        upperMass <= lowerMass ? 0.0 : CumulativeDistribution(upperMass) - CumulativeDistribution(lowerMass);
    /// <summary>
    /// Mass per star in stars of initial mass [a, b]: ∫_a^b m ξ(m) dm in M☉ with ξ normalised per star (clamped to the
    /// limits; 0 when b ≤ a). Over the whole range it is <see cref="MeanMass"/>. The built-in IMFs override this with a
    /// closed form; this default integrates numerically (16-point Gauss–Legendre on 64 log-spaced sub-intervals; relative
    /// accuracy ~1e-7 when the density has kinks, since their positions are not known here).
    /// </summary>
    double MassIntegral(double lowerMass, double upperMass)
    {
        double a = Math.Max(lowerMass, MinimumMass), b = Math.Min(upperMass, MaximumMass);
        if (!(b > a)) return 0;
        const int pieces = 64;
        double logA = Math.Log(a), step = (Math.Log(b) - logA) / pieces, sum = 0;
        for (int i = 0; i < pieces; i++)
        {
            double lo = i == 0 ? a : Math.Exp(logA + i * step), hi = i == pieces - 1 ? b : Math.Exp(logA + (i + 1) * step);
            sum += GaussLegendreRule.Integrate(m => m * Density(m), lo, hi, 16);
        }
        return sum;
    }

    /// <summary>
    /// Stars formed per M☉ formed with initial mass in [a, b]: StarFraction(a, b) / MeanMass (M☉⁻¹). Multiplying a
    /// per-star quantity by this converts it to "per M☉ formed".
    /// </summary>
    double StarsPerSolarMass(double lowerMass, double upperMass) => StarFraction(lowerMass, upperMass) / MeanMass;

    /// <summary>
    /// Fills <paramref name="destination"/> with independent initial masses drawn by inversion, m = Quantile(u), with one
    /// uniform u in [0, 1) from <paramref name="rng"/> per mass.
    /// </summary>
    void Sample(Xoshiro256StarStar rng, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < destination.Length; i++) destination[i] = Quantile(rng.NextDouble());
    }
}
