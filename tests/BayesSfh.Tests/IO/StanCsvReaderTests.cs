using BayesSfh.IO;
using Xunit;

namespace BayesSfh.Tests.IO;

/// <summary>Reading CmdStan CSV in the layouts of Stan 1.3 to CmdStan 2.35 (hand-made files in Fixtures/StanCsv).</summary>
public class StanCsvReaderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "StanCsv", name);

    private static StanCsvFile ReadText(string text, string name = "chain.csv") => StanCsvReader.Read(new StringReader(text), name);

    [Fact]
    public void Read_OldStanFormat_FourSamplerColumnsBlankLinesAndNumericBooleans()
    {
        var file = StanCsvReader.Read(Fixture("old_format.csv"));

        Assert.Equal(["lp__", "accept_stat__", "stepsize__", "treedepth__", "d", "mu.1", "mu.2"], file.ColumnNames.ToArray());
        Assert.Equal(0, file.WarmupDraws.RowCount);
        Assert.Equal(4, file.Draws.RowCount);
        Assert.Equal([-2.5, -2.625, -2.375, -2.75], file.Draws.Column("mu.1").ToArray());
        Assert.Equal(0.41, file.Adaptation!.StepSize);
        Assert.Equal(StanCsvMetric.Diagonal, file.Adaptation.InverseMetric!.Kind);
        Assert.Equal([0.0125, 0.5, 0.25], file.Adaptation.InverseMetric.Values.ToArray());
        Assert.Equal(new StanCsvTiming(0.1875, 0.125, 0.3125), file.Timing);

        var config = file.ToConfig();
        Assert.Equal("toy_model", config.Model);
        Assert.Equal(4, config.NumSamples);
        Assert.False(config.SaveWarmup);
        Assert.True(config.AdaptEngaged);
        Assert.Equal(0.65, config.AdaptDelta);
        Assert.Equal(2, config.Id);
        Assert.Equal(4242UL, config.Seed);
        Assert.Equal("models/toy/toy.data.R", config.DataFile);
        Assert.Equal("samples.csv", config.OutputFile);
        Assert.Equal("", config.Generator);
    }

    [Fact]
    public void Read_Config_KeepsPathsDefaultsAndLines()
    {
        var file = StanCsvReader.Read(Fixture("save_warmup.csv"));
        var delta = file.Config.Single(e => e.Key == "delta");
        Assert.Equal("sample.adapt.delta", delta.Path);
        Assert.Equal("0.8", delta.Value);
        Assert.True(delta.IsDefault);
        Assert.Equal(15, delta.Line);
        Assert.Equal("sample.hmc.nuts.max_depth", file.Config.Single(e => e.Key == "max_depth").Path);
        Assert.Equal("coin.data.json", file.ConfigValue("data.file"));
        Assert.Equal("coin-1.csv", file.ConfigValue("output.file"));
        Assert.Equal("", file.ConfigValue("stancflags"));
        Assert.Null(file.ConfigValue("no_such_key"));
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), file.ToConfig().StartTime);
    }

    [Fact]
    public void Read_SavedWarmup_RowsBeforeAdaptationAreWarmup()
    {
        var file = StanCsvReader.Read(Fixture("save_warmup.csv"));
        Assert.Equal(3, file.WarmupDraws.RowCount);
        Assert.Equal(4, file.Draws.RowCount);
        Assert.Equal([0.0625, 0.125, 0.25], file.WarmupDraws.Column("p").ToArray());
        Assert.Equal([0.3125, 0.28125, 0.21875, 0.25], file.Draws.Column("p").ToArray());
        Assert.Equal(1.0, file.WarmupDraws[1, file.WarmupDraws.IndexOf("divergent__")]);
        Assert.Equal(0.8125, file.Adaptation!.StepSize);
        Assert.True(file.ToConfig().SaveWarmup);
    }

    [Fact]
    public void Read_DenseMetric_RowByRow()
    {
        var file = StanCsvReader.Read(Fixture("dense_metric.csv"));
        var metric = file.Adaptation!.InverseMetric!;
        Assert.Equal(StanCsvMetric.Dense, metric.Kind);
        Assert.Equal(3, metric.Dimension);
        Assert.Equal(2.25, metric[1, 2]);
        Assert.Equal(metric[2, 1], metric[1, 2]);
        Assert.Equal(52, metric[2, 2]);
        Assert.Null(file.Timing);
        Assert.Equal(2, file.Draws.RowCount);
        var config = file.ToConfig();
        Assert.Equal(StanCsvMetric.Dense, config.Metric);
        Assert.Equal(6, config.MaxDepth);
        Assert.Equal(0.8, config.AdaptDelta);
    }

    [Fact]
    public void Read_ThinnedDottedNamesAndNonFiniteValues()
    {
        var file = StanCsvReader.Read(Fixture("thinned.csv"));
        Assert.Equal(3, file.Draws.RowCount);
        Assert.Equal(2, file.ToConfig().Thin);
        Assert.True(double.IsNaN(file.Draws[1, file.Draws.IndexOf("mu")]));
        Assert.Equal(double.PositiveInfinity, file.Draws[1, file.Draws.IndexOf("theta.1")]);
        Assert.Equal(double.NegativeInfinity, file.Draws[1, file.Draws.IndexOf("theta.2")]);
        Assert.Equal(new StanCsvTiming(0.029, 0.021, 0.05), file.Timing);
    }

    [Theory]
    [InlineData("-nan", double.NaN)]
    [InlineData("NaN", double.NaN)]
    [InlineData("+inf", double.PositiveInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("1e-05", 1e-05)]
    [InlineData("1.5E+20", 1.5e20)]
    [InlineData("-0", -0.0)]
    public void Read_NumberSpellings(string text, double expected)
    {
        var file = ReadText($"lp__,x\n1,{text}\n");
        Assert.Equal(expected, file.Draws[0, 1]);
    }

    [Fact]
    public void Read_NoAdaptationLine_AllRowsAreDraws()
    {
        var file = ReadText("# method = sample\nlp__,x\n1,2\n3,4\n");
        Assert.Null(file.Adaptation);
        Assert.Equal(2, file.Draws.RowCount);
    }

    [Fact]
    public void Read_RunStoppedDuringSavedWarmup_RowsAreWarmup()
    {
        var file = ReadText("#     num_warmup = 100\n#     save_warmup = true\nlp__,x\n1,2\n3,4\n");
        Assert.Equal(2, file.WarmupDraws.RowCount);
        Assert.Equal(0, file.Draws.RowCount);
    }

    [Theory]
    [InlineData("lp__,x\n1,2\n3\n", 3, null, "the row has 1 values, the header has 2 columns")]
    [InlineData("lp__,x\n1,2,3\n", 2, null, "the row has more than the 2 values of the header")]
    [InlineData("# a = 1\nlp__,x\n1,abc\n", 3, "x", "'abc' is not a number")]
    [InlineData("lp__,,x\n", 1, null, "column 2 of the header has no name")]
    [InlineData("lp__,x,x\n", 1, null, "column name 'x' appears twice in the header")]
    [InlineData("lp__,x\n# Adaptation terminated\n# Adaptation terminated\n", 3, null, "a second '# Adaptation terminated' (the first is on line 2)")]
    [InlineData("lp__,x\n# Step size = fast\n", 2, null, "'Step size = fast' is not '# Step size = NUMBER'")]
    [InlineData("lp__,x\n# Elements of inverse mass matrix:\n# 1, 0\n# 0\n", 4, null, "a row of the dense inverse metric has 1 values, the first row has 2")]
    [InlineData("lp__,x\n# Elements of inverse mass matrix:\n# 1, 0\n", 3, null, "the file ends before 1 more row(s) of the inverse metric (line 2)")]
    [InlineData("lp__,x\n# Diagonal elements of inverse mass matrix:\n1,2\n", 3, null, "expected the diagonal of the inverse metric (line 2), found a data row")]
    [InlineData("lp__,x\n# Diagonal elements of inverse mass matrix:\n# 1, x\n", 3, null, "'x' in the inverse metric is not a number")]
    public void Read_Malformed_NamesFileLineAndColumn(string text, int line, string? column, string problem)
    {
        var e = Assert.Throws<InputException>(() => ReadText(text, "bad.csv"));
        Assert.Equal("bad.csv", e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(problem, e.Problem);
        Assert.StartsWith($"bad.csv:{line}", e.Message);
    }

    [Fact]
    public void Read_OnlyComments_ReportsMissingHeader()
    {
        var e = Assert.Throws<InputException>(() => ReadText("# model = m\n\n# id = 1\n", "empty.csv"));
        Assert.Null(e.Line);
        Assert.Equal("empty.csv: no column header: every line is a comment or blank", e.Message);
    }

    [Fact]
    public void ToConfig_BadValue_NamesLine()
    {
        var file = ReadText("# model = m\n#     num_samples = many\nlp__\n1\n", "cfg.csv");
        var e = Assert.Throws<InputException>(file.ToConfig);
        Assert.Equal(2, e.Line);
        Assert.Equal("num_samples = 'many' is not an integer", e.Problem);
    }
}
