using BayesSfh.Modelling;
using BayesSfh.Products;
using Xunit;
using static BayesSfh.Tests.Products.HandModel;

namespace BayesSfh.Tests.Products;

/// <summary>Every product of the two-draw, three-bin <see cref="HandModel"/>, against values worked out by hand.</summary>
public class PosteriorProductsTests
{
    private const double Tolerance = 1e-12;

    private static PosteriorProducts Compute(ProductOptions? options = null) => PosteriorProducts.Compute(Model(), PosteriorDraws(), options);

    /// <summary>Asserts that a summary of two draws a, b is (mean, median, type-7 quantiles) of {a, b}.</summary>
    private static void AssertTwoDrawSummary(double a, double b, CredibleInterval actual, string label)
    {
        double scale = Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), 1e-300);
        void Near(double expected, double value, string what) =>
            Assert.True(Math.Abs(expected - value) <= Tolerance * scale, $"{label} {what}: expected {expected}, got {value}");
        Near((a + b) / 2, actual.Mean, "mean");
        Near((a + b) / 2, actual.Median, "median");
        Near(Quantile2(a, b, 0.16), actual.Low68, "q16");
        Near(Quantile2(a, b, 0.84), actual.High68, "q84");
        Near(Quantile2(a, b, 0.025), actual.Low95, "q2.5");
        Near(Quantile2(a, b, 0.975), actual.High95, "q97.5");
    }

    [Fact]
    public void Sfh_TwoDraws_MassSfrAndCumulativeMatchHandValues()
    {
        var sfh = Compute().Sfh;
        double[] widthsYears = [.. Enumerable.Range(0, 3).Select(j => (EdgesGyr[j + 1] - EdgesGyr[j]) * 1e9)];

        Assert.Equal(EdgesGyr, sfh.LookbackEdgesGyr.Select(t => Math.Round(t, 12)));
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(widthsYears[j], sfh.BinWidthsYears[j], widthsYears[j] * 1e-12);
            AssertTwoDrawSummary(Draws[0][j], Draws[1][j], sfh.Mass[j], $"mass {j}");
            AssertTwoDrawSummary(Draws[0][j] / widthsYears[j], Draws[1][j] / widthsYears[j], sfh.Sfr[j], $"sfr {j}");
        }
        // Mass formed at lookback ≥ each edge: draw 1 (1, 2, 3)·10⁴ → 6, 5, 3, 0; draw 2 (3, 2, 1)·10⁴ → 6, 3, 1, 0.
        double[][] cumulative = [[6e4, 5e4, 3e4, 0], [6e4, 3e4, 1e4, 0]];
        for (int e = 0; e < 4; e++)
        {
            AssertTwoDrawSummary(cumulative[0][e], cumulative[1][e], sfh.CumulativeMass[e], $"cumulative {e}");
            AssertTwoDrawSummary(cumulative[0][e] / 6e4, cumulative[1][e] / 6e4, sfh.CumulativeFraction[e], $"fraction {e}");
        }
        AssertTwoDrawSummary(6e4, 6e4, sfh.TotalMass, "total");
    }

    [Fact]
    public void Sfh_TwoDraws_T50AndT90InterpolateLinearlyInTime()
    {
        // Draw 1: F = 0, 0.5, 5/6, 1 at 13.7, 10, 1, 0.1 Gyr: t50 = 10 exactly; t90 in the youngest bin,
        // share (0.9 − 5/6)/(1/6) = 0.4 of its 0.9 Gyr below 1 Gyr → 0.64. Draw 2: F = 0, 1/6, 0.5, 1: t50 = 1;
        // t90 = 1 − 0.8 · 0.9 = 0.28.
        var sfh = Compute().Sfh;

        AssertTwoDrawSummary(10, 1, sfh.T50Gyr, "t50");
        Assert.Equal(0.64, SfhProducts.FormationLookbackGyr([1e4, 2e4, 3e4], EdgesGyr, 0.9), 12);
        Assert.Equal(0.28, SfhProducts.FormationLookbackGyr([3e4, 2e4, 1e4], EdgesGyr, 0.9), 12);
        AssertTwoDrawSummary(0.64, 0.28, sfh.T90Gyr, "t90");
    }

    [Theory]
    [InlineData(new[] { 0.0, 0.0, 5.0 }, 0.5, 11.85)] // all mass in the oldest bin: halfway through it
    [InlineData(new[] { 0.0, 5.0, 0.0 }, 1.0, 1.0)]   // q = 1: the young edge of the youngest bin with mass
    [InlineData(new[] { 2.0, 0.0, 2.0 }, 0.5, 10.0)]  // the empty middle bin is skipped: crossing at the young edge of bin 3
    [InlineData(new[] { 0.0, 0.0, 0.0 }, 0.5, double.NaN)]
    [InlineData(new[] { 1.0, -1.0, 3.0 }, 0.5, double.NaN)]
    public void FormationLookback_EdgeCases(double[] masses, double fraction, double expected)
    {
        Assert.Equal(expected, SfhProducts.FormationLookbackGyr(masses, EdgesGyr, fraction), 12);
    }

    [Fact]
    public void FormationLookback_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => SfhProducts.FormationLookbackGyr([1.0, 2.0], EdgesGyr, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SfhProducts.FormationLookbackGyr([1.0, 2.0, 3.0], EdgesGyr, 0));
    }

    [Fact]
    public void Metallicity_TwoDraws_ParametersAmrAndMzrBandMatchFormulas()
    {
        var metallicity = Compute().Metallicity!;

        Assert.Equal(["alpha", "mh0", "sigma"], metallicity.Parameters.Select(p => p.Name));
        for (int p = 0; p < 3; p++) AssertTwoDrawSummary(Draws[0][3 + p], Draws[1][3 + p], metallicity.Parameters[p].Interval, Names[3 + p]);
        var mu = Draws.Select(MeanMetallicities).ToArray();
        for (int j = 0; j < 3; j++) AssertTwoDrawSummary(mu[0][j], mu[1][j], metallicity.MeanMetallicity[j], $"mu {j}");

        // Grid from the 2.5 % quantile of log10 R_3 = {log10 3e4, 4} to the 97.5 % quantile of log10 M_total = log10 6e4.
        var grid = metallicity.Log10MassGrid!;
        Assert.Equal(100, grid.Length);
        Assert.Equal(Quantile2(Math.Log10(3e4), 4, 0.025), grid[0], 12);
        Assert.Equal(Math.Log10(6e4), grid[^1], 12);
        foreach (int g in new[] { 0, 37, 99 })
            AssertTwoDrawSummary(-0.5 + 0.3 * (grid[g] - 6), -0.7 + 0.5 * (grid[g] - 6), metallicity.MzrBand![g], $"mzr {g}");
    }

    [Fact]
    public void Metallicity_LinearAmr_HasAmrBandButNoMzrBand()
    {
        var model = Model(MetallicityModelKind.LinearAmr);
        var draws = global::BayesSfh.Products.PosteriorDraws.Create(["R.1", "R.2", "R.3", "alpha", "beta", "sigma"], Draws);

        var metallicity = PosteriorProducts.Compute(model, draws).Metallicity!;

        Assert.Null(metallicity.Log10MassGrid);
        Assert.Null(metallicity.MzrBand);
        // μ_j = β + α (T_max − t_j) with t_j = 0.1, 1, 10 Gyr.
        for (int j = 0; j < 3; j++)
        {
            double t = Math.Pow(10, LogAges[j] - 9);
            AssertTwoDrawSummary(-0.5 + 0.3 * (13.7 - t), -0.7 + 0.5 * (13.7 - t), metallicity.MeanMetallicity[j], $"amr {j}");
        }
    }

    [Fact]
    public void Mdf_TwoDraws_MassAndStarWeightedMatchHandSums()
    {
        var mdf = Compute().Mdf;
        var expectedMass = new double[2][];
        var expectedStars = new double[2][];
        for (int s = 0; s < 2; s++)
        {
            var r = Coefficients(Draws[s]);
            var mass = new double[2];
            var stars = new double[2];
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 2; k++)
                {
                    mass[k] += r[j, k];
                    stars[k] += r[j, k] * Enumerable.Range(0, 4).Sum(i => Template(j, k, i));
                }
            expectedMass[s] = [.. mass.Select(m => m / mass.Sum())];
            expectedStars[s] = [.. stars.Select(n => n / stars.Sum())];
        }

        Assert.Equal(Metallicities, mdf.TemplateMetallicities);
        for (int k = 0; k < 2; k++)
        {
            AssertTwoDrawSummary(expectedMass[0][k], expectedMass[1][k], mdf.MassWeighted[k], $"mass mdf {k}");
            AssertTwoDrawSummary(expectedStars[0][k], expectedStars[1][k], mdf.StarWeighted[k], $"star mdf {k}");
        }
    }

    [Fact]
    public void Mdf_FineGrid_IsTheMassWeightedGaussianMixtureAndIntegratesToOne()
    {
        var mdf = Compute(new ProductOptions { FineMetallicityStep = 0.01, FineMetallicityMargin = 3.0 }).Mdf;
        var fine = mdf.FineMetallicities!;
        var density = mdf.FineMassWeighted!;

        Assert.Equal(-4.0, fine[0], 12);
        Assert.Equal(3.0, fine[^1], 9);
        Assert.Equal(701, fine.Length);
        double Mixture(double[] draw, double mh)
        {
            var mu = MeanMetallicities(draw);
            double sigma = draw[5];
            return Enumerable.Range(0, 3).Sum(j => draw[j] * Math.Exp(-0.5 * Math.Pow((mh - mu[j]) / sigma, 2)) / (sigma * Math.Sqrt(2 * Math.PI))) / 6e4;
        }
        foreach (int i in new[] { 0, 220, 350, 433, 700 })
            AssertTwoDrawSummary(Mixture(Draws[0], fine[i]), Mixture(Draws[1], fine[i]), density[i], $"fine {i}");
        // Trapezoid integral of the mean density over [−4, 3]: every component (μ from −1.7 to −0.8) lies > 5σ inside, so ≈ 1.
        double integral = 0;
        for (int i = 1; i < fine.Length; i++) integral += 0.5 * (density.Mean[i] + density.Mean[i - 1]) * (fine[i] - fine[i - 1]);
        Assert.Equal(1.0, integral, 6);
    }

    [Fact]
    public void Means_TwoDraws_MassAndLightWeightedMatchHandSums()
    {
        var means = Compute().Means;
        double[][] Weighted(Func<int, int, double, double> weight)
        {
            var result = new double[3][];
            for (int q = 0; q < 3; q++) result[q] = new double[2];
            for (int s = 0; s < 2; s++)
            {
                var r = Coefficients(Draws[s]);
                double w = 0, logAge = 0, age = 0, mh = 0;
                for (int j = 0; j < 3; j++)
                    for (int k = 0; k < 2; k++)
                    {
                        double x = weight(j, k, r[j, k]);
                        w += x;
                        logAge += x * LogAges[j];
                        age += x * Math.Pow(10, LogAges[j] - 9);
                        mh += x * Metallicities[k];
                    }
                (result[0][s], result[1][s], result[2][s]) = (logAge / w, age / w, mh / w);
            }
            return result;
        }
        var mass = Weighted((_, _, r) => r);
        var light = Weighted((j, k, r) => r * Luminosity(j, k));

        AssertTwoDrawSummary(mass[0][0], mass[0][1], means.MassWeighted.LogAge, "mass log age");
        AssertTwoDrawSummary(mass[1][0], mass[1][1], means.MassWeighted.AgeGyr, "mass age");
        AssertTwoDrawSummary(mass[2][0], mass[2][1], means.MassWeighted.Metallicity, "mass mh");
        Assert.NotNull(means.LightWeighted);
        AssertTwoDrawSummary(light[0][0], light[0][1], means.LightWeighted.LogAge, "light log age");
        AssertTwoDrawSummary(light[1][0], light[1][1], means.LightWeighted.AgeGyr, "light age");
        AssertTwoDrawSummary(light[2][0], light[2][1], means.LightWeighted.Metallicity, "light mh");
        // Light favours the young bins (ℓ falls 10× per bin), so the light-weighted age is younger.
        Assert.True(means.LightWeighted.LogAge.Median < means.MassWeighted.LogAge.Median - 0.5);
    }

    [Fact]
    public void Means_WithoutLuminosity_LightWeightedIsNull()
    {
        var products = PosteriorProducts.Compute(Model(luminosity: false), PosteriorDraws());

        Assert.Null(products.Means.LightWeighted);
    }

    [Fact]
    public void Check_TwoDraws_MeanModelAndResidualsMatchHandValues()
    {
        var check = Compute(new ProductOptions { PredictiveDraws = 2, Seed = 9 }).Check!;
        var expectedMean = new double[4];
        foreach (var draw in Draws)
        {
            var r = Coefficients(draw);
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 3; j++)
                    for (int k = 0; k < 2; k++) expectedMean[i] += r[j, k] * Template(j, k, i) / 2;
        }

        Assert.Equal(Observed, check.Observed);
        for (int i = 0; i < 4; i++)
        {
            // Templates are stored in single precision: agreement to ~1e-7 relative.
            Assert.Equal(expectedMean[i], check.MeanModel[i], expectedMean[i] * 1e-6);
            double n = Observed[i], m = expectedMean[i];
            double d = Math.Sign(n - m) * Math.Sqrt(2 * (m - n + n * Math.Log(n / m)));
            Assert.Equal(d, check.Residuals[i], 5);
        }
        Assert.Equal(2, check.DrawsUsed);
        Assert.Equal(9UL, check.Seed);
        Assert.Contains(check.PValue, new[] { 0.0, 0.5, 1.0 });
    }

    [Fact]
    public void Check_Skipped_WhenPredictiveDrawsIsZero()
    {
        Assert.Null(Compute(new ProductOptions { PredictiveDraws = 0 }).Check);
    }

    [Fact]
    public void FreeModel_HasNoMetallicityProductsAndTemplateGridMdfOnly()
    {
        var model = Model(MetallicityModelKind.Free);
        var names = model.OutputNames.ToArray(); // r.J.K in template input order (metallicity-major)
        var rows = new[] { new double[6], new double[6] };
        for (int t = 0; t < 6; t++)
        {
            var parts = names[t].Split('.');
            int j = int.Parse(parts[1]) - 1, k = int.Parse(parts[2]) - 1;
            rows[0][t] = 1000 * (1 + j) * (1 + k);
            rows[1][t] = 500 * (3 - j);
        }

        var products = PosteriorProducts.Compute(model, global::BayesSfh.Products.PosteriorDraws.Create(names, rows));

        Assert.Null(products.Metallicity);
        Assert.Null(products.Mdf.FineMetallicities);
        // Draw 1: mass per age (1 + j)·3000 → 3000, 6000, 9000; metallicity k gets (1 + k)·6000 of 18000.
        // Draw 2: 500 (3 − j) per template → 2000 in the middle age; both metallicities get half.
        AssertTwoDrawSummary(6000, 2000, products.Sfh.Mass[1], "free mass");
        AssertTwoDrawSummary(6000.0 / 18000, 0.5, products.Mdf.MassWeighted[0], "free mdf");
    }

    [Fact]
    public void Compute_DrawsWithoutAModelParameter_Throws()
    {
        var draws = global::BayesSfh.Products.PosteriorDraws.Create(["R.1", "R.2", "R.3", "alpha", "mh0"], [.. Draws.Select(d => d[..5])]);

        var e = Assert.Throws<ArgumentException>(() => PosteriorProducts.Compute(Model(), draws));
        Assert.Contains("'sigma'", e.Message);
    }

    [Fact]
    public void Compute_PointDraw_SummariesEqualThePoint()
    {
        var products = PosteriorProducts.Compute(Model(), global::BayesSfh.Products.PosteriorDraws.FromPoint(Names, Draws[0]), new ProductOptions { PredictiveDraws = 0 });

        Assert.Equal(6e4, products.Sfh.TotalMass.Median);
        Assert.Equal(6e4, products.Sfh.TotalMass.High95);
        Assert.Equal(10, products.Sfh.T50Gyr.Low95, 12);
        Assert.Equal(0.3, products.Parameter("alpha")!.Interval.Median);
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProductOptions { PredictiveDraws = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProductOptions { MassGridPoints = 1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProductOptions { FineMetallicityStep = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProductOptions { FineMetallicityMargin = double.NaN }.Validate());
    }
}
