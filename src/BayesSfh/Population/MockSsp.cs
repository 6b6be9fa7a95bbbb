using BayesSfh.Isochrones;

namespace BayesSfh.Population;

/// <summary>One simple stellar population of a mock: its isochrone and the stellar mass formed (M☉, birth mass).</summary>
public sealed record MockSsp
{
    /// <summary>Creates and validates the population.</summary>
    /// <exception cref="ArgumentException">A negative or non-finite mass (names <c>massFormed</c>).</exception>
    public MockSsp(Isochrone isochrone, double massFormed)
    {
        ArgumentNullException.ThrowIfNull(isochrone);
        if (!(massFormed >= 0) || !double.IsFinite(massFormed))
            throw new ArgumentException($"The mass formed must be finite and ≥ 0 M☉ (got {massFormed} for log age {isochrone.LogAge}, [M/H] {isochrone.MH}).", nameof(massFormed));
        (Isochrone, MassFormed) = (isochrone, massFormed);
    }

    /// <summary>The population's isochrone.</summary>
    public Isochrone Isochrone { get; }

    /// <summary>Stellar mass formed, M☉.</summary>
    public double MassFormed { get; }

    /// <summary>
    /// Pairs isochrones with masses formed, e.g. a (log age × [M/H]) grid with r_jk from
    /// <see cref="MockGalaxyMasses.Compute"/> or a fit's coefficients (same order as the isochrones).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ (names <c>masses</c>), or a mass is negative or not finite (names <c>masses</c>, with its index).</exception>
    public static MockSsp[] FromMasses(IReadOnlyList<Isochrone> isochrones, IReadOnlyList<double> masses)
    {
        ArgumentNullException.ThrowIfNull(isochrones);
        ArgumentNullException.ThrowIfNull(masses);
        if (masses.Count != isochrones.Count)
            throw new ArgumentException($"{masses.Count} masses for {isochrones.Count} isochrones.", nameof(masses));
        var result = new MockSsp[isochrones.Count];
        for (int i = 0; i < result.Length; i++)
        {
            double m = masses[i];
            if (!(m >= 0) || !double.IsFinite(m))
                throw new ArgumentException($"Mass {i} (log age {isochrones[i].LogAge}, [M/H] {isochrones[i].MH}) must be finite and ≥ 0 M☉ (got {m}).", nameof(masses));
            result[i] = new MockSsp(isochrones[i], m);
        }
        return result;
    }
}
