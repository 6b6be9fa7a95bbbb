using System.Globalization;
using BayesSfh.Modelling;
using BayesSfh.Optimization;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary>Renders a <see cref="FitResult"/> as a console table, optionally beside the truth.</summary>
internal static class FitReport
{
    public static void Render(IAnsiConsole console, SfhModel model, FitResult fit, IReadOnlyDictionary<string, double>? truth = null)
    {
        string kind = fit.Objective == Objective.Posterior ? "MAP" : "MLE";
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{kind} fit[/]");
        table.AddColumn("parameter");
        table.AddColumn(new TableColumn("log age").RightAligned());
        if (truth is not null) table.AddColumn(new TableColumn("truth").RightAligned());
        table.AddColumn(new TableColumn(kind).RightAligned());
        table.AddColumn(new TableColumn("std. error").RightAligned());
        if (truth is not null) table.AddColumn(new TableColumn("(fit − truth)/SE").RightAligned());
        for (int i = 0; i < fit.Names.Length; i++)
        {
            string name = fit.Names[i];
            var row = new List<string> { Markup.Escape(name), LogAgeOf(model, name) is { } a ? a.ToString("F3", CultureInfo.InvariantCulture) : "" };
            double? t = truth is not null && truth.TryGetValue(name, out double tv) ? tv : null;
            if (truth is not null) row.Add(t is { } tt ? Number(tt) : "");
            row.Add(Number(fit.Values[i]));
            row.Add(fit.IsFixed[i] ? "fixed" : Number(fit.StandardErrors[i]));
            if (truth is not null)
                row.Add(t is { } t2 && !fit.IsFixed[i] && fit.StandardErrors[i] > 0 ? ((fit.Values[i] - t2) / fit.StandardErrors[i]).ToString("+0.00;-0.00", CultureInfo.InvariantCulture) : "");
            table.AddRow(row.ToArray());
        }
        console.Write(table);
        console.MarkupLine($"status [bold]{fit.Status}[/], −ln L = {fit.NegativeLogLikelihood.ToString("F4", CultureInfo.InvariantCulture)}, " +
            $"ln p = {fit.LogDensity.ToString("F4", CultureInfo.InvariantCulture)}, max |∇| = {fit.GradientNorm.ToString("G3", CultureInfo.InvariantCulture)}, " +
            $"{fit.Iterations} iterations, {fit.Evaluations} evaluations");
        foreach (var warning in fit.Warnings) console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
    }

    /// <summary>Log age of an <c>R.j</c> or <c>r.j.k</c> parameter, else null.</summary>
    public static double? LogAgeOf(SfhModel model, string name)
    {
        var parts = name.Split('.');
        if ((parts[0] == "R" || parts[0] == "r") && parts.Length >= 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int j) && j >= 1 && j <= model.LogAges.Length)
            return model.LogAges[j - 1];
        return null;
    }

    private static string Number(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString(Math.Abs(value) >= 1e4 || (Math.Abs(value) < 1e-3 && value != 0) ? "0.000e+0" : "0.0000", CultureInfo.InvariantCulture);
}
