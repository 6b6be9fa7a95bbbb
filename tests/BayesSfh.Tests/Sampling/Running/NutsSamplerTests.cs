using BayesSfh.Sampling;
using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Sampling.Nuts;
using BayesSfh.Sampling.Running;
using BayesSfh.Tests.Sampling.TestTargets;
using Xunit;

namespace BayesSfh.Tests.Sampling.Running;

public class NutsSamplerTests
{
    private static SamplerRunOptions Small(ulong seed = 42) => new()
    {
        Seed = seed, Chains = 4, WarmupIterations = 150, SamplingIterations = 100, ProgressInterval = 50,
    };

    [Fact]
    public void Run_OneThreadVersusTwo_BitIdentical()
    {
        var scales = new[] { 0.1, 1, 10 };
        ILogDensity Factory(int c) => new DiagonalGaussianDensity([1, 2, 3], scales);
        var one = NutsSampler.Run(Factory, Small() with { MaxDegreeOfParallelism = 1 });
        var two = NutsSampler.Run(Factory, Small() with { MaxDegreeOfParallelism = 2 });
        for (int c = 0; c < 4; c++)
        {
            Assert.Equal(c, two.Chains[c].ChainId);
            Assert.Equal(one.Chains[c].InitialPosition, two.Chains[c].InitialPosition);
            Assert.Equal(one.Chains[c].Draws, two.Chains[c].Draws); // exact double equality
            Assert.Equal(one.Chains[c].Infos, two.Chains[c].Infos);
            Assert.Equal(one.Chains[c].Adaptation.StepSize, two.Chains[c].Adaptation.StepSize);
            Assert.Equal(one.Chains[c].Adaptation.Metric.ToInverseMetricArray(), two.Chains[c].Adaptation.Metric.ToInverseMetricArray());
            Assert.Equal(one.Chains[c].Statistics.SamplingGradientEvaluations, two.Chains[c].Statistics.SamplingGradientEvaluations);
        }
        Assert.NotEqual(one.Chains[0].Draws, one.Chains[1].Draws);
        var other = NutsSampler.Run(Factory, Small(seed: 43) with { MaxDegreeOfParallelism = 2 });
        Assert.NotEqual(one.Chains[0].Draws, other.Chains[0].Draws);
    }

    [Fact]
    public void Run_SinkAndProgress_ReceiveEverythingInOrder()
    {
        var sinks = new RecordingSink[4];
        var progress = new RecordingProgress();
        var result = NutsSampler.Run(_ => new StandardNormalDensity(2), Small(), c => sinks[c] = new RecordingSink(), progress);
        for (int c = 0; c < 4; c++)
        {
            var events = sinks[c].Events;
            Assert.Equal(150 + 1 + 100 + 1, events.Count);
            Assert.All(events.Take(150).Select((e, i) => (e, i)), x => Assert.Equal($"w{x.i}", x.e));
            Assert.Equal("adapted", events[150]);
            Assert.All(events.Skip(151).Take(100).Select((e, i) => (e, i)), x => Assert.Equal($"s{x.i}", x.e));
            Assert.Equal("complete", events[^1]);
            var statistics = result.Chains[c].Statistics;
            Assert.Equal(result.Chains[c].Infos.Sum(i => (long)i.LeapfrogSteps), statistics.SamplingGradientEvaluations);
            Assert.True(statistics.WarmupGradientEvaluations > result.Chains[c].Infos.Length);
            Assert.Equal(sinks[c].Statistics, statistics);
            var reports = progress.Reports.Where(r => r.ChainId == c).ToList();
            Assert.Equal([50, 100, 150], reports.Where(r => r.Phase == SamplingPhase.Warmup).Select(r => r.Iteration));
            Assert.Equal([50, 100], reports.Where(r => r.Phase == SamplingPhase.Sampling).Select(r => r.Iteration));
        }
    }

    [Fact]
    public void Run_DivergentDensity_DivergencesReportedEverywhere()
    {
        var sinks = new RecordingSink[2];
        var progress = new RecordingProgress();
        var options = Small() with { Chains = 2, WarmupIterations = 0, SamplingIterations = 20, ProgressInterval = 20 };
        var result = NutsSampler.Run(_ => new DivergentDensity(2), options, c => sinks[c] = new RecordingSink(), progress);
        Assert.Equal(40, result.SamplingDivergences);
        Assert.All(result.Chains, c => Assert.All(c.Infos, i => Assert.True(i.Divergent)));
        Assert.All(progress.Reports, r => Assert.Equal(20, r.SamplingDivergences));
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var source = new CancellationTokenSource();
        var progress = new CallbackProgress(_ => source.Cancel());
        Assert.ThrowsAny<OperationCanceledException>(() =>
            NutsSampler.Run(_ => new StandardNormalDensity(2), Small() with { ProgressInterval = 10 }, progress: progress, cancellationToken: source.Token));
    }

    [Fact]
    public void Run_DensityFiniteOnlyInPartOfSpace_InitialisationRetries()
    {
        // Finite only where q₀ > 1.5: a uniform(−2, 2) start succeeds with probability 1/8 per attempt.
        var result = NutsSampler.Run(_ => new WallDensity(1.5), Small() with { WarmupIterations = 20, SamplingIterations = 5 });
        Assert.All(result.Chains, c => Assert.True(c.InitialPosition[0] > 1.5));
        var ex = Assert.Throws<InvalidOperationException>(() => NutsSampler.Run(_ => new WallDensity(3), Small()));
        Assert.Contains("100 attempts", ex.Message);
    }

    [Fact]
    public void Run_JitteredStartAndNoWarmup_UsesGivenPointStepSizeAndMetric()
    {
        var metric = new DiagonalMetric([4.0, 0.25]);
        var options = Small() with
        {
            WarmupIterations = 0,
            SamplingIterations = 10,
            Warmup = new WarmupOptions { InitialStepSize = 0.3, InitialMetric = metric },
            Initialization = new InitializationOptions { Point = [5.0, -5.0], JitterScale = 0.1, JitterScales = [1.0, 0.0] },
        };
        var result = NutsSampler.Run(_ => new StandardNormalDensity(2), options);
        Assert.All(result.Chains, c =>
        {
            Assert.InRange(c.InitialPosition[0], 4.9, 5.1);
            Assert.Equal(-5.0, c.InitialPosition[1]);
            Assert.Same(metric, c.Adaptation.Metric);
            Assert.All(c.Infos, i => Assert.Equal(0.3, i.StepSize));
        });
        Assert.Equal(4, result.Chains.Select(c => c.InitialPosition[0]).Distinct().Count());
    }

    [Fact]
    public void Run_JitterFactor_StartsAlongTheCorrelatedShape()
    {
        // L of Σ = [[1, 0.999], [0.999, 1]]: L u moves both coordinates together, their difference stays ≤ 2·0.0447.
        double l21 = 0.999, l22 = Math.Sqrt(1 - 0.999 * 0.999);
        var options = Small() with
        {
            Chains = 8,
            WarmupIterations = 0,
            SamplingIterations = 1,
            Initialization = new InitializationOptions { Point = [0.0, 0.0], JitterScale = 1.0, JitterFactor = [1.0, 0.0, l21, l22] },
        };
        var result = NutsSampler.Run(_ => new StandardNormalDensity(2), options);

        Assert.All(result.Chains, c => Assert.True(Math.Abs(c.InitialPosition[0] - c.InitialPosition[1]) <= 2 * l22 + 1e-3 + 0.001 * Math.Abs(c.InitialPosition[0])));
        Assert.True(result.Chains.Max(c => Math.Abs(c.InitialPosition[0])) > 0.3, "the jitter should move the chains along the long axis");
        Assert.Throws<ArgumentException>(() => NutsSampler.Run(_ => new StandardNormalDensity(2),
            Small() with { Initialization = new InitializationOptions { Point = [0.0, 0.0], JitterScale = 1, JitterFactor = [1.0, 0.0, 0.0] } }));
        Assert.Throws<ArgumentException>(() => NutsSampler.Run(_ => new StandardNormalDensity(2),
            Small() with { Initialization = new InitializationOptions { Point = [0.0, 0.0], JitterScale = 1, JitterScales = [1.0, 1.0], JitterFactor = [1.0, 0.0, 0.0, 1.0] } }));
    }

    [Fact]
    public void Run_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NutsSampler.Run(_ => new StandardNormalDensity(2), Small() with { Chains = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => NutsSampler.Run(_ => new StandardNormalDensity(2), Small() with { MaxDegreeOfParallelism = 0 }));
        Assert.Throws<ArgumentException>(() => NutsSampler.Run(c => new StandardNormalDensity(2 + c), Small()));
        Assert.Throws<ArgumentException>(() => NutsSampler.Run(_ => new StandardNormalDensity(2),
            Small() with { Initialization = new InitializationOptions { Point = [1.0, 2.0, 3.0] } }));
        Assert.Throws<ArgumentException>(() => NutsSampler.Run(_ => new StandardNormalDensity(2),
            Small() with { Initialization = new InitializationOptions { JitterScales = [1.0, 2.0] } }));
    }

    [Fact]
    public void Run_KeepWarmupDraws_KeepsThem()
    {
        var result = NutsSampler.Run(_ => new StandardNormalDensity(2), Small() with { Chains = 1, KeepWarmupDraws = true });
        Assert.Equal(150, result.Chains[0].WarmupInfos.Length);
        Assert.Equal(300, result.Chains[0].WarmupDraws.Length);
        var none = NutsSampler.Run(_ => new StandardNormalDensity(2), Small() with { Chains = 1, KeepDrawsInMemory = false });
        Assert.Empty(none.Chains[0].Draws);
    }

    private sealed class WallDensity(double wall) : ILogDensity
    {
        public int Dimension => 2;
        public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
        {
            gradient[0] = -(position[0] - 2.5);
            gradient[1] = -position[1];
            if (position[0] <= wall) return double.NegativeInfinity;
            return -0.5 * ((position[0] - 2.5) * (position[0] - 2.5) + position[1] * position[1]);
        }
    }

    private sealed class RecordingSink : IDrawSink
    {
        public List<string> Events { get; } = [];
        public ChainStatistics? Statistics { get; private set; }
        public void Write(int iteration, bool isWarmup, in NutsInfo info, ReadOnlySpan<double> position) => Events.Add($"{(isWarmup ? 'w' : 's')}{iteration}");
        public void AdaptationComplete(AdaptationResult adaptation) => Events.Add("adapted");
        public void Complete(ChainStatistics statistics)
        {
            Events.Add("complete");
            Statistics = statistics;
        }
    }

    private sealed class RecordingProgress : IProgress<ChainProgress>
    {
        private readonly Lock _gate = new();
        private readonly List<ChainProgress> _reports = [];
        public List<ChainProgress> Reports { get { lock (_gate) return [.. _reports]; } }
        public void Report(ChainProgress value) { lock (_gate) _reports.Add(value); }
    }

    private sealed class CallbackProgress(Action<ChainProgress> callback) : IProgress<ChainProgress>
    {
        public void Report(ChainProgress value) => callback(value);
    }
}
