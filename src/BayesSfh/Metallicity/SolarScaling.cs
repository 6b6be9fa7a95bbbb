namespace BayesSfh.Metallicity;

/// <summary>
/// Conversions between the metal mass fraction Z and [M/H] = log10(Z/X) − log10(Z☉/X☉), with helium
/// Y = Y_p + γ Z (PARSEC: Y_p = 0.2485, γ = 1.78, Z☉ = 0.01524; as StarFormationHistories.jl's MH_from_Z).
/// </summary>
public static class SolarScaling
{
    /// <summary>Primordial helium mass fraction Y_p.</summary>
    public const double PrimordialHelium = 0.2485;

    /// <summary>Helium enrichment ratio γ = ΔY/ΔZ.</summary>
    public const double HeliumToMetalRatio = 1.78;

    /// <summary>Solar metal mass fraction Z☉.</summary>
    public const double SolarZ = 0.01524;

    private static double HydrogenFraction(double z) => 1 - PrimordialHelium - (1 + HeliumToMetalRatio) * z;

    /// <summary>[M/H] of metal mass fraction <paramref name="z"/>; NaN when Z ≤ 0 or X ≤ 0.</summary>
    public static double MetallicityFromZ(double z)
    {
        double x = HydrogenFraction(z);
        if (!(z > 0) || !(x > 0)) return double.NaN;
        return Math.Log10(z / x) - Math.Log10(SolarZ / HydrogenFraction(SolarZ));
    }

    /// <summary>d[M/H]/dZ = (1/ln 10)(1/Z + (1+γ)/X); NaN outside the physical range.</summary>
    public static double DMetallicityDZ(double z)
    {
        double x = HydrogenFraction(z);
        if (!(z > 0) || !(x > 0)) return double.NaN;
        return (1 / z + (1 + HeliumToMetalRatio) / x) / Math.Log(10);
    }

    /// <summary>Z of a given [M/H] (inverse of <see cref="MetallicityFromZ"/>).</summary>
    public static double ZFromMetallicity(double metallicity)
    {
        double q = Math.Pow(10, metallicity) * SolarZ / HydrogenFraction(SolarZ);
        return q * (1 - PrimordialHelium) / (1 + q * (1 + HeliumToMetalRatio));
    }
}
