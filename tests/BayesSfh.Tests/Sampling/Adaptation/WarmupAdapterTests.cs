using BayesSfh.Randomness;
using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Hamiltonian;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Sampling.Nuts;
using BayesSfh.Tests.Sampling.TestTargets;
using Xunit;

namespace BayesSfh.Tests.Sampling.Adaptation;

public class WarmupAdapterTests
{
    private static (AdaptationResult Result, WarmupAdapter Adapter) Warm(int iterations, WarmupOptions options, double[] scales, ulong seed = 1)
    {
        var density = new GuardedLogDensity(new DiagonalGaussianDensity(new double[scales.Length], scales));
        var kernel = new NutsKernel(density, new NutsOptions());
        var adapter = new WarmupAdapter(density, iterations, options);
        var random = new Xoshiro256StarStar(seed);
        var state = new PhasePoint(scales.Length);
        for (int i = 0; i < scales.Length; i++) state.Position[i] = 0.5 * scales[i];
        state.LogDensity = density.ValueAndGradient(state.Position, state.Gradient);
        adapter.Start(random, state);
        for (int i = 0; i < iterations; i++)
        {
            var info = kernel.Transition(random, state, adapter.StepSize, adapter.Metric);
            adapter.Learn(i, info, state, random);
        }
        return (adapter.Finish(), adapter);
    }

    [Fact]
    public void ShortWarmup_StillAdaptsTheMetric()
    {
        double[] scales = [0.1, 1, 10];
        var (result, _) = Warm(100, new WarmupOptions(), scales);
        Assert.Equal(1, result.MetricUpdates);
        var minv = result.Metric.ToInverseMetricArray();
        for (int i = 0; i < 3; i++) Assert.InRange(minv[i] / (scales[i] * scales[i]), 0.2, 5); // within a factor 5 of the variance from 75 draws
    }

    [Fact]
    public void ZeroTerminalBuffer_DoesNotResetStepSizeToOne()
    {
        double[] scales = [1e-3, 2e-3];
        var (result, adapter) = Warm(300, new WarmupOptions { Windows = new WindowedAdaptationOptions { TerminalBuffer = 0 } }, scales);
        Assert.Equal(3, result.MetricUpdates);
        Assert.Equal(0, adapter.DualAveraging.Counter);
        Assert.NotEqual(1.0, result.StepSize);
        Assert.InRange(result.StepSize, 0.1, 3.0); // metric now ≈ variances, so ε is of order 1 but comes from the search
    }

    [Fact]
    public void DefaultWarmup_DenseMetric_LearnsTheCovariance()
    {
        var covariance = CorrelatedGaussianDensity.Equicorrelated([1.0, 2.0], 0.9);
        var density = new GuardedLogDensity(new CorrelatedGaussianDensity([1.0, -1.0], covariance));
        var kernel = new NutsKernel(density, new NutsOptions());
        var adapter = new WarmupAdapter(density, 1000, new WarmupOptions { AdaptedMetric = MetricKind.Dense });
        var random = new Xoshiro256StarStar(3);
        var state = new PhasePoint(2);
        state.LogDensity = density.ValueAndGradient(state.Position, state.Gradient);
        adapter.Start(random, state);
        for (int i = 0; i < 1000; i++) adapter.Learn(i, kernel.Transition(random, state, adapter.StepSize, adapter.Metric), state, random);
        var result = adapter.Finish();
        Assert.Equal(5, result.MetricUpdates);
        var minv = result.Metric.ToInverseMetricArray();
        for (int k = 0; k < 4; k++) Assert.Equal(covariance[k], minv[k], 0.25 * Math.Abs(covariance[k]));
        Assert.InRange(result.StepSize, 0.3, 1.6);
    }

    [Fact]
    public void UnitAdaptation_AdaptsOnlyTheStepSize()
    {
        var (result, _) = Warm(200, new WarmupOptions { AdaptedMetric = MetricKind.Unit }, [0.1, 0.1]);
        Assert.Equal(0, result.MetricUpdates);
        Assert.IsType<UnitMetric>(result.Metric);
        Assert.InRange(result.StepSize, 0.02, 0.2);
    }

    [Fact]
    public void InitialMetricOfWrongDimension_Throws()
    {
        var density = new GuardedLogDensity(new StandardNormalDensity(2));
        Assert.Throws<ArgumentException>(() => new WarmupAdapter(density, 10, new WarmupOptions { InitialMetric = new UnitMetric(3) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupAdapter(density, 10, new WarmupOptions { InitialStepSize = 0 }));
    }
}
