using System.CommandLine;
using System.Globalization;
using BayesSfh.Diagnostics;
using BayesSfh.IO;
using BayesSfh.Plotting;
using BayesSfh.Products;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary>
/// <c>bayessfh summarize RUNDIR</c>: posterior products of a <c>sample</c> run (credible SFH, cumulative SFH, t50/t90,
/// MZR/AMR bands, MDF, mass- and light-weighted means, posterior predictive check), written as CSVs and summary.json into
/// <c>RUNDIR/summary</c> (or <c>--out</c>) and shown as tables, beside the truth when a truth file is found.
/// </summary>
internal static class SummarizeCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var run = new Argument<DirectoryInfo>("rundir") { Description = "The --out folder of a 'bayessfh sample' run (manifest.json and chain-*.csv)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder for the CSV files and summary.json (default: RUNDIR/summary)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the posterior predictive replications.", DefaultValueFactory = _ => 1UL };
        var ppcDraws = new Option<int>("--ppc-draws") { Description = "Draws replicated for the posterior predictive p-value (evenly thinned; 0 skips the check).", DefaultValueFactory = _ => 1000 };
        var truth = new Option<FileInfo?>("--truth") { Description = "Truth file name,value to show beside the posterior (default: truth.csv in RUNDIR or beside the observed input, if present)." };
        var noPlots = new Option<bool>("--no-plots") { Description = "Skip the PNG figures (written to OUT/plots by default)." };
        var command = new Command("summarize", "Posterior products of a sample run: credible SFH, t50/t90, MZR/AMR, MDF, mean ages and metallicities, predictive check; CSVs + summary.json + PNG figures.");
        command.Arguments.Add(run);
        foreach (var option in new Option[] { output, seed, ppcDraws, truth, noPlots }) command.Options.Add(option);
        command.SetAction(result => CliApp.Guard(error, () =>
        {
            var options = new ProductOptions { Seed = result.GetValue(seed), PredictiveDraws = result.GetValue(ppcDraws) }.Validate();
            return Run(console, result.GetValue(run)!.FullName, result.GetValue(output)?.FullName, options, result.GetValue(truth)?.FullName, !result.GetValue(noPlots));
        }));
        return command;
    }

    internal static int Run(IAnsiConsole console, string runFolder, string? outputFolder, ProductOptions options, string? truthPath, bool plots = true)
    {
        var run = RunDirectory.Load(runFolder);
        var model = run.Model;
        console.MarkupLine($"run [blue]{Markup.Escape(run.Path)}[/]: {run.Chains.Length} chains, {run.Draws.Count} draws, model {model.Options.Model}, " +
            $"{model.Ages.Count} ages × {model.Templates.Grid.Metallicities.Length} [[M/H]]");
        var products = PosteriorProducts.Compute(model, run.Draws, options);

        IReadOnlyList<string> warnings = [];
        try
        {
            warnings = [.. run.Diagnose().Warnings.Select(w => w.Message)];
        }
        catch (ArgumentException e)
        {
            warnings = [$"diagnostics unavailable: {e.Message}"];
        }

        truthPath ??= run.FindTruthFile();
        IReadOnlyDictionary<string, double>? truth = truthPath is null ? null : TruthCsvReader.Read(truthPath);
        PosteriorProducts? truthProducts = null;
        if (truth is not null)
        {
            var missing = model.OutputNames.Where(n => !truth.ContainsKey(n)).ToList();
            if (missing.Count == 0)
            {
                console.MarkupLine($"truth from [blue]{Markup.Escape(truthPath!)}[/]");
                truthProducts = PosteriorProducts.Compute(model, PosteriorDraws.FromPoint(model.OutputNames, [.. model.OutputNames.Select(n => truth[n])]),
                    options with { PredictiveDraws = 0 });
            }
            else
            {
                // A truth of another model (e.g. an MZR truth beside an AMR fit) would put values of different meaning side by side.
                console.MarkupLine($"[yellow]note:[/] {Markup.Escape(truthPath!)} does not give every parameter of this model " +
                    $"(missing {Markup.Escape(string.Join(", ", missing.Take(5)))}); the truth is not shown");
                truth = null;
            }
        }

        RenderSfh(console, products, truthProducts);
        RenderScalars(console, products, truthProducts, truth);
        const int shown = 5;
        foreach (var w in warnings.Take(shown)) console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}");
        if (warnings.Count > shown)
            console.MarkupLine($"[yellow]… and {warnings.Count - shown} more convergence warnings[/] (all in summary.json; 'bayessfh diagnose' shows the full table)");

        string folder = outputFolder ?? Path.Combine(run.Path, "summary");
        var written = ProductWriter.Write(folder, products, run.Path, warnings);
        console.MarkupLine($"wrote {string.Join(", ", written.Select(p => Path.GetFileName(p)))} to [blue]{Markup.Escape(folder)}[/]");
        if (plots)
        {
            string plotFolder = Path.Combine(folder, "plots");
            var figures = SfhFigures.WriteAll(plotFolder, products, [.. run.Chains.Select(c => c.Draws)], truthProducts);
            console.MarkupLine($"wrote {string.Join(", ", figures.Select(p => Path.GetFileName(p)))} to [blue]{Markup.Escape(plotFolder)}[/]");
        }
        return ExitCodes.Success;
    }

    private static void RenderSfh(IAnsiConsole console, PosteriorProducts products, PosteriorProducts? truth)
    {
        var sfh = products.Sfh;
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]SFH[/] ({products.DrawCount} draws; median [[16 %, 84 %]])");
        table.AddColumn(new TableColumn("bin").RightAligned());
        table.AddColumn(new TableColumn("log age").RightAligned());
        table.AddColumn(new TableColumn("lookback (Gyr)").RightAligned());
        if (truth is not null) table.AddColumn(new TableColumn("truth SFR (M☉/yr)").RightAligned());
        table.AddColumn(new TableColumn("SFR (M☉/yr)").RightAligned());
        table.AddColumn(new TableColumn("mass formed (M☉)").RightAligned());
        table.AddColumn(new TableColumn("mass fraction formed by bin end").RightAligned());
        for (int j = 0; j < sfh.LogAges.Length; j++)
        {
            var row = new List<string>
            {
                (j + 1).ToString(CultureInfo.InvariantCulture), sfh.LogAges[j].ToString("F3", CultureInfo.InvariantCulture),
                $"{Fixed(sfh.LookbackEdgesGyr[j], 3)}–{Fixed(sfh.LookbackEdgesGyr[j + 1], 3)}",
            };
            if (truth is not null) row.Add(Number(truth.Sfh.Sfr.Median[j]));
            row.Add(WithBand(sfh.Sfr[j]));
            row.Add(WithBand(sfh.Mass[j]));
            row.Add(WithBand(sfh.CumulativeFraction[j], "F3"));
            table.AddRow(row.ToArray());
        }
        console.Write(table);
    }

    private static void RenderScalars(IAnsiConsole console, PosteriorProducts products, PosteriorProducts? truthProducts, IReadOnlyDictionary<string, double>? truth)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]posterior summary[/]");
        table.AddColumn("quantity");
        if (truth is not null) table.AddColumn(new TableColumn("truth").RightAligned());
        foreach (var column in new[] { "median", "16 %", "84 %", "2.5 %", "97.5 %" }) table.AddColumn(new TableColumn(column).RightAligned());
        void Row(string label, CredibleInterval interval, double? truthValue)
        {
            var row = new List<string> { label };
            if (truth is not null) row.Add(truthValue is { } t ? Number(t) : "");
            row.AddRange(new[] { interval.Median, interval.Low68, interval.High68, interval.Low95, interval.High95 }.Select(Number));
            table.AddRow(row.ToArray());
        }
        Row("total mass formed (M☉)", products.Sfh.TotalMass, truthProducts?.Sfh.TotalMass.Median);
        Row("t50: lookback of 50 % mass (Gyr)", products.Sfh.T50Gyr, truthProducts?.Sfh.T50Gyr.Median);
        Row("t90: lookback of 90 % mass (Gyr)", products.Sfh.T90Gyr, truthProducts?.Sfh.T90Gyr.Median);
        foreach (var p in products.Metallicity?.Parameters ?? [])
            Row(Markup.Escape(p.Name) + (p.IsFixed ? " (fixed)" : ""), p.Interval, truth is not null && truth.TryGetValue(p.Name, out double t) ? t : null);
        foreach (var p in products.Parameters.Where(p => p.Name.StartsWith("bg.", StringComparison.Ordinal)))
            Row(Markup.Escape(p.Name), p.Interval, truth is not null && truth.TryGetValue(p.Name, out double t) ? t : null);
        foreach (var (label, means, truthMeans) in new[]
        {
            ("mass-weighted", products.Means.MassWeighted, truthProducts?.Means.MassWeighted),
            ("light-weighted", products.Means.LightWeighted, truthProducts?.Means.LightWeighted),
        })
        {
            if (means is null) continue;
            Row($"{label} ⟨log age⟩", means.LogAge, truthMeans?.LogAge.Median);
            Row($"{label} ⟨[[M/H]]⟩", means.Metallicity, truthMeans?.Metallicity.Median);
        }
        console.Write(table);
        if (products.Check is { } check)
            console.MarkupLine($"posterior predictive p-value of the Poisson likelihood-ratio statistic: [bold]{check.PValue.ToString("F3", CultureInfo.InvariantCulture)}[/] " +
                $"({check.DrawsUsed} draws, seed {check.Seed}; T(n, m) median {Fixed(check.ObservedStatistic.Median, 1)} observed vs {Fixed(check.ReplicatedStatistic.Median, 1)} replicated)" +
                (check.PValue < 0.05 ? " [yellow]— the data fit worse than data simulated from the model[/]" : ""));
    }

    private static string WithBand(CredibleInterval interval, string? format = null) =>
        format is null ? $"{Number(interval.Median)} [[{Number(interval.Low68)}, {Number(interval.High68)}]]"
            : $"{interval.Median.ToString(format, CultureInfo.InvariantCulture)} [[{interval.Low68.ToString(format, CultureInfo.InvariantCulture)}, {interval.High68.ToString(format, CultureInfo.InvariantCulture)}]]";

    private static string Fixed(double value, int digits) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Number(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString(Math.Abs(value) >= 1e4 || (Math.Abs(value) < 1e-2 && value != 0) ? "0.000e+0" : "0.000", CultureInfo.InvariantCulture);
}
