using System.Globalization;
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
    public void PerFilterCompletenessAndErrors_ApplyToTheirFilters()
    {
        using var folder = new TempFolder();
        var (code, output, error) = CliRunner.Run([.. SmallBuiltin, "--completeness", "B=logistic:0.9,22,0.2",
            "--photometric-error", "I=constant:0.2", "--out", folder.Path]);
        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        string json = File.ReadAllText(folder.File("templates.json"));
        Assert.Contains("logistic max 0.9, m50 22, width 0.2", json);   // B
        Assert.Contains("logistic max 0.98, m50 26, width 0.3", json);  // I, the bare value
        Assert.Contains("constant sigma 0.2 mag", json);                // I
        Assert.Contains("constant sigma 0.05 mag", json);               // B and V, the bare law
        // A B completeness limit at 22 mag removes most stars of the diagram (which reaches 27 mag).
        using var plain = new TempFolder();
        Assert.Equal(0, CliRunner.Run([.. SmallBuiltin, "--out", plain.Path]).ExitCode);
        double Total(string path)
        {
            var grid = GridCsvReader.Read(Path.Combine(path, "grid.csv"));
            return TemplateCsvReader.Read(Path.Combine(path, "templates.csv"), grid.BinCount, grid).Sum(t => t.Values.Sum());
        }
        Assert.True(Total(folder.Path) < 0.5 * Total(plain.Path));
    }

    [Theory]
    [InlineData("--completeness", "R=perfect", "filter 'R' is not one of the filters used")]
    [InlineData("--completeness", "I=perfect", "both a bare value and I=")]
    [InlineData("--photometric-error", "B=constant:0.1,B=constant:0.2", "--photometric-error")]
    public void BadPerFilterOptions_GiveOneLineErrors(string option, string values, string message)
    {
        using var folder = new TempFolder();
        var args = SmallBuiltin.ToList();
        foreach (string value in values.Split(',', 2)) args.AddRange([option, value]);
        var (code, _, error) = CliRunner.Run([.. args, "--out", folder.Path]);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void MatchFakeFilesTakeTheColourFilters()
    {
        using var folder = new TempFolder();
        var rng = new Random(9);
        var lines = new List<string>();
        for (int k = 0; k < 3000; k++)
        {
            double v = 14 + 13 * rng.NextDouble(), b = v + 0.8 * rng.NextDouble();
            bool lost = rng.NextDouble() > 1 / (1 + Math.Exp((v - 25) / 0.4));
            lines.Add(lost ? FormattableString.Invariant($"{b:F3} {v:F3} 99.999 99.999") : FormattableString.Invariant($"{b:F3} {v:F3} {0.02 * (rng.NextDouble() - 0.5):F4} {0.02 * (rng.NextDouble() - 0.5):F4}"));
        }
        File.WriteAllLines(folder.File("run.matchfake"), lines);
        var args = SmallBuiltin.Where((_, k) => k < 7 || (k > 8 && (k < 11 || k > 14))).ToList(); // V vs B − V; no error law or completeness
        var (code, output, error) = CliRunner.Run([.. args, "--errors", folder.File("run.matchfake"), "--out", folder.File("out")]);
        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        string json = File.ReadAllText(folder.File(Path.Combine("out", "templates.json")));
        Assert.Contains("tabulated from artificial stars, joint", json);
        Assert.DoesNotContain("constant sigma", json);
    }

    /// <summary>A made-up PARSEC CMD 3.3 file: 2 [M/H] × 3 ages, a main sequence of 30 points each, Bmag and Vmag.</summary>
    private static string WriteParsecFile(TempFolder folder)
    {
        var lines = new List<string>
        {
            "# File generated by CMD 3.3 (http://stev.oapd.inaf.it/cmd) on Thu Jan  1 00:00:00 CET 2020",
            "# isochrones based on PARSEC release v1.2S",
            "# Photometric system: <i>UBVRIJHK</i> (cf. Maiz-Apellaniz 2006 + Bessell 1990)",
            "# Kind of output: isochrone tables",
        };
        var inv = CultureInfo.InvariantCulture;
        foreach (var (z, mh) in new[] { (0.0005, -1.49213), (0.0155, 0.02408) })
            foreach (double logAge in new[] { 9.0, 9.5, 10.0 })
            {
                lines.Add("# Zini     MH   logAge Mini        int_IMF         Mass   logL    logTe  logg  label 	 mbolmag  Bmag    Vmag");
                double top = 2.2 - 0.5 * (logAge - 9);
                for (int k = 0; k < 30; k++)
                {
                    double m = 0.1 * Math.Pow(top / 0.1, k / 29.0);
                    double v = 4.8 - 8 * Math.Log10(m) + 0.3 * mh, bv = 0.65 - 0.9 * Math.Log10(m) + 0.1 * mh;
                    lines.Add(string.Format(inv, "{0} {1} {2:F5} {3:F10} 1.0 {3:F3} 0.0 3.7 4.5 1 {4:F3} {5:F3} {4:F3}", z, mh, logAge, m, v, v + bv));
                }
            }
        lines.Add("#isochrone terminated");
        File.WriteAllLines(folder.File("parsec.dat"), lines);
        return folder.File("parsec.dat");
    }

    [Fact]
    public void IsochroneFilesAreSelectedByAgeAndMetallicity()
    {
        using var folder = new TempFolder();
        string file = WriteParsecFile(folder);
        string[] Args(params string[] extra) => ["templates", "--isochrones", file, "--blue", "Bmag", "--red", "Vmag", "--distance-modulus", "10",
            "--photometric-error", "constant:0.03", "--colour-bins", "-0.5:2.5:30", "--mag-bins", "10:25:30", .. extra];
        var (code, output, error) = CliRunner.Run(Args("--out", folder.File("all")));
        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        Assert.Contains("6 templates: 3 log ages", output);
        Assert.Contains("\"sha256\"", File.ReadAllText(folder.File(Path.Combine("all", "templates.json"))));
        (code, output, error) = CliRunner.Run(Args("--mh", "-1.5", "--log-ages", "9.4:10", "--format", "parsec", "--out", folder.File("some")));
        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        Assert.Contains("2 templates: 2 log ages", output);
        (code, _, error) = CliRunner.Run(Args("--mh", "-1.0", "--out", folder.File("none")));
        Assert.Equal(2, code);
        Assert.Contains("--mh: no isochrone within 0.05 of -1", error);
        (code, _, error) = CliRunner.Run(Args("--format", "mist", "--out", folder.File("wrong")));
        Assert.Equal(2, code);
        Assert.Contains("parsec.dat", error);
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
