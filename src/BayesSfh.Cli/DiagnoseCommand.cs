using System.CommandLine;
using System.Globalization;
using BayesSfh.Diagnostics;
using BayesSfh.IO;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary>
/// <c>bayessfh diagnose FILES…</c>: the posterior summary and convergence checks of CmdStan-format chains (ours or
/// Stan's), with the column names of R posterior's summarise_draws. Exit code 3 when a check fails.
/// </summary>
internal static class DiagnoseCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "CmdStan CSV files, one per chain.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "table (default) or csv (one row per variable, posterior's column names).", DefaultValueFactory = _ => "table" };
        var command = new Command("diagnose", "Summarise CmdStan-format chains: mean, median, sd, mad, q5, q95, R̂, bulk/tail ESS, MCSE; divergences, tree depth, E-BFMI; warnings.");
        command.Arguments.Add(files);
        command.Options.Add(format);
        command.SetAction(result => CliApp.Guard(error, () =>
        {
            string kind = result.GetValue(format)!.ToLowerInvariant();
            if (kind is not ("table" or "csv")) throw new UsageException($"--format: use table or csv, not '{kind}'.");
            var chains = result.GetValue(files)!.Select(f => StanCsvReader.Read(f.FullName)).ToList();
            int maxDepth = chains.Select(c => c.ToConfig().MaxDepth).Max();
            DiagnosticsReport report;
            try
            {
                report = DiagnosticsReport.Create([.. chains.Select(c => c.Draws)], maxDepth);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"the chains cannot be combined: {e.Message}");
            }
            if (kind == "csv") WriteCsv(console.Profile.Out.Writer, report);
            else DiagnosticsRenderer.Render(console, report, chains.Count);
            return report.Warnings.IsEmpty ? ExitCodes.Success : ExitCodes.CheckFailed;
        }));
        return command;
    }

    private static void WriteCsv(TextWriter writer, DiagnosticsReport report)
    {
        var names = report.Summary.MeasureNames;
        writer.WriteLine("variable," + string.Join(',', names));
        foreach (var row in report.Summary.Rows)
            writer.WriteLine(row.Variable + "," + string.Join(',', row.Values.Select(v => double.IsNaN(v) ? "NA" : v.ToString("R", CultureInfo.InvariantCulture))));
    }
}
