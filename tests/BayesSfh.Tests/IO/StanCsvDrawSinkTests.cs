using BayesSfh.IO;
using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Sampling.Nuts;
using BayesSfh.Sampling.Running;
using BayesSfh.Tests.Sampling.TestTargets;
using Xunit;

namespace BayesSfh.Tests.IO;

/// <summary>Streaming sampler output into CmdStan CSV files: transform, warm-up, thinning, adaptation, timing.</summary>
public sealed class StanCsvDrawSinkTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bayessfh-sink-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static void ExpAndSum(ReadOnlySpan<double> theta, Span<double> values)
    {
        values[0] = Math.Exp(theta[0]);
        values[1] = theta[1];
        values[2] = theta[0] + theta[1];
    }

    private static NutsInfo Info(int i) => new(-1.5 - i, 0.75, 0.5, 2, 3, i == 4, 2.25 + i);

    [Fact]
    public void Sink_DrivenByHand_RoundTripsThroughReaderBitForBit()
    {
        string path = PathOf("chain-1.csv");
        var config = new StanCsvConfig { NumWarmup = 3, NumSamples = 5, SaveWarmup = true, Seed = 7 };
        double[] Theta(int i) => [0.1 * i - 0.3, 1.0 / (i + 3)];
        using (var sink = new StanCsvDrawSink(path, config, ["sigma", "mu", "both"], ExpAndSum))
        {
            for (int i = 0; i < 3; i++) sink.Write(i, true, Info(i), Theta(i));
            Assert.False(File.Exists(path));
            sink.AdaptationComplete(new AdaptationResult(0.625, new DiagonalMetric([2.0, 1.0 / 3]), 1));
            for (int i = 0; i < 5; i++) sink.Write(i, false, Info(3 + i), Theta(3 + i));
            sink.Complete(new ChainStatistics(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(0.25), 30, 15, 0, 1));
            Assert.True(sink.IsComplete);
        }

        var file = StanCsvReader.Read(path);
        Assert.Equal([.. StanCsvSamplerStats.ColumnNames, "sigma", "mu", "both"], file.ColumnNames.ToArray());
        Assert.Equal(3, file.WarmupDraws.RowCount);
        Assert.Equal(5, file.Draws.RowCount);
        var expected = new double[3];
        for (int i = 0; i < 8; i++)
        {
            var table = i < 3 ? file.WarmupDraws : file.Draws;
            int row = i < 3 ? i : i - 3;
            ExpAndSum(Theta(i), expected);
            Assert.Equal(expected, new[] { table[row, 7], table[row, 8], table[row, 9] });
            Assert.Equal(Info(i).LogDensity, table[row, 0]);
            Assert.Equal(Info(i).Divergent ? 1.0 : 0.0, table[row, 5]);
            Assert.Equal(Info(i).Energy, table[row, 6]);
        }
        Assert.Equal(0.625, file.Adaptation!.StepSize);
        Assert.Equal([2.0, 1.0 / 3], file.Adaptation.InverseMetric!.Values.ToArray());
        Assert.Equal(1.5, file.Timing!.WarmupSeconds);
        Assert.Equal(1.75, file.Timing.TotalSeconds);
    }

    [Fact]
    public void Sink_WithoutSaveWarmupAndThin2_KeepsEverySecondSamplingDraw()
    {
        string path = PathOf("thin.csv");
        var config = new StanCsvConfig { NumWarmup = 4, NumSamples = 5, Thin = 2 };
        using (var sink = new StanCsvDrawSink(path, config, ["sigma", "mu", "both"], ExpAndSum))
        {
            for (int i = 0; i < 4; i++) sink.Write(i, true, Info(i), [0.0, 0.0]);
            sink.AdaptationComplete(new AdaptationResult(0.5, new DiagonalMetric([1.0, 1.0]), 1));
            for (int i = 0; i < 5; i++) sink.Write(i, false, Info(i), [0.0, i]);
            sink.Complete(new ChainStatistics(TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0, 0));
        }

        var file = StanCsvReader.Read(path);
        Assert.Equal(0, file.WarmupDraws.RowCount);
        Assert.Equal([0.0, 2.0, 4.0], file.Draws.Column("mu").ToArray());
    }

    [Fact]
    public void Sink_NotCompleted_LeavesOnlyPartialFile()
    {
        string path = PathOf("cancelled.csv");
        using (var sink = new StanCsvDrawSink(path, new StanCsvConfig { NumWarmup = 2, NumSamples = 2 }, ["sigma", "mu", "both"], ExpAndSum))
            sink.Write(0, true, Info(0), [0.0, 0.0]);

        Assert.False(File.Exists(path));
        Assert.True(File.Exists(StanCsvWriter.PartialPathOf(path)));
    }

    [Fact]
    public void Sink_DenseNutsRun_FileMatchesInMemoryDraws()
    {
        var density = new DiagonalGaussianDensity([1.0, -2.0], [0.5, 2.0]);
        var options = new SamplerRunOptions
        {
            Seed = 11, Chains = 2, WarmupIterations = 150, SamplingIterations = 60, MaxDegreeOfParallelism = 2,
            Warmup = new WarmupOptions { AdaptedMetric = MetricKind.Dense },
        };
        var config = new StanCsvConfig { NumWarmup = 150, NumSamples = 60, SaveWarmup = true, Metric = StanCsvMetric.Dense, NumChains = 2 };
        var sinks = new StanCsvDrawSink[2];
        SamplerRunResult result;
        try
        {
            result = NutsSampler.Run(_ => density, options, c => sinks[c] = new StanCsvDrawSink(PathOf($"chain-{c + 1}.csv"),
                config with { Id = c + 1 }, ["sigma", "mu", "both"], ExpAndSum));
        }
        finally
        {
            foreach (var sink in sinks) sink?.Dispose();
        }

        var values = new double[3];
        for (int c = 0; c < 2; c++)
        {
            var file = StanCsvReader.Read(PathOf($"chain-{c + 1}.csv"));
            var chain = result.Chains[c];
            Assert.Equal(150, file.WarmupDraws.RowCount);
            Assert.Equal(60, file.Draws.RowCount);
            for (int i = 0; i < 60; i++)
            {
                ExpAndSum(chain.Draw(i), values);
                Assert.Equal(values[1], file.Draws[i, 8]);
                Assert.Equal(chain.Infos[i].LeapfrogSteps, file.Draws[i, 4]);
            }
            Assert.Equal(chain.Adaptation.StepSize, file.Adaptation!.StepSize);
            Assert.Equal(chain.Adaptation.Metric.ToInverseMetricArray(), file.Adaptation.InverseMetric!.Values.ToArray());
        }
    }
}
