using BayesSfh.Priors;
using BayesSfh.Tests.TestSupport;
using Xunit;

namespace BayesSfh.Tests.Priors;

public class NormalPriorTests
{
    [Fact]
    public void LogDensity_HandValue_AddsGradientToItsIndexOnly()
    {
        var prior = new NormalPrior(index: 1, mean: 0.3, standardDeviation: 0.2);
        double[] gradient = [10, 20, 30];

        double value = prior.LogDensity([5, 0.7, -1], gradient);

        // z = (0.7 − 0.3)/0.2 = 2: ln p = −½·4 = −2, ∂/∂x = −z/sd = −10, added to the existing 20.
        Assert.Equal(-2.0, value, 14);
        Assert.Equal([10, 10, 30], gradient, new ToleranceComparer(1e-13));
    }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(0.1)]
    [InlineData(2.5)]
    public void LogDensity_AnyPoint_GradientMatchesFiniteDifference(double x)
    {
        var prior = new NormalPrior(0, 0.4, 1.3);
        var gradient = new double[1];
        prior.LogDensity([x], gradient);

        double fd = Numeric.Derivative(v => prior.LogDensity([v], new double[1]), x, 1e-3);

        Numeric.AssertRelative(fd, gradient[0], 1e-10, 1, "∂ln p/∂x");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_BadStandardDeviation_ThrowsArgumentOutOfRangeException(double sd)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalPrior(0, 0, sd));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Abs(a));

        public int GetHashCode(double value) => 0;
    }
}
