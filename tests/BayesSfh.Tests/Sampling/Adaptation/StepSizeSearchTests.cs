using BayesSfh.Randomness;
using BayesSfh.Sampling;
using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Hamiltonian;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Tests.Sampling.TestTargets;
using Xunit;

namespace BayesSfh.Tests.Sampling.Adaptation;

public class StepSizeSearchTests
{
    private static PhasePoint At(GuardedLogDensity density, params double[] q)
    {
        var z = new PhasePoint(q.Length);
        q.CopyTo(z.Position, 0);
        z.LogDensity = density.ValueAndGradient(z.Position, z.Gradient);
        return z;
    }

    [Theory]
    [InlineData(1.0, 1e-3)]
    [InlineData(1.0, 1e3)]
    [InlineData(1e-6, 1.0)]
    public void Find_NormalOfScale_GivesStepOfThatScale(double start, double scale)
    {
        // For N(0, s²) with a unit metric the one-step acceptance depends on ε/s only: the result must scale with s.
        var density = new GuardedLogDensity(new DiagonalGaussianDensity([0, 0], [scale, scale]));
        var state = At(density, 0.3 * scale, -0.2 * scale);
        double found = new StepSizeSearch(density).Find(new Xoshiro256StarStar(4), state, new UnitMetric(2), start);
        Assert.InRange(found / scale, 0.1, 4.0);
        Assert.Equal(0.3 * scale, state.Position[0]); // the state is left alone
    }

    [Fact]
    public void Find_ImproperDensity_Throws()
    {
        var density = new GuardedLogDensity(new FlatDensity());
        var state = At(density, 0.0);
        var e = Assert.Throws<InvalidOperationException>(() => new StepSizeSearch(density).Find(new Xoshiro256StarStar(1), state, new UnitMetric(1), 1.0));
        Assert.Contains("improper", e.Message);
    }

    [Fact]
    public void Find_DegenerateStart_ReturnedUnchanged()
    {
        var density = new GuardedLogDensity(new StandardNormalDensity(1));
        var search = new StepSizeSearch(density);
        var state = At(density, 0.0);
        Assert.Equal(0.0, search.Find(new Xoshiro256StarStar(1), state, new UnitMetric(1), 0.0));
        Assert.Equal(2e7, search.Find(new Xoshiro256StarStar(1), state, new UnitMetric(1), 2e7));
        Assert.Equal(0, density.EvaluationCount - 1);
    }

    private sealed class FlatDensity : ILogDensity
    {
        public int Dimension => 1;
        public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
        {
            gradient[0] = 0;
            return 0;
        }
    }
}
