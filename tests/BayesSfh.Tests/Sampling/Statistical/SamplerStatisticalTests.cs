using BayesSfh.Sampling;
using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Sampling.Running;
using BayesSfh.Tests.Sampling.TestTargets;
using Xunit;
using Xunit.Abstractions;

namespace BayesSfh.Tests.Sampling.Statistical;

/// <summary>
/// Seeded end-to-end runs (4 chains × 1000 warm-up + 1000 draws, Stan defaults) on targets with exact answers.
/// Each check has an alert threshold (message in the test output) and a fail threshold (assertion), after DynamicHMC's
/// <c>sample-correctness_utilities.jl</c>: rank-normalised split R̂ 1.01 / 1.02; |mean − truth| and |variance − truth| in Monte Carlo standard
/// errors 3.5 / 4.5 (Bonferroni-flavoured for up to 100 coordinates); ESS per draw and E-BFMI per target. R̂, ESS and
/// MCSE come from <c>BayesSfh.Diagnostics</c> (posterior semantics).
/// </summary>
[Trait("Category", "Statistical")]
public class SamplerStatisticalTests(ITestOutputHelper output)
{
    private const double ZAlert = 3.5, ZFail = 4.5, RhatAlert = 1.01, RhatFail = 1.02;

    private static SamplerRunOptions Options(ulong seed) => new() { Seed = seed, Chains = 4, WarmupIterations = 1000, SamplingIterations = 1000 };

    [Fact]
    public void IidNormal100_MomentsRhatEss()
    {
        var result = NutsSampler.Run(_ => new StandardNormalDensity(100), Options(20240601));
        var check = new StatisticalCheck(output, "iid N(0, I₁₀₀)");
        double minEss = double.PositiveInfinity;
        for (int i = 0; i < 100; i++)
            minEss = Math.Min(minEss, CheckMoments(check, $"θ[{i}]", Chains(result, i), 0.0, 1.0, essPerDrawAlert: 0.5, essPerDrawFail: 0.2));
        CheckSampler(check, result, ebfmiAlert: 0.5, ebfmiFail: 0.25, allowDivergences: false);
        check.Note($"min ESS/draw {minEss / 4000:F3}, step sizes {string.Join(", ", result.Chains.Select(c => c.Adaptation.StepSize.ToString("F3")))}");
        check.AssertNoFailures();
    }

    [Fact]
    public void DiagonalGaussianScales1e3To1e3_DiagonalMetricAdapts()
    {
        double[] scales = [1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3];
        double[] means = scales.Select((s, i) => s * (i - 3)).ToArray();
        var result = NutsSampler.Run(_ => new DiagonalGaussianDensity(means, scales), Options(7));
        var check = new StatisticalCheck(output, "diagonal N, scales 1e-3…1e3");
        for (int i = 0; i < scales.Length; i++)
        {
            CheckMoments(check, $"θ[{i}] (σ = {scales[i]:G})", Chains(result, i), means[i], scales[i] * scales[i], essPerDrawAlert: 0.5, essPerDrawFail: 0.2);
            // The last window (500 draws) gives (n/(n+5))σ² + 10⁻³·5/(n+5): Stan's shrinkage dominates for σ ≲ 0.01.
            double expected = 500.0 / 505.0 * scales[i] * scales[i] + 1e-3 * 5.0 / 505.0;
            foreach (var chain in result.Chains)
                check.AtMost($"chain {chain.ChainId} adapted σ²[{i}] / regularised σ² (log10 |ratio|)",
                    Math.Abs(Math.Log10(chain.Adaptation.Metric.ToInverseMetricArray()[i] / expected)), 0.15, 0.5);
        }
        CheckSampler(check, result, ebfmiAlert: 0.5, ebfmiFail: 0.25, allowDivergences: false);
        check.AssertNoFailures();
    }

    [Fact]
    public void CorrelatedGaussianRho099_DenseMetric()
    {
        double[] scales = [1, 2, 0.5, 1, 3];
        double[] means = [1, -2, 3, 0, 5];
        double[] covariance = CorrelatedGaussianDensity.Equicorrelated(scales, 0.99);
        var options = Options(99) with { Warmup = new WarmupOptions { AdaptedMetric = MetricKind.Dense } };
        var result = NutsSampler.Run(_ => new CorrelatedGaussianDensity(means, covariance), options);
        var check = new StatisticalCheck(output, "correlated N, ρ = 0.99, dense metric");
        for (int i = 0; i < 5; i++)
            CheckMoments(check, $"θ[{i}]", Chains(result, i), means[i], scales[i] * scales[i], essPerDrawAlert: 0.5, essPerDrawFail: 0.2);
        CheckSampler(check, result, ebfmiAlert: 0.5, ebfmiFail: 0.25, allowDivergences: false);
        double meanDepth = result.Chains.SelectMany(c => c.Infos).Average(i => i.TreeDepth);
        check.AtMost("mean tree depth (a learnt dense metric makes the target isotropic)", meanDepth, 3.5, 5);
        check.Note($"mean tree depth {meanDepth:F2}");
        check.AssertNoFailures();
    }

    [Fact]
    public void NealFunnel_DivergencesAreReportedNotHidden()
    {
        var result = NutsSampler.Run(_ => new FunnelDensity(10), Options(3));
        var check = new StatisticalCheck(output, "Neal's funnel, d = 10");
        int flagged = result.Chains.Sum(c => c.Infos.Count(i => i.Divergent));
        check.Note($"{result.SamplingDivergences} divergent sampling transitions of 4000; warm-up {result.Chains.Sum(c => c.Statistics.WarmupDivergences)}");
        Assert.True(result.SamplingDivergences > 0, "the funnel's neck must produce divergences, and they must be counted");
        Assert.Equal(flagged, result.SamplingDivergences);
        // The neck is under-explored (that is what the divergences warn about): moments of v are alert-only.
        var v = Chains(result, 0);
        check.Note($"v: mean {ChainSummaries.Mean(v):F3} (truth 0), sd {Math.Sqrt(ChainSummaries.Variance(v)):F3} (truth 3), R̂ {ChainSummaries.Rhat(v):F3}");
        CheckMoments(check, "v", v, 0.0, 9.0, essPerDrawAlert: 0.1, essPerDrawFail: 0.0, rhatFail: double.PositiveInfinity, zFail: double.PositiveInfinity);
        check.AssertNoFailures();
    }

    [Fact]
    public void EightSchoolsNonCentred_MatchesPosteriordbReference()
    {
        // posteriordb eight_schools-eight_schools_noncentered reference (10 000 draws of Stan NUTS, δ = 0.95).
        double[] thetaReference = [6.15, 4.94, 3.91, 4.80, 3.61, 4.05, 6.32, 4.88];
        var options = Options(8) with { Warmup = new WarmupOptions { DualAveraging = new DualAveragingOptions { TargetAcceptance = 0.95 } } };
        var result = NutsSampler.Run(_ => new EightSchoolsNonCentredDensity(), options);
        var check = new StatisticalCheck(output, "eight schools, non-centred");
        var mu = Chains(result, 8);
        var tau = result.Chains.Select(c => c.Coordinate(9).Select(Math.Exp).ToArray()).ToArray();
        CheckAgainstReference(check, "μ", mu, 4.41, 3.31 / 100);
        CheckAgainstReference(check, "τ", tau, 3.60, 3.20 / 100);
        for (int j = 0; j < 8; j++)
        {
            int school = j;
            var theta = result.Chains.Select(c =>
                Enumerable.Range(0, c.DrawCount).Select(s => c.Draw(s)[8] + Math.Exp(c.Draw(s)[9]) * c.Draw(s)[school]).ToArray()).ToArray();
            CheckAgainstReference(check, $"θ[{j + 1}]", theta, thetaReference[j], 0.06);
        }
        CheckSampler(check, result, ebfmiAlert: 0.5, ebfmiFail: 0.25, allowDivergences: true);
        check.AtMost("divergent sampling transitions", result.SamplingDivergences, 0, 20);
        check.AssertNoFailures();
    }

    private static double[][] Chains(SamplerRunResult result, int coordinate) => result.Chains.Select(c => c.Coordinate(coordinate)).ToArray();

    /// <summary>Checks mean and variance against exact values in MCSE units, plus R̂ and ESS/draw; returns the ESS.</summary>
    private static double CheckMoments(StatisticalCheck check, string name, double[][] chains, double trueMean, double trueVariance,
        double essPerDrawAlert, double essPerDrawFail, double rhatFail = RhatFail, double zFail = ZFail)
    {
        int draws = chains.Sum(c => c.Length);
        double mean = ChainSummaries.Mean(chains), ess = ChainSummaries.EssMean(chains), mcse = ChainSummaries.McseMean(chains);
        check.AtMost($"{name}: |mean − {trueMean:G4}| / MCSE (mean {mean:G5}, MCSE {mcse:G3})", Math.Abs(mean - trueMean) / mcse, ZAlert, zFail);

        var squares = chains.Select(c => c.Select(x => (x - trueMean) * (x - trueMean)).ToArray()).ToArray();
        double variance = ChainSummaries.Mean(squares), essSquares = ChainSummaries.EssMean(squares);
        double mcseVariance = ChainSummaries.McseMean(squares);
        check.AtMost($"{name}: |variance − {trueVariance:G4}| / MCSE (variance {variance:G5}, MCSE {mcseVariance:G3})",
            Math.Abs(variance - trueVariance) / mcseVariance, ZAlert, zFail);

        check.AtMost($"{name}: rank-normalised split R̂", ChainSummaries.Rhat(chains), RhatAlert, rhatFail);
        check.AtMost($"{name}: rank-normalised split R̂ of (θ − μ)²", ChainSummaries.Rhat(squares), RhatAlert, rhatFail);
        check.AtLeast($"{name}: ESS/draw of the mean", ess / draws, essPerDrawAlert, essPerDrawFail);
        check.AtLeast($"{name}: bulk ESS/draw", ChainSummaries.EssBulk(chains) / draws, essPerDrawAlert, essPerDrawFail);
        check.AtLeast($"{name}: ESS/draw of (θ − μ)²", essSquares / draws, essPerDrawAlert / 2, essPerDrawFail / 2);
        return ess;
    }

    private static void CheckAgainstReference(StatisticalCheck check, string name, double[][] chains, double reference, double referenceMcse)
    {
        double mean = ChainSummaries.Mean(chains), ess = ChainSummaries.EssMean(chains), mcse = ChainSummaries.McseMean(chains);
        double z = Math.Abs(mean - reference) / Math.Sqrt(mcse * mcse + referenceMcse * referenceMcse);
        check.Note($"{name}: mean {mean:F3} (reference {reference}), MCSE {mcse:F3}, ESS {ess:F0}, z {z:F2}");
        check.AtMost($"{name}: |mean − reference {reference}| / MCSE (mean {mean:F3}, MCSE {mcse:F3}, ESS {ess:F0})", z, 3, 4);
        check.AtMost($"{name}: rank-normalised split R̂", ChainSummaries.Rhat(chains), RhatAlert, RhatFail);
        check.AtLeast($"{name}: ESS/draw", ess / chains.Sum(c => c.Length), 0.2, 0.05);
    }

    private static void CheckSampler(StatisticalCheck check, SamplerRunResult result, double ebfmiAlert, double ebfmiFail, bool allowDivergences)
    {
        foreach (var chain in result.Chains)
        {
            check.AtLeast($"chain {chain.ChainId}: E-BFMI", ChainSummaries.Ebfmi(chain.Infos.Select(i => i.Energy).ToArray()), ebfmiAlert, ebfmiFail);
            check.AtMost($"chain {chain.ChainId}: fraction of draws at maximum tree depth",
                chain.Infos.Count(i => i.TreeDepth >= result.Options.Nuts.MaxTreeDepth) / (double)chain.DrawCount, 0.0, 0.05);
            double accept = chain.Infos.Average(i => i.AcceptStat);
            double target = result.Options.Warmup.DualAveraging.TargetAcceptance;
            // Sampling uses ε̄ (the averaged iterate), which is usually a little smaller than the last iterates: mean
            // accept_stat above δ is normal (Stan runs with δ = 0.8 typically show 0.85–0.93).
            check.AtMost($"chain {chain.ChainId}: |mean accept_stat − δ| (mean {accept:F3})", Math.Abs(accept - target), 0.14, 0.19);
        }
        if (!allowDivergences) check.AtMost("divergent sampling transitions", result.SamplingDivergences, 0, 0);
    }
}
