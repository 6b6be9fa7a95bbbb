using System.Globalization;
using System.Text.Json;
using BayesSfh.IO;
using BayesSfh.Synthetic;
using Xunit;

namespace BayesSfh.Cli.Tests;

/// <summary>A small <c>sample</c> run (mock galaxy with luminosities and a truth file), made once for the summarize tests.</summary>
public sealed class SampledRun : IDisposable
{
    public SampledRun()
    {
        Folder = new TempFolder();
        var mock = MockGalaxy.Create(new MockGalaxyOptions
        {
            Templates = new SyntheticTemplateOptions { Ages = 6, MinLogAge = 8.5, MaxLogAge = 10.0, Metallicities = 5, MinMH = -2.0, MaxMH = 0.0, ColourBins = 24, MagnitudeBins = 16 },
            TotalMass = 2e6, Sigma = 0.2, Seed = 3,
        });
        TemplateCsvWriter.Write(Folder.File("templates.csv"), mock.Templates);
        TemplateCsvWriter.WriteLuminosity(Folder.File("luminosity.csv"), mock.Templates);
        ObservedCsvWriter.Write(Folder.File("observed.csv"), mock.Observed);
        GridCsvWriter.Write(Folder.File("grid.csv"), mock.Templates.HessGrid!);
        File.WriteAllLines(Folder.File("truth.csv"), ["name,value", .. mock.Truth.Select(p => $"{p.Key},{p.Value.ToString("R", CultureInfo.InvariantCulture)}")]);
        var (code, output, error) = CliRunner.Run([
            "sample", "--templates", Folder.File("templates.csv"), "--observed", Folder.File("observed.csv"), "--grid", Folder.File("grid.csv"),
            "--luminosity", Folder.File("luminosity.csv"), "--chains", "2", "--warmup", "150", "--draws", "100", "--seed", "5", "--out", RunPath]);
        if (code is not (0 or 3)) throw new InvalidOperationException($"sample failed with exit {code}: {error}\n{output}");
    }

    internal TempFolder Folder { get; }

    public string RunPath => Folder.File("run");

    public void Dispose() => Folder.Dispose();
}

public class SummarizeCommandTests(SampledRun run) : IClassFixture<SampledRun>
{
    private static readonly string[] Files =
        ["sfh.csv", "cumulative_sfh.csv", "mzr_parameters.csv", "mzr_band.csv", "amr_band.csv", "mdf.csv", "light_weighted.csv", "ppc_residuals.csv", "summary.json"];

    [Fact]
    public void Summarize_SampleRun_WritesEveryFileThatParsesAndPrintsTablesBesideTheTruth()
    {
        using var output = new TempFolder();
        string folder = output.File("summary");

        var (code, text, error) = CliRunner.Run("summarize", run.RunPath, "--out", folder, "--ppc-draws", "100");

        Assert.True(code == 0, $"exit {code}: {error}\n{text}");
        Assert.Contains("SFH", text);
        Assert.Contains("truth SFR", text);
        Assert.Contains("total mass formed", text);
        Assert.Contains("t50", text);
        Assert.Contains("alpha", text);
        Assert.Contains("light-weighted", text);
        Assert.Contains("p-value", text);
        Assert.Contains("truth.csv", text);
        foreach (var file in Files) Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} missing");
        foreach (var file in Files.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(Path.Combine(folder, file));
            var header = lines[0].Split(',');
            Assert.True(lines.Length > 1, $"{file} has no rows");
            foreach (var line in lines.Skip(1))
            {
                var fields = line.Split(',');
                Assert.Equal(header.Length, fields.Length);
                foreach (int i in Enumerable.Range(0, header.Length).Where(i => header[i] is "median" or "q2_5" or "q97_5" or "observed" or "residual"))
                    Assert.True(double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"{file}: '{fields[i]}' in {header[i]}");
            }
        }
        Assert.Equal(6 * 2 + 1, File.ReadAllLines(Path.Combine(folder, "sfh.csv")).Length);
        Assert.Equal(24 * 16 + 1, File.ReadAllLines(Path.Combine(folder, "ppc_residuals.csv")).Length);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var root = json.RootElement;
        Assert.Equal(200, root.GetProperty("draws").GetInt32());
        double total = root.GetProperty("total_mass").GetProperty("median").GetDouble();
        Assert.InRange(total, 1.6e6, 2.4e6); // truth 2·10⁶ M☉
        double p = root.GetProperty("posterior_predictive").GetProperty("p_value").GetDouble();
        Assert.InRange(p, 0.0, 1.0);
        Assert.Equal(100, root.GetProperty("posterior_predictive").GetProperty("draws_used").GetInt32());
        Assert.Equal(Files, root.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public void Summarize_DefaultOutAndConfigFile_WritesIntoRunSummaryWithTheConfiguredSeed()
    {
        using var scratch = new TempFolder();
        string config = scratch.File("summarize.json");
        File.WriteAllText(config, "{ \"seed\": 42, \"ppc-draws\": 20 }");

        var (code, text, error) = CliRunner.Run("summarize", run.RunPath, "--config", config);

        Assert.True(code == 0, $"exit {code}: {error}\n{text}");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.RunPath, "summary", "summary.json")));
        var check = json.RootElement.GetProperty("posterior_predictive");
        Assert.Equal(42UL, check.GetProperty("seed").GetUInt64());
        Assert.Equal(20, check.GetProperty("draws_used").GetInt32());
    }

    [Fact]
    public void Summarize_SameSeedTwice_GivesIdenticalFiles()
    {
        using var output = new TempFolder();

        var first = CliRunner.Run("summarize", run.RunPath, "--out", output.File("a"), "--ppc-draws", "30", "--seed", "3");
        var second = CliRunner.Run("summarize", run.RunPath, "--out", output.File("b"), "--ppc-draws", "30", "--seed", "3");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        foreach (var file in Files.Where(f => f != "summary.json"))
            Assert.Equal(File.ReadAllText(Path.Combine(output.File("a"), file)), File.ReadAllText(Path.Combine(output.File("b"), file)));
    }

    [Fact]
    public void Summarize_TruthOfAnotherModel_IsNotShown()
    {
        using var scratch = new TempFolder();
        string truth = scratch.File("other-truth.csv");
        File.WriteAllLines(truth, File.ReadAllLines(run.Folder.File("truth.csv")).Where(l => !l.StartsWith("mh0,", StringComparison.Ordinal)));

        var (code, text, error) = CliRunner.Run("summarize", run.RunPath, "--out", scratch.File("out"), "--ppc-draws", "10", "--truth", truth);

        Assert.True(code == 0, $"exit {code}: {error}\n{text}");
        Assert.Contains("missing mh0", text);
        Assert.DoesNotContain("truth SFR", text);
    }

    [Fact]
    public void Summarize_MissingFolder_ExitsTwoWithMessage()
    {
        var (code, _, error) = CliRunner.Run("summarize", Path.Combine(run.Folder.Path, "does-not-exist"));

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("error:", error);
        Assert.Contains("no such run folder", error);
    }

    [Fact]
    public void Summarize_FolderWithoutManifest_ExitsTwoWithMessage()
    {
        using var empty = new TempFolder();

        var (code, _, error) = CliRunner.Run("summarize", empty.Path);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("manifest.json", error);
        Assert.DoesNotContain("   at ", error); // no stack trace
    }

    [Fact]
    public void Summarize_InvalidPredictiveDraws_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("summarize", run.RunPath, "--ppc-draws", "-3");

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("predictive draws", error);
    }
}
