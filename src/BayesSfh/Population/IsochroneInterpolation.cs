using BayesSfh.Isochrones;

namespace BayesSfh.Population;

/// <summary>
/// Shared pieces of the population code: apparent magnitudes of an isochrone, magnitudes linear in initial mass between
/// tabulated points (intervals of zero mass width, at phase boundaries, are skipped), and combined magnitudes of
/// unresolved pairs.
/// </summary>
internal static class IsochroneInterpolation
{
    /// <summary>M + μ + A for every tabulated point in <paramref name="filter"/>.</summary>
    /// <exception cref="KeyNotFoundException">The isochrone lacks the filter.</exception>
    public static double[] Apparent(Isochrone isochrone, string filter, double extinction, double distanceModulus)
    {
        var absolute = isochrone.Magnitudes(filter);
        var result = new double[absolute.Count];
        for (int i = 0; i < result.Length; i++) result[i] = absolute[i] + distanceModulus + extinction;
        return result;
    }

    /// <summary>Index i of the interval [mass[i], mass[i+1]] of non-zero width that holds m (m within the table).</summary>
    public static int Interval(double[] mass, double m)
    {
        int k = Array.BinarySearch(mass, m);
        int i = Math.Clamp((k >= 0 ? k : ~k) - 1, 0, mass.Length - 2);
        while (i > 0 && !(mass[i + 1] > mass[i])) i--;
        while (i < mass.Length - 2 && !(mass[i + 1] > mass[i])) i++;
        return i;
    }

    /// <summary>values linear in mass on interval <paramref name="i"/>, at mass <paramref name="m"/>.</summary>
    public static double At(double[] values, double[] mass, int i, double m) =>
        values[i] + (m - mass[i]) / (mass[i + 1] - mass[i]) * (values[i + 1] - values[i]);

    /// <summary>Magnitude of two unresolved stars: −2.5 log10(10^(−0.4 m₁) + 10^(−0.4 m₂)).</summary>
    public static double Combine(double m1, double m2) => m1 - 2.5 * Math.Log10(1 + Math.Pow(10, -0.4 * (m2 - m1)));
}
