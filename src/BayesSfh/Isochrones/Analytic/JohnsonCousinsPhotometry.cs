namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// Approximate Johnson–Cousins U, B, V, R, I absolute magnitudes from (L, Teff) without external tables, for the
/// built-in isochrones. Accuracy is that of a demo: ≲0.05 mag in V and ≈0.05–0.1 mag in B−V for FGK stars, worse
/// for M stars, hot stars and in U (see docs/builtin-isochrones.md).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>V = M_bol − BC_V with M_bol = 4.73 − 2.5 log10(L/L☉) and BC_V from Flower (1996) with the corrected
/// coefficients of Torres (2010, AJ 140, 1158, Table 1), evaluated with log Teff clamped to [3.45, 4.9].</item>
/// <item>B − V from the inverse of Ballesteros (2012, EPL 97, 34008):
/// Teff = 4600 K [1/(0.92(B−V) + 1.7) + 1/(0.92(B−V) + 0.62)].</item>
/// <item>U − B, V − R, V − I from blackbody synthetic photometry through Gaussian passbands (centre/FWHM Å: U 3600/640,
/// B 4380/940, V 5450/880, R 6410/1380, I 7980/1490; photon counting), zero point a 9550 K blackbody (Vega-like, all
/// colours 0). Below 9550 K each blackbody colour is multiplied by one factor fixed so the Sun (5772 K) has
/// U−B = 0.16, V−R = 0.36, V−I = 0.70 (observed solar colours, e.g. Ramírez et al. 2012), a crude line-blanketing
/// correction.</item>
/// </list>
/// Colours are tabulated once on a log Teff grid (3.3–5.0, step 0.001) and linearly interpolated; Teff outside the
/// grid is clamped. Non-finite inputs give NaN.
/// </remarks>
public static class JohnsonCousinsPhotometry
{
    /// <summary>Filter names in output order.</summary>
    public static IReadOnlyList<string> FilterNames { get; } = ["U", "B", "V", "R", "I"];

    /// <summary>Solar absolute bolometric magnitude on the Torres (2010) scale.</summary>
    public const double SolarBolometricMagnitude = 4.73;

    /// <summary>Temperature of the zero-point blackbody (colours 0), K.</summary>
    public const double ZeroPointTemperature = 9550.0;

    private const double GridMin = 3.3, GridMax = 5.0, GridStep = 0.001;
    private static readonly (double Centre, double Fwhm)[] Passbands = [(3600, 640), (4380, 940), (5450, 880), (6410, 1380), (7980, 1490)];
    private static readonly double[] SolarTargets = [0.16, 0.36, 0.70]; // U−B, V−R, V−I
    private static readonly double[][] ColourTable = BuildTable(); // [point][U−B, V−R, V−I]

    /// <summary>
    /// BC_V(log Teff) = Σ c_k (log Teff)^k, Flower (1996) with Torres (2010) Table 1 coefficients; three branches split at
    /// log Teff = 3.70 and 3.90. log Teff is clamped to [3.45, 4.9] (the cool branch diverges below ~3000 K).
    /// </summary>
    public static double BolometricCorrectionV(double logTeff)
    {
        if (double.IsNaN(logTeff)) return double.NaN;
        double t = Math.Clamp(logTeff, 3.45, 4.9);
        ReadOnlySpan<double> c = t < 3.70
            ? [-0.190537291496456e5, 0.155144866764412e5, -0.421278819301717e4, 0.381476328422343e3]
            : t < 3.90
                ? [-0.370510203809015e5, 0.385672629965804e5, -0.150651486316025e5, 0.261724637119416e4, -0.170623810323864e3]
                : [-0.118115450538963e6, 0.137145973583929e6, -0.636233812100225e5, 0.147412923562646e5, -0.170587278406872e4, 0.788731721804990e2];
        double sum = 0;
        for (int k = c.Length - 1; k >= 0; k--) sum = sum * t + c[k];
        return sum;
    }

    /// <summary>B − V from the inverse of the Ballesteros (2012) relation (positive root of its quadratic), Teff in K.</summary>
    public static double BMinusV(double teff)
    {
        double k = teff / 4600.0;
        // k (x + 1.7)(x + 0.62) = 2x + 2.32 with x = 0.92 (B − V).
        double bq = 2.32 * k - 2, cq = 1.054 * k - 2.32;
        double x = (-bq + Math.Sqrt(bq * bq - 4 * k * cq)) / (2 * k);
        return x / 0.92;
    }

    /// <summary>
    /// Writes U, B, V, R, I absolute magnitudes (order of <see cref="FilterNames"/>) of a star with log10(L/L☉)
    /// <paramref name="logL"/> and log10(Teff/K) <paramref name="logTeff"/> into <paramref name="destination"/> (length ≥ 5).
    /// </summary>
    public static void AbsoluteMagnitudes(double logL, double logTeff, Span<double> destination)
    {
        if (destination.Length < 5) throw new ArgumentException("Destination needs 5 elements (U, B, V, R, I).", nameof(destination));
        double v = SolarBolometricMagnitude - 2.5 * logL - BolometricCorrectionV(logTeff);
        double position = (Math.Clamp(logTeff, GridMin, GridMax) - GridMin) / GridStep;
        int i = Math.Min((int)position, ColourTable.Length - 2);
        double w = position - i;
        double ub = Lerp(ColourTable[i][0], ColourTable[i + 1][0], w);
        double vr = Lerp(ColourTable[i][1], ColourTable[i + 1][1], w);
        double vi = Lerp(ColourTable[i][2], ColourTable[i + 1][2], w);
        double b = v + BMinusV(Math.Pow(10, logTeff));
        destination[0] = b + ub;
        destination[1] = b;
        destination[2] = v;
        destination[3] = v - vr;
        destination[4] = v - vi;
    }

    private static double Lerp(double a, double b, double w) => a + (b - a) * w;

    private static double[][] BuildTable()
    {
        var zero = new double[5];
        for (int f = 0; f < 5; f++) zero[f] = BandFlux(ZeroPointTemperature, f);
        double[] Raw(double teff)
        {
            var m = new double[5];
            for (int f = 0; f < 5; f++) m[f] = -2.5 * Math.Log10(BandFlux(teff, f) / zero[f]);
            return [m[0] - m[1], m[2] - m[3], m[2] - m[4]];
        }
        var solar = Raw(StellarState.SolarEffectiveTemperature);
        int n = (int)Math.Round((GridMax - GridMin) / GridStep) + 1;
        var table = new double[n][];
        for (int i = 0; i < n; i++)
        {
            double teff = Math.Pow(10, GridMin + i * GridStep);
            var colours = Raw(teff);
            if (teff < ZeroPointTemperature)
                for (int c = 0; c < 3; c++) colours[c] *= SolarTargets[c] / solar[c];
            table[i] = colours;
        }
        return table;
    }

    // Photon-counting band flux of a blackbody, ∫ B_λ(T) S(λ) λ dλ with a Gaussian S, midpoint rule over ±4σ.
    private static double BandFlux(double teff, int filter)
    {
        const int steps = 160;
        const double c2 = 1.438777e8; // hc/k in Å K
        var (centre, fwhm) = Passbands[filter];
        double sigma = fwhm / 2.354820045, lo = centre - 4 * sigma, h = 8 * sigma / steps, sum = 0;
        for (int i = 0; i < steps; i++)
        {
            double lambda = lo + (i + 0.5) * h, u = (lambda - centre) / sigma;
            double planck = 1.0 / (Math.Pow(lambda, 5) * double.ExpM1(c2 / (lambda * teff)));
            sum += planck * Math.Exp(-0.5 * u * u) * lambda;
        }
        return sum * h;
    }
}
