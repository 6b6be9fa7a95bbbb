using MathNet.Numerics;

namespace BayesSfh.Population;

/// <summary>
/// Fast standard normal CDF Φ(z) by cubic Hermite interpolation of a table of Φ and φ = Φ′ on z ∈ [−9, 9] with step
/// h = 1/64 (values from MathNet's erfc). The interpolation error is at most h⁴ max|Φ⁗| / 384 ≈ 1e-10 (absolute);
/// outside the table Φ is 0 or 1 (Φ(−9) ≈ 1.1e-19). NaN gives NaN.
/// </summary>
internal static class NormalCdf
{
    private const double Limit = 9;
    private const int PerUnit = 64;
    private const double Step = 1.0 / PerUnit;
    private static readonly double[] Table = Build();

    // Interleaved (Φ_k, h·φ_k) pairs so that one interval's data share a cache line.
    private static double[] Build()
    {
        int n = (int)(2 * Limit * PerUnit) + 1;
        var t = new double[2 * n + 2];
        for (int k = 0; k < n; k++)
        {
            double z = -Limit + k * Step;
            t[2 * k] = 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
            t[2 * k + 1] = Step * Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
        }
        (t[2 * n], t[2 * n + 1]) = (1, 0);
        return t;
    }

    /// <summary>Φ(z) with absolute error ≤ 1e-9.</summary>
    public static double Lower(double z)
    {
        if (!(z > -Limit)) return double.IsNaN(z) ? double.NaN : 0;
        if (z >= Limit) return 1;
        double u = (z + Limit) * PerUnit;
        int k = (int)u;
        double t = u - k;
        var table = Table;
        int i = 2 * k;
        double p0 = table[i], d0 = table[i + 1], p1 = table[i + 2], d1 = table[i + 3];
        // Hermite basis on [0, 1]: p(t) = h00 p0 + h10 d0 + h01 p1 + h11 d1.
        double t2 = t * t, t3 = t2 * t;
        double h01 = 3 * t2 - 2 * t3;
        return p0 + h01 * (p1 - p0) + (t3 - 2 * t2 + t) * d0 + (t3 - t2) * d1;
    }
}
