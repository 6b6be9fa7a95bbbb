using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using BayesSfh.IO;
using CsvHelper;

namespace BayesSfh.Products;

/// <summary>
/// Writes <see cref="PosteriorProducts"/> as tidy CSV files and a <c>summary.json</c>, each replaced atomically
/// (<see cref="AtomicFile"/>). Columns are documented in docs/products.md; every summary has the columns
/// <c>mean,median,q16,q84,q2_5,q97_5</c> (posterior mean and the 50, 16, 84, 2.5 and 97.5 % quantiles). Numbers are
/// written in invariant culture, round-trip precision; undefined values as <c>NaN</c>. Files that do not apply to the model
/// are not written (the MZR files for the free model and AMRs, the predictive-check file when it was skipped).
/// </summary>
public static class ProductWriter
{
    /// <summary>The summary columns shared by every file.</summary>
    public static readonly ImmutableArray<string> SummaryColumns = ["mean", "median", "q16", "q84", "q2_5", "q97_5"];

    /// <summary>Writes every file that applies into <paramref name="folder"/> (created when missing).</summary>
    /// <param name="folder">Output folder.</param>
    /// <param name="products">The products.</param>
    /// <param name="runDirectory">The run folder summarised, recorded in summary.json (optional).</param>
    /// <param name="diagnosticWarnings">The run's convergence warnings, recorded in summary.json (optional).</param>
    /// <returns>The full paths written, summary.json last.</returns>
    /// <exception cref="IOException">A file cannot be written.</exception>
    public static ImmutableArray<string> Write(string folder, PosteriorProducts products, string? runDirectory = null, IReadOnlyList<string>? diagnosticWarnings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(products);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        void Csv(string name, string[] header, Action<CsvWriter> rows)
        {
            string path = Path.GetFullPath(Path.Combine(folder, name));
            CsvText.Write(path, [.. header, .. SummaryColumns], rows);
            written.Add(path);
        }

        var sfh = products.Sfh;
        Csv("sfh.csv", ["bin", "log_age", "log_age_young", "log_age_old", "lookback_young_gyr", "lookback_old_gyr", "width_yr", "quantity"], csv =>
        {
            foreach (var (quantity, band) in new[] { ("mass", sfh.Mass), ("sfr", sfh.Sfr) })
                for (int j = 0; j < band.Length; j++)
                    csv.Row([Index(j + 1), Number(sfh.LogAges[j]), Number(sfh.LogAgeEdges[j]), Number(sfh.LogAgeEdges[j + 1]),
                        Number(sfh.LookbackEdgesGyr[j]), Number(sfh.LookbackEdgesGyr[j + 1]), Number(sfh.BinWidthsYears[j]), quantity, .. Summary(band[j])]);
        });
        Csv("cumulative_sfh.csv", ["edge", "log_age", "lookback_gyr", "quantity"], csv =>
        {
            foreach (var (quantity, band) in new[] { ("mass", sfh.CumulativeMass), ("fraction", sfh.CumulativeFraction) })
                for (int e = 0; e < band.Length; e++)
                    csv.Row([Index(e), Number(sfh.LogAgeEdges[e]), Number(sfh.LookbackEdgesGyr[e]), quantity, .. Summary(band[e])]);
        });
        if (products.Metallicity is { } metallicity)
        {
            Csv("mzr_parameters.csv", ["name", "fixed", "sd"], csv =>
            {
                foreach (var p in metallicity.Parameters) csv.Row([p.Name, p.IsFixed ? "true" : "false", Number(p.StandardDeviation), .. Summary(p.Interval)]);
            });
            if (metallicity.Log10MassGrid is { } grid && metallicity.MzrBand is { } mzr)
                Csv("mzr_band.csv", ["log10_mass"], csv =>
                {
                    for (int g = 0; g < grid.Length; g++) csv.Row([Number(grid[g]), .. Summary(mzr[g])]);
                });
            Csv("amr_band.csv", ["bin", "log_age", "lookback_gyr"], csv =>
            {
                for (int j = 0; j < metallicity.LogAges.Length; j++)
                    csv.Row([Index(j + 1), Number(metallicity.LogAges[j]), Number(metallicity.LookbackGyr[j]), .. Summary(metallicity.MeanMetallicity[j])]);
            });
        }
        var mdf = products.Mdf;
        Csv("mdf.csv", ["grid", "weighting", "mh"], csv =>
        {
            foreach (var (weighting, band) in new[] { ("mass", mdf.MassWeighted), ("stars", mdf.StarWeighted) })
                for (int k = 0; k < band.Length; k++) csv.Row(["template", weighting, Number(mdf.TemplateMetallicities[k]), .. Summary(band[k])]);
            if (mdf.FineMetallicities is { } fine && mdf.FineMassWeighted is { } density)
                for (int i = 0; i < fine.Length; i++) csv.Row(["fine", "mass", Number(fine[i]), .. Summary(density[i])]);
        });
        Csv("light_weighted.csv", ["weighting", "quantity"], csv =>
        {
            foreach (var (weighting, means) in new[] { ("mass", products.Means.MassWeighted), ("light", products.Means.LightWeighted) })
            {
                if (means is null) continue;
                csv.Row([weighting, "log_age", .. Summary(means.LogAge)]);
                csv.Row([weighting, "age_gyr", .. Summary(means.AgeGyr)]);
                csv.Row([weighting, "mh", .. Summary(means.Metallicity)]);
            }
        });
        if (products.Check is { } check)
        {
            string path = Path.GetFullPath(Path.Combine(folder, "ppc_residuals.csv"));
            CsvText.Write(path, ["bin", "x_bin", "y_bin", "colour_low", "colour_high", "magnitude_low", "magnitude_high", "observed", "model_mean", "residual"], csv =>
            {
                var grid = check.Grid;
                for (int b = 0; b < check.Observed.Length; b++)
                {
                    string[] where = grid is null ? ["", "", "", "", "", ""] :
                    [
                        Index(b % grid.ColourBins), Index(b / grid.ColourBins), Number(grid.ColourEdges[b % grid.ColourBins]), Number(grid.ColourEdges[b % grid.ColourBins + 1]),
                        Number(grid.MagnitudeEdges[b / grid.ColourBins]), Number(grid.MagnitudeEdges[b / grid.ColourBins + 1]),
                    ];
                    csv.Row([Index(b), .. where, Number(check.Observed[b]), Number(check.MeanModel[b]), Number(check.Residuals[b])]);
                }
            });
            written.Add(path);
        }
        string summary = Path.GetFullPath(Path.Combine(folder, "summary.json"));
        written.Add(summary);
        AtomicFile.Write(summary, writer => writer.Write(SummaryJson(products, runDirectory, diagnosticWarnings ?? [], written)));
        return [.. written];
    }

    /// <summary>The text of summary.json (indented, snake-case keys, NaN and ±∞ as strings).</summary>
    internal static string SummaryJson(PosteriorProducts products, string? runDirectory, IReadOnlyList<string> warnings, IReadOnlyList<string> files)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("tool", "bayessfh summarize");
            if (runDirectory is not null) json.WriteString("run_directory", runDirectory);
            json.WriteNumber("draws", products.DrawCount);
            Interval(json, "total_mass", products.Sfh.TotalMass);
            Interval(json, "t50_gyr", products.Sfh.T50Gyr);
            Interval(json, "t90_gyr", products.Sfh.T90Gyr);
            json.WriteStartArray("parameters");
            foreach (var p in products.Parameters)
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                json.WriteBoolean("fixed", p.IsFixed);
                Value(json, "sd", p.StandardDeviation);
                Fields(json, p.Interval);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("mean_age_metallicity");
            foreach (var (weighting, means) in new[] { ("mass_weighted", products.Means.MassWeighted), ("light_weighted", products.Means.LightWeighted) })
            {
                if (means is null)
                {
                    json.WriteNull(weighting);
                    continue;
                }
                json.WriteStartObject(weighting);
                Interval(json, "log_age", means.LogAge);
                Interval(json, "age_gyr", means.AgeGyr);
                Interval(json, "mh", means.Metallicity);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            if (products.Check is { } check)
            {
                json.WriteStartObject("posterior_predictive");
                Value(json, "p_value", check.PValue);
                json.WriteNumber("draws_used", check.DrawsUsed);
                json.WriteNumber("seed", check.Seed);
                Interval(json, "statistic_observed", check.ObservedStatistic);
                Interval(json, "statistic_replicated", check.ReplicatedStatistic);
                Value(json, "statistic_of_mean_model", check.Residuals.Sum(d => d * d));
                json.WriteEndObject();
            }
            else json.WriteNull("posterior_predictive");
            json.WriteStartArray("diagnostics_warnings");
            foreach (var w in warnings) json.WriteStringValue(w);
            json.WriteEndArray();
            json.WriteStartArray("files");
            foreach (var f in files) json.WriteStringValue(Path.GetFileName(f));
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Interval(Utf8JsonWriter json, string name, CredibleInterval interval)
    {
        json.WriteStartObject(name);
        Fields(json, interval);
        json.WriteEndObject();
    }

    private static void Fields(Utf8JsonWriter json, CredibleInterval interval)
    {
        var values = Values(interval);
        for (int i = 0; i < values.Length; i++) Value(json, SummaryColumns[i], values[i]);
    }

    private static void Value(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    private static double[] Values(CredibleInterval i) => [i.Mean, i.Median, i.Low68, i.High68, i.Low95, i.High95];

    private static string[] Summary(CredibleInterval interval) => [.. Values(interval).Select(Number)];

    private static string Number(double value) => CsvText.Number(value);

    private static string Index(int value) => CsvText.Number(value);
}
