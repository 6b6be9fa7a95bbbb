using BayesSfh.Randomness;
using BayesSfh.Sampling.Hamiltonian;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Sampling.Nuts;
using BayesSfh.Tests.Sampling.TestTargets;
using Xunit;

namespace BayesSfh.Tests.Sampling.Nuts;

public class NutsKernelTests
{
    /// <summary>
    /// Stan <c>src/test/unit/mcmc/hmc/nuts/unit_e_nuts_test.cpp</c>, <c>build_tree_test</c>: gauss3D, unit metric,
    /// q = (1, −1, 1), p = (−1, 1, −1), ε = 0.1, artificial H₀ = −0.1, ρ initialised to p, depth 3 forward.
    /// </summary>
    [Fact]
    public void BuildTree_StanGauss3DGoldenCase_ReproducesStanValues()
    {
        var density = new GuardedLogDensity(new StandardNormalDensity(3));
        var kernel = new NutsKernel(density, new NutsOptions());
        var metric = new UnitMetric(3);
        var z = new PhasePoint(3);
        double[] q = [1, -1, 1], p = [-1, 1, -1];
        q.CopyTo(z.Position, 0);
        p.CopyTo(z.Momentum, 0);
        z.LogDensity = density.ValueAndGradient(z.Position, z.Gradient);
        metric.MultiplyByInverseMetric(z.Momentum, z.Velocity);
        double[] rho = (double[])p.Clone();
        double[] pSharpBegin = new double[3], pSharpEnd = new double[3], pBegin = new double[3], pEnd = new double[3];
        double logSumWeight = double.NegativeInfinity;

        bool valid = kernel.BuildTreeForTesting(new Xoshiro256StarStar(1), metric, z, 0.1, 3, -0.1, rho, pSharpBegin, pSharpEnd,
            pBegin, pEnd, ref logSumWeight, out int leapfrogs, out double sumMetropolis, out _);

        Assert.True(valid);
        Assert.Equal(8, leapfrogs);
        double[] sign = [-1, 1, -1];
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(sign[i] * 11.401228, rho[i], 1e-5);
            Assert.Equal(sign[i] * 1.09475, pBegin[i], 1e-5);
            Assert.Equal(sign[i] * 1.09475, pSharpBegin[i], 1e-5);
            Assert.Equal(sign[i] * 1.4131583, pEnd[i], 1e-6);
            Assert.Equal(sign[i] * 1.4131583, pSharpEnd[i], 1e-6);
            Assert.Equal(sign[i] * 0.022019938, z.Position[i], 1e-8);
        }
        Assert.Equal(0.36134657, sumMetropolis, 1e-7);
        Assert.Equal(Math.Log(0.36134657), logSumWeight, 1e-6);
        Assert.Equal(8, density.EvaluationCount - 1);
    }

    [Fact]
    public void Transition_DivergentDensity_FlagsDivergenceAndKeepsStart()
    {
        var density = new GuardedLogDensity(new DivergentDensity(2));
        var kernel = new NutsKernel(density, new NutsOptions());
        var state = new PhasePoint(2);
        state.Position[0] = 0.3;
        state.LogDensity = density.ValueAndGradient(state.Position, state.Gradient);
        var random = new Xoshiro256StarStar(3);

        NutsInfo info = kernel.Transition(random, state, 0.1, new UnitMetric(2));

        Assert.True(info.Divergent);
        Assert.InRange(info.LeapfrogSteps, 1, 3);
        Assert.Equal(0.3, state.Position[0]);
        Assert.InRange(info.AcceptStat, 0, 1);
    }

    public static TheoryData<Failure> Failures => new() { Failure.NaN, Failure.PositiveInfinity, Failure.NegativeInfinity, Failure.NaNGradient, Failure.ArithmeticException };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Transition_DensityFailingInPartOfSpace_CountsDivergencesAndNeverCrashes(Failure failure)
    {
        var density = new GuardedLogDensity(new BadRegionDensity(3, 0.5, failure));
        var kernel = new NutsKernel(density, new NutsOptions());
        var state = new PhasePoint(3);
        state.LogDensity = density.ValueAndGradient(state.Position, state.Gradient);
        var random = new Xoshiro256StarStar(11);
        var metric = new UnitMetric(3);
        int divergences = 0;
        for (int i = 0; i < 300; i++)
        {
            NutsInfo info = kernel.Transition(random, state, 0.4, metric);
            if (info.Divergent) divergences++;
            Assert.True(state.Position[0] <= 0.5);
            Assert.True(double.IsFinite(info.LogDensity));
            Assert.True(double.IsFinite(info.Energy));
        }
        Assert.True(divergences > 10, $"expected many divergences at the wall, got {divergences}");
    }

    [Fact]
    public void Transition_ManyTransitions_AllocateNothing()
    {
        var density = new GuardedLogDensity(new StandardNormalDensity(20));
        var kernel = new NutsKernel(density, new NutsOptions { StepSizeJitter = 0.1 });
        var state = new PhasePoint(20);
        state.LogDensity = density.ValueAndGradient(state.Position, state.Gradient);
        var random = new Xoshiro256StarStar(5);
        IMetric[] metrics = [new UnitMetric(20), new DiagonalMetric(Enumerable.Repeat(1.5, 20).ToArray()), DenseIdentity(20, 0.8)];
        foreach (var metric in metrics)
        {
            for (int i = 0; i < 20; i++) kernel.Transition(random, state, 0.5, metric); // JIT warm-up
            long before = GC.GetAllocatedBytesForCurrentThread();
            long leapfrogs = 0;
            for (int i = 0; i < 2000; i++) leapfrogs += kernel.Transition(random, state, 0.5, metric).LeapfrogSteps;
            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(before, after);
            Assert.True(leapfrogs > 2000);
        }
    }

    [Fact]
    public void Transition_MaxDepthReached_LeapfrogCountWithinBound()
    {
        // A tiny step on a wide normal never turns: the depth must stop at the limit.
        var density = new GuardedLogDensity(new StandardNormalDensity(2));
        var kernel = new NutsKernel(density, new NutsOptions { MaxTreeDepth = 4 });
        var state = new PhasePoint(2);
        state.LogDensity = density.ValueAndGradient(state.Position, state.Gradient);
        var info = kernel.Transition(new Xoshiro256StarStar(2), state, 1e-3, new UnitMetric(2));
        Assert.Equal(4, info.TreeDepth);
        Assert.Equal(15, info.LeapfrogSteps);
        Assert.False(info.Divergent);
        Assert.True(info.AcceptStat > 0.999);
        Assert.True(info.Energy >= -info.LogDensity);
    }

    [Fact]
    public void Transition_SameSeed_SameDraws()
    {
        static double[] Run()
        {
            var density = new GuardedLogDensity(new StandardNormalDensity(4));
            var kernel = new NutsKernel(density, new NutsOptions());
            var state = new PhasePoint(4);
            state.LogDensity = density.ValueAndGradient(state.Position, state.Gradient);
            var random = new Xoshiro256StarStar(99);
            var result = new double[400];
            for (int i = 0; i < 100; i++)
            {
                kernel.Transition(random, state, 0.7, new UnitMetric(4));
                state.Position.CopyTo(result, 4 * i);
            }
            return result;
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NutsOptions { MaxTreeDepth = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new NutsOptions { MaxEnergyError = double.NaN }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new NutsOptions { StepSizeJitter = 1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new NutsKernel(new GuardedLogDensity(new StandardNormalDensity(1)), new NutsOptions { MaxTreeDepth = 31 }));
    }

    private static DenseMetric DenseIdentity(int d, double offDiagonal)
    {
        var m = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) m[i * d + j] = i == j ? 1.0 : offDiagonal / d;
        return new DenseMetric(m);
    }
}
