using BayesSfh.Metallicity;
using BayesSfh.Modelling;
using BayesSfh.Randomness;
using BayesSfh.Templates;
using BayesSfh.Tests.TestSupport;
using Xunit;

namespace BayesSfh.Tests.Modelling;

public class HierarchicalCoefficientMapTests
{
    public enum MeanKind { PowerLawMzr, LinearAmr, LogarithmicAmr }

    private static IMeanMetallicityModel Mean(MeanKind kind) => kind switch
    {
        MeanKind.PowerLawMzr => new PowerLawMzr(),
        MeanKind.LinearAmr => new LinearAmr(13.7),
        _ => new LogarithmicAmr(13.7),
    };

    private static HierarchicalCoefficientMap Map(TemplateSet templates, IMeanMetallicityModel mean) =>
        new(templates, AgeBins.FromLeftEdges(templates.Grid.LogAges), mean, new GaussianDispersion());

    /// <summary>Natural parameters: random R_j in [10⁴, 10⁶], then (α, intercept) typical of each model, then σ.</summary>
    private static double[] RandomParameters(Xoshiro256StarStar rng, HierarchicalCoefficientMap map, MeanKind kind)
    {
        var x = new List<double>();
        for (int j = 0; j < map.AgeCount; j++) x.Add(Math.Pow(10, rng.NextUniform(4, 6)));
        x.AddRange(kind switch
        {
            MeanKind.PowerLawMzr => [rng.NextUniform(0.1, 0.6), rng.NextUniform(-1.8, -0.5)],
            MeanKind.LinearAmr => [rng.NextUniform(0.02, 0.15), rng.NextUniform(-2.2, -1.0)],
            _ => [rng.NextUniform(1e-5, 1e-4), rng.NextUniform(1e-5, 1e-4)],
        });
        x.Add(rng.NextUniform(0.1, 0.4));
        return [.. x];
    }

    private static double[] Coefficients(HierarchicalCoefficientMap map, double[] parameters)
    {
        var r = new double[map.CoefficientCount];
        map.CreateEvaluator().Coefficients(parameters, r);
        return r;
    }

    public static TheoryData<MeanKind> Kinds() => [MeanKind.PowerLawMzr, MeanKind.LinearAmr, MeanKind.LogarithmicAmr];

    [Theory]
    [InlineData(50.0, -1)]
    [InlineData(-50.0, 0)]
    [InlineData(1000.0, -1)]
    [InlineData(-1000.0, 0)]
    public void Coefficients_MeanFarOutsideGrid_OneHotFiniteAndSumToMass(double intercept, int expectedIndex)
    {
        var rng = new Xoshiro256StarStar(8);
        var templates = RandomTemplates.Create(rng, ages: 4, metallicities: 5);
        var map = Map(templates, new PowerLawMzr());
        double[] x = [1e5, 2e5, 3e5, 4e5, 0.3, intercept, 0.2];
        int k = expectedIndex < 0 ? map.MetallicityCount - 1 : expectedIndex;
        var evaluator = map.CreateEvaluator();
        var r = new double[map.CoefficientCount];

        evaluator.Coefficients(x, r);
        var dFdx = new double[x.Length];
        evaluator.Pullback(Enumerable.Repeat(1.0, r.Length).ToArray(), dFdx);

        Assert.All(r, v => Assert.True(double.IsFinite(v)));
        Assert.All(dFdx, v => Assert.True(double.IsFinite(v)));
        // Neighbouring grid points 0.5 dex apart differ in ln A by ≈ ½·(2·|μ|·0.5)/σ² ≥ 600, so every other weight is
        // below e⁻⁶⁰⁰ (≈ 10⁻²⁶¹, or exactly 0 for |μ| = 1000): one-hot to double precision.
        for (int j = 0; j < map.AgeCount; j++)
        {
            double sum = 0;
            for (int kk = 0; kk < map.MetallicityCount; kk++)
            {
                double v = r[templates.Grid.TemplateAt(j, kk)];
                sum += v;
                if (kk == k) Assert.Equal(x[j], v);
                else Assert.True(v >= 0 && v < 1e-250 * x[j], $"age {j}, [M/H] index {kk}: {v:R}");
            }
            Assert.Equal(x[j], sum);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Coefficients_RandomParameters_SumOverMetallicityEqualsMass(MeanKind kind)
    {
        var rng = new Xoshiro256StarStar(12 + (ulong)kind);
        var templates = RandomTemplates.Create(rng, ages: 5, metallicities: 4);
        var map = Map(templates, Mean(kind));

        for (int trial = 0; trial < 20; trial++)
        {
            var x = RandomParameters(rng, map, kind);
            var r = Coefficients(map, x);
            for (int j = 0; j < map.AgeCount; j++)
            {
                double sum = 0;
                for (int k = 0; k < map.MetallicityCount; k++) sum += r[templates.Grid.TemplateAt(j, k)];
                Numeric.AssertRelative(x[j], sum, 1e-14, 0, $"Σ_k r_{j}k");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Coefficients_TemplateOrderPermuted_SameCoefficientPerAgeAndMetallicity(MeanKind kind)
    {
        var rng = new Xoshiro256StarStar(30 + (ulong)kind);
        var ordered = RandomTemplates.Create(rng, ages: 4, metallicities: 3, shuffle: false);
        var list = ordered.Templates.ToList();
        RandomTemplates.Shuffle(rng, list);
        var permuted = new TemplateSet(ordered.BinCount, list);
        var orderedMap = Map(ordered, Mean(kind));
        var permutedMap = Map(permuted, Mean(kind));
        var x = RandomParameters(rng, orderedMap, kind);
        var gOrdered = ordered.Templates.Select(_ => rng.NextUniform(-1, 1)).ToArray();
        // The same ∂F/∂r attached to the same (age, [M/H]) template, in each set's own order.
        var gPermuted = permuted.Templates.Select(t => gOrdered[ordered.Templates.IndexOf(t)]).ToArray();

        var e1 = orderedMap.CreateEvaluator();
        var e2 = permutedMap.CreateEvaluator();
        var r1 = new double[ordered.Templates.Length];
        var r2 = new double[permuted.Templates.Length];
        e1.Coefficients(x, r1);
        e2.Coefficients(x, r2);
        var d1 = new double[x.Length];
        var d2 = new double[x.Length];
        e1.Pullback(gOrdered, d1);
        e2.Pullback(gPermuted, d2);

        Assert.NotEqual(ordered.Templates, permuted.Templates);
        for (int t = 0; t < permuted.Templates.Length; t++)
            Assert.Equal(r1[ordered.Templates.IndexOf(permuted.Templates[t])], r2[t]);
        Assert.Equal(d1, d2);
    }

    [Fact]
    public void MeanMetallicities_ThreeAgesGivenOldestFirst_UseInclusiveCumulativeMassByAge()
    {
        // Input order: oldest (9.5), youngest (8.0), middle (9.0); two metallicities each.
        var templates = new TemplateSet(4,
        [
            new SspTemplate(9.5, -1.0, [0], [1.0]), new SspTemplate(9.5, -0.5, [1], [1.0]),
            new SspTemplate(8.0, -0.5, [2], [1.0]), new SspTemplate(8.0, -1.0, [3], [1.0]),
            new SspTemplate(9.0, -1.0, [0, 1], [1.0, 1.0]), new SspTemplate(9.0, -0.5, [2, 3], [1.0, 1.0]),
        ]);
        var map = Map(templates, new PowerLawMzr(Log10ReferenceMass: 6));
        // R.1 = youngest (8.0), R.2 = middle (9.0), R.3 = oldest (9.5), whatever the input order.
        double[] x = [1e5, 2e5, 4e5, 0.5, -1.0, 0.3];
        var means = new double[3];

        map.MeanMetallicities(x, means);

        // M*_j = mass formed in bin j and every older bin:
        //   youngest: 1e5 + 2e5 + 4e5 = 7e5   middle: 2e5 + 4e5 = 6e5   oldest: 4e5
        // μ_j = mh0 + α (log10 M*_j − 6) = −1 + 0.5 log10(M*_j / 1e6)
        Numeric.AssertRelative(-1 + 0.5 * Math.Log10(0.7), means[0], 1e-14, 1, "μ youngest");
        Numeric.AssertRelative(-1 + 0.5 * Math.Log10(0.6), means[1], 1e-14, 1, "μ middle");
        Numeric.AssertRelative(-1 + 0.5 * Math.Log10(0.4), means[2], 1e-14, 1, "μ oldest");
        Assert.Equal(["R.1", "R.2", "R.3", "alpha", "mh0", "sigma"], map.Parameters.Select(p => p.Name));

        // And the split between the two metallicities is the normalised Gaussian around μ_j:
        // w(−0.5) = 1 / (1 + exp(−½((−1 − μ)/σ)² + ½((−0.5 − μ)/σ)²)).
        var r = Coefficients(map, x);
        double[] logAges = [8.0, 9.0, 9.5];
        for (int j = 0; j < 3; j++)
        {
            double a = -0.5 * Math.Pow((-1.0 - means[j]) / 0.3, 2), b = -0.5 * Math.Pow((-0.5 - means[j]) / 0.3, 2);
            double wHigh = 1 / (1 + Math.Exp(a - b));
            int high = templates.Templates.Select((t, i) => (t, i)).Single(p => p.t.LogAge == logAges[j] && p.t.MH == -0.5).i;
            Numeric.AssertRelative(x[j] * wHigh, r[high], 1e-13, 0, $"r(age {logAges[j]}, −0.5)");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Pullback_RandomCotangent_MatchesFiniteDifferencesInNaturalParameters(MeanKind kind)
    {
        var rng = new Xoshiro256StarStar(40 + (ulong)kind);
        var templates = RandomTemplates.Create(rng, ages: 4, metallicities: 4);
        var map = Map(templates, Mean(kind));
        var evaluator = map.CreateEvaluator();
        var x = RandomParameters(rng, map, kind);
        var g = templates.Templates.Select(_ => rng.NextUniform(-1, 1)).ToArray();
        var r = new double[g.Length];
        // Φ(x) = Σ_t g_t r_t(x); its gradient is the pullback of g.
        double Phi(double[] point)
        {
            evaluator.Coefficients(point, r);
            return r.Select((v, t) => v * g[t]).Sum();
        }
        Phi(x);
        var analytic = new double[x.Length];
        evaluator.Pullback(g, analytic);

        for (int i = 0; i < x.Length; i++)
        {
            double centre = x[i], h = 1e-3 * Math.Abs(centre);
            double fd = Numeric.Derivative(v =>
            {
                x[i] = v;
                return Phi(x);
            }, centre, h);
            x[i] = centre;
            // Φ is of order Σ R_j ≈ 10⁶ and varies on the scale of its parameters, so the relative error of the
            // five-point quotient is ≈ ε·Φ/(h·|∂Φ/∂x_i|) + (10⁻³)⁴; the floor turns that into an absolute bound.
            Numeric.AssertRelative(fd, analytic[i], 1e-6, 1e-6 * x.Take(map.AgeCount).Sum() / h, map.Parameters[i].Name);
        }
    }

    [Fact]
    public void Pullback_TwoParameterDispersionWithDefaultBatch_MatchesFiniteDifferences()
    {
        var rng = new Xoshiro256StarStar(47);
        var templates = RandomTemplates.Create(rng, ages: 4, metallicities: 5);
        var map = new HierarchicalCoefficientMap(templates, AgeBins.FromLeftEdges(templates.Grid.LogAges), new PowerLawMzr(), new OffsetGaussian());
        var evaluator = map.CreateEvaluator();
        double[] x = [.. RandomParameters(rng, map, MeanKind.PowerLawMzr), rng.NextUniform(-0.2, 0.2)];
        var g = templates.Templates.Select(_ => rng.NextUniform(-1, 1)).ToArray();
        var r = new double[g.Length];
        double Phi(double[] point)
        {
            evaluator.Coefficients(point, r);
            return r.Select((v, t) => v * g[t]).Sum();
        }
        Phi(x);
        var analytic = new double[x.Length];
        evaluator.Pullback(g, analytic);

        for (int i = 0; i < x.Length; i++)
        {
            double centre = x[i], h = 1e-3 * Math.Max(Math.Abs(centre), 0.1);
            double fd = Numeric.Derivative(v =>
            {
                x[i] = v;
                return Phi(x);
            }, centre, h);
            x[i] = centre;
            Numeric.AssertRelative(fd, analytic[i], 1e-6, 1e-6 * x.Take(map.AgeCount).Sum() / h, map.Parameters[i].Name);
        }
    }

    // ln A = −½ ((MH − μ − δ)/σ)² with parameters (σ, δ): two dispersion parameters, per-metallicity method only, so the
    // map goes through IMetallicityDispersion.LogWeights' default and its d·K + k layout.
    private sealed class OffsetGaussian : IMetallicityDispersion
    {
        public IReadOnlyList<BayesSfh.Parameters.ParameterDefinition> Parameters { get; } =
        [
            new("sigma", BayesSfh.Parameters.ParameterConstraint.Positive, "σ"),
            new("delta", BayesSfh.Parameters.ParameterConstraint.Real, "δ"),
        ];

        public double LogWeight(ReadOnlySpan<double> parameters, double metallicity, double mean, Span<double> dLogWeightDParameters, out double dLogWeightDMean)
        {
            double sigma = parameters[0], z = (metallicity - mean - parameters[1]) / sigma;
            dLogWeightDMean = z / sigma;
            dLogWeightDParameters[0] = z * z / sigma;
            dLogWeightDParameters[1] = z / sigma;
            return -0.5 * z * z;
        }

        public void InitialGuess(in MetallicityGuessContext context, Span<double> parameters) => (parameters[0], parameters[1]) = (0.2, 0);
    }

    [Fact]
    public void Constructor_IncompleteGrid_ThrowsIncompleteGridException()
    {
        var templates = new TemplateSet(2,
        [
            new SspTemplate(8.0, -1.0, [0], [1.0]), new SspTemplate(8.0, 0.0, [1], [1.0]), new SspTemplate(9.0, -1.0, [0], [1.0]),
        ]);

        var error = Assert.Throws<IncompleteGridException>(() => Map(templates, new PowerLawMzr()));

        Assert.Equal([(9.0, 0.0)], error.Missing);
    }

    [Fact]
    public void Constructor_ParameterNames_AreMassesThenMeanThenDispersion()
    {
        var rng = new Xoshiro256StarStar(2);
        var map = Map(RandomTemplates.Create(rng, ages: 2, metallicities: 2), new LinearAmr(13.7));

        Assert.Equal(["R.1", "R.2", "alpha", "beta", "sigma"], map.Parameters.Select(p => p.Name));
        Assert.Equal(2, map.MassParameterCount);
    }
}
