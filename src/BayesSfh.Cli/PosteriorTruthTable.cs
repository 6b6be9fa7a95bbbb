using System.Globalization;
using BayesSfh.Modelling;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary>
/// Prints each free parameter's posterior median with 68 % and 95 % central intervals beside a known truth, marking
/// truths outside the 95 % interval, and the total mass formed (Σ R_j per draw).
/// </summary>
internal static class PosteriorTruthTable
{
    public static void Render(IAnsiConsole console, SfhPosterior posterior, IReadOnlyDictionary<string, double> truth)
    {
        var model = posterior.Model;
        var table = new Table().Title("[bold]posterior vs truth[/]")
            .AddColumns("parameter", "log age", "truth", "median", "68 % interval", "95 % interval", "truth in 95 %?");
        int inside = 0, compared = 0;
        var rows = model.Layout.FreeIndices.Select(i => model.OutputNames[i]).Select(name => (name, draws: posterior.Pooled(name))).ToList();
        int bins = model.Ages.Count;
        var total = new double[rows[0].draws.Length];
        foreach (var (name, draws) in rows.Where(r => r.name.StartsWith("R.", StringComparison.Ordinal)))
            for (int s = 0; s < total.Length; s++) total[s] += draws[s];
        double? totalTruth = Enumerable.Range(1, bins).All(j => truth.ContainsKey($"R.{j}")) ? Enumerable.Range(1, bins).Sum(j => truth[$"R.{j}"]) : null;
        if (model.Layout.FreeIndices.Take(bins).Count() == bins) rows.Add(("total mass", total));
        foreach (var (name, draws) in rows)
        {
            double? t = name == "total mass" ? totalTruth : truth.TryGetValue(name, out double v) ? v : null;
            Array.Sort(draws);
            double q(double p) => Quantile(draws, p);
            bool? covered = t is { } tv ? tv >= q(0.025) && tv <= q(0.975) : null;
            if (covered is { } c) { compared++; if (c) inside++; }
            table.AddRow(name, FitReport.LogAgeOf(model, name)?.ToString("F2", CultureInfo.InvariantCulture) ?? "",
                t is { } x ? Format(x) : "–", Format(q(0.5)), $"{Format(q(0.16))} – {Format(q(0.84))}", $"{Format(q(0.025))} – {Format(q(0.975))}",
                covered switch { true => "[green]yes[/]", false => "[red]no[/]", null => "" });
        }
        console.Write(table);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"truth inside the 95 % interval for {inside} of {compared} quantities (expected ≈ {0.95 * compared:F0}; neighbouring bins are correlated)"));
    }

    /// <summary>Linear-interpolation quantile (R type 7) of sorted values.</summary>
    internal static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        double h = (sorted.Count - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 1e4 || (Math.Abs(value) < 1e-2 && value != 0)
            ? value.ToString("0.000e+0", CultureInfo.InvariantCulture)
            : value.ToString("G4", CultureInfo.InvariantCulture);
}
