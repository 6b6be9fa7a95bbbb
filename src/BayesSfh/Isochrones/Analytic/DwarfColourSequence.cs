namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// Intrinsic Johnson–Cousins colours of main-sequence stars against Teff: the mean dwarf sequence of Pecaut &amp; Mamajek
/// (2013, ApJS 208, 9, Table 5) as updated by E. Mamajek ("A Modern Mean Dwarf Stellar Color and Effective Temperature
/// Sequence", version 2024.05.15), O3V … M6V: colours and BC_V. Published values, unchanged; rows without a value for a colour are skipped
/// for that colour.
/// </summary>
/// <remarks>
/// Colours are interpolated linearly in log Teff and held constant beyond the first and last tabulated row of each colour
/// (45 900 K … 2 810 K; V−Rc from 26 000 K, V−Ic from 33 300 K). The sequence is for solar-neighbourhood dwarfs: gravity
/// and metallicity dependences are ignored (see docs/builtin-isochrones.md for the resulting errors on giants and
/// metal-poor stars).
/// </remarks>
internal static class DwarfColourSequence
{
    // (Teff [K], U−B, B−V, V−Rc, V−Ic, BC_V), ordered by decreasing Teff; NaN where the table has no value.
    private static readonly (double Teff, double UB, double BV, double VR, double VI, double BC)[] Rows =
    [
        (45900, -1.175, -0.33, double.NaN, double.NaN, -4.01), // O3V
        (42900, -1.16, -0.326, double.NaN, double.NaN, -3.89), // O4V
        (41400, -1.15, -0.323, double.NaN, double.NaN, -3.76), // O5V
        (40400, -1.145, -0.322, double.NaN, double.NaN, -3.67), // O5.5V
        (39800, -1.14, -0.321, double.NaN, double.NaN, -3.57), // O6V
        (38000, -1.135, -0.319, double.NaN, double.NaN, -3.49), // O6.5V
        (37900, -1.13, -0.318, double.NaN, double.NaN, -3.41), // O7V
        (36100, -1.125, -0.317, double.NaN, double.NaN, -3.33), // O7.5V
        (35100, -1.12, -0.315, double.NaN, double.NaN, -3.24), // O8V
        (34300, -1.115, -0.314, double.NaN, double.NaN, -3.18), // O8.5V
        (33300, -1.11, -0.312, double.NaN, -0.369, -3.11), // O9V
        (31900, -1.09, -0.307, double.NaN, -0.361, -3.01), // O9.5V
        (31400, -1.07, -0.301, double.NaN, -0.355, -2.99), // B0V
        (29000, -1.03, -0.289, double.NaN, -0.338, -2.83), // B0.5V
        (26000, -0.995, -0.278, -0.115, -0.325, -2.58), // B1V
        (24500, -0.91, -0.252, -0.114, -0.281, -2.44), // B1.5V
        (20600, -0.79, -0.215, -0.094, -0.23, -2.03), // B2V
        (18500, -0.732, -0.198, -0.087, -0.21, -1.77), // B2.5V
        (17000, -0.673, -0.178, -0.08, -0.192, -1.54), // B3V
        (16400, -0.619, -0.165, -0.074, -0.176, -1.49), // B4V
        (15700, -0.581, -0.156, -0.07, -0.165, -1.34), // B5V
        (14500, -0.504, -0.14, -0.062, -0.145, -1.13), // B6V
        (14000, -0.459, -0.128, -0.058, -0.133, -1.05), // B7V
        (12300, -0.364, -0.109, -0.048, -0.108, -0.73), // B8V
        (10700, -0.2, -0.07, -0.028, -0.061, -0.42), // B9V
        (10400, -0.13, -0.05, -0.017, -0.035, -0.36), // B9.5V
        (9700, -0.005, 0.0, 0.001, 0.004, -0.21), // A0V
        (9300, 0.033, 0.035, 0.019, 0.044, -0.14), // A1V
        (8840, 0.063, 0.07, 0.042, 0.091, -0.07), // A2V
        (8600, 0.077, 0.1, 0.05, 0.108, -0.04), // A3V
        (8250, 0.097, 0.14, 0.078, 0.164, -0.02), // A4V
        (8100, 0.1, 0.16, 0.089, 0.186, 0.0), // A5V
        (7910, 0.098, 0.185, 0.094, 0.197, 0.005), // A6V
        (7760, 0.091, 0.21, 0.117, 0.242, 0.01), // A7V
        (7590, 0.082, 0.25, 0.14, 0.288, 0.02), // A8V
        (7400, 0.08, 0.27, 0.143, 0.294, 0.02), // A9V
        (7220, 0.053, 0.295, 0.166, 0.339, 0.01), // F0V
        (7020, 0.021, 0.33, 0.19, 0.385, 0.005), // F1V
        (6820, -0.008, 0.37, 0.213, 0.432, -0.005), // F2V
        (6750, -0.016, 0.39, 0.222, 0.449, -0.01), // F3V
        (6670, -0.026, 0.41, 0.236, 0.476, -0.015), // F4V
        (6550, -0.029, 0.44, 0.252, 0.506, -0.02), // F5V
        (6350, -0.021, 0.486, 0.276, 0.553, -0.03), // F6V
        (6280, -0.012, 0.5, 0.29, 0.579, -0.035), // F7V
        (6180, 0.001, 0.53, 0.3, 0.599, -0.04), // F8V
        (6050, 0.014, 0.56, 0.312, 0.62, -0.05), // F9V
        (5990, 0.033, 0.58, 0.323, 0.64, -0.06), // F9.5V
        (5930, 0.057, 0.595, 0.341, 0.673, -0.065), // G0V
        (5860, 0.067, 0.622, 0.34, 0.672, -0.073), // G1V
        (5770, 0.133, 0.65, 0.363, 0.713, -0.085), // G2V
        (5720, 0.152, 0.66, 0.368, 0.722, -0.095), // G3V
        (5680, 0.175, 0.67, 0.374, 0.733, -0.1), // G4V
        (5660, 0.185, 0.68, 0.377, 0.738, -0.105), // G5V
        (5600, 0.227, 0.7, 0.388, 0.758, -0.115), // G6V
        (5550, 0.243, 0.71, 0.393, 0.766, -0.125), // G7V
        (5480, 0.284, 0.73, 0.404, 0.786, -0.14), // G8V
        (5380, 0.358, 0.775, 0.423, 0.82, -0.16), // G9V
        (5290, 0.436, 0.816, 0.443, 0.853, -0.195), // K0V
        (5170, 0.491, 0.857, 0.457, 0.879, -0.23), // K1V
        (5100, 0.581, 0.884, 0.482, 0.92, -0.26), // K2V
        (4870, 0.801, 0.99, 0.56, 1.03, -0.365), // K3V
        (4600, 0.986, 1.09, 0.635, 1.182, -0.52), // K4V
        (4440, 1.081, 1.15, 0.685, 1.272, -0.63), // K5V
        (4300, 1.184, 1.24, 0.759, 1.42, -0.75), // K6V
        (4090, 1.222, 1.34, 0.802, 1.519, -0.93), // K7V
        (3990, 1.216, 1.363, 0.843, 1.632, -1.03), // K8V
        (3930, 1.21, 1.4, 0.866, 1.699, -1.07), // K9V
        (3850, 1.204, 1.42, 0.889, 1.766, -1.15), // M0V
        (3770, 1.184, 1.445, 0.924, 1.886, -1.29), // M0.5V
        (3660, 1.172, 1.485, 0.956, 2.005, -1.42), // M1V
        (3620, 1.17, 1.495, 0.978, 2.089, -1.5), // M1.5V
        (3560, 1.17, 1.505, 1.001, 2.173, -1.62), // M2V
        (3470, 1.175, 1.522, 1.041, 2.306, -1.78), // M2.5V
        (3430, 1.181, 1.53, 1.079, 2.42, -1.93), // M3V
        (3270, 1.2, 1.6, 1.178, 2.68, -2.28), // M3.5V
        (3210, 1.222, 1.65, 1.241, 2.831, -2.51), // M4V
        (3110, 1.23, 1.69, 1.345, 3.073, -2.84), // M4.5V
        (3060, 1.24, 1.83, 1.446, 3.278, -3.11), // M5V
        (2930, 1.3, 1.94, 1.656, 3.664, -3.58), // M5.5V
        (2810, 1.3, 2.01, 1.95, 4.1, -4.13), // M6V
    ];

    private static readonly Curve UMinusB = Build(static r => r.UB);
    private static readonly Curve BMinusV = Build(static r => r.BV);
    private static readonly Curve VMinusR = Build(static r => r.VR);
    private static readonly Curve VMinusI = Build(static r => r.VI);
    private static readonly Curve BolometricCorrection = Build(static r => r.BC);

    /// <summary>Lowest tabulated Teff (K).</summary>
    public static double MinTeff => Rows[^1].Teff;

    /// <summary>Highest tabulated Teff (K).</summary>
    public static double MaxTeff => Rows[0].Teff;

    /// <summary>U−B, B−V, V−Rc, V−Ic at log10(Teff/K) = <paramref name="logTeff"/>.</summary>
    public static JohnsonCousinsColours At(double logTeff) =>
        new(UMinusB.At(logTeff), BMinusV.At(logTeff), VMinusR.At(logTeff), VMinusI.At(logTeff));

    /// <summary>Mean BC_V of dwarfs at log10(Teff/K) = <paramref name="logTeff"/> (same table, same interpolation).</summary>
    public static double BolometricCorrectionV(double logTeff) => BolometricCorrection.At(logTeff);

    private static Curve Build(Func<(double Teff, double UB, double BV, double VR, double VI, double BC), double> select)
    {
        // Ascending log Teff for the interpolation.
        var points = Rows.Where(r => !double.IsNaN(select(r))).Select(r => (LogT: Math.Log10(r.Teff), Value: select(r))).Reverse().ToArray();
        return new Curve(points.Select(p => p.LogT).ToArray(), points.Select(p => p.Value).ToArray());
    }

    private sealed class Curve(double[] logTeff, double[] values)
    {
        public double At(double x)
        {
            if (x <= logTeff[0]) return values[0];
            if (x >= logTeff[^1]) return values[^1];
            int i = Array.BinarySearch(logTeff, x);
            if (i >= 0) return values[i];
            i = ~i;
            double f = (x - logTeff[i - 1]) / (logTeff[i] - logTeff[i - 1]);
            return values[i - 1] + f * (values[i] - values[i - 1]);
        }
    }
}
