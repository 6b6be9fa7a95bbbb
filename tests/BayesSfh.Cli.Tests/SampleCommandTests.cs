using System.Text.Json;
using BayesSfh.IO;
using BayesSfh.Synthetic;
using Xunit;

namespace BayesSfh.Cli.Tests;

public class SampleCommandTests
{
    private static readonly string[] ExpectedParameters = [.. Enumerable.Range(1, 6).Select(j => $"R.{j}"), "alpha", "mh0", "sigma"];

    private static TempFolder WriteSmallProblem()
    {
        var folder = new TempFolder();
        var mock = MockGalaxy.Create(new MockGalaxyOptions
        {
            Templates = new SyntheticTemplateOptions { Ages = 6, MinLogAge = 8.5, MaxLogAge = 10.0, Metallicities = 5, MinMH = -2.0, MaxMH = 0.0, ColourBins = 24, MagnitudeBins = 16 },
            TotalMass = 2e6, Sigma = 0.2, Seed = 3,
        });
        TemplateCsvWriter.Write(folder.File("templates.csv"), mock.Templates);
        ObservedCsvWriter.Write(folder.File("observed.csv"), mock.Observed);
        GridCsvWriter.Write(folder.File("grid.csv"), mock.Templates.HessGrid!);
        return folder;
    }

    private static (int ExitCode, string Output, string Error) Sample(TempFolder folder, string outName, params string[] extra) =>
        CliRunner.Run([
            "sample", "--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"), "--grid", folder.File("grid.csv"),
            "--chains", "2", "--warmup", "150", "--draws", "100", "--out", folder.File(outName), .. extra]);

    private static string ChainFile(TempFolder folder, string outName, int chain) => folder.File(Path.Combine(outName, $"chain-{chain}.csv"));

    /// <summary>The file without the lines that legitimately differ between runs: start time, output path, thread count, timings.</summary>
    private static string[] ReproducibleLines(string path) =>
        [.. File.ReadAllLines(path).Where(l => !(l.Contains("start_datetime") || l.StartsWith("# num_threads", StringComparison.Ordinal) || l.Contains("Elapsed Time") || l.Contains(" seconds (") || l.StartsWith("#   file = ", StringComparison.Ordinal)))];

    [Fact]
    public void Sample_SmallProblem_WritesParseableChainsAndManifestThatDiagnoseReads()
    {
        using var folder = WriteSmallProblem();

        var (code, output, error) = Sample(folder, "run", "--seed", "5");

        Assert.True(code is 0 or 3, $"exit {code}: {error}\n{output}");
        Assert.Contains("MAP fit", output);
        Assert.Contains("sampler", output); // the progress bars ran on a non-interactive console without breaking the run
        Assert.Contains("ess_bulk", output);
        Assert.Contains("min bulk ESS", output);
        Assert.Contains("gradients", output);
        Assert.Empty(Directory.GetFiles(folder.File("run"), "*.partial"));
        var files = new[] { 1, 2 }.Select(c => StanCsvReader.Read(ChainFile(folder, "run", c))).ToList();
        foreach (var file in files)
        {
            Assert.Equal([.. StanCsvSamplerStats.ColumnNames, .. ExpectedParameters], file.ColumnNames.ToArray());
            Assert.Equal(100, file.Draws.RowCount);
            Assert.Equal(0, file.WarmupDraws.RowCount);
            Assert.NotNull(file.Adaptation?.InverseMetric);
            Assert.NotNull(file.Timing);
            Assert.Equal("5", file.ConfigValue("seed"));
        }
        Assert.NotEqual(files[0].Draws.Column("alpha").ToArray(), files[1].Draws.Column("alpha").ToArray());

        using var manifest = JsonDocument.Parse(File.ReadAllText(folder.File(Path.Combine("run", "manifest.json"))));
        var root = manifest.RootElement;
        Assert.Equal(5UL, root.GetProperty("seed").GetUInt64());
        Assert.StartsWith("bayessfh sample ", root.GetProperty("command_line").GetString());
        Assert.Equal(3, root.GetProperty("inputs").GetArrayLength());
        Assert.All(root.GetProperty("inputs").EnumerateArray(), i => Assert.Equal(64, i.GetProperty("sha256").GetString()!.Length));
        Assert.Equal(6, root.GetProperty("log_age_of_r").GetArrayLength());
        Assert.Equal(8.5, root.GetProperty("log_age_of_r")[0].GetProperty("log_age").GetDouble());
        Assert.Equal(2, root.GetProperty("chains").GetArrayLength());
        Assert.Equal("star-share", root.GetProperty("sampler").GetProperty("coordinates").GetString());
        Assert.True(root.GetProperty("gradients").GetInt64() > 0);
        Assert.Equal(ExpectedParameters, root.GetProperty("map").GetProperty("values").EnumerateArray().Select(v => v.GetProperty("name").GetString()));

        var (diagnoseCode, diagnoseOutput, diagnoseError) = CliRunner.Run("diagnose", ChainFile(folder, "run", 1), ChainFile(folder, "run", 2));
        Assert.True(diagnoseCode == code, $"exit {diagnoseCode}: {diagnoseError}\n{diagnoseOutput}");
        Assert.Contains("alpha", diagnoseOutput);
    }

    [Fact]
    public void Sample_SameSeed_IdenticalChainFilesWhateverTheThreadCount()
    {
        using var folder = WriteSmallProblem();

        var first = Sample(folder, "a", "--seed", "7", "--metric", "dense");
        var second = Sample(folder, "b", "--seed", "7", "--metric", "dense", "--threads", "1");

        Assert.True(first.ExitCode is 0 or 3, first.Error);
        Assert.True(second.ExitCode is 0 or 3, second.Error);
        for (int c = 1; c <= 2; c++)
            Assert.Equal(ReproducibleLines(ChainFile(folder, "a", c)), ReproducibleLines(ChainFile(folder, "b", c)));
        Assert.Contains(File.ReadAllLines(ChainFile(folder, "a", 1)), l => l == "# Elements of inverse mass matrix:");
    }

    [Fact]
    public void Sample_NoSeedFixedSigmaSaveWarmup_DrawsSeedAndWritesFixedColumnAndWarmup()
    {
        using var folder = WriteSmallProblem();

        var (code, output, error) = CliRunner.Run("sample", "--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"),
            "--chains", "1", "--warmup", "40", "--draws", "20", "--fix", "sigma=0.2", "--save-warmup", "--out", folder.File("run"));

        Assert.True(code is 0 or 3, $"exit {code}: {error}\n{output}");
        Assert.Contains("drawn from system entropy", output);
        var file = StanCsvReader.Read(ChainFile(folder, "run", 1));
        Assert.Equal(40, file.WarmupDraws.RowCount);
        Assert.All(file.Draws.Column("sigma").ToArray(), v => Assert.Equal(0.2, v));
        using var manifest = JsonDocument.Parse(File.ReadAllText(folder.File(Path.Combine("run", "manifest.json"))));
        Assert.Equal("system entropy", manifest.RootElement.GetProperty("seed_source").GetString());
        Assert.Contains(manifest.RootElement.GetProperty("seed").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), output);
        Assert.Equal(0.2, manifest.RootElement.GetProperty("model").GetProperty("fixed").GetProperty("sigma").GetDouble());
    }

    [Fact]
    public void Sample_DeliberatelyUndersampled_DiagnosticsWarnAndExitCodeIsThree()
    {
        using var folder = WriteSmallProblem();

        // No warm-up, tiny unadapted steps and 30 draws: chains barely move from their scattered starts.
        var (code, output, error) = CliRunner.Run("sample", "--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"),
            "--chains", "4", "--warmup", "0", "--draws", "30", "--max-depth", "2", "--seed", "3", "--out", folder.File("run"));

        Assert.True(code == 3, $"exit {code}: {error}\n{output}");
        Assert.Contains("warning", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("rhat", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sample_ThetaCoordinates_RecordedInManifest()
    {
        using var folder = WriteSmallProblem();

        var (code, output, error) = Sample(folder, "run", "--seed", "5", "--coordinates", "theta");

        Assert.True(code is 0 or 3, $"exit {code}: {error}\n{output}");
        using var manifest = JsonDocument.Parse(File.ReadAllText(folder.File(Path.Combine("run", "manifest.json"))));
        Assert.Equal("theta", manifest.RootElement.GetProperty("sampler").GetProperty("coordinates").GetString());
    }

    [Theory]
    [InlineData("--metric", "unit")]
    [InlineData("--chains", "0")]
    [InlineData("--delta", "1.5")]
    [InlineData("--coordinates", "polar")]
    public void Sample_InvalidOption_ExitsWithInvalidInput(string option, string value)
    {
        using var folder = WriteSmallProblem();

        var (code, _, error) = CliRunner.Run("sample", "--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"),
            "--seed", "1", option, value, "--out", folder.File("run"));

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
        Assert.False(Directory.Exists(folder.File("run")));
    }
}
