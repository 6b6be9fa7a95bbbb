using BayesSfh.IO;
using Xunit;

namespace BayesSfh.Tests.IO;

/// <summary>Writing chains in CmdStan's layout: exact text, bit-for-bit round trips, and the .partial protocol.</summary>
public sealed class StanCsvWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bayessfh-stancsv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static StanCsvSamplerStats Stats(int i) => new(-7.25 - i * 0.1, 0.9, 0.875, 2, 3, i % 7 == 3, 8.5 + i * 0.01);

    /// <summary>Writes a complete chain of <paramref name="config"/> with draws from <paramref name="value"/>(row, column).</summary>
    private static void WriteChain(string path, StanCsvConfig config, string[] names, Func<int, int, double> value, StanCsvInverseMetric metric,
        double stepSize = 0.875)
    {
        using var writer = StanCsvWriter.Create(path, config, names, flushEvery: 3);
        int warmup = config.SaveWarmup ? (config.NumWarmup + config.Thin - 1) / config.Thin : 0;
        int draws = (config.NumSamples + config.Thin - 1) / config.Thin;
        var row = new double[names.Length];
        for (int i = 0; i < warmup + draws; i++)
        {
            if (i == warmup) writer.WriteAdaptation(stepSize, metric);
            for (int j = 0; j < row.Length; j++) row[j] = value(i, j);
            writer.WriteDraw(Stats(i), row);
        }
        if (draws == 0) writer.WriteAdaptation(stepSize, metric);
        writer.Complete(StanCsvTiming.FromPhases(0.125, 0.25));
    }

    [Fact]
    public void Write_DefaultConfig_IsCmdStan235LayoutLineForLine()
    {
        string path = PathOf("layout.csv");
        var config = new StanCsvConfig
        {
            Model = "bernoulli_model", StartTime = new DateTimeOffset(2024, 10, 17, 18, 13, 44, TimeSpan.Zero), NumSamples = 2, Seed = 86520,
            DataFile = "bernoulli.data.json", OutputFile = "layout.csv", GeneratorVersion = "9.9.9",
        };
        WriteChain(path, config, ["theta"], (i, _) => 0.25 + i / 8.0, StanCsvInverseMetric.Diagonal([0.5]), 0.883328);

        string[] expected =
        [
            "# stan_version_major = 2",
            "# stan_version_minor = 35",
            "# stan_version_patch = 0",
            "# model = bernoulli_model",
            "# start_datetime = 2024-10-17 18:13:44 UTC",
            "# method = sample (Default)",
            "#   sample",
            "#     num_samples = 2",
            "#     num_warmup = 1000 (Default)",
            "#     save_warmup = false (Default)",
            "#     thin = 1 (Default)",
            "#     adapt",
            "#       engaged = true (Default)",
            "#       gamma = 0.05 (Default)",
            "#       delta = 0.8 (Default)",
            "#       kappa = 0.75 (Default)",
            "#       t0 = 10 (Default)",
            "#       init_buffer = 75 (Default)",
            "#       term_buffer = 50 (Default)",
            "#       window = 25 (Default)",
            "#       save_metric = false (Default)",
            "#     algorithm = hmc (Default)",
            "#       hmc",
            "#         engine = nuts (Default)",
            "#           nuts",
            "#             max_depth = 10 (Default)",
            "#         metric = diag_e (Default)",
            "#         metric_file =  (Default)",
            "#         stepsize = 1 (Default)",
            "#         stepsize_jitter = 0 (Default)",
            "#     num_chains = 1 (Default)",
            "# id = 1 (Default)",
            "# data",
            "#   file = bernoulli.data.json",
            "# init = 2 (Default)",
            "# random",
            "#   seed = 86520",
            "# output",
            "#   file = layout.csv",
            "#   diagnostic_file =  (Default)",
            "#   refresh = 100 (Default)",
            "#   sig_figs = 17",
            "#   profile_file = profile.csv (Default)",
            "#   save_cmdstan_config = false (Default)",
            "# num_threads = 1 (Default)",
            "# generator = bayessfh",
            "# generator_version = 9.9.9",
            "lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,theta",
            "# Adaptation terminated",
            "# Step size = 0.883328",
            "# Diagonal elements of inverse mass matrix:",
            "# 0.5",
            "-7.25,0.9,0.875,2,3,0,8.5,0.25",
            "-7.35,0.9,0.875,2,3,0,8.51,0.375",
            "# ",
            "#  Elapsed Time: 0.125 seconds (Warm-up)",
            "#                0.25 seconds (Sampling)",
            "#                0.375 seconds (Total)",
            "# ",
        ];
        string text = File.ReadAllText(path);
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("\n", text);
        Assert.Equal(expected, text[..^1].Split('\n'));
    }

    [Fact]
    public void RoundTrip_DrawsAreBitForBitAndConfigIsEqual()
    {
        string path = PathOf("roundtrip.csv");
        var config = new StanCsvConfig
        {
            Model = "toy_model", StartTime = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), NumSamples = 9, NumWarmup = 5, SaveWarmup = true,
            Thin = 2, AdaptEngaged = true, AdaptGamma = 0.1, AdaptDelta = 0.95, AdaptKappa = 0.6, AdaptT0 = 5, AdaptInitBuffer = 10, AdaptTermBuffer = 20,
            AdaptWindow = 30, MaxDepth = 12, Metric = StanCsvMetric.Diagonal, MetricFile = "laplace.json", StepSize = 0.5, StepSizeJitter = 0.25,
            NumChains = 4, Id = 3, DataFile = "data/mock.csv", Init = "0.5", Seed = ulong.MaxValue, OutputFile = "roundtrip.csv",
            DiagnosticFile = "diag.csv", Refresh = 10, NumThreads = 2, Generator = "bayessfh", GeneratorVersion = "1.2.3+abc",
        };
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue, -double.MinValue, 1e-300, 0.1 + 0.2];
        ulong state = 7;
        double Value(int i, int j)
        {
            if (i == 1 && j < specials.Length) return specials[j];
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            return BitConverter.Int64BitsToDouble((long)(state >> 2) & 0x3FFF_FFFF_FFFF_FFFF) * (j % 2 == 0 ? 1 : -1);
        }
        string[] names = Enumerable.Range(1, 12).Select(k => $"R.{k}").ToArray();
        var written = new List<double[]>();
        WriteChain(path, config, names, (i, j) =>
        {
            double v = Value(i, j);
            if (j == 0) written.Add(new double[names.Length]);
            written[i][j] = v;
            return v;
        }, StanCsvInverseMetric.Diagonal([Math.PI, 1.0 / 3, 1e-12]), stepSize: 0.1 + 0.7);

        var file = StanCsvReader.Read(path);
        Assert.Equal(config, file.ToConfig());
        Assert.Equal(3, file.WarmupDraws.RowCount);
        Assert.Equal(5, file.Draws.RowCount);
        for (int i = 0; i < written.Count; i++)
        {
            var table = i < 3 ? file.WarmupDraws : file.Draws;
            int row = i < 3 ? i : i - 3;
            for (int j = 0; j < names.Length; j++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(written[i][j]), BitConverter.DoubleToInt64Bits(table[row, table.IndexOf(names[j])]));
            var stats = Stats(i);
            Assert.Equal(stats.LogDensity, table[row, 0]);
            Assert.Equal(stats.Divergent ? 1.0 : 0.0, table[row, 5]);
            Assert.Equal(stats.Energy, table[row, 6]);
        }
        Assert.Equal(0.1 + 0.7, file.Adaptation!.StepSize);
        Assert.Equal([Math.PI, 1.0 / 3, 1e-12], file.Adaptation.InverseMetric!.Values.ToArray());
        Assert.Equal(new StanCsvTiming(0.125, 0.25, 0.375), file.Timing);
    }

    [Fact]
    public void RoundTrip_DenseAndUnitMetrics()
    {
        double[] dense = [2, 0.5, -0.25, 0.5, 1, 0.125, -0.25, 0.125, 4];
        WriteChain(PathOf("dense.csv"), new StanCsvConfig { NumSamples = 2, Metric = StanCsvMetric.Dense }, ["a", "b", "c"], (i, j) => i + j,
            StanCsvInverseMetric.Dense(dense));
        var metric = StanCsvReader.Read(PathOf("dense.csv")).Adaptation!.InverseMetric!;
        Assert.Equal(StanCsvMetric.Dense, metric.Kind);
        Assert.Equal(dense, metric.Values.ToArray());
        Assert.Contains("# Elements of inverse mass matrix:\n# 2, 0.5, -0.25\n# 0.5, 1, 0.125\n# -0.25, 0.125, 4\n", File.ReadAllText(PathOf("dense.csv")));

        WriteChain(PathOf("unit.csv"), new StanCsvConfig { NumSamples = 1, Metric = StanCsvMetric.Unit }, ["a"], (i, j) => 1, StanCsvInverseMetric.Unit);
        var unit = StanCsvReader.Read(PathOf("unit.csv"));
        Assert.Same(StanCsvInverseMetric.Unit, unit.Adaptation!.InverseMetric);
        Assert.Equal(StanCsvMetric.Unit, unit.ToConfig().Metric);
    }

    [Fact]
    public void Write_BeforeComplete_OnlyPartialFileExistsAndIsReadable()
    {
        string path = PathOf("chain.csv");
        File.WriteAllText(path, "stale output of an earlier run");
        var writer = StanCsvWriter.Create(path, new StanCsvConfig { NumSamples = 10 }, ["x"], flushEvery: 1);
        Assert.False(File.Exists(path));
        writer.WriteAdaptation(1, StanCsvInverseMetric.Diagonal([1.0]));
        writer.WriteDraw(Stats(0), [1.5]);
        writer.WriteDraw(Stats(1), [2.5]);

        using (var shared = new FileStream(writer.PartialPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(shared))
        {
            var partial = StanCsvReader.Read(reader, writer.PartialPath);
            Assert.Equal([1.5, 2.5], partial.Draws.Column("x").ToArray());
            Assert.Null(partial.Timing);
        }
        writer.Dispose();
        Assert.False(File.Exists(path));
        Assert.True(File.Exists(path + ".partial"));
        Assert.False(writer.IsComplete);
    }

    [Fact]
    public void Complete_WrongRowCount_ThrowsAndLeavesPartial()
    {
        string path = PathOf("short.csv");
        using var writer = StanCsvWriter.Create(path, new StanCsvConfig { NumSamples = 5, Thin = 2 }, ["x"]);
        writer.WriteAdaptation(1, StanCsvInverseMetric.Diagonal([1.0]));
        writer.WriteDraw(Stats(0), [1.0]);
        writer.WriteDraw(Stats(1), [1.0]);
        var e = Assert.Throws<InvalidOperationException>(() => writer.Complete(StanCsvTiming.FromPhases(1, 1)));
        Assert.Contains("promises 0 and 3", e.Message);
        Assert.False(File.Exists(path));
        writer.WriteDraw(Stats(2), [1.0]);
        writer.Complete(StanCsvTiming.FromPhases(1, 1));
        Assert.True(File.Exists(path));
        Assert.False(File.Exists(writer.PartialPath));
        Assert.Throws<InvalidOperationException>(() => writer.WriteDraw(Stats(3), [1.0]));
    }

    [Fact]
    public void Write_MisuseIsRejected()
    {
        using var writer = StanCsvWriter.Create(PathOf("misuse.csv"), new StanCsvConfig { NumSamples = 1 }, ["x", "y"]);
        Assert.Throws<InvalidOperationException>(() => writer.WriteDraw(Stats(0), [1.0, 2.0]));
        Assert.Throws<InvalidOperationException>(() => writer.Complete(StanCsvTiming.FromPhases(0, 0)));
        Assert.Throws<ArgumentException>(() => writer.WriteAdaptation(1, StanCsvInverseMetric.Unit));
        writer.WriteAdaptation(1, StanCsvInverseMetric.Diagonal([1.0, 1.0]));
        Assert.Throws<InvalidOperationException>(() => writer.WriteAdaptation(1, StanCsvInverseMetric.Diagonal([1.0, 1.0])));
        Assert.Throws<ArgumentException>(() => writer.WriteDraw(Stats(0), [1.0]));
    }

    [Theory]
    [InlineData("a,b")]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("energy__")]
    [InlineData("x")]
    public void Create_InvalidOrRepeatedParameterName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => StanCsvWriter.Create(PathOf("names.csv"), new StanCsvConfig(), ["x", name]));
        Assert.False(File.Exists(PathOf("names.csv.partial")));
    }

    [Fact]
    public void Create_ValueWithLineBreak_Throws()
    {
        Assert.Throws<ArgumentException>(() => StanCsvWriter.Create(PathOf("nl.csv"), new StanCsvConfig { DataFile = "a\nb" }, ["x"]));
    }
}
