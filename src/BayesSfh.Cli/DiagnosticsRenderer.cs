using System.Globalization;
using BayesSfh.Diagnostics;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary>Console rendering of a <see cref="DiagnosticsReport"/>, shared by <c>diagnose</c> and <c>sample</c>.</summary>
internal static class DiagnosticsRenderer
{
    /// <summary>The posterior summary table, the per-chain sampler table and the warnings (or "no warnings").</summary>
    public static void Render(IAnsiConsole console, DiagnosticsReport report, int chainCount)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{chainCount} chains × {report.DrawsPerChain} draws[/]");
        table.AddColumn("variable");
        foreach (var name in report.Summary.MeasureNames) table.AddColumn(new TableColumn(name).RightAligned());
        foreach (var row in report.Summary.Rows)
            table.AddRow([Markup.Escape(row.Variable), .. row.Values.Select((v, i) => Format(report.Summary.MeasureNames[i], v))]);
        console.Write(table);
        var sampler = new Table().Border(TableBorder.Rounded).Title("[bold]sampler[/]");
        foreach (var column in new[] { "chain", "draws", "divergent", $"at max depth {report.MaxTreeDepth}", "E-BFMI" }) sampler.AddColumn(new TableColumn(column).RightAligned());
        foreach (var c in report.Chains)
            sampler.AddRow(c.Chain.ToString(CultureInfo.InvariantCulture), c.Draws.ToString(CultureInfo.InvariantCulture),
                c.Divergences?.ToString(CultureInfo.InvariantCulture) ?? "n/a", c.AtMaxTreeDepth?.ToString(CultureInfo.InvariantCulture) ?? "n/a",
                double.IsNaN(c.Ebfmi) ? "n/a" : c.Ebfmi.ToString("F3", CultureInfo.InvariantCulture));
        console.Write(sampler);
        if (report.Warnings.IsEmpty) console.MarkupLine("[green]no warnings[/]");
        foreach (var w in report.Warnings) console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w.Message)}");
    }

    private static string Format(string measure, double value) => double.IsNaN(value) ? "NA" : measure switch
    {
        "rhat" or "rhat_basic" => value.ToString("F3", CultureInfo.InvariantCulture),
        _ when measure.StartsWith("ess", StringComparison.Ordinal) => value.ToString("F0", CultureInfo.InvariantCulture),
        _ => value.ToString("G4", CultureInfo.InvariantCulture),
    };
}
