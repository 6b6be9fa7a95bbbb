using BayesSfh.Modelling;
using BayesSfh.Synthetic;
using Xunit;
using Xunit.Abstractions;

namespace BayesSfh.Tests.Modelling;

/// <summary>
/// <see cref="SfhSampler"/> end to end on a small mock: shapes, determinism, and agreement of the posterior in star-share
/// and θ coordinates (the same distribution sampled in two coordinate systems).
/// </summary>
public class SfhSamplerTests(ITestOutputHelper output)
{
    private static readonly Lazy<SfhModel> SmallModel = new(() =>
    {
        var mock = MockGalaxy.Create(new MockGalaxyOptions
        {
            Alpha = 0.35, Intercept = -1.0, Sigma = 0.2, TotalMass = 2e6, Seed = 11,
            Templates = new SyntheticTemplateOptions { Ages = 5, MinLogAge = 8.5, MaxLogAge = 10.05, Metallicities = 5, MinMH = -2.2, MaxMH = 0.0, ColourBins = 30, MagnitudeBins = 20 },
        });
        return SfhModel.Create(mock.Templates, mock.Observed, new SfhModelOptions { Model = MetallicityModelKind.PowerLawMzr });
    });

    private static SfhPosterior Run(SamplingCoordinates coordinates, ulong seed, int? threads = null) =>
        SfhSampler.Sample(SmallModel.Value, new SfhSamplingOptions { Chains = 2, Warmup = 300, Draws = 400, Seed = seed, Coordinates = coordinates, Threads = threads });

    [Fact]
    public void Sample_ReturnsNaturalDrawsPerChain_DeterministicWhateverTheThreads()
    {
        var one = Run(SamplingCoordinates.StarShare, 5, threads: 1);
        var two = Run(SamplingCoordinates.StarShare, 5, threads: 2);

        Assert.Equal(SamplingCoordinates.StarShare, one.Coordinates);
        Assert.Equal(2, one.Chains.Length);
        Assert.All(one.Chains, c => Assert.Equal(400, c.RowCount));
        Assert.Equal(["lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__", .. SmallModel.Value.OutputNames],
            one.Chains[0].ColumnNames.ToArray());
        Assert.All(one.Pooled("R.1"), r => Assert.True(r > 0));
        for (int c = 0; c < 2; c++)
            foreach (string name in one.Chains[c].ColumnNames)
                Assert.Equal(one.Chains[c].Column(name).ToArray(), two.Chains[c].Column(name).ToArray());
    }

    [Fact]
    public void StarShareAndTheta_SamePosteriorMeansWithinMcse()
    {
        var phi = Run(SamplingCoordinates.StarShare, 21);
        var theta = Run(SamplingCoordinates.Theta, 22);
        Assert.Equal(SamplingCoordinates.Theta, theta.Coordinates);

        var z = SmallModel.Value.OutputNames.Select(name =>
        {
            var a = phi.Diagnostics.Summary[name];
            var b = theta.Diagnostics.Summary[name];
            return (name, z: (a["mean"] - b["mean"]) / Math.Sqrt(a["mcse_mean"] * a["mcse_mean"] + b["mcse_mean"] * b["mcse_mean"]));
        }).ToList();
        foreach (var (name, value) in z) output.WriteLine($"{name}: z = {value:F2}");
        // Alert at |z| > 3 (logged); fail at |z| > 4.5 (Bonferroni over ~8 parameters at ~1e-5) or a NaN.
        Assert.All(z, t => Assert.True(double.IsFinite(t.z), t.name));
        var worst = z.MaxBy(t => Math.Abs(t.z));
        if (Math.Abs(worst.z) > 3) output.WriteLine($"ALERT: {worst.name} z = {worst.z:F2}");
        Assert.True(Math.Abs(worst.z) < 4.5, $"{worst.name}: z = {worst.z:F2}");
        // Non-vacuity: the two runs are different draws, and the check would see a 5 % shift of the mean of R.1.
        Assert.NotEqual(phi.Pooled("R.1"), theta.Pooled("R.1"));
        var r1 = theta.Diagnostics.Summary["R.1"];
        Assert.True(0.05 * Math.Abs(r1["mean"]) > 4.5 * Math.Sqrt(2) * r1["mcse_mean"], "the test cannot resolve a 5 % shift");
    }

    [Fact]
    public void Calibration_TruthInsideCredibleIntervalsAtTheNominalRate()
    {
        // Ten mock galaxies (different Poisson draws of one truth), each sampled; count how often the truth of every free
        // parameter falls in the central 68 % and 95 % intervals. Intervals of neighbouring parameters are correlated, so
        // the thresholds are loose: 95 % intervals must cover ≥ 80 % (alert below 88 %), 68 % intervals 50–88 %.
        int inside68 = 0, inside95 = 0, total = 0;
        for (ulong seed = 100; seed < 110; seed++)
        {
            var mock = MockGalaxy.Create(new MockGalaxyOptions
            {
                Alpha = 0.35, Intercept = -1.0, Sigma = 0.2, TotalMass = 2e6, Seed = seed,
                Templates = new SyntheticTemplateOptions { Ages = 5, MinLogAge = 8.5, MaxLogAge = 10.05, Metallicities = 5, MinMH = -2.2, MaxMH = 0.0, ColourBins = 30, MagnitudeBins = 20 },
            });
            var model = SfhModel.Create(mock.Templates, mock.Observed, new SfhModelOptions { Model = MetallicityModelKind.PowerLawMzr });
            var posterior = SfhSampler.Sample(model, new SfhSamplingOptions { Chains = 2, Warmup = 300, Draws = 500, Seed = seed });
            foreach (int i in model.Layout.FreeIndices)
            {
                string name = model.OutputNames[i];
                var draws = posterior.Pooled(name);
                Array.Sort(draws);
                double truth = mock.Truth[name];
                total++;
                if (truth >= Quantile(draws, 0.16) && truth <= Quantile(draws, 0.84)) inside68++;
                if (truth >= Quantile(draws, 0.025) && truth <= Quantile(draws, 0.975)) inside95++;
            }
        }
        double rate68 = (double)inside68 / total, rate95 = (double)inside95 / total;
        output.WriteLine($"coverage over {total} parameter-runs: 68 % intervals {rate68:P1}, 95 % intervals {rate95:P1}");
        if (rate95 < 0.88 || rate68 < 0.58 || rate68 > 0.80) output.WriteLine("ALERT: coverage away from nominal");
        Assert.InRange(rate95, 0.80, 1.0);
        Assert.InRange(rate68, 0.50, 0.88);
    }

    private static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)h;
        return sorted[lo] + (h - lo) * (sorted[Math.Min(lo + 1, sorted.Length - 1)] - sorted[lo]);
    }
}
