using System.Globalization;
using BayesSfh.IO;
using Xunit;

namespace BayesSfh.Cli.Tests;

/// <summary>
/// <c>simulate</c> end to end with <c>templates</c> and <c>fit</c>: a mock drawn from builtin isochrones and fitted with
/// templates built from the same isochrones recovers its truth; files, determinism and errors.
/// </summary>
public class SimulateCommandTests
{
    private static readonly string[] Common =
    [
        "--isochrones", "builtin", "--blue", "B", "--red", "V", "--mag", "I", "--distance-modulus", "24",
        "--photometric-error", "exponential:1.05,10,32,0.01", "--completeness", "logistic:0.98,28.0,0.3",
        "--colour-bins", "-0.5:2.5:40", "--mag-bins", "18:28.5:30", "--mh", "-2:0:0.5",
    ];

    private static string WriteSfh(TempFolder folder)
    {
        File.WriteAllLines(folder.File("sfh.csv"), ["log_age,sfr", "8.5,0.0003", "9.0,0.0002", "9.5,0.0001", "10.0,0.00008"]);
        return folder.File("sfh.csv");
    }

    [Fact]
    public void MockFromBuiltinIsochronesIsRecoveredByFit()
    {
        using var folder = new TempFolder();
        string sfh = WriteSfh(folder);
        var (code, output, error) = CliRunner.Run(["templates", .. Common, "--log-ages", "8.5,9.0,9.5,10.0", "--out", folder.File("tpl")]);
        Assert.True(code == 0, $"templates: exit {code}: {error}\n{output}");
        (code, output, error) = CliRunner.Run(["simulate", .. Common, "--sfh", sfh, "--param", "alpha=0.3", "--param", "mh0=-1.2", "--param", "sigma=0.15",
            "--seed", "5", "--out", folder.File("mock")]);
        Assert.True(code == 0, $"simulate: exit {code}: {error}\n{output}");
        Assert.Contains("detected", output);
        foreach (string file in new[] { "stars.csv", "observed.csv", "grid.csv", "truth.csv", "simulate.json" }) Assert.True(File.Exists(folder.File(Path.Combine("mock", file))), file);
        var stars = File.ReadAllLines(folder.File(Path.Combine("mock", "stars.csv")));
        Assert.Equal("ssp,log_age,mh,mass_primary,mass_secondary,B_true,V_true,I_true,B_obs,V_obs,I_obs,detected,bin", stars[0]);
        var observed = ObservedCsvReader.Read(folder.File(Path.Combine("mock", "observed.csv")));
        int inGrid = stars.Skip(1).Count(l => !l.EndsWith(",-1", StringComparison.Ordinal));
        Assert.Equal(inGrid, (int)observed.Counts.ToArray().Sum());

        (code, output, error) = CliRunner.Run("fit", "--templates", folder.File(Path.Combine("tpl", "templates.csv")), "--grid", folder.File(Path.Combine("tpl", "grid.csv")),
            "--observed", folder.File(Path.Combine("mock", "observed.csv")), "--out", folder.File("fit"));
        Assert.True(code == 0, $"fit: exit {code}: {error}\n{output}");
        var truth = File.ReadAllLines(folder.File(Path.Combine("mock", "truth.csv"))).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
        foreach (var row in File.ReadAllLines(folder.File(Path.Combine("fit", "fit.csv"))).Skip(1).Select(l => l.Split(',')))
        {
            double value = double.Parse(row[1], CultureInfo.InvariantCulture), se = double.Parse(row[2], CultureInfo.InvariantCulture);
            // 11 parameters at 4 standard errors: a false alarm has probability ≈ 7e-4 per run (fixed seed: deterministic).
            Assert.True(Math.Abs(value - truth[row[0]]) < 4 * se, $"{row[0]}: fit {value} ± {se}, truth {truth[row[0]]}");
        }
    }

    [Fact]
    public void SameSeedSameFilesDifferentSeedDifferentStars()
    {
        using var folder = new TempFolder();
        string sfh = WriteSfh(folder);
        string[] Args(string seed, string folderName) => ["simulate", .. Common, "--sfh", sfh, "--param", "alpha=0.3", "--param", "mh0=-1.2", "--param", "sigma=0.15", "--seed", seed, "--out", folder.File(folderName)];
        Assert.Equal(0, CliRunner.Run(Args("5", "a")).ExitCode);
        Assert.Equal(0, CliRunner.Run(Args("5", "b")).ExitCode);
        Assert.Equal(0, CliRunner.Run(Args("6", "c")).ExitCode);
        string Stars(string name) => File.ReadAllText(folder.File(Path.Combine(name, "stars.csv")));
        Assert.Equal(Stars("a"), Stars("b"));
        Assert.NotEqual(Stars("a"), Stars("c"));
    }

    [Theory]
    [InlineData("sigma=0.15", "alpha=0.3", "needs a value for parameter mh0")]
    [InlineData("sigma=-1", "alpha=0.3,mh0=-1", "out of range")]
    [InlineData("beta=1", "alpha=0.3,mh0=-1,sigma=0.1", "Unknown parameter beta")]
    public void BadParametersAreNamed(string first, string rest, string message)
    {
        using var folder = new TempFolder();
        string sfh = WriteSfh(folder);
        var args = new List<string> { "simulate" };
        args.AddRange(Common);
        args.AddRange(["--sfh", sfh, "--out", folder.File("mock"), "--param", first]);
        foreach (string p in rest.Split(',')) args.AddRange(["--param", p]);
        var (code, _, error) = CliRunner.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.False(File.Exists(folder.File(Path.Combine("mock", "stars.csv"))));
    }

    [Fact]
    public void SfhAgesMustMatchTheIsochrones()
    {
        using var folder = new TempFolder();
        string sfh = WriteSfh(folder);
        var (code, _, error) = CliRunner.Run(["simulate", .. Common, "--log-ages", "8.5,9.0", "--sfh", sfh, "--param", "alpha=0.3", "--param", "mh0=-1.2", "--param", "sigma=0.15", "--out", folder.File("m")]);
        Assert.Equal(2, code);
        Assert.Contains("give one SFH row per isochrone age", error);
        File.WriteAllLines(folder.File("bad.csv"), ["log_age,sfr", "8.5,0.1", "8.5,0.2"]);
        (code, _, error) = CliRunner.Run(["simulate", .. Common, "--sfh", folder.File("bad.csv"), "--out", folder.File("m")]);
        Assert.Equal(2, code);
        Assert.Contains("bad.csv:3:log_age: log age 8.5 appears twice", error);
    }
}
