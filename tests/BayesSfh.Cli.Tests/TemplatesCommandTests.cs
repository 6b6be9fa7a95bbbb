using BayesSfh.IO;
using Xunit;

namespace BayesSfh.Cli.Tests;

public class TemplatesCommandTests
{
    private static readonly string[] SmallBuiltin =
    [
        "templates", "--isochrones", "builtin", "--blue", "B", "--red", "V", "--mag", "I", "--distance-modulus", "20",
        "--photometric-error", "constant:0.05", "--completeness", "logistic:0.98,26,0.3",
        "--colour-bins", "-0.5:2.0:20", "--mag-bins", "14:27:20", "--log-ages", "9.0,9.5,10.0", "--mh", "-1.5,-0.5",
    ];

    [Fact]
    public void Builtin_WritesTheInputFormatOfFit()
    {
        using var folder = new TempFolder();
        var (code, output, error) = CliRunner.Run([.. SmallBuiltin, "--out", folder.Path]);
        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        Assert.Contains("6 templates", output);
        var grid = GridCsvReader.Read(folder.File("grid.csv"));
        Assert.Equal(400, grid.BinCount);
        var templates = TemplateCsvReader.Read(folder.File("templates.csv"), grid.BinCount, grid);
        Assert.Equal(6, templates.Count);
        Assert.Equal([9.0, 9.0, 9.5, 9.5, 10.0, 10.0], templates.Select(t => t.LogAge).Order());
        var luminosity = File.ReadAllLines(folder.File("luminosity.csv"));
        Assert.Equal(7, luminosity.Length);
        string json = File.ReadAllText(folder.File("templates.json"));
        Assert.Contains("\"filter\": \"I\"", json);
        Assert.Contains("logistic max 0.98", json);
    }

    [Theory]
    [InlineData("--blue", "Q", "filter 'Q' is not in isochrone")]
    [InlineData("--colour-bins", "2:1:10", "--colour-bins")]
    [InlineData("--photometric-error", "gaussian:1", "--photometric-error")]
    [InlineData("--completeness", "logistic:1,2", "--completeness")]
    [InlineData("--distance-modulus", "60", "put no expected star inside the Hess grid")]
    public void BadOptions_GiveOneLineErrors(string option, string value, string message)
    {
        using var folder = new TempFolder();
        var args = SmallBuiltin.ToList();
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value; else args.AddRange([option, value]);
        var (code, _, error) = CliRunner.Run([.. args, "--out", folder.Path]);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(folder.File("templates.csv")));
    }

    [Fact]
    public void ExtinctionNeedsARatioOrAValue()
    {
        using var folder = new TempFolder();
        var (code, _, error) = CliRunner.Run([.. SmallBuiltin, "--av", "0.3", "--extinction", "Q=0.1", "--out", folder.Path]);
        Assert.Equal(2, code);
        Assert.Contains("--extinction: filter 'Q'", error);
        (code, var output, error) = CliRunner.Run([.. SmallBuiltin, "--av", "0.3", "--out", folder.Path]);
        Assert.True(code == 0, error);
        Assert.Contains("\"extinction\": 0.401", File.ReadAllText(folder.File("templates.json")));
    }

    [Fact]
    public void ArtificialStarsGiveErrorsAndCompleteness()
    {
        using var folder = new TempFolder();
        var rng = new Random(4);
        var lines = new List<string> { "B_in,B_out,V_in,V_out,I_in,I_out" };
        for (int k = 0; k < 4000; k++)
        {
            double i = 14 + 13 * rng.NextDouble();
            bool lost = rng.NextDouble() > 1 / (1 + Math.Exp((i - 25) / 0.4));
            string Out(double m) => lost ? "" : (m + 0.01 * (i - 14) * (rng.NextDouble() - 0.5)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string In(double m) => m.ToString(System.Globalization.CultureInfo.InvariantCulture);
            lines.Add($"{In(i + 1.2)},{Out(i + 1.2)},{In(i + 0.6)},{Out(i + 0.6)},{In(i)},{Out(i)}");
        }
        File.WriteAllLines(folder.File("ast.csv"), lines);
        var args = SmallBuiltin.Where((_, k) => k < 11 || k > 14).ToList(); // drop --photometric-error and --completeness
        var (code, output, error) = CliRunner.Run([.. args, "--errors", folder.File("ast.csv"), "--out", folder.File("out")]);
        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        string json = File.ReadAllText(folder.File(Path.Combine("out", "templates.json")));
        Assert.Contains("tabulated from artificial stars, joint", json);
        Assert.Contains("sha256", json);
    }
}
