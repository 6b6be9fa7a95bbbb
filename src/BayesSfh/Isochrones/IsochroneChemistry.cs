namespace BayesSfh.Isochrones;

/// <summary>
/// The [M/H] ↔ Z conversion of one isochrone library: helium Y = Y_p + γ Z, hydrogen X = 1 − Y − Z and
/// [M/H] = log10(Z/X) − log10((Z/X)☉); inverted as Z = (1 − Y_p) q / (1 + (1 + γ) q) with q = 10^[M/H] (Z/X)☉.
/// Each library's constants are checked against its own files in the tests (see the instances).
/// </summary>
/// <param name="Library">Library name for messages.</param>
/// <param name="PrimordialHelium">Y_p.</param>
/// <param name="HeliumToMetalRatio">γ = ΔY/ΔZ.</param>
/// <param name="SolarZOverX">(Z/X)☉ that defines [M/H] = 0.</param>
public sealed record IsochroneChemistry(string Library, double PrimordialHelium, double HeliumToMetalRatio, double SolarZOverX)
{
    /// <summary>
    /// MIST v1.2 (Choi et al. 2016, §3.1): protosolar Asplund et al. (2009) X☉ = 0.7155 (1 − Y☉ − Z☉), Y☉ = 0.2703,
    /// Z☉ = 0.0142, Y_p = 0.249 so γ = (0.2703 − 0.249)/0.0142 = 1.5. Reproduces the headers' Zinit/Yinit to 6 digits
    /// ([Fe/H] = −1.35 → Z = 6.64289·10⁻⁴; 0 → 0.0142; +0.25 → 0.0243555). MIST is scaled-solar, so [M/H] = [Fe/H].
    /// </summary>
    public static IsochroneChemistry Mist { get; } = new("MIST", 0.249, (0.2703 - 0.249) / 0.0142, 0.0142 / (1 - 0.2703 - 0.0142));

    /// <summary>
    /// PARSEC v1.2S as printed by CMD 3.x: Y = 0.2485 + 1.78 Z and (Z/X)☉ = 0.0207 (Bressan et al. 2012; Z☉ = 0.0152).
    /// Reproduces the files' <c>MH</c> column from <c>Zini</c> to 10⁻⁵ dex for all nine Z in the reference files. Note
    /// that 0.0152 with the Y law would give (Z/X)☉ = 0.02143 (0.015 dex different): CMD uses 0.0207, and so do we.
    /// </summary>
    public static IsochroneChemistry Parsec { get; } = new("PARSEC", 0.2485, 1.78, 0.0207);

    /// <summary>
    /// BaSTI-IAC (Hidalgo et al. 2018): Y = 0.247 + 1.31 Z and the Caffau et al. (2011) photospheric (Z/X)☉ = 0.0209.
    /// Reproduces the header <c>[M/H] = −0.080, Z = 0.0125800, Y = 0.26350000</c> to 3·10⁻⁴ dex and 4·10⁻⁴ relative.
    /// </summary>
    public static IsochroneChemistry Basti { get; } = new("BaSTI-IAC", 0.247, 1.31, 0.0209);

    /// <summary>The chemistry of a file format (<see cref="IsochroneFormat.Auto"/> has none).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The format is <see cref="IsochroneFormat.Auto"/> or unknown.</exception>
    public static IsochroneChemistry For(IsochroneFormat format) => format switch
    {
        IsochroneFormat.Mist => Mist,
        IsochroneFormat.Parsec => Parsec,
        IsochroneFormat.Basti => Basti,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Only a concrete library format has a chemistry."),
    };

    /// <summary>Helium mass fraction Y = Y_p + γ Z.</summary>
    public double Helium(double z) => PrimordialHelium + HeliumToMetalRatio * z;

    /// <summary>[M/H] of metal mass fraction <paramref name="z"/>; NaN unless 0 &lt; Z and X &gt; 0.</summary>
    public double MHFromZ(double z)
    {
        double x = 1 - Helium(z) - z;
        if (!(z > 0) || !(x > 0)) return double.NaN;
        return Math.Log10(z / x) - Math.Log10(SolarZOverX);
    }

    /// <summary>Metal mass fraction Z of <paramref name="mh"/> (inverse of <see cref="MHFromZ"/>); NaN for NaN.</summary>
    public double ZFromMH(double mh)
    {
        double q = Math.Pow(10, mh) * SolarZOverX;
        return (1 - PrimordialHelium) * q / (1 + (1 + HeliumToMetalRatio) * q);
    }
}
