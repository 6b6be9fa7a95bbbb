using BayesSfh.Hess;
using BayesSfh.Modelling;
using BayesSfh.Parameters;
using BayesSfh.Randomness;
using BayesSfh.Templates;
using BayesSfh.Tests.TestSupport;
using Xunit;

namespace BayesSfh.Tests.Modelling;

/// <summary>
/// The analytic gradient of <see cref="SfhLogDensity"/> against five-point finite differences, for every metallicity model,
/// every fixed/free combination of its parameters, both objectives, with priors and background templates, on a template
/// set whose input order is scrambled.
/// </summary>
/// <remarks>
/// Tolerance. The synthetic diagram holds about 2 000 stars, so F sums terms of order 2·10³ and one evaluation carries
/// rounding noise of order ε·2·10³ ≈ 4·10⁻¹³; the five-point quotient with step h = 3·10⁻⁴ in θ amplifies that by
/// 18/(12h) to ≈ 2·10⁻⁹. Its truncation error h⁴ f⁽⁵⁾/30 is largest along the real intercept (mh0, beta), where F varies
/// on the scale of the dispersion σ ≈ 0.2 dex: f⁽⁵⁾ ≈ 2·10³/σ⁵ ≈ 6·10⁶ gives ≈ 2·10⁻⁹ (with h = 10⁻³ it would be ≈ 2·10⁻⁷,
/// which is why the step is smaller than the usual 10⁻³). Each coordinate must agree to a relative 10⁻⁶ of
/// max(|analytic|, |fd|, 1): the floor of 1 (nat per unit θ) keeps near-zero components from being judged against the
/// noise, yet still asks them for an absolute 10⁻⁶, several hundred times the estimated error (the largest error seen is
/// ≈ 10⁻¹⁰). A wrong gradient term (for example dropping the MZR's through-mass term) fails at 10⁻³ or worse.
/// </remarks>
public class SfhLogDensityTests
{
    private const double Step = 3e-4;
    private const double Tolerance = 1e-6;
    private const double Floor = 1.0;
    private const int PointsPerCase = 3;

    private static readonly Lazy<(TemplateSet Templates, HessDiagram Observed)> Problem = new(() =>
    {
        var rng = new Xoshiro256StarStar(20260101);
        var templates = RandomTemplates.Create(rng, ages: 4, metallicities: 4, binCount: 120, backgrounds: 2, shuffle: true);
        return (templates, RandomTemplates.Observe(rng, templates));
    });

    /// <summary>Each model without fixed parameters or priors: the source of fixed values and prior centres.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MetallicityModelKind, SfhModel> StartModels = new();

    private static readonly MetallicityModelKind[] HierarchicalKinds =
        [MetallicityModelKind.PowerLawMzr, MetallicityModelKind.LinearAmr, MetallicityModelKind.LogarithmicAmr];

    /// <summary>Each hierarchical model × 16 fixed masks (bits: alpha, mh0|beta, sigma, R.2) × both objectives.</summary>
    public static TheoryData<MetallicityModelKind, int, Objective> HierarchicalCases()
    {
        var data = new TheoryData<MetallicityModelKind, int, Objective>();
        foreach (var kind in HierarchicalKinds)
            for (int mask = 0; mask < 16; mask++)
                foreach (var objective in new[] { Objective.Posterior, Objective.Likelihood })
                    data.Add(kind, mask, objective);
        return data;
    }

    /// <summary>The free model × 8 fixed masks (bits: r.1.1, r.3.2, bg.fg0) × both objectives.</summary>
    public static TheoryData<int, Objective> FreeCases()
    {
        var data = new TheoryData<int, Objective>();
        for (int mask = 0; mask < 8; mask++)
            foreach (var objective in new[] { Objective.Posterior, Objective.Likelihood })
                data.Add(mask, objective);
        return data;
    }

    public static TheoryData<MetallicityModelKind, int> PriorCases()
    {
        var data = new TheoryData<MetallicityModelKind, int>();
        foreach (var kind in HierarchicalKinds)
            foreach (int mask in new[] { 0, 5, 10, 15 })
                data.Add(kind, mask);
        return data;
    }

    private static string InterceptName(MetallicityModelKind kind) => kind == MetallicityModelKind.PowerLawMzr ? "mh0" : "beta";

    /// <summary>Names fixed by <paramref name="mask"/> for a hierarchical model.</summary>
    private static IEnumerable<string> FixedNames(MetallicityModelKind kind, int mask)
    {
        if ((mask & 1) != 0) yield return "alpha";
        if ((mask & 2) != 0) yield return InterceptName(kind);
        if ((mask & 4) != 0) yield return "sigma";
        if ((mask & 8) != 0) yield return "R.2";
    }

    /// <summary>Fixed values slightly away from the default starting point, so fixing is not a no-op.</summary>
    private static Dictionary<string, double> FixedValues(MetallicityModelKind kind, IEnumerable<string> names)
    {
        var start = StartModels.GetOrAdd(kind, k => SfhModel.Create(Problem.Value.Templates, Problem.Value.Observed, new SfhModelOptions { Model = k }));
        var values = new Dictionary<string, double>();
        foreach (string name in names)
        {
            int i = start.Layout.IndexOf(name);
            double x = start.InitialNatural[i];
            values[name] = start.Layout.Parameters[i].Constraint == ParameterConstraint.Positive ? 1.1 * x : x + 0.05;
        }
        return values;
    }

    private static SfhModel Model(MetallicityModelKind kind, int mask, IReadOnlyList<PriorSpec>? priors = null)
    {
        var (templates, observed) = Problem.Value;
        var names = kind == MetallicityModelKind.Free ? FreeFixedNames(mask) : FixedNames(kind, mask);
        return SfhModel.Create(templates, observed, new SfhModelOptions
        {
            Model = kind,
            Fixed = FixedValues(kind, names),
            Priors = priors ?? [],
        });
    }

    private static IEnumerable<string> FreeFixedNames(int mask)
    {
        if ((mask & 1) != 0) yield return "r.1.1";
        if ((mask & 2) != 0) yield return "r.3.2";
        if ((mask & 4) != 0) yield return "bg.fg0";
    }

    /// <summary>Random points θ = θ₀ + 0.2·N(0, 1) around the model's default start θ₀.</summary>
    private static IEnumerable<double[]> PointsNearStart(SfhModel model, ulong seed, int count = PointsPerCase)
    {
        var rng = new Xoshiro256StarStar(seed);
        var start = new double[model.Layout.FreeCount];
        model.Layout.ToTheta(model.InitialNatural.AsSpan(), start);
        for (int p = 0; p < count; p++) yield return [.. start.Select(v => v + 0.2 * rng.NextStandardNormal())];
    }

    private static void AssertGradientMatchesFiniteDifferences(SfhModel model, Objective objective, ulong seed, bool onePass = false)
    {
        var density = onePass ? model.CreateLogDensity(objective, onePass: true) : model.CreateLogDensity(objective);
        var names = model.Layout.FreeIndices.Select(i => model.Layout.Parameters[i].Name).ToArray();
        foreach (var theta in PointsNearStart(model, seed))
        {
            var analytic = new double[density.Dimension];
            double value = density.ValueAndGradient(theta, analytic);
            Assert.True(double.IsFinite(value), $"log density not finite at θ = [{string.Join(", ", theta)}]");
            var numeric = Numeric.Gradient(density, theta, Step);
            for (int i = 0; i < analytic.Length; i++)
                Numeric.AssertRelative(numeric[i], analytic[i], Tolerance, Floor, $"∂/∂θ({names[i]})");
        }
    }

    [Theory]
    [MemberData(nameof(HierarchicalCases))]
    public void ValueAndGradient_HierarchicalModelAnyFixedSubset_MatchesFiniteDifferences(MetallicityModelKind kind, int mask, Objective objective)
    {
        var model = Model(kind, mask);
        Assert.Equal(FixedNames(kind, mask).Count(), model.Layout.IsFixed.Count(f => f));

        AssertGradientMatchesFiniteDifferences(model, objective, seed: (ulong)(100 * (int)kind + mask));
    }

    [Theory]
    [MemberData(nameof(HierarchicalCases))]
    public void ValueAndGradient_OnePassLikelihood_MatchesFiniteDifferences(MetallicityModelKind kind, int mask, Objective objective)
    {
        AssertGradientMatchesFiniteDifferences(Model(kind, mask), objective, seed: (ulong)(500 + 100 * (int)kind + mask), onePass: true);
    }

    /// <summary>
    /// The one-pass likelihood (groups per age bin, three directions, backgrounds as their own groups) against the
    /// two-pass one at the same points: F to 1e-13 relative and every gradient component to 1e-10 of max(|g|, 1), i.e.
    /// the same numbers up to summation order.
    /// </summary>
    [Theory]
    [MemberData(nameof(PriorCases))]
    public void ValueAndGradient_OnePassLikelihood_AgreesWithTwoPasses(MetallicityModelKind kind, int mask)
    {
        var model = Model(kind, mask, AllPriors(kind, Model(kind, 0)));
        Assert.False(model.UsesOnePass); // small problem: two passes by default
        var twoPass = model.CreateLogDensity();
        var onePass = model.CreateLogDensity(Objective.Posterior, onePass: true);
        foreach (var theta in PointsNearStart(model, (ulong)(700 + mask), 4))
        {
            var expected = new double[theta.Length];
            var actual = new double[theta.Length];
            double expectedValue = twoPass.ValueAndGradient(theta, expected);
            double actualValue = onePass.ValueAndGradient(theta, actual);
            Assert.True(Math.Abs(actualValue - expectedValue) <= 1e-13 * Math.Abs(expectedValue), $"{actualValue:R} vs {expectedValue:R}");
            for (int i = 0; i < theta.Length; i++) Numeric.AssertRelative(expected[i], actual[i], 1e-10, 1.0, $"component {i}");
        }
    }

    [Fact]
    public void ValueAndGradient_OnePassOutsideLogarithmicAmrDomain_ReturnsNegativeInfinityAndZeroGradient()
    {
        var model = Model(MetallicityModelKind.LogarithmicAmr, 0);
        var density = model.CreateLogDensity(Objective.Posterior, onePass: true);
        var theta = new double[density.Dimension];
        model.Layout.ToTheta(model.InitialNatural.AsSpan(), theta);
        theta[model.Layout.FreeIndices.IndexOf(model.Layout.IndexOf("alpha"))] = 0;
        var gradient = Enumerable.Repeat(double.NaN, theta.Length).ToArray();

        Assert.Equal(double.NegativeInfinity, density.ValueAndGradient(theta, gradient));
        Assert.All(gradient, g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void ValueAndGradient_OnePassMassesUnderflowUnderStars_ReturnsNegativeInfinityNotNaN()
    {
        var model = Model(MetallicityModelKind.PowerLawMzr, 0);
        var density = model.CreateLogDensity(Objective.Likelihood, onePass: true);
        var theta = new double[density.Dimension];
        model.Layout.ToTheta(model.InitialNatural.AsSpan(), theta);
        // Every R_j and background amplitude e^−1000 = 0: no model under the stars.
        for (int f = 0; f < theta.Length; f++)
        {
            string name = model.Layout.Parameters[model.Layout.FreeIndices[f]].Name;
            if (name.StartsWith("R.", StringComparison.Ordinal) || name.StartsWith("bg.", StringComparison.Ordinal)) theta[f] = -1000;
        }
        var gradient = new double[theta.Length];

        Assert.Equal(double.NegativeInfinity, density.ValueAndGradient(theta, gradient));
        Assert.All(gradient, g => Assert.True(double.IsFinite(g)));
    }

    [Theory]
    [MemberData(nameof(FreeCases))]
    public void ValueAndGradient_FreeModelAnyFixedSubset_MatchesFiniteDifferences(int mask, Objective objective)
    {
        var model = Model(MetallicityModelKind.Free, mask);

        AssertGradientMatchesFiniteDifferences(model, objective, seed: (ulong)(900 + mask));
    }

    private static PriorSpec[] AllPriors(MetallicityModelKind kind, SfhModel reference)
    {
        double At(string name) => reference.InitialNatural[reference.Layout.IndexOf(name)];
        string intercept = InterceptName(kind);
        double interceptScale = kind == MetallicityModelKind.LogarithmicAmr ? 0.5 * At(intercept) : 0.3;
        return
        [
            new NormalPriorSpec("alpha", 1.2 * At("alpha"), 0.5 * At("alpha")),
            new NormalPriorSpec(intercept, At(intercept) - 0.5 * interceptScale, interceptScale),
            new NormalPriorSpec("sigma", 0.15, 0.1),
            new NormalPriorSpec("bg.fg1", 0.8 * At("bg.fg1"), 0.3 * At("bg.fg1")),
            new ContinuityPriorSpec(DegreesOfFreedom: 2, Scale: 0.3),
        ];
    }

    [Theory]
    [MemberData(nameof(PriorCases))]
    public void ValueAndGradient_WithNormalAndContinuityPriors_MatchesFiniteDifferences(MetallicityModelKind kind, int mask)
    {
        var priors = AllPriors(kind, Model(kind, 0));
        var model = Model(kind, mask, priors);
        Assert.Equal(priors.Length, model.Priors.Length);

        AssertGradientMatchesFiniteDifferences(model, Objective.Posterior, seed: (ulong)(500 + 10 * (int)kind + mask));
    }

    [Theory]
    [MemberData(nameof(PriorCases))]
    public void ValueAndGradient_PosteriorMinusLikelihood_EqualsLogJacobianPlusLogPriors(MetallicityModelKind kind, int mask)
    {
        var priors = AllPriors(kind, Model(kind, 0));
        var model = Model(kind, mask, priors);
        var posterior = model.CreateLogDensity(Objective.Posterior);
        var likelihood = model.CreateLogDensity(Objective.Likelihood);
        var layout = model.Layout;

        foreach (var theta in PointsNearStart(model, seed: (ulong)(700 + mask)))
        {
            var scratch = new double[theta.Length];
            double difference = posterior.ValueAndGradient(theta, scratch) - likelihood.ValueAndGradient(theta, scratch);

            // ln|∂x/∂θ| = Σ θ over the free positive parameters (x = e^θ); real parameters contribute nothing.
            double logJacobian = 0;
            for (int f = 0; f < theta.Length; f++)
                if (layout.Parameters[layout.FreeIndices[f]].Constraint == ParameterConstraint.Positive) logJacobian += theta[f];
            var x = new double[layout.NaturalCount];
            layout.ToNatural(theta, x);
            double expected = logJacobian + HandLogPriors(model, priors, x);
            Numeric.AssertRelative(expected, difference, 1e-12, 1, "posterior − likelihood");
        }
    }

    /// <summary>The priors' log densities written out independently of the library.</summary>
    private static double HandLogPriors(SfhModel model, IEnumerable<PriorSpec> priors, double[] x)
    {
        double total = 0;
        foreach (var spec in priors)
        {
            switch (spec)
            {
                case NormalPriorSpec n:
                    double z = (x[model.Layout.IndexOf(n.Parameter)] - n.Mean) / n.StandardDeviation;
                    total += -0.5 * z * z;
                    break;
                case ContinuityPriorSpec c:
                    // Σ_j ln t_ν(Δ_j/s) − Σ_j ln R_j, Δ_j = log10(SFR_j/SFR_{j+1}), SFR_j = R_j/Δt_j (youngest first).
                    int ages = model.Ages.Count;
                    for (int j = 0; j < ages; j++) total -= Math.Log(x[j]);
                    for (int j = 0; j + 1 < ages; j++)
                    {
                        double delta = Math.Log10(x[j] / model.Ages.Widths[j]) - Math.Log10(x[j + 1] / model.Ages.Widths[j + 1]);
                        double u = delta / c.Scale;
                        total += -0.5 * (c.DegreesOfFreedom + 1) * Math.Log(1 + u * u / c.DegreesOfFreedom);
                    }
                    break;
            }
        }
        return total;
    }

    [Fact]
    public void ValueAndGradient_LikelihoodObjective_EqualsMinusNegativeLogLikelihood()
    {
        var model = Model(MetallicityModelKind.PowerLawMzr, 9);
        var density = model.CreateLogDensity(Objective.Likelihood);
        var theta = PointsNearStart(model, 77, 1).Single();

        double value = density.ValueAndGradient(theta, new double[theta.Length]);

        Assert.Equal(-model.NegativeLogLikelihood(density.LastNatural), value);
    }

    [Fact]
    public void ValueAndGradient_OutsideLogarithmicAmrDomain_ReturnsNegativeInfinityAndZeroGradient()
    {
        var model = Model(MetallicityModelKind.LogarithmicAmr, 0);
        var density = model.CreateLogDensity();
        var theta = new double[density.Dimension];
        model.Layout.ToTheta(model.InitialNatural.AsSpan(), theta);
        // α = 1 per Gyr makes Z ≈ 10 at the youngest bin: X = 1 − Y < 0, so [M/H] is undefined.
        theta[model.Layout.FreeIndices.IndexOf(model.Layout.IndexOf("alpha"))] = 0;
        var gradient = Enumerable.Repeat(double.NaN, theta.Length).ToArray();

        double value = density.ValueAndGradient(theta, gradient);

        Assert.Equal(double.NegativeInfinity, value);
        Assert.All(gradient, g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void ValueAndGradient_CoefficientUnderflowsUnderStars_ReturnsNegativeInfinityNotNaN()
    {
        var model = Model(MetallicityModelKind.Free, 0);
        var density = model.CreateLogDensity(Objective.Likelihood);
        var theta = Enumerable.Repeat(-1000.0, density.Dimension).ToArray(); // every r = e^−1000 = 0
        var gradient = new double[theta.Length];

        double value = density.ValueAndGradient(theta, gradient);

        Assert.Equal(double.NegativeInfinity, value);
        Assert.All(gradient, g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void ValueAndGradient_WrongLength_ThrowsArgumentException()
    {
        var density = Model(MetallicityModelKind.LinearAmr, 0).CreateLogDensity();

        Assert.Throws<ArgumentException>(() => density.ValueAndGradient(new double[density.Dimension + 1], new double[density.Dimension]));
        Assert.Throws<ArgumentException>(() => density.ValueAndGradient(new double[density.Dimension], new double[density.Dimension - 1]));
    }

    [Theory]
    [InlineData(MetallicityModelKind.PowerLawMzr)]
    [InlineData(MetallicityModelKind.LogarithmicAmr)]
    [InlineData(MetallicityModelKind.Free)]
    public void ValueAndGradient_ThousandCalls_AllocatesNothing(MetallicityModelKind kind)
    {
        var model = kind == MetallicityModelKind.Free ? Model(kind, 0) : Model(kind, 2, AllPriors(kind, Model(kind, 0)));
        var density = model.CreateLogDensity(Objective.Posterior);
        var theta = PointsNearStart(model, 3, 1).Single();
        var gradient = new double[theta.Length];
        for (int i = 0; i < 10; i++) density.ValueAndGradient(theta, gradient);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) density.ValueAndGradient(theta, gradient);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(before, after);
    }

    [Fact]
    public void ValueAndGradient_OnePassThousandCalls_AllocatesNothing()
    {
        var model = Model(MetallicityModelKind.PowerLawMzr, 2, AllPriors(MetallicityModelKind.PowerLawMzr, Model(MetallicityModelKind.PowerLawMzr, 0)));
        var density = model.CreateLogDensity(Objective.Posterior, onePass: true);
        var theta = PointsNearStart(model, 3, 1).Single();
        var gradient = new double[theta.Length];
        for (int i = 0; i < 10; i++) density.ValueAndGradient(theta, gradient);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) density.ValueAndGradient(theta, gradient);

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void OnePassLikelihood_FreeModel_IsNotOffered()
    {
        var model = Model(MetallicityModelKind.Free, 0);

        Assert.Null(model.GroupedLikelihood);
        Assert.False(model.UsesOnePass);
        Assert.Throws<ArgumentException>(() => model.CreateLogDensity(Objective.Posterior, onePass: true));
    }
}
