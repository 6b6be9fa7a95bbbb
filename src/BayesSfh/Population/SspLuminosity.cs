using BayesSfh.Imf;
using BayesSfh.Isochrones;
using MathNet.Numerics.Integration;

namespace BayesSfh.Population;

/// <summary>
/// Luminosity of a simple stellar population per solar mass formed, in one filter, for light-weighted ages and
/// metallicities.
/// </summary>
/// <remarks>
/// L/M = [∫ p(m) ℓ(m) dm + f ∫ p(m) ⟨ℓ(q m)⟩_q dm] / (⟨m⟩ (1 + f (q_min + 1)/2)), with p the IMF number density,
/// ⟨m⟩ its mean mass, ℓ(m) = 10^(−0.4 (M_F(m) − M_F,ref)) the luminosity of a star of initial mass m in units of a star
/// of absolute magnitude M_F,ref (the Sun's in that filter when it is given, so the result is in L☉,F / M☉), f the
/// binary fraction and q uniform on [q_min, 1]. All stars count, detected or not; magnitudes are interpolated linearly
/// in initial mass as in <see cref="SspTemplateBuilder"/>; stars outside the isochrone's mass range (dead, or below its
/// lowest tabulated mass) add nothing. The integral over each isochrone interval uses an 8-point Gauss–Legendre rule
/// in mass, exact to the interpolation. Only ratios between populations matter for light-weighted averages, so the
/// reference magnitude cancels there.
/// </remarks>
public static class SspLuminosity
{
    /// <summary>The luminosity in <paramref name="filter"/> per M☉ formed (units of a star of absolute magnitude <paramref name="referenceMagnitude"/>).</summary>
    /// <param name="isochrone">The population's isochrone (absolute magnitudes).</param>
    /// <param name="filter">Filter column of the isochrone.</param>
    /// <param name="referenceMagnitude">M_F,ref, finite (e.g. the Sun's absolute magnitude in the filter).</param>
    /// <param name="imf">Initial mass function.</param>
    /// <param name="binaries">Unresolved binaries (they add light and mass), or null.</param>
    /// <exception cref="KeyNotFoundException">The isochrone lacks the filter.</exception>
    /// <exception cref="ArgumentException">A non-finite reference magnitude.</exception>
    public static double PerSolarMass(Isochrone isochrone, string filter, double referenceMagnitude, IInitialMassFunction imf, BinaryOptions? binaries = null)
    {
        ArgumentNullException.ThrowIfNull(isochrone);
        ArgumentNullException.ThrowIfNull(imf);
        if (!double.IsFinite(referenceMagnitude)) throw new ArgumentException($"The reference magnitude must be finite (got {referenceMagnitude}).", nameof(referenceMagnitude));
        double[] mass = [.. isochrone.InitialMass];
        double[] magnitude = [.. isochrone.Magnitudes(filter)];
        double f = binaries?.Fraction ?? 0, qMin = binaries?.MinimumRatio ?? 0;
        int qPoints = binaries?.RatioPoints ?? 0;
        double lo = Math.Max(imf.MinimumMass, mass[0]), hi = Math.Min(imf.MaximumMass, mass[^1]);
        double total = 0;
        for (int i = 0; i + 1 < mass.Length; i++)
        {
            double a = Math.Max(mass[i], lo), b = Math.Min(mass[i + 1], hi);
            if (!(b > a)) continue;
            int segment = i;
            total += GaussLegendreRule.Integrate(m =>
            {
                double light = Light(segment, m);
                if (f > 0)
                {
                    double companions = 0;
                    for (int j = 0; j < qPoints; j++) companions += LightAt((qMin + (1 - qMin) * (j + 0.5) / qPoints) * m);
                    light += f * companions / qPoints;
                }
                return imf.Density(m) * light;
            }, a, b, 8);
        }
        return total / (imf.MeanMass * (1 + f * 0.5 * (qMin + 1)));

        double Light(int i, double m)
        {
            return Math.Pow(10, -0.4 * (IsochroneInterpolation.At(magnitude, mass, i, m) - referenceMagnitude));
        }

        double LightAt(double m)
        {
            return m < mass[0] || m > mass[^1] ? 0 : Light(IsochroneInterpolation.Interval(mass, m), m);
        }
    }
}
