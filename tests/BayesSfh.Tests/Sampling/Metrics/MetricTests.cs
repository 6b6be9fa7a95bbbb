using BayesSfh.Randomness;
using BayesSfh.Sampling.Metrics;
using Xunit;

namespace BayesSfh.Tests.Sampling.Metrics;

public class MetricTests
{
    private static readonly double[] Covariance3 =
    [
        4.0, 1.2, 0.1,
        1.2, 1.0, 0.3,
        0.1, 0.3, 0.25,
    ];

    public static TheoryData<string> Kinds => new() { "unit", "diagonal", "dense" };

    private static (IMetric Metric, double[] InverseMetric) Create(string kind) => kind switch
    {
        "unit" => (new UnitMetric(3), [1, 0, 0, 0, 1, 0, 0, 0, 1]),
        "diagonal" => (new DiagonalMetric([4.0, 1.0, 0.25]), [4, 0, 0, 0, 1, 0, 0, 0, 0.25]),
        _ => (new DenseMetric(Covariance3), Covariance3),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MultiplyByInverseMetric_MatchesNaiveProductAndKineticEnergy(string kind)
    {
        var (metric, minv) = Create(kind);
        double[] p = [0.7, -1.3, 2.1], v = new double[3];
        metric.MultiplyByInverseMetric(p, v);
        double kinetic = 0;
        for (int i = 0; i < 3; i++)
        {
            double expected = 0;
            for (int j = 0; j < 3; j++) expected += minv[i * 3 + j] * p[j];
            Assert.Equal(expected, v[i], 1e-14);
            kinetic += 0.5 * p[i] * expected;
        }
        double fromVelocity = 0.5 * (p[0] * v[0] + p[1] * v[1] + p[2] * v[2]);
        Assert.Equal(kinetic, fromVelocity, 1e-14);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SampleMomentum_CovarianceIsTheMetric(string kind)
    {
        // Cov(p) must be M = (M⁻¹)⁻¹; equivalently M⁻¹·Cov(p) = I and E[2T] = E[pᵀM⁻¹p] = d.
        var (metric, minv) = Create(kind);
        var random = new Xoshiro256StarStar(2024);
        const int n = 200_000;
        var p = new double[3];
        var sum = new double[9];
        for (int s = 0; s < n; s++)
        {
            metric.SampleMomentum(random, p);
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) sum[i * 3 + j] += p[i] * p[j];
        }
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double product = 0;
                for (int k = 0; k < 3; k++) product += minv[i * 3 + k] * sum[k * 3 + j] / n;
                Assert.Equal(i == j ? 1.0 : 0.0, product, 0.02);
            }
        }
    }

    [Fact]
    public void DenseMetric_CholeskyFactorReproducesInverseMetric()
    {
        var metric = new DenseMetric(Covariance3);
        var u = metric.UpperCholeskyFactor;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double s = 0;
                for (int k = 0; k < 3; k++) s += u[k * 3 + i] * u[k * 3 + j];
                Assert.Equal(Covariance3[i * 3 + j], s, 1e-14);
                if (i > j) Assert.Equal(0.0, u[i * 3 + j]);
            }
        }
        Assert.Equal(Covariance3, metric.ToInverseMetricArray());
    }

    [Fact]
    public void Constructors_InvalidInverseMetrics_Throw()
    {
        Assert.Throws<ArgumentException>(() => new DiagonalMetric([1.0, 0.0]));
        Assert.Throws<ArgumentException>(() => new DiagonalMetric([1.0, double.NaN]));
        Assert.Throws<ArgumentException>(() => new DiagonalMetric([]));
        Assert.Throws<ArgumentException>(() => new DenseMetric([1.0, 2.0, 2.0, 1.0])); // indefinite
        Assert.Throws<ArgumentException>(() => new DenseMetric([1.0, 0.5, 0.4, 1.0])); // asymmetric
        Assert.Throws<ArgumentException>(() => new DenseMetric([1.0, 0.0, 0.0]));      // not square
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnitMetric(0));
        Assert.Throws<ArgumentException>(() => new UnitMetric(2).SampleMomentum(new Xoshiro256StarStar(1), new double[3]));
    }
}
