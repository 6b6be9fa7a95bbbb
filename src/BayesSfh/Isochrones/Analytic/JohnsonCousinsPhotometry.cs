namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// Approximate absolute U, B, V, R, I (Johnson UBV, Cousins RI) magnitudes from log L and log Teff, without spectra:
/// M_V = M_bol,☉ − 2.5 log10(L/L☉) − BC_V with the Flower (1996) bolometric correction as corrected by Torres (2010,
/// AJ 140, 1158, Table 1), and the other bands from the empirical dwarf colour–Teff sequence of Pecaut &amp; Mamajek
/// (2013). Vega system: an A0 V star (≈ 9 700 K) has colours ≈ 0.
/// </summary>
/// <remarks>
/// Flower's cool branch is calibrated on giants; for cool dwarfs it is up to 2 mag too negative (−5.6 instead of −3.6 at
/// 2 930 K). <see cref="BolometricCorrectionV(double, double)"/> therefore blends in the Pecaut &amp; Mamajek dwarf BC_V
/// for cool, high-gravity stars. Accuracy (see docs/builtin-isochrones.md): BC_V within 0.1 mag of the dwarf table for
/// 4 000–33 000 K; colours ≈ 0.05 mag for FGK dwarfs, ≈ 0.1–0.2 mag for cool giants and metal-poor stars (no gravity or
/// metallicity terms in the colours).
/// </remarks>
public static class JohnsonCousinsPhotometry
{
    /// <summary>Solar absolute bolometric magnitude on the scale of the Torres (2010) BC_V: 4.73 (gives M_V,☉ ≈ 4.81).</summary>
    public const double SolarBolometricMagnitude = 4.73;

    /// <summary>The filter names of the built-in photometry, in wavelength order.</summary>
    public static IReadOnlyList<string> Filters { get; } = ["U", "B", "V", "R", "I"];

    /// <summary>log Teff range over which the BC_V polynomial is evaluated; outside it the end value is held.</summary>
    public const double MinBolometricLogTeff = 3.40, MaxBolometricLogTeff = 4.75;

    // Flower (1996) BC_V(log Teff) polynomial, corrected coefficients of Torres (2010) Table 1, constant term first.
    private static readonly double[] CoolBranch =
        [-0.190537291496456e5, 0.155144866764412e5, -0.421278819301717e4, 0.381476328422343e3];

    private static readonly double[] MiddleBranch =
        [-0.370510203809015e5, 0.385672629965804e5, -0.150651486316025e5, 0.261724637119416e4, -0.170623810323864e3];

    private static readonly double[] HotBranch =
        [-0.118115450538963e6, 0.137145973583929e6, -0.636233812100225e5, 0.147412923562646e5, -0.170587278406872e4, 0.788731721804990e2];

    /// <summary>
    /// Bolometric correction BC_V = M_bol − M_V (Flower 1996; Torres 2010 Table 1): a cubic for log Teff &lt; 3.70, a quartic
    /// for 3.70 ≤ log Teff &lt; 3.90 and a quintic above. log Teff is first clamped to
    /// [<see cref="MinBolometricLogTeff"/>, <see cref="MaxBolometricLogTeff"/>] (the polynomials diverge outside).
    /// NaN in, NaN out.
    /// </summary>
    public static double BolometricCorrectionV(double logTeff)
    {
        if (double.IsNaN(logTeff)) return double.NaN;
        double x = Math.Clamp(logTeff, MinBolometricLogTeff, MaxBolometricLogTeff);
        var c = x < 3.70 ? CoolBranch : x < 3.90 ? MiddleBranch : HotBranch;
        double sum = 0;
        for (int k = c.Length - 1; k >= 0; k--) sum = sum * x + c[k];
        return sum;
    }

    /// <summary>
    /// BC_V for a star of log10(Teff/K) and surface gravity log10(g / cm s⁻²) = <paramref name="logGravity"/>: the
    /// Flower–Torres value, replaced for cool dwarfs by the Pecaut &amp; Mamajek dwarf BC_V with weight
    /// w = w_g · w_T, w_g = clamp(log g − 3.5, 0, 1), w_T = clamp((4 400 K − Teff)/500 K, 0, 1). The two agree within 0.07
    /// mag at 4 100–4 900 K, so the blend is smooth. NaN gravity uses the Flower–Torres value.
    /// </summary>
    public static double BolometricCorrectionV(double logTeff, double logGravity)
    {
        double flower = BolometricCorrectionV(logTeff);
        if (double.IsNaN(logGravity) || double.IsNaN(logTeff)) return flower;
        double dwarfWeight = Math.Clamp(logGravity - 3.5, 0, 1) * Math.Clamp((4400 - Math.Pow(10, logTeff)) / 500, 0, 1);
        return dwarfWeight == 0 ? flower : (1 - dwarfWeight) * flower + dwarfWeight * DwarfColourSequence.BolometricCorrectionV(logTeff);
    }

    /// <summary>Intrinsic colours at log10(Teff/K) (Pecaut &amp; Mamajek 2013 dwarf sequence, interpolated in log Teff).</summary>
    public static JohnsonCousinsColours Colours(double logTeff) => DwarfColourSequence.At(logTeff);

    /// <summary>
    /// Absolute V magnitude of a star of log10(L/L☉), log10(Teff/K) and log g (cgs; NaN: Flower–Torres BC only):
    /// M_V = <see cref="SolarBolometricMagnitude"/> − 2.5 log L − BC_V.
    /// </summary>
    public static double AbsoluteV(double logLuminosity, double logTeff, double logGravity = double.NaN) =>
        SolarBolometricMagnitude - 2.5 * logLuminosity - BolometricCorrectionV(logTeff, logGravity);

    /// <summary>Writes the absolute U, B, V, R, I magnitudes (order of <see cref="Filters"/>) into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> shorter than 5.</exception>
    public static void AbsoluteMagnitudes(double logLuminosity, double logTeff, double logGravity, Span<double> destination)
    {
        if (destination.Length < 5) throw new ArgumentException("Need room for U, B, V, R, I.", nameof(destination));
        double v = AbsoluteV(logLuminosity, logTeff, logGravity);
        var colours = Colours(logTeff);
        double b = v + colours.BMinusV;
        destination[0] = b + colours.UMinusB;
        destination[1] = b;
        destination[2] = v;
        destination[3] = v - colours.VMinusR;
        destination[4] = v - colours.VMinusI;
    }
}
