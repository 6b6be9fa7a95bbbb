using BayesSfh.Isochrones.Analytic;
using Xunit;

namespace BayesSfh.Tests.Isochrones.Analytic;

public class JohnsonCousinsPhotometryTests
{
    private static readonly double LogSolarTeff = Math.Log10(5772);

    [Fact]
    public void BolometricCorrectionV_Sun_GivesTheSolarAbsoluteV()
    {
        double bc = JohnsonCousinsPhotometry.BolometricCorrectionV(LogSolarTeff);

        Assert.InRange(bc, -0.10, -0.06);
        Assert.InRange(JohnsonCousinsPhotometry.AbsoluteV(0, LogSolarTeff, 4.438), 4.78, 4.84);  // M_V,☉ = 4.81
    }

    [Theory]
    [InlineData(3.65)]
    [InlineData(3.80)]
    [InlineData(4.10)]
    [InlineData(4.60)]
    public void BolometricCorrectionV_AnyBranch_EqualsTorres2010PolynomialSummedTermByTerm(double logT)
    {
        double[] c = logT < 3.70
            ? [-0.190537291496456e5, 0.155144866764412e5, -0.421278819301717e4, 0.381476328422343e3]
            : logT < 3.90
                ? [-0.370510203809015e5, 0.385672629965804e5, -0.150651486316025e5, 0.261724637119416e4, -0.170623810323864e3]
                : [-0.118115450538963e6, 0.137145973583929e6, -0.636233812100225e5, 0.147412923562646e5, -0.170587278406872e4, 0.788731721804990e2];
        double expected = c.Select((ck, k) => ck * Math.Pow(logT, k)).Sum();

        Assert.Equal(expected, JohnsonCousinsPhotometry.BolometricCorrectionV(logT), 8);
    }

    [Theory]
    // Independent check: mean dwarf BC_V of Pecaut & Mamajek (2013, updated table), which was not used to fit Flower's relation.
    [InlineData(33300, -3.11)]
    [InlineData(20600, -2.03)]
    [InlineData(12300, -0.73)]
    [InlineData(9700, -0.21)]
    [InlineData(7220, 0.01)]
    [InlineData(5770, -0.085)]
    [InlineData(4870, -0.365)]
    [InlineData(4440, -0.63)]
    [InlineData(4090, -0.93)]
    public void BolometricCorrectionV_DwarfSequence_AgreesWithin0Point1Mag(double teff, double dwarfBc)
    {
        Assert.InRange(JohnsonCousinsPhotometry.BolometricCorrectionV(Math.Log10(teff)), dwarfBc - 0.1, dwarfBc + 0.1);
    }

    [Fact]
    public void BolometricCorrectionV_CoolStars_GravityPicksDwarfOrGiantCalibration()
    {
        double logT = Math.Log10(3060);  // M5 V: dwarf table −3.11; Flower (giants) ≈ −4.5

        double dwarf = JohnsonCousinsPhotometry.BolometricCorrectionV(logT, 5.0);
        double giant = JohnsonCousinsPhotometry.BolometricCorrectionV(logT, 0.5);

        Assert.InRange(dwarf, -3.16, -3.06);
        Assert.Equal(JohnsonCousinsPhotometry.BolometricCorrectionV(logT), giant);
        Assert.True(giant < dwarf - 1);
        // The blend is continuous in gravity and temperature.
        double previous = giant;
        for (double logG = 0.5; logG <= 5.0; logG += 0.05)
        {
            double bc = JohnsonCousinsPhotometry.BolometricCorrectionV(logT, logG);
            Assert.True(Math.Abs(bc - previous) < 0.1 && bc >= previous - 1e-12);
            previous = bc;
        }
        Assert.True(Math.Abs(JohnsonCousinsPhotometry.BolometricCorrectionV(Math.Log10(4399), 5) - JohnsonCousinsPhotometry.BolometricCorrectionV(Math.Log10(4401), 5)) < 0.01);
    }

    [Fact]
    public void BolometricCorrectionV_OutsideCalibration_HeldFiniteAndNaNPropagates()
    {
        Assert.Equal(JohnsonCousinsPhotometry.BolometricCorrectionV(JohnsonCousinsPhotometry.MinBolometricLogTeff), JohnsonCousinsPhotometry.BolometricCorrectionV(3.0));
        Assert.Equal(JohnsonCousinsPhotometry.BolometricCorrectionV(JohnsonCousinsPhotometry.MaxBolometricLogTeff), JohnsonCousinsPhotometry.BolometricCorrectionV(5.2));
        Assert.True(double.IsNaN(JohnsonCousinsPhotometry.BolometricCorrectionV(double.NaN)));
    }

    [Fact]
    public void Colours_VegaLikeA0Star_AreZero()
    {
        foreach (double teff in new[] { 9550.0, 9700.0 })
        {
            var c = JohnsonCousinsPhotometry.Colours(Math.Log10(teff));
            Assert.InRange(c.UMinusB, -0.06, 0.03);
            Assert.InRange(c.BMinusV, -0.03, 0.03);
            Assert.InRange(c.VMinusR, -0.03, 0.03);
            Assert.InRange(c.VMinusI, -0.03, 0.03);
        }
    }

    [Fact]
    public void Colours_Sun_AreSolar()
    {
        var c = JohnsonCousinsPhotometry.Colours(LogSolarTeff);

        Assert.InRange(c.BMinusV, 0.63, 0.67);   // B−V☉ = 0.65
        Assert.InRange(c.VMinusI, 0.68, 0.74);   // (V−I)☉ ≈ 0.70
        Assert.InRange(c.VMinusR, 0.34, 0.38);
    }

    [Fact]
    public void Colours_CoolerStars_RedderInBMinusVAndVMinusI()
    {
        double previousBv = double.NegativeInfinity, previousVi = double.NegativeInfinity;
        for (double teff = 40000; teff >= 3000; teff *= 0.97)
        {
            var c = JohnsonCousinsPhotometry.Colours(Math.Log10(teff));
            Assert.True(c.BMinusV >= previousBv - 1e-12 && c.VMinusI >= previousVi - 1e-12, $"{teff} K");
            (previousBv, previousVi) = (c.BMinusV, c.VMinusI);
        }
    }

    [Fact]
    public void AbsoluteMagnitudes_AnyStar_ConsistentWithVAndColours()
    {
        double logL = 1.3, logT = 3.9, logG = 4.0;
        Span<double> m = stackalloc double[5];

        JohnsonCousinsPhotometry.AbsoluteMagnitudes(logL, logT, logG, m);

        var c = JohnsonCousinsPhotometry.Colours(logT);
        Assert.Equal(JohnsonCousinsPhotometry.AbsoluteV(logL, logT, logG), m[2], 12);
        Assert.Equal(c.UMinusB, m[0] - m[1], 12);
        Assert.Equal(c.BMinusV, m[1] - m[2], 12);
        Assert.Equal(c.VMinusR, m[2] - m[3], 12);
        Assert.Equal(c.VMinusI, m[2] - m[4], 12);
        Assert.Equal(["U", "B", "V", "R", "I"], JohnsonCousinsPhotometry.Filters);
        Assert.Throws<ArgumentException>(() => JohnsonCousinsPhotometry.AbsoluteMagnitudes(logL, logT, logG, new double[4]));
    }
}
