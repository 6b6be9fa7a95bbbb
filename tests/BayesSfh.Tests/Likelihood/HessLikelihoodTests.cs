using BayesSfh.Hess;
using BayesSfh.Likelihood;
using BayesSfh.Randomness;
using BayesSfh.Templates;
using BayesSfh.Tests.TestSupport;
using Xunit;

namespace BayesSfh.Tests.Likelihood;

public class HessLikelihoodTests
{
    // A 3 × 3 diagram (flattened bins 0..8) with two SSP templates and one background, all values exact in float:
    //   T0 (SSP, [M/H] −1):  bins {0, 1, 4}     values {1, 2, 0.5}
    //   T1 (SSP, [M/H]  0):  bins {1, 2, 4, 5}  values {0.5, 1, 1.5, 2}
    //   T2 (background fg):  bins {3, 6, 7}     values {1, 1, 0.25}
    // Bin 8 is reached by no template (and is empty).
    private static TemplateSet TinyTemplates() => new(9,
        [
            new SspTemplate(9.0, -1.0, [0, 1, 4], [1.0, 2.0, 0.5]),
            new SspTemplate(9.0, 0.0, [1, 2, 4, 5], [0.5, 1.0, 1.5, 2.0]),
        ],
        [new BackgroundTemplate("fg", [3, 6, 7], [1.0, 1.0, 0.25])]);

    private static readonly double[] TinyCounts = [3, 6, 0, 5, 10, 0, 8, 1, 0];

    private static readonly double[] TinyCoefficients = [2, 4, 8];

    [Fact]
    public void Evaluate_TinyDiagram_MatchesHandComputedValueAndGradient()
    {
        var likelihood = new HessLikelihood(TinyTemplates(), new HessDiagram(TinyCounts));
        var gradient = new double[3];

        double f = likelihood.Evaluate(TinyCoefficients, gradient, likelihood.CreateWorkspace());

        // r = (2, 4, 8). Model m_i = Σ_t r_t c_ti:
        //   m = (2·1, 2·2 + 4·0.5, 4·1, 8·1, 2·0.5 + 4·1.5, 4·2, 8·1, 8·0.25, 0) = (2, 6, 4, 8, 7, 8, 8, 2, 0)
        //   n = (3, 6, 0, 5, 10, 0, 8, 1, 0)
        // F = Σ_i m_i − n_i + n_i ln(n_i/m_i), with n_i = 0 contributing m_i:
        //   bin 0: 2 − 3 + 3 ln(3/2)      bin 1: 6 − 6 + 6 ln 1 = 0     bin 2: 4 (empty)
        //   bin 3: 8 − 5 + 5 ln(5/8)      bin 4: 7 − 10 + 10 ln(10/7)   bin 5: 8 (empty)
        //   bin 6: 8 − 8 + 0 = 0          bin 7: 2 − 1 + ln(1/2)        bin 8: 0 (m = n = 0)
        //   F = (−1 + 4 + 3 − 3 + 8 + 1) + 3 ln 1.5 + 5 ln 0.625 + 10 ln(10/7) − ln 2
        //     = 12 + 1.216395324324493 − 2.350018146228678 + 3.566749439387325 − 0.693147180559945 = 13.739979436923194
        double expected = 12 + 3 * Math.Log(1.5) + 5 * Math.Log(0.625) + 10 * Math.Log(10.0 / 7) - Math.Log(2);
        Numeric.AssertRelative(expected, f, 1e-14, 1, "F");
        Numeric.AssertRelative(13.739979436923194, f, 1e-14, 1, "F literal");

        // ∂F/∂r_t = Σ_i c_ti (1 − n_i/m_i), with 1 − n/m = (−1/2, 0, 1, 3/8, −3/7, 1, 0, 1/2) on bins 0..7:
        //   T0: 1·(−1/2) + 2·0 + 0.5·(−3/7)              = −1/2 − 3/14       = −5/7
        //   T1: 0.5·0 + 1·1 + 1.5·(−3/7) + 2·1            = 3 − 9/14          = 33/14
        //   T2: 1·(3/8) + 1·0 + 0.25·(1/2)                 = 3/8 + 1/8         = 1/2
        Numeric.AssertRelative(-5.0 / 7, gradient[0], 1e-14, 1, "dF/dr0");
        Numeric.AssertRelative(33.0 / 14, gradient[1], 1e-14, 1, "dF/dr1");
        Numeric.AssertRelative(0.5, gradient[2], 1e-14, 1, "dF/dr2");
    }

    [Fact]
    public void Value_TinyDiagram_EqualsEvaluate()
    {
        var likelihood = new HessLikelihood(TinyTemplates(), new HessDiagram(TinyCounts));
        var workspace = likelihood.CreateWorkspace();

        double withGradient = likelihood.Evaluate(TinyCoefficients, new double[3], workspace);
        double alone = likelihood.Value(TinyCoefficients, workspace);

        Assert.Equal(withGradient, alone);
    }

    [Fact]
    public void Constructor_TinyDiagram_ExcludesUncoveredEmptyBin()
    {
        var likelihood = new HessLikelihood(TinyTemplates(), new HessDiagram(TinyCounts));

        Assert.Equal(8, likelihood.ActiveBinCount);
        Assert.Equal(3, likelihood.CoefficientCount);
        Assert.Equal(33, likelihood.TotalCount);
    }

    [Fact]
    public void ExpectedCounts_TinyDiagram_MatchesHandComputedModel()
    {
        var likelihood = new HessLikelihood(TinyTemplates(), new HessDiagram(TinyCounts));
        var model = new double[9];

        likelihood.ExpectedCounts(TinyCoefficients, model);

        Assert.Equal([2, 6, 4, 8, 7, 8, 8, 2, 0], model);
    }

    [Fact]
    public void Evaluate_BinWithStarsAndZeroModel_ReturnsPositiveInfinityNotNaN()
    {
        var likelihood = new HessLikelihood(TinyTemplates(), new HessDiagram(TinyCounts));
        var workspace = likelihood.CreateWorkspace();
        // r0 = 0: bin 0 (n = 3) has m = 0, while every other bin stays finite.
        double[] coefficients = [0, 4, 8];

        double f = likelihood.Evaluate(coefficients, new double[3], workspace);
        double value = likelihood.Value(coefficients, workspace);

        Assert.Equal(double.PositiveInfinity, f);
        Assert.Equal(double.PositiveInfinity, value);
    }

    [Fact]
    public void Evaluate_AllCoefficientsZero_ReturnsPositiveInfinityNotNaN()
    {
        var likelihood = new HessLikelihood(TinyTemplates(), new HessDiagram(TinyCounts));

        double f = likelihood.Evaluate([0, 0, 0], new double[3], likelihood.CreateWorkspace());

        Assert.Equal(double.PositiveInfinity, f);
    }

    [Fact]
    public void Evaluate_ZeroModelOnlyInEmptyBins_IsFinite()
    {
        // With r1 = 0 the bins reached only by T1 (2 and 5) have m = 0 but are empty, so they contribute nothing.
        var likelihood = new HessLikelihood(TinyTemplates(), new HessDiagram(TinyCounts));

        double f = likelihood.Evaluate([2, 0, 8], new double[3], likelihood.CreateWorkspace());

        // m = (2, 4, 0, 8, 1, 0, 8, 2): bins 1 and 4 change to 6 ln(6/4) − 2 and 10 ln(10/1) − 9.
        double expected = (2 - 3 + 3 * Math.Log(1.5)) + (4 - 6 + 6 * Math.Log(1.5)) + (8 - 5 + 5 * Math.Log(0.625))
            + (1 - 10 + 10 * Math.Log(10)) + (2 - 1 + Math.Log(0.5));
        Numeric.AssertRelative(expected, f, 1e-14, 1, "F");
    }

    [Fact]
    public void Constructor_StarsInBinNoTemplateReaches_ThrowsUncoveredBinException()
    {
        double[] counts = [.. TinyCounts];
        counts[8] = 1;

        var error = Assert.Throws<UncoveredBinException>(() => new HessLikelihood(TinyTemplates(), new HessDiagram(counts)));

        Assert.Equal(8, error.Bin);
    }

    [Fact]
    public void Constructor_BinCountMismatch_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new HessLikelihood(TinyTemplates(), new HessDiagram(new double[10])));
    }

    [Fact]
    public void Evaluate_RandomProblem_GradientMatchesFiniteDifferences()
    {
        var rng = new Xoshiro256StarStar(11);
        var templates = RandomTemplates.Create(rng, ages: 3, metallicities: 3, backgrounds: 2);
        var likelihood = new HessLikelihood(templates, RandomTemplates.Observe(rng, templates));
        var workspace = likelihood.CreateWorkspace();
        int count = likelihood.CoefficientCount;
        var r = new double[count];
        int ssp = templates.Templates.Length;
        for (int t = 0; t < count; t++)
        {
            double perUnit = t < ssp ? templates.Templates[t].StarsPerMass : templates.Backgrounds[t - ssp].Values.Sum();
            r[t] = rng.NextUniform(0.5, 1.5) * 2000 / count / perUnit;
        }
        var gradient = new double[count];

        likelihood.Evaluate(r, gradient, workspace);

        for (int t = 0; t < count; t++)
        {
            double centre = r[t], h = 1e-3 * centre;
            double fd = Numeric.Derivative(v =>
            {
                r[t] = v;
                return likelihood.Value(r, workspace);
            }, centre, h);
            r[t] = centre;
            // F is a sum of terms of order Σn ≈ 2e3, so the difference quotient has absolute noise ≈ ε·2e3/h; the
            // gradient is compared relative to max(|g|, |fd|, 1e-6/h) to stay above that noise.
            Numeric.AssertRelative(gradient[t], fd, 1e-6, 1e-6 / h, $"dF/dr{t}");
        }
    }

    [Fact]
    public void Evaluate_ThousandCalls_AllocatesNothing()
    {
        var rng = new Xoshiro256StarStar(5);
        var templates = RandomTemplates.Create(rng, ages: 4, metallicities: 3, backgrounds: 1);
        var likelihood = new HessLikelihood(templates, RandomTemplates.Observe(rng, templates));
        var workspace = likelihood.CreateWorkspace();
        var r = Enumerable.Repeat(1e4, likelihood.CoefficientCount).ToArray();
        var gradient = new double[r.Length];
        for (int i = 0; i < 10; i++) likelihood.Evaluate(r, gradient, workspace);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) likelihood.Evaluate(r, gradient, workspace);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(before, after);
    }

    [Fact]
    public void Value_ThousandCalls_AllocatesNothing()
    {
        var rng = new Xoshiro256StarStar(6);
        var templates = RandomTemplates.Create(rng, ages: 4, metallicities: 3);
        var likelihood = new HessLikelihood(templates, RandomTemplates.Observe(rng, templates));
        var workspace = likelihood.CreateWorkspace();
        var r = Enumerable.Repeat(1e4, likelihood.CoefficientCount).ToArray();
        for (int i = 0; i < 10; i++) likelihood.Value(r, workspace);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) likelihood.Value(r, workspace);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(before, after);
    }
}
