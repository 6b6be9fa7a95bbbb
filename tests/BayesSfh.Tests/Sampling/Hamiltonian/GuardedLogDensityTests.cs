using BayesSfh.Sampling.Hamiltonian;
using BayesSfh.Tests.Sampling.TestTargets;
using Xunit;

namespace BayesSfh.Tests.Sampling.Hamiltonian;

public class GuardedLogDensityTests
{
    [Theory]
    [InlineData(Failure.NaN)]
    [InlineData(Failure.PositiveInfinity)]
    [InlineData(Failure.NegativeInfinity)]
    [InlineData(Failure.NaNGradient)]
    [InlineData(Failure.ArithmeticException)]
    public void ValueAndGradient_Failure_ReturnsNegativeInfinityWithZeroGradient(Failure failure)
    {
        var density = new GuardedLogDensity(new BadRegionDensity(2, 0.0, failure));
        var gradient = new double[2];
        Assert.Equal(-0.5, density.ValueAndGradient([-1.0, 0.0], gradient));
        Assert.Equal(1.0, gradient[0]);
        Assert.Equal(double.NegativeInfinity, density.ValueAndGradient([1.0, 0.0], gradient));
        Assert.Equal([0.0, 0.0], gradient);
        Assert.Equal(2, density.EvaluationCount);
    }

    [Fact]
    public void ValueAndGradient_NonFinitePosition_DoesNotCallModel()
    {
        var density = new GuardedLogDensity(new StandardNormalDensity(2));
        Assert.Equal(double.NegativeInfinity, density.ValueAndGradient([double.NaN, 0.0], new double[2]));
        Assert.Equal(0, density.EvaluationCount);
    }

    [Fact]
    public void ValueAndGradient_OtherExceptions_Propagate()
    {
        var density = new GuardedLogDensity(new StandardNormalDensity(2));
        Assert.Throws<ArgumentException>(() => density.ValueAndGradient([0.0], new double[2]));
    }
}
