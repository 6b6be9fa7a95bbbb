using BayesSfh.Modelling;
using BayesSfh.Optimization;
using BayesSfh.Synthetic;
using Xunit;

namespace BayesSfh.Tests.Optimization;

public class SfhFitterTests
{
    private static readonly SyntheticTemplateOptions SmallGrid = new()
    {
        Ages = 8, MinLogAge = 8.5, MaxLogAge = 10.05, Metallicities = 6, MinMH = -2.2, MaxMH = 0.0, ColourBins = 30, MagnitudeBins = 20,
    };

    public static TheoryData<MetallicityModelKind, double, double> Models => new()
    {
        { MetallicityModelKind.PowerLawMzr, 0.35, -1.0 },
        { MetallicityModelKind.LinearAmr, 0.08, -1.9 },
        { MetallicityModelKind.LogarithmicAmr, 2e-4, 1e-4 },
    };

    private static MockGalaxy Mock(MetallicityModelKind kind, double alpha, double intercept, ulong seed = 7) => MockGalaxy.Create(new MockGalaxyOptions
    {
        Model = kind, Alpha = alpha, Intercept = intercept, Sigma = 0.2, TotalMass = 2e6, Seed = seed, Templates = SmallGrid,
    });

    [Theory]
    [MemberData(nameof(Models))]
    public void Fit_NoiseFreeData_MleRecoversTruthExactly(MetallicityModelKind kind, double alpha, double intercept)
    {
        var mock = Mock(kind, alpha, intercept);
        var model = SfhModel.Create(mock.Templates, mock.Expected, new SfhModelOptions { Model = kind });
        var fit = SfhFitter.Fit(model, new FitOptions { Objective = Objective.Likelihood });

        Assert.Equal(FitStatus.Converged, fit.Status);
        for (int i = 0; i < fit.Names.Length; i++)
        {
            double truth = mock.Truth[fit.Names[i]];
            Assert.True(Math.Abs(fit.Values[i] - truth) <= 1e-6 * Math.Abs(truth), $"{fit.Names[i]}: fit {fit.Values[i]:R}, truth {truth:R}");
        }
        Assert.True(fit.NegativeLogLikelihood < 1e-8, $"−ln L at the truth should vanish; got {fit.NegativeLogLikelihood}");
    }

    [Fact]
    public void Fit_NoiseFreeDataFreeModel_MleRecoversEveryCoefficient()
    {
        var mock = Mock(MetallicityModelKind.PowerLawMzr, 0.35, -1.0);
        var truthModel = SfhModel.Create(mock.Templates, mock.Expected);
        var truthCoefficients = truthModel.Coefficients([.. truthModel.ParameterNames.Select(n => mock.Truth[n])]);
        var model = SfhModel.Create(mock.Templates, mock.Expected, new SfhModelOptions { Model = MetallicityModelKind.Free });
        // Neighbouring-metallicity templates are nearly degenerate, so the free MLE needs a tight gradient tolerance.
        var fit = SfhFitter.Fit(model, new FitOptions { Objective = Objective.Likelihood, GradientTolerance = 1e-9 });

        Assert.Equal(FitStatus.Converged, fit.Status);
        // Coefficients far below one star have no information left in the data: check the ones that matter.
        var starsPerMass = mock.Templates.Templates.Select(t => t.StarsPerMass).ToArray();
        int checkedCount = 0;
        for (int t = 0; t < truthCoefficients.Length; t++)
        {
            if (truthCoefficients[t] * starsPerMass[t] < 1) continue;
            checkedCount++;
            Assert.True(Math.Abs(fit.Values[t] - truthCoefficients[t]) <= 1e-5 * truthCoefficients[t], $"{fit.Names[t]}: fit {fit.Values[t]:R}, truth {truthCoefficients[t]:R}");
        }
        Assert.True(checkedCount > 20, $"only {checkedCount} coefficients carry ≥ 1 star");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Fit_PoissonData_MapWithinThreeSigmaOfTruth(MetallicityModelKind kind, double alpha, double intercept)
    {
        var mock = Mock(kind, alpha, intercept);
        var model = SfhModel.Create(mock.Templates, mock.Observed, new SfhModelOptions { Model = kind });
        var fit = SfhFitter.Fit(model);

        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.Empty(fit.Warnings);
        double largestPull = 0;
        for (int i = 0; i < fit.Names.Length; i++)
        {
            double pull = (fit.Values[i] - mock.Truth[fit.Names[i]]) / fit.StandardErrors[i];
            Assert.True(Math.Abs(pull) < 3, $"{fit.Names[i]}: pull {pull:F2}");
            largestPull = Math.Max(largestPull, Math.Abs(pull));
        }
        // Guard against vacuous passes through inflated errors: the metallicity parameters are well measured.
        Assert.True(fit.StandardErrors[fit.Names.IndexOf("sigma")] < 0.05, "σ should be measured to better than 0.05 dex");
        Assert.True(largestPull > 0.1, "pulls all ≈ 0 would mean inflated standard errors");
    }

    [Fact]
    public void Fit_PoissonData_MleMetallicityParametersWithinThreeSigma()
    {
        var mock = Mock(MetallicityModelKind.PowerLawMzr, 0.35, -1.0);
        var model = SfhModel.Create(mock.Templates, mock.Observed);
        var map = SfhFitter.Fit(model);
        var mle = SfhFitter.Fit(model, new FitOptions { Objective = Objective.Likelihood, StartNatural = [.. map.Values] });

        Assert.True(mle.NegativeLogLikelihood <= map.NegativeLogLikelihood + 1e-9, "the MLE must not have a lower likelihood than the MAP");
        foreach (var name in new[] { "alpha", "mh0", "sigma" })
        {
            int i = mle.Names.IndexOf(name);
            Assert.True(Math.Abs(mle.Values[i] - mock.Truth[name]) < 3 * mle.StandardErrors[i], $"{name}: {mle.Values[i]} ± {mle.StandardErrors[i]} vs {mock.Truth[name]}");
        }
    }

    [Fact]
    public void Fit_FixedParameter_StaysAtItsValueWithZeroError()
    {
        var mock = Mock(MetallicityModelKind.PowerLawMzr, 0.35, -1.0);
        var model = SfhModel.Create(mock.Templates, mock.Observed, new SfhModelOptions { Fixed = new Dictionary<string, double> { ["sigma"] = 0.2, ["R.3"] = mock.Truth["R.3"] } });
        var fit = SfhFitter.Fit(model);

        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.Equal(0.2, fit["sigma"]);
        Assert.Equal(mock.Truth["R.3"], fit["R.3"]);
        Assert.Equal(0, fit.StandardErrors[fit.Names.IndexOf("sigma")]);
        Assert.Equal(fit.Names.Length - 2, fit.Theta.Length);
        Assert.NotNull(fit.ThetaCovariance);
    }

    [Fact]
    public void Fit_MapUsesPriors_NarrowPriorPullsEstimate()
    {
        var mock = Mock(MetallicityModelKind.PowerLawMzr, 0.35, -1.0);
        var free = SfhFitter.Fit(SfhModel.Create(mock.Templates, mock.Observed));
        var constrained = SfhFitter.Fit(SfhModel.Create(mock.Templates, mock.Observed,
            new SfhModelOptions { Priors = [new NormalPriorSpec("alpha", 0.1, 1e-3)] }));

        Assert.True(Math.Abs(constrained["alpha"] - 0.1) < 5e-3, $"alpha with a tight prior at 0.1: {constrained["alpha"]}");
        Assert.True(Math.Abs(free["alpha"] - 0.1) > 0.1, $"without the prior alpha should be far from 0.1: {free["alpha"]}");
    }
}
