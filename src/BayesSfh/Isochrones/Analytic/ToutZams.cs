namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// Zero-age main-sequence luminosity and radius from Tout, Pols, Eggleton &amp; Han (1996, MNRAS 281, 257), eqs. 1–3
/// with the coefficients of their Tables 1 and 2. Valid for 0.1 ≤ M/M☉ ≤ 100 and 10⁻⁴ ≤ Z ≤ 0.03 (about 5 % in L and R
/// against the detailed models they fit).
/// </summary>
/// <remarks>
/// Each coefficient is a quartic in x = log10(Z/0.02) (eq. 3). Inputs outside the validity range are not clamped;
/// callers (see <see cref="HurleyStellarModel"/>) check them. Masses ≤ 0 give NaN.
/// </remarks>
public static class ToutZams
{
    // Table 1: rows α, β, γ, δ, ε, ζ, η; columns a..e of eq. 3.
    private static readonly double[,] LuminosityTable =
    {
        { 0.39704170, -0.32913574, 0.34776688, 0.37470851, 0.09011915 },
        { 8.52762600, -24.41225973, 56.43597107, 37.06152575, 5.45624060 },
        { 0.00025546, -0.00123461, -0.00023246, 0.00045519, 0.00016176 },
        { 5.43288900, -8.62157806, 13.44202049, 14.51584135, 3.39793084 },
        { 5.56357900, -10.32345224, 19.44322980, 18.97361347, 4.16903097 },
        { 0.78866060, -2.90870942, 6.54713531, 4.05606657, 0.53287322 },
        { 0.00586685, -0.01704237, 0.03872348, 0.02570041, 0.00383376 },
    };

    // Table 2: rows θ, ι, κ, λ, μ, ν, ξ, ο, π.
    private static readonly double[,] RadiusTable =
    {
        { 1.71535900, 0.62246212, -0.92557761, -1.16996966, -0.30631491 },
        { 6.59778800, -0.42450044, -12.13339427, -10.73509484, -2.51487077 },
        { 10.08855000, -7.11727086, -31.67119479, -24.24848322, -5.33608972 },
        { 1.01249500, 0.32699690, -0.00923418, -0.03876858, -0.00412750 },
        { 0.07490166, 0.02410413, 0.07233664, 0.03040467, 0.00197741 },
        { 0.01077422, 0, 0, 0, 0 },
        { 3.08223400, 0.94472050, -2.15200882, -2.49219496, -0.63848738 },
        { 17.84778000, -7.45345690, -48.96066856, -40.05386135, -9.09331816 },
        { 0.00022582, -0.00186899, 0.00388783, 0.00142402, -0.00007671 },
    };

    /// <summary>Coefficients of eqs. 1 and 2 evaluated at one metallicity.</summary>
    /// <param name="L">α, β, γ, δ, ε, ζ, η of eq. 1.</param>
    /// <param name="R">θ, ι, κ, λ, μ, ν, ξ, ο, π of eq. 2.</param>
    public readonly record struct Coefficients(double[] L, double[] R);

    /// <summary>Evaluates the Table 1/2 coefficients at metal mass fraction <paramref name="z"/> (eq. 3).</summary>
    public static Coefficients At(double z)
    {
        double x = Math.Log10(z / 0.02);
        return new Coefficients(Evaluate(LuminosityTable, x), Evaluate(RadiusTable, x));
    }

    /// <summary>L_ZAMS/L☉ = (α M^5.5 + β M^11) / (γ + M³ + δ M⁵ + ε M⁷ + ζ M⁸ + η M^9.5) (eq. 1), M in M☉.</summary>
    public static double Luminosity(double mass, double z) => Luminosity(mass, At(z));

    /// <summary>R_ZAMS/R☉ = (θ M^2.5 + ι M^6.5 + κ M^11 + λ M^19 + μ M^19.5) / (ν + ξ M² + ο M^8.5 + M^18.5 + π M^19.5) (eq. 2).</summary>
    public static double Radius(double mass, double z) => Radius(mass, At(z));

    /// <summary>Eq. 1 with precomputed coefficients.</summary>
    public static double Luminosity(double mass, in Coefficients c)
    {
        var a = c.L;
        double m = mass, sqrtM = Math.Sqrt(m), m2 = m * m, m3 = m2 * m, m5 = m3 * m2;
        double m7 = m5 * m2, m8 = m7 * m, m11 = m8 * m3;
        return (a[0] * m5 * sqrtM + a[1] * m11) / (a[2] + m3 + a[3] * m5 + a[4] * m7 + a[5] * m8 + a[6] * m8 * m * sqrtM);
    }

    /// <summary>Eq. 2 with precomputed coefficients.</summary>
    public static double Radius(double mass, in Coefficients c)
    {
        var a = c.R;
        double m = mass, sqrtM = Math.Sqrt(m), m2 = m * m, m6 = m2 * m2 * m2, m8 = m6 * m2;
        double m11 = m8 * m2 * m, m18 = m11 * m6 * m, m19 = m18 * m;
        double numerator = (a[0] * m2 + a[1] * m6) * sqrtM + a[2] * m11 + (a[3] + a[4] * sqrtM) * m19;
        double denominator = a[5] + a[6] * m2 + (a[7] * m8 + m18 + a[8] * m19) * sqrtM;
        return numerator / denominator;
    }

    private static double[] Evaluate(double[,] table, double x)
    {
        var values = new double[table.GetLength(0)];
        for (int i = 0; i < values.Length; i++)
            values[i] = table[i, 0] + x * (table[i, 1] + x * (table[i, 2] + x * (table[i, 3] + x * table[i, 4])));
        return values;
    }
}
