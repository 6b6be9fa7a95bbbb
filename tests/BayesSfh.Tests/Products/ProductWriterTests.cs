using System.Globalization;
using System.Text.Json;
using BayesSfh.Modelling;
using BayesSfh.Products;
using Xunit;

namespace BayesSfh.Tests.Products;

/// <summary>The files of <see cref="ProductWriter"/>: names, headers, row counts, round-trip values, summary.json.</summary>
public class ProductWriterTests : IDisposable
{
    private static readonly string[] Summary = ["mean", "median", "q16", "q84", "q2_5", "q97_5"];

    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("bayessfh-products-writer-").FullName, "summary");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    private static (string[] Header, string[][] Rows) ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        return (lines[0].Split(','), [.. lines.Skip(1).Select(l => l.Split(','))]);
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void Write_MzrModel_WritesEveryFileWithDocumentedColumns()
    {
        var products = PosteriorProducts.Compute(HandModel.Model(), HandModel.PosteriorDraws(), new ProductOptions { PredictiveDraws = 2 });

        var written = ProductWriter.Write(_folder, products, "/runs/x", ["lp__: something is off"]);

        string[] expectedFiles = ["sfh.csv", "cumulative_sfh.csv", "mzr_parameters.csv", "mzr_band.csv", "amr_band.csv", "mdf.csv", "light_weighted.csv", "ppc_residuals.csv", "summary.json"];
        Assert.Equal(expectedFiles, written.Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));

        var expected = new Dictionary<string, (string[] Keys, int Rows)>
        {
            ["sfh.csv"] = (["bin", "log_age", "log_age_young", "log_age_old", "lookback_young_gyr", "lookback_old_gyr", "width_yr", "quantity", .. Summary], 6),
            ["cumulative_sfh.csv"] = (["edge", "log_age", "lookback_gyr", "quantity", .. Summary], 8),
            ["mzr_parameters.csv"] = (["name", "fixed", "sd", .. Summary], 3),
            ["mzr_band.csv"] = (["log10_mass", .. Summary], 100),
            ["amr_band.csv"] = (["bin", "log_age", "lookback_gyr", .. Summary], 3),
            ["mdf.csv"] = (["grid", "weighting", "mh", .. Summary], 4 + products.Mdf.FineMetallicities!.Length),
            ["light_weighted.csv"] = (["weighting", "quantity", .. Summary], 6),
            ["ppc_residuals.csv"] = (["bin", "x_bin", "y_bin", "colour_low", "colour_high", "magnitude_low", "magnitude_high", "observed", "model_mean", "residual"], 4),
        };
        foreach (var (file, (keys, rows)) in expected)
        {
            var (header, data) = ReadCsv(Path.Combine(_folder, file));
            Assert.Equal(keys, header);
            Assert.Equal(rows, data.Length);
            Assert.All(data, row => Assert.Equal(keys.Length, row.Length));
        }

        var (_, sfh) = ReadCsv(Path.Combine(_folder, "sfh.csv"));
        var sfr2 = sfh.Single(r => r[0] == "2" && r[7] == "sfr");
        Assert.Equal(products.Sfh.Sfr.Median[1], Number(sfr2[9])); // round-trip exact
        Assert.Equal(products.Sfh.Sfr.Low95[1], Number(sfr2[12]));
        var (_, cumulative) = ReadCsv(Path.Combine(_folder, "cumulative_sfh.csv"));
        Assert.Equal("1", cumulative.Single(r => r[0] == "0" && r[3] == "fraction")[5]);
        var (_, ppc) = ReadCsv(Path.Combine(_folder, "ppc_residuals.csv"));
        Assert.Equal("", ppc[0][1]); // no Hess grid: no x/y columns
        Assert.Equal(products.Check!.Residuals[2], Number(ppc[2][9]));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "summary.json")));
        var root = json.RootElement;
        Assert.Equal("/runs/x", root.GetProperty("run_directory").GetString());
        Assert.Equal(2, root.GetProperty("draws").GetInt32());
        Assert.Equal(6e4, root.GetProperty("total_mass").GetProperty("median").GetDouble());
        Assert.Equal(products.Sfh.T50Gyr.Median, root.GetProperty("t50_gyr").GetProperty("median").GetDouble());
        Assert.Equal(products.Sfh.T90Gyr.Low68, root.GetProperty("t90_gyr").GetProperty("q16").GetDouble());
        Assert.Equal(HandModel.Names, root.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(products.Check.PValue, root.GetProperty("posterior_predictive").GetProperty("p_value").GetDouble());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("mean_age_metallicity").GetProperty("light_weighted").ValueKind);
        Assert.Equal(["lp__: something is off"], root.GetProperty("diagnostics_warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(expectedFiles, root.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public void Write_FreeModelOneDrawNoCheck_LeavesOutWhatDoesNotApplyAndWritesNaNAsText()
    {
        var model = HandModel.Model(MetallicityModelKind.Free, luminosity: false);
        var draws = PosteriorDraws.FromPoint(model.OutputNames, [.. model.OutputNames.Select((_, i) => 1000.0 * (i + 1))]);
        var products = PosteriorProducts.Compute(model, draws, new ProductOptions { PredictiveDraws = 0 });

        var written = ProductWriter.Write(_folder, products);

        Assert.Equal(["sfh.csv", "cumulative_sfh.csv", "mdf.csv", "light_weighted.csv", "summary.json"], written.Select(Path.GetFileName));
        Assert.Equal(4, ReadCsv(Path.Combine(_folder, "mdf.csv")).Rows.Length); // template grid only
        Assert.Equal(3, ReadCsv(Path.Combine(_folder, "light_weighted.csv")).Rows.Length); // mass-weighted only
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "summary.json")));
        var root = json.RootElement;
        Assert.Equal("NaN", root.GetProperty("parameters")[0].GetProperty("sd").GetString()); // one draw: no SD
        Assert.Equal(JsonValueKind.Null, root.GetProperty("posterior_predictive").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("mean_age_metallicity").GetProperty("light_weighted").ValueKind);
    }
}
