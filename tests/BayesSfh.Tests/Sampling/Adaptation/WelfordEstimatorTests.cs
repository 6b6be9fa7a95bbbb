using BayesSfh.Randomness;
using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Metrics;
using Xunit;

namespace BayesSfh.Tests.Sampling.Adaptation;

public class WelfordEstimatorTests
{
    /// <summary>Stan <c>var_adaptation_test.cpp</c> / <c>covar_adaptation_test.cpp</c>: 10 zero draws ⇒ M⁻¹ = 10⁻³·5/15 on the diagonal.</summary>
    [Fact]
    public void CreateMetric_TenZeroDraws_GivesStanRegularisation()
    {
        var variance = new WelfordVarianceEstimator(5);
        var covariance = new WelfordCovarianceEstimator(5);
        for (int i = 0; i < 10; i++)
        {
            variance.Add(new double[5]);
            covariance.Add(new double[5]);
        }
        var diagonal = (DiagonalMetric)variance.CreateMetric();
        var dense = (DenseMetric)covariance.CreateMetric();
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(1e-3 * 5.0 / 15.0, diagonal.InverseMetricDiagonal[i], 1e-18);
            for (int j = 0; j < 5; j++) Assert.Equal(i == j ? 1e-3 * 5.0 / 15.0 : 0.0, dense.InverseMetric[i * 5 + j], 1e-18);
        }
    }

    [Fact]
    public void CreateMetric_RandomDraws_MatchesTwoPassEstimate()
    {
        var random = new Xoshiro256StarStar(8);
        const int n = 500, d = 3;
        var draws = new double[n, d];
        var variance = new WelfordVarianceEstimator(d);
        var covariance = new WelfordCovarianceEstimator(d);
        var row = new double[d];
        for (int s = 0; s < n; s++)
        {
            double z0 = random.NextStandardNormal(), z1 = random.NextStandardNormal(), z2 = random.NextStandardNormal();
            row[0] = 100 + 3 * z0; row[1] = -2 + z0 + 0.5 * z1; row[2] = 1e-3 * z2;
            for (int i = 0; i < d; i++) draws[s, i] = row[i];
            variance.Add(row);
            covariance.Add(row);
        }
        var means = new double[d];
        for (int i = 0; i < d; i++)
        {
            for (int s = 0; s < n; s++) means[i] += draws[s, i] / n;
        }
        var expected = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
            {
                double c = 0;
                for (int s = 0; s < n; s++) c += (draws[s, i] - means[i]) * (draws[s, j] - means[j]);
                expected[i * d + j] = n / (n + 5.0) * c / (n - 1) + (i == j ? 1e-3 * 5 / (n + 5.0) : 0);
            }
        var dense = ((DenseMetric)covariance.CreateMetric()).InverseMetric;
        var diagonal = ((DiagonalMetric)variance.CreateMetric()).InverseMetricDiagonal;
        for (int i = 0; i < d; i++)
        {
            Assert.Equal(expected[i * d + i], diagonal[i], 1e-10 * expected[i * d + i]);
            for (int j = 0; j < d; j++) Assert.Equal(expected[i * d + j], dense[i * d + j], 1e-10 * Math.Abs(expected[i * d + i]) + 1e-12);
        }
    }

    [Fact]
    public void CreateMetric_FewerThanTwoDraws_Throws()
    {
        var variance = new WelfordVarianceEstimator(2);
        variance.Add([1.0, 2.0]);
        Assert.Throws<InvalidOperationException>(() => variance.CreateMetric());
        variance.Reset();
        Assert.Equal(0, variance.Count);
        Assert.Throws<InvalidOperationException>(() => new WelfordCovarianceEstimator(2).CreateMetric());
    }
}
