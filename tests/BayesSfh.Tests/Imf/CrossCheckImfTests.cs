using BayesSfh.Imf;
using BayesSfh.Randomness;
using BayesSfh.Tests.Sampling.Statistical;
using BayesSfh.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace BayesSfh.Tests.Imf;

/// <summary>
/// Independent checks written for a parallel implementation of the same brief (branch iso2-duplicate), run against the
/// merged IMFs: pdf against the papers' formulae, cdf / mean / ∫ m ξ dm against quadrature for truncated ranges (also
/// ranges inside a single piece), quantile inversion, continuity, seeded KS sampling check.
/// </summary>
public class CrossCheckImfTests(ITestOutputHelper output)
{
    public static TheoryData<string, double, double> Cases => new()
    {
        { "kroupa2001", 0.08, 100 },
        { "kroupa2001", 0.01, 150 },
        { "kroupa2001", 0.6, 0.9 },
        { "chabrier2003", 0.08, 100 },
        { "chabrier2003", 0.1, 0.7 },
        { "chabrier2003-system", 0.08, 100 },
        { "chabrier2003-system", 0.5, 40 },
        { "salpeter1955", 0.08, 100 },
        { "salpeter1955", 0.1, 120 },
    };

    /// <summary>
    /// Composite Simpson rule in u = ln m: ∫ f(m) dm = ∫ f(e^u) e^u du, with the IMF's breaks as nodes so each
    /// panel is smooth (error ~ h⁴, far below the tolerances used).
    /// </summary>
    private static double Quadrature(Func<double, double> f, double a, double b, int panels = 4000)
    {
        var nodes = new List<double> { a };
        foreach (double brk in new[] { 0.08, 0.5, 1.0 })
            if (brk > a && brk < b) nodes.Add(brk);
        nodes.Add(b);
        double total = 0;
        for (int s = 0; s + 1 < nodes.Count; s++)
        {
            double u0 = Math.Log(nodes[s]), u1 = Math.Log(nodes[s + 1]), h = (u1 - u0) / panels;
            double sum = 0;
            for (int i = 0; i <= panels; i++)
            {
                double u = u0 + i * h, w = i == 0 || i == panels ? 1 : i % 2 == 1 ? 4 : 2;
                double m = Math.Clamp(Math.Exp(u), nodes[s], nodes[s + 1]); // exp(ln a) may round below a
                sum += w * f(m) * m;
            }
            total += sum * h / 3;
        }
        return total;
    }

    /// <summary>Unnormalised dN/dm written from the papers directly (independent of the library's segments).</summary>
    private static double Shape(string name, double m) => name switch
    {
        "kroupa2001" => m < 0.08 ? Math.Pow(m / 0.08, -0.3) * Math.Pow(0.08 / 0.5, -1.3) * Math.Pow(0.5, -2.3)
            : m < 0.5 ? Math.Pow(m / 0.5, -1.3) * Math.Pow(0.5, -2.3)
            : Math.Pow(m, -2.3),
        "chabrier2003" => m <= 1 ? LogNormal(m, 0.079, 0.69) : LogNormal(1, 0.079, 0.69) * Math.Pow(m, -2.3),
        "chabrier2003-system" => m <= 1 ? LogNormal(m, 0.22, 0.57) : LogNormal(1, 0.22, 0.57) * Math.Pow(m, -2.3),
        "salpeter1955" => Math.Pow(m, -2.35),
        _ => throw new ArgumentException(name),
    };

    // dN/dm = dN/dlog m / (m ln 10) with dN/dlog m Gaussian in log10 m.
    private static double LogNormal(double m, double mc, double sigma)
    {
        double z = (Math.Log10(m) - Math.Log10(mc)) / sigma;
        return Math.Exp(-0.5 * z * z) / (m * Math.Log(10));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Density_MatchesPaperShapeNormalisedByQuadrature(string name, double min, double max)
    {
        IInitialMassFunction imf = InitialMassFunctions.Create(name, min, max);
        double norm = Quadrature(m => Shape(name, m), min, max);

        Numeric.AssertRelative(1.0, Quadrature(imf.Density, min, max), 1e-9, 1e-300, $"{name} ∫pdf");
        foreach (double f in new[] { 0.0, 0.13, 0.37, 0.5, 0.81, 0.999 })
        {
            double m = min * Math.Pow(max / min, f);
            Numeric.AssertRelative(Shape(name, m) / norm, imf.Density(m), 1e-9, 1e-300, $"{name} pdf({m})");
        }
        Assert.Equal(0.0, imf.Density(min * 0.999));
        Assert.Equal(0.0, imf.Density(max * 1.001));
        Assert.True(double.IsNaN(imf.Density(double.NaN)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CdfMeanAndMassIntegral_MatchQuadrature(string name, double min, double max)
    {
        IInitialMassFunction imf = InitialMassFunctions.Create(name, min, max);

        Numeric.AssertRelative(Quadrature(m => m * imf.Density(m), min, max), imf.MeanMass, 1e-9, 1e-300, $"{name} mean");
        foreach (var (fa, fb) in new[] { (0.0, 0.3), (0.2, 0.45), (0.4, 0.9), (0.55, 1.0), (0.0, 1.0) })
        {
            double a = min * Math.Pow(max / min, fa), b = min * Math.Pow(max / min, fb);
            Numeric.AssertRelative(Quadrature(imf.Density, min, b), imf.CumulativeDistribution(b), 1e-9, 1e-12, $"{name} F({b})");
            Numeric.AssertRelative(Quadrature(m => m * imf.Density(m), a, b), imf.MassIntegral(a, b), 1e-9, 1e-12, $"{name} ∫m ξ [{a},{b}]");
            Numeric.AssertRelative(Quadrature(imf.Density, a, b) / imf.MeanMass, imf.StarsPerSolarMass(a, b), 1e-9, 1e-12, $"{name} stars/M☉");
        }
        Assert.Equal(0.0, imf.CumulativeDistribution(min / 2));
        Assert.Equal(1.0, imf.CumulativeDistribution(max * 2));
        Numeric.AssertRelative(imf.MeanMass, imf.MassIntegral(0, 1e9), 1e-14, 1e-300, "clamped mass integral");
    }

    [Theory]
    [InlineData("kroupa2001", 0.08)]
    [InlineData("kroupa2001", 0.5)]
    [InlineData("kroupa2001", 1.0)]
    [InlineData("chabrier2003", 1.0)]
    [InlineData("chabrier2003-system", 1.0)]
    public void Density_IsContinuousAtBreaks(string name, double mass)
    {
        IInitialMassFunction imf = InitialMassFunctions.Create(name, 0.01, 100);

        Numeric.AssertRelative(imf.Density(mass * (1 - 1e-9)), imf.Density(mass * (1 + 1e-9)), 1e-7, 1e-300, $"{name} at {mass}");
    }

    [Theory]
    [InlineData(0.03, 0.3)]
    [InlineData(0.2, 1.3)]
    [InlineData(0.7, 2.3)]
    [InlineData(20, 2.3)]
    public void Kroupa_LogSlopeInEachPiece(double mass, double alpha)
    {
        IInitialMassFunction imf = new KroupaImf(0.01, 100);
        double slope = Numeric.Derivative(u => Math.Log(imf.Density(Math.Exp(u))), Math.Log(mass), 1e-3);

        Assert.Equal(-alpha, slope, 1e-8);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Quantile_InvertsCdf(string name, double min, double max)
    {
        IInitialMassFunction imf = InitialMassFunctions.Create(name, min, max);

        foreach (double p in new[] { 1e-12, 1e-6, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1 - 1e-9 })
            Assert.True(Math.Abs(imf.CumulativeDistribution(imf.Quantile(p)) - p) <= 1e-12, $"{name}: F(Q({p})) = {imf.CumulativeDistribution(imf.Quantile(p)):R}");
        foreach (double f in new[] { 0.01, 0.3, 0.5, 0.77, 0.99 })
        {
            double m = min * Math.Pow(max / min, f);
            Numeric.AssertRelative(m, imf.Quantile(imf.CumulativeDistribution(m)), 1e-10, 1e-300, $"{name}: Q(F({m}))");
        }
        Assert.Equal(min, imf.Quantile(0));
        Assert.Equal(max, imf.Quantile(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => imf.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => imf.Quantile(double.NaN));
    }

    [Theory]
    [InlineData(0.0, 100.0, "minimumMass")]
    [InlineData(-1.0, 100.0, "minimumMass")]
    [InlineData(double.NaN, 100.0, "minimumMass")]
    [InlineData(1.0, 1.0, "maximumMass")]
    [InlineData(1.0, double.PositiveInfinity, "maximumMass")]
    public void Constructor_InvalidLimits_ThrowNamingParameter(double min, double max, string parameter)
    {
        Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(() => new KroupaImf(min, max)).ParamName);
        Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(() => new ChabrierImf(ChabrierForm.System, min, max)).ParamName);
        Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(() => new SalpeterImf(min, max)).ParamName);
    }

    [Fact]
    public void Create_UnknownName_ListsKnownNames()
    {
        var error = Assert.Throws<ArgumentException>(() => InitialMassFunctions.Create("miller-scalo"));

        Assert.Contains("kroupa2001", error.Message);
    }

    [Fact]
    public void Salpeter_MeanMass_MatchesAnalyticValue()
    {
        // ⟨m⟩ = [(b^(−0.35) − a^(−0.35))/(−0.35)] / [(b^(−1.35) − a^(−1.35))/(−1.35)].
        double a = 0.1, b = 100;
        double expected = (Math.Pow(b, -0.35) - Math.Pow(a, -0.35)) / -0.35 / ((Math.Pow(b, -1.35) - Math.Pow(a, -1.35)) / -1.35);

        Numeric.AssertRelative(expected, new SalpeterImf(a, b).MeanMass, 1e-13, 1e-300, "Salpeter mean");
    }

    /// <summary>
    /// Seeded sampling: Kolmogorov–Smirnov distance of 50 000 draws against the cdf (alert at the 1% critical value
    /// 1.63/√n, fail at 2.5/√n ≈ p 10⁻⁵) and the sample mean against <see cref="IInitialMassFunction.MeanMass"/>
    /// (|z| alert 3.5, fail 4.5); a sanity check that the test can fail: the same draws against a different IMF must
    /// exceed the fail threshold.
    /// </summary>
    [Theory]
    [InlineData("kroupa2001", 11UL)]
    [InlineData("chabrier2003", 12UL)]
    [InlineData("chabrier2003-system", 13UL)]
    [InlineData("salpeter1955", 14UL)]
    public void Sample_MatchesDistribution(string name, ulong seed)
    {
        const int n = 50_000;
        IInitialMassFunction imf = InitialMassFunctions.Create(name);
        var draws = new double[n];
        imf.Sample(Xoshiro256StarStar.ForStream(seed, 0), draws);
        var check = new StatisticalCheck(output, name);

        check.AtMost("KS √n·D", Math.Sqrt(n) * KolmogorovDistance(draws, imf), alert: 1.63, fail: 2.5);
        double mean = draws.Average(), second = draws.Select(m => m * m).Average();
        double sd = Math.Sqrt(Quadrature(m => m * m * imf.Density(m), imf.MinimumMass, imf.MaximumMass) - imf.MeanMass * imf.MeanMass);
        check.AtMost("|z| of mean", Math.Abs(mean - imf.MeanMass) / (sd / Math.Sqrt(n)), alert: 3.5, fail: 4.5);
        IInitialMassFunction other = name == "salpeter1955" ? InitialMassFunctions.Create("kroupa2001") : InitialMassFunctions.Create("salpeter1955");
        Assert.True(Math.Sqrt(n) * KolmogorovDistance(draws, other) > 2.5, "the KS check cannot tell two IMFs apart");
        Assert.All(draws, m => Assert.InRange(m, imf.MinimumMass, imf.MaximumMass));
        check.AssertNoFailures();
    }

    private static double KolmogorovDistance(double[] draws, IInitialMassFunction imf)
    {
        var sorted = draws.Order().ToArray();
        double d = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            double f = imf.CumulativeDistribution(sorted[i]);
            d = Math.Max(d, Math.Max(f - (double)i / sorted.Length, (double)(i + 1) / sorted.Length - f));
        }
        return d;
    }
}
