using BayesSfh.Sampling.Hamiltonian;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Tests.Sampling.TestTargets;
using Xunit;

namespace BayesSfh.Tests.Sampling.Hamiltonian;

public class LeapfrogTests
{
    private static PhasePoint Start(GuardedLogDensity density, IMetric metric, double q, double p)
    {
        var z = new PhasePoint(1);
        z.Position[0] = q;
        z.Momentum[0] = p;
        z.LogDensity = density.ValueAndGradient(z.Position, z.Gradient);
        metric.MultiplyByInverseMetric(z.Momentum, z.Velocity);
        return z;
    }

    [Fact]
    public void Step_ForwardThenBackward_ReturnsToStart()
    {
        var density = new GuardedLogDensity(new CorrelatedGaussianDensity([0.5, -1], CorrelatedGaussianDensity.Equicorrelated([1, 3], 0.7)));
        var metric = new DenseMetric([2.0, 0.3, 0.3, 1.0]);
        var z = new PhasePoint(2);
        z.Position[0] = 1.3; z.Position[1] = -0.4; z.Momentum[0] = 0.8; z.Momentum[1] = -1.1;
        z.LogDensity = density.ValueAndGradient(z.Position, z.Gradient);
        metric.MultiplyByInverseMetric(z.Momentum, z.Velocity);
        double[] q0 = (double[])z.Position.Clone(), p0 = (double[])z.Momentum.Clone();
        for (int i = 0; i < 50; i++) Leapfrog.Step(density, metric, z, 0.05);
        for (int i = 0; i < 50; i++) Leapfrog.Step(density, metric, z, -0.05);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(q0[i], z.Position[i], 1e-12);
            Assert.Equal(p0[i], z.Momentum[i], 1e-12);
        }
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.05)]
    [InlineData(0.025)]
    public void Step_HarmonicOscillator_TracksOrbitWithSecondOrderEnergyError(double stepSize)
    {
        // H = q²/2 + p²/2: exact orbit q(t) = cos t, p(t) = −sin t from (1, 0). Leapfrog energy error ≤ ε²/8·(q²+p²)… bounded O(ε²).
        var density = new GuardedLogDensity(new StandardNormalDensity(1));
        var metric = new UnitMetric(1);
        var z = Start(density, metric, 1.0, 0.0);
        double h0 = z.Hamiltonian, maxError = 0;
        int steps = (int)Math.Round(2 * Math.PI / stepSize);
        for (int i = 0; i < steps; i++)
        {
            Leapfrog.Step(density, metric, z, stepSize);
            maxError = Math.Max(maxError, Math.Abs(z.Hamiltonian - h0));
        }
        double t = steps * stepSize;
        Assert.Equal(Math.Cos(t), z.Position[0], 1e-2);
        Assert.Equal(-Math.Sin(t), z.Momentum[0], 1e-2);
        Assert.True(maxError < 0.25 * stepSize * stepSize, $"max |ΔH| = {maxError} for ε = {stepSize}");
        Assert.True(maxError > 0.05 * stepSize * stepSize, "energy error should scale as ε²");
    }

    [Fact]
    public void Step_IntoBadRegion_GivesInfiniteHamiltonianNotException()
    {
        var density = new GuardedLogDensity(new BadRegionDensity(1, 0.5, Failure.ArithmeticException));
        var metric = new UnitMetric(1);
        var z = Start(density, metric, 0.0, 5.0);
        Leapfrog.Step(density, metric, z, 0.5);
        Assert.True(double.IsNegativeInfinity(z.LogDensity));
        Assert.True(double.IsPositiveInfinity(z.Hamiltonian));
        Assert.Equal(0.0, z.Gradient[0]);
    }
}
