using BayesSfh.IO;
using BayesSfh.Synthetic;
using Xunit;

namespace BayesSfh.Cli.Tests;

public class RunConfigFileTests
{
    private static TempFolder Problem()
    {
        var folder = new TempFolder();
        var mock = MockGalaxy.Create(new MockGalaxyOptions
        {
            Templates = new SyntheticTemplateOptions { Ages = 5, MinLogAge = 8.5, MaxLogAge = 10.0, Metallicities = 4, MinMH = -2.0, MaxMH = 0.0, ColourBins = 20, MagnitudeBins = 12 },
            TotalMass = 2e6, Seed = 9,
        });
        TemplateCsvWriter.Write(folder.File("templates.csv"), mock.Templates);
        ObservedCsvWriter.Write(folder.File("observed.csv"), mock.Observed);
        return folder;
    }

    [Fact]
    public void Config_SameAsFlags_WritesIdenticalFit()
    {
        using var folder = Problem();
        File.WriteAllText(folder.File("run.json"), $$"""
            {
              // options of `fit`, without dashes
              "templates": "{{folder.File("templates.csv").Replace("\\", "\\\\")}}",
              "observed": "{{folder.File("observed.csv").Replace("\\", "\\\\")}}",
              "fix": ["sigma=0.2"],
              "t-max": 13.7,
              "mle": false,
              "out": "{{folder.File("a").Replace("\\", "\\\\")}}"
            }
            """);
        var viaConfig = CliRunner.Run("fit", "--config", folder.File("run.json"));
        var viaFlags = CliRunner.Run("fit", "--templates", folder.File("templates.csv"), "--observed", folder.File("observed.csv"),
            "--fix", "sigma=0.2", "--t-max", "13.7", "--out", folder.File("b"));

        Assert.True(viaConfig.ExitCode == 0, viaConfig.Error + viaConfig.Output);
        Assert.Equal(0, viaFlags.ExitCode);
        Assert.Equal(File.ReadAllText(folder.File(Path.Combine("b", "fit.csv"))), File.ReadAllText(folder.File(Path.Combine("a", "fit.csv"))));
    }

    [Fact]
    public void Config_CommandLineOptionWins()
    {
        using var folder = Problem();
        File.WriteAllText(folder.File("run.json"), $$"""{"templates": "missing.csv", "observed": "{{folder.File("observed.csv").Replace("\\", "\\\\")}}", "out": "x"}""");
        var (code, output, error) = CliRunner.Run("fit", "--config", folder.File("run.json"), "--templates", folder.File("templates.csv"), "--out", folder.File("out"));

        Assert.True(code == 0, error + output);
        Assert.True(File.Exists(folder.File(Path.Combine("out", "fit.csv"))));
    }

    [Theory]
    [InlineData("{\"chains\": 4}", "'chains' is not an option of 'fit'")]
    [InlineData("{\"templates\": \"a.csv\",\n \"observed\": }", "run.json:2")]
    [InlineData("[1, 2]", "JSON object")]
    public void Config_Bad_ExitsTwoNamingTheFile(string json, string expected)
    {
        using var folder = Problem();
        File.WriteAllText(folder.File("run.json"), json);
        var (code, _, error) = CliRunner.Run("fit", "--config", folder.File("run.json"));

        Assert.Equal(2, code);
        Assert.Contains("run.json", error);
        Assert.Contains(expected, error);
    }
}
