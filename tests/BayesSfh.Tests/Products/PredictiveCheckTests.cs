using BayesSfh.Hess;
using BayesSfh.Modelling;
using BayesSfh.Optimization;
using BayesSfh.Products;
using BayesSfh.Randomness;
using BayesSfh.Synthetic;
using Xunit;
using Xunit.Abstractions;

namespace BayesSfh.Tests.Products;

/// <summary>
/// Seeded statistical checks of the posterior predictive p-value: for data drawn from the model it is roughly uniform
/// (at the true parameters) and not extreme (over a Laplace posterior); for a grossly wrong model it is ≈ 0. Each check has
/// an alert threshold (reported) and a looser fail threshold (asserted); everything is seeded, so results are fixed.
/// </summary>
public class PredictiveCheckTests(ITestOutputHelper output)
{
    private static readonly SyntheticTemplateOptions SmallGrid = new()
    {
        Ages = 6, MinLogAge = 8.5, MaxLogAge = 10.0, Metallicities = 5, MinMH = -2.0, MaxMH = 0.0, ColourBins = 24, MagnitudeBins = 16,
    };

    /// <summary>The mock galaxy's templates, truth and noise-free expected counts (built once).</summary>
    private static readonly Lazy<MockGalaxy> Mock = new(() => MockGalaxy.Create(new MockGalaxyOptions { Templates = SmallGrid, TotalMass = 2e6, Sigma = 0.2 }));

    /// <summary>A data set drawn from the mock's expected counts with <paramref name="seed"/>, its model and the truth.</summary>
    private static (SfhModel Model, double[] Truth) MockProblem(ulong seed)
    {
        var mock = Mock.Value;
        var rng = new Xoshiro256StarStar(seed);
        var counts = new double[mock.Expected.BinCount];
        for (int i = 0; i < counts.Length; i++) counts[i] = rng.NextPoisson(mock.Expected.Counts[i]);
        var model = SfhModel.Create(mock.Templates, new HessDiagram(counts, mock.Templates.HessGrid), new SfhModelOptions());
        return (model, [.. model.OutputNames.Select(n => mock.Truth[n])]);
    }

    /// <summary><paramref name="copies"/> identical draws at <paramref name="point"/>: a posterior concentrated there.</summary>
    private static PosteriorDraws Repeated(SfhModel model, double[] point, int copies) =>
        PosteriorDraws.Create(model.OutputNames, [.. Enumerable.Repeat(point, copies)]);

    private static double PValue(SfhModel model, PosteriorDraws draws, ulong seed, int replications = 200) =>
        PosteriorProducts.Compute(model, draws, new ProductOptions { PredictiveDraws = replications, Seed = seed }).Check!.PValue;

    [Fact]
    public void PValue_DataFromTheModelAtTheTruth_IsRoughlyUniform()
    {
        // At the true parameters the p-value is the classical one of T: uniform over data sets (up to the discreteness of
        // Poisson counts and of 200 replications). Kolmogorov–Smirnov distance of 40 p-values from U(0, 1): the 5 % and
        // 1 % critical values are 0.21 and 0.26.
        var pValues = new double[40];
        for (int d = 0; d < pValues.Length; d++)
        {
            var (model, truth) = MockProblem((ulong)(1000 + d));
            pValues[d] = PValue(model, Repeated(model, truth, 200), (ulong)d);
        }
        Array.Sort(pValues);
        double distance = pValues.Select((p, i) => Math.Max((i + 1.0) / pValues.Length - p, p - (double)i / pValues.Length)).Max();
        output.WriteLine($"p-values {string.Join(" ", pValues.Select(p => p.ToString("F3")))}; KS distance {distance:F3}");

        if (distance > 0.21) output.WriteLine("ALERT: KS distance above the 5 % critical value 0.21");
        Assert.True(distance <= 0.26, $"KS distance {distance:F3} > 0.26: the p-values are not uniform");
        Assert.InRange(pValues.Average(), 0.3, 0.7);
    }

    [Fact]
    public void PValue_DataFromTheModelOverALaplacePosterior_IsNotExtreme()
    {
        // Draws θ ~ N(θ_MAP, Σ_Laplace) stand in for the posterior; posterior predictive p-values of a correct model
        // cluster around 0.5 (they are conservative), so none of these data sets should look extreme.
        for (ulong d = 0; d < 4; d++)
        {
            var (model, _) = MockProblem(2000 + d);
            var map = SfhFitter.Fit(model, new FitOptions { Objective = Objective.Posterior });
            var draws = LaplaceDraws(model, map, 300, new Xoshiro256StarStar(d));

            double p = PValue(model, draws, d, 300);
            output.WriteLine($"data set {d}: p = {p:F3}");

            if (p is < 0.1 or > 0.9) output.WriteLine($"ALERT: data set {d} has p = {p:F3}, outside [0.1, 0.9]");
            Assert.InRange(p, 0.02, 0.98);
        }
    }

    [Theory]
    [InlineData("mass", 1.5)]
    [InlineData("mh0", 0.4)]
    public void PValue_GrosslyWrongModel_IsNearZero(string change, double amount)
    {
        var (model, truth) = MockProblem(3000);
        var wrong = (double[])truth.Clone();
        var names = model.OutputNames;
        for (int i = 0; i < wrong.Length; i++)
        {
            if (change == "mass" && names[i].StartsWith("R.", StringComparison.Ordinal)) wrong[i] *= amount;
            if (change == "mh0" && names[i] == "mh0") wrong[i] += amount;
        }

        double p = PValue(model, Repeated(model, wrong, 200), 1);

        Assert.True(p <= 0.01, $"p = {p} for a model with {change} changed by {amount}");
        Assert.True(PValue(model, Repeated(model, truth, 200), 1) > 0.01);
    }

    [Fact]
    public void Check_SameSeed_IsDeterministic_OtherSeedDiffers()
    {
        var (model, truth) = MockProblem(4000);
        var draws = Repeated(model, truth, 50);

        var first = PosteriorProducts.Compute(model, draws, new ProductOptions { PredictiveDraws = 50, Seed = 7 }).Check!;
        var again = PosteriorProducts.Compute(model, draws, new ProductOptions { PredictiveDraws = 50, Seed = 7 }).Check!;
        var other = PosteriorProducts.Compute(model, draws, new ProductOptions { PredictiveDraws = 50, Seed = 8 }).Check!;

        Assert.Equal(first.PValue, again.PValue);
        Assert.Equal(first.ReplicatedStatistic, again.ReplicatedStatistic);
        Assert.NotEqual(first.ReplicatedStatistic, other.ReplicatedStatistic);
        Assert.Equal(first.ObservedStatistic, other.ObservedStatistic);
    }

    [Fact]
    public void Check_ThinsToTheRequestedNumberOfDraws()
    {
        var (model, truth) = MockProblem(5000);

        var check = PosteriorProducts.Compute(model, Repeated(model, truth, 30), new ProductOptions { PredictiveDraws = 7 }).Check!;

        Assert.Equal(7, check.DrawsUsed);
        // Σ d_i² of the signed deviance residuals is T(n, m̄); with every draw equal, m̄ = m and T(n, m̄) is the observed T.
        Assert.Equal(check.ObservedStatistic.Median, check.Residuals.Sum(r => r * r), 6);
    }

    [Fact]
    public void Statistic_And_Residual_MatchTheFormula()
    {
        double[] n = [0, 3, 10];
        double[] m = [2, 3, 4];
        double expected = 2 * (2 + 0 + (4 - 10 + 10 * Math.Log(10 / 4.0)));

        Assert.Equal(expected, PredictiveCheck.Statistic(n, m), 12);
        Assert.Equal(-2.0, PredictiveCheck.SignedDevianceResidual(0, 2), 12);
        Assert.Equal(0.0, PredictiveCheck.SignedDevianceResidual(3, 3));
        Assert.Equal(Math.Sqrt(2 * (4 - 10 + 10 * Math.Log(2.5))), PredictiveCheck.SignedDevianceResidual(10, 4), 12);
        Assert.Equal(0.0, PredictiveCheck.SignedDevianceResidual(0, 0));
        Assert.Equal(double.PositiveInfinity, PredictiveCheck.SignedDevianceResidual(1, 0));
        Assert.Equal(double.PositiveInfinity, PredictiveCheck.Statistic([1.0], [0.0]));
    }

    /// <summary>θ ~ N(θ_MAP, Σ) through the Cholesky factor of the Laplace covariance, mapped to natural outputs.</summary>
    private static PosteriorDraws LaplaceDraws(SfhModel model, FitResult map, int count, Xoshiro256StarStar rng)
    {
        int d = map.Theta.Length;
        var covariance = map.ThetaCovariance ?? throw new InvalidOperationException("no Laplace covariance at the MAP");
        var factor = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d, (i, j) => 0.5 * (covariance[i, j] + covariance[j, i])).Cholesky().Factor;
        var rows = new List<double[]>();
        var z = new double[d];
        var theta = new double[d];
        for (int s = 0; s < count; s++)
        {
            rng.FillStandardNormal(z);
            for (int i = 0; i < d; i++)
            {
                theta[i] = map.Theta[i];
                for (int j = 0; j <= i; j++) theta[i] += factor[i, j] * z[j];
            }
            var natural = new double[model.Layout.NaturalCount];
            model.ThetaToOutput(theta, natural);
            rows.Add(natural);
        }
        return PosteriorDraws.Create(model.OutputNames, rows);
    }
}
