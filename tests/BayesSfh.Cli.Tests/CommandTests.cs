using BayesSfh.Hess;
using BayesSfh.IO;
using BayesSfh.Synthetic;
using BayesSfh.Templates;
using Xunit;

namespace BayesSfh.Cli.Tests;

public class CommandTests
{
    private static readonly SyntheticTemplateOptions SmallGrid = new()
    {
        Ages = 6, MinLogAge = 8.5, MaxLogAge = 10.0, Metallicities = 5, MinMH = -2.0, MaxMH = 0.0, ColourBins = 24, MagnitudeBins = 16,
    };

    private static TempFolder WriteSmallProblem(out MockGalaxy mock)
    {
        var folder = new TempFolder();
        mock = MockGalaxy.Create(new MockGalaxyOptions { Templates = SmallGrid, TotalMass = 2e6, Sigma = 0.2, Seed = 3 });
        TemplateCsvWriter.Write(folder.File("templates.csv"), mock.Templates);
        ObservedCsvWriter.Write(folder.File("observed.csv"), mock.Observed);
        GridCsvWriter.Write(folder.File("grid.csv"), mock.Templates.HessGrid!);
        return folder;
    }

    [Fact]
    public void Example_ShortRun_PrintsPosteriorBesideTruthAndWritesOutputs()
    {
        using var folder = new TempFolder();
        var (code, output, error) = CliRunner.Run("example", "--out", folder.Path, "--warmup", "300", "--draws", "300");

        Assert.True(code is 0 or 3, $"exit {code}: {error}\n{output}");
        Assert.Contains("posterior vs truth", output);
        Assert.Contains("alpha", output);
        foreach (var file in new[] { "templates.csv", "observed.csv", "grid.csv", "luminosity.csv", "truth.csv", "fit.csv", "covariance.csv",
                     "chain-1.csv", "chain-4.csv", "manifest.json", Path.Combine("summary", "summary.json"), Path.Combine("summary", "sfh.csv"), Path.Combine("summary", "plots", "sfr.png"), Path.Combine("summary", "plots", "hess.png") })
            Assert.True(File.Exists(folder.File(file)), file);
    }

    [Fact]
    public void Fit_SmallProblem_WritesOneRowPerParameter()
    {
        using var folder = WriteSmallProblem(out var mock);
        var (code, output, error) = CliRunner.Run("fit", "--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"),
            "--grid", folder.File("grid.csv"), "--out", folder.File("out"));

        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        var lines = File.ReadAllLines(folder.File(Path.Combine("out", "fit.csv")));
        Assert.Equal("name,value,standard_error,fixed,log_age", lines[0]);
        var names = lines.Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.Equal([.. Enumerable.Range(1, 6).Select(j => $"R.{j}"), "alpha", "mh0", "sigma"], names);
        // R.1 is the youngest bin and carries its log age.
        Assert.Equal("8.5", lines[1].Split(',')[4]);
        double alpha = double.Parse(lines[7].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
        double alphaError = double.Parse(lines[7].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(alpha, mock.Truth["alpha"] - 4 * alphaError, mock.Truth["alpha"] + 4 * alphaError);
    }

    [Theory]
    [InlineData("linear-amr", "beta")]
    [InlineData("log-amr", "beta")]
    [InlineData("free", "r.6.5")]
    public void Fit_OtherModels_Succeed(string model, string expectedName)
    {
        using var folder = WriteSmallProblem(out _);
        var (code, output, error) = CliRunner.Run("fit", "--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"),
            "--model", model, "--out", folder.File("out"));

        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        Assert.Contains(File.ReadAllLines(folder.File(Path.Combine("out", "fit.csv"))), l => l.StartsWith(expectedName + ",", StringComparison.Ordinal));
    }

    [Fact]
    public void Fit_FixAndMle_FixedValueReportedAsFixed()
    {
        using var folder = WriteSmallProblem(out _);
        var (code, output, error) = CliRunner.Run("fit", "--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"),
            "--fix", "sigma=0.2", "--prior", "alpha=normal(0.3,0.2)", "--mle", "--out", folder.File("out"));

        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        Assert.Contains("MLE", output);
        Assert.Contains("sigma,0.2,0,true,", File.ReadAllText(folder.File(Path.Combine("out", "fit.csv"))));
    }

    [Fact]
    public void Fit_UnknownFixedParameter_ExitsTwoListingKnownNames()
    {
        using var folder = WriteSmallProblem(out _);
        var (code, _, error) = CliRunner.Run("fit", "--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"),
            "--fix", "gamma=1", "--out", folder.File("out"));

        Assert.Equal(2, code);
        Assert.Contains("gamma", error);
        Assert.Contains("alpha", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Theory]
    [InlineData("--prior", "alpha=normal(0.3)")]
    [InlineData("--prior", "continuity(2)")]
    [InlineData("--fix", "alpha")]
    [InlineData("--fix", "alpha=abc")]
    [InlineData("--model", "quadratic-mzr")]
    public void Fit_MalformedOption_ExitsTwoNamingTheOption(string option, string value)
    {
        using var folder = WriteSmallProblem(out _);
        var (code, _, error) = CliRunner.Run("fit", "--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"),
            option, value, "--out", folder.File("out"));

        Assert.Equal(2, code);
        Assert.Contains(option, error);
    }

    [Fact]
    public void Fit_BadInputFile_ExitsTwoNamingFileAndLine()
    {
        using var folder = WriteSmallProblem(out _);
        var lines = File.ReadAllLines(folder.File("observed.csv"));
        lines[5] = lines[5].Split(',')[0] + ",-3";
        File.WriteAllLines(folder.File("observed.csv"), lines);
        var (code, _, error) = CliRunner.Run("fit", "--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"), "--out", folder.File("out"));

        Assert.Equal(2, code);
        Assert.Contains("observed.csv:6", error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(folder.File(Path.Combine("out", "fit.csv"))));
    }

    [Fact]
    public void Fit_IncompleteGridWithMzr_ExitsTwoButFreeModelWorks()
    {
        using var folder = new TempFolder();
        var full = SyntheticTemplates.Create(SmallGrid);
        var partial = new TemplateSet(full.BinCount, full.Templates.Where(t => !(t.LogAge == 8.5 && t.MH == 0.0)), hessGrid: full.HessGrid);
        TemplateCsvWriter.Write(folder.File("templates.csv"), partial);
        var counts = new double[full.BinCount];
        foreach (var t in partial.Templates) foreach (int b in t.Bins) counts[b] = 1;
        ObservedCsvWriter.Write(folder.File("observed.csv"), new HessDiagram(counts));

        var (code, _, error) = CliRunner.Run("fit", "--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"), "--out", folder.File("out"));
        Assert.Equal(2, code);
        Assert.Contains("templates.csv", error);
        Assert.Contains("8.5", error);

        var free = CliRunner.Run("fit", "--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"), "--model", "free", "--out", folder.File("out"));
        Assert.True(free.ExitCode == 0, free.Error);
    }

    [Fact]
    public void CheckGradient_SmallProblem_PassesAndFailsWithImpossibleTolerance()
    {
        using var folder = WriteSmallProblem(out _);
        string[] inputs = ["--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"), "--points", "2"];
        var ok = CliRunner.Run(["check-gradient", .. inputs]);
        Assert.True(ok.ExitCode == 0, ok.Error + ok.Output);
        Assert.Contains("OK", ok.Output);

        var strict = CliRunner.Run(["check-gradient", .. inputs, "--tolerance", "1e-300"]);
        Assert.Equal(3, strict.ExitCode);
        Assert.Contains("FAILED", strict.Output);
    }

    [Fact]
    public void Help_EveryCommand_ExitsZero()
    {
        foreach (var command in new[] { "example", "fit", "check-gradient" })
        {
            var (code, output, _) = CliRunner.Run(command, "--help");
            Assert.Equal(0, code);
            Assert.Contains("--", output);
        }
    }
}
