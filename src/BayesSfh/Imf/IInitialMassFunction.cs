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
}
