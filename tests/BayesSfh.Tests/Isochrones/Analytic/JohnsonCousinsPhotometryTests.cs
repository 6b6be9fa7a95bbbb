using BayesSfh.Isochrones.Analytic;
using Xunit;

namespace BayesSfh.Tests.Isochrones.Analytic;

public class JohnsonCousinsPhotometryTests
{
    private static double[] Magnitudes(double logL, double teff)
    {
        var m = new double[5];
        JohnsonCousinsPhotometry.AbsoluteMagnitudes(logL, Math.Log10(teff), m);
        return m;
    }

    [Fact]
    public void Sun_HasObservedBolometricCorrectionMagnitudeAndColours()
    {
        double bc = JohnsonCousinsPhotometry.BolometricCorrectionV(Math.Log10(5772));
        var m = Magnitudes(0, 5772);

        Assert.InRange(bc, -0.10, -0.07);              // Torres (2010): BC_V☉ ≈ −0.08
        Assert.InRange(m[2], 4.78, 4.85);              // M_V☉ ≈ 4.81
        Assert.InRange(m[1] - m[2], 0.55, 0.75);       // B−V☉ ≈ 0.65
        Assert.InRange(m[2] - m[4], 0.65, 0.75);       // V−I☉ ≈ 0.70 (solar calibration)
        Assert.InRange(m[2] - m[3], 0.31, 0.41);       // V−R☉ ≈ 0.36
    }

    [Fact]
    public void A0Star_HasNearZeroColours()
    {
        var m = Magnitudes(1.5, 9550);

        Assert.InRange(m[0] - m[1], -0.02, 0.02);
        Assert.InRange(m[1] - m[2], -0.05, 0.08);
        Assert.InRange(m[2] - m[3], -0.02, 0.02);
        Assert.InRange(m[2] - m[4], -0.02, 0.02);
    }

    [Fact]
    public void Colours_GetRedderMonotonicallyWithDecreasingTemperature()
    {
        double[] previous = Magnitudes(0, 40000);
        for (double teff = 39000; teff >= 2500; teff *= 0.97)
        {
            var m = Magnitudes(0, teff);
            Assert.True(m[1] - m[2] >= previous[1] - previous[2], $"B−V at {teff}");
            Assert.True(m[2] - m[4] >= previous[2] - previous[4] - 1e-12, $"V−I at {teff}");
            previous = m;
        }
    }

    [Fact]
    public void BMinusV_InvertsBallesterosRelation()
    {
        foreach (double bv in new[] { -0.2, 0.0, 0.3, 0.65, 1.0, 1.5 })
        {
            double teff = 4600 * (1 / (0.92 * bv + 1.7) + 1 / (0.92 * bv + 0.62));
            Assert.Equal(bv, JohnsonCousinsPhotometry.BMinusV(teff), 10);
        }
    }

    [Fact]
    public void BolometricCorrection_IsNearlyContinuousAtBranchBoundaries()
    {
        // Torres (2010) branches meet to within ~0.02 mag (0.022 at log Teff = 3.70).
        foreach (double logT in new[] { 3.70, 3.90 })
        {
            double below = JohnsonCousinsPhotometry.BolometricCorrectionV(logT - 1e-9);
            double above = JohnsonCousinsPhotometry.BolometricCorrectionV(logT + 1e-9);
            Assert.True(Math.Abs(below - above) < 0.03, $"log Teff {logT}: {below} vs {above}");
        }
    }

    [Fact]
    public void MagnitudeShiftsWithLuminosity_ByMinusTwoPointFivePerDex()
    {
        var faint = Magnitudes(0, 6000);
        var bright = Magnitudes(1, 6000);
        for (int f = 0; f < 5; f++) Assert.Equal(-2.5, bright[f] - faint[f], 10);
    }
}
