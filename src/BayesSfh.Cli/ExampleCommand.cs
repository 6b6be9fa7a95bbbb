using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BayesSfh.IO;
using BayesSfh.Modelling;
using BayesSfh.Synthetic;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary>
/// <c>bayessfh example</c>: the built-in end-to-end job. Simulates a mock galaxy (20 ages × 12 [M/H] toy templates on a
/// 60 × 40 Hess diagram, power-law MZR truth), writes its input files, reads them back, fits the MAP and prints it
/// beside the truth.
/// </summary>
internal static class ExampleCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("chains", "example")) };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the mock galaxy's Poisson draw.", DefaultValueFactory = _ => 42UL };
        var command = new Command("example", "Run the built-in example end to end: mock galaxy → input files → MAP fit → estimates beside the truth.");
        command.Options.Add(output);
        command.Options.Add(seed);
        command.SetAction(result => CliApp.Guard(error, () => Run(console, result.GetValue(output)!.FullName, result.GetValue(seed))));
        return command;
    }

    private static int Run(IAnsiConsole console, string folder, ulong seed)
    {
        var clock = Stopwatch.StartNew();
        var truthOptions = new MockGalaxyOptions { Seed = seed };
        var mock = MockGalaxy.Create(truthOptions);
        console.MarkupLine("[bold]BayesSfh example[/]: a mock galaxy observed through the built-in toy templates (see SyntheticTemplates).");
        console.MarkupLine($"  {mock.Templates.Grid.LogAges.Length} ages (log age {mock.Templates.Grid.LogAges[0]}–{mock.Templates.Grid.LogAges[^1]}) × " +
            $"{mock.Templates.Grid.Metallicities.Length} [[M/H]] ({mock.Templates.Grid.Metallicities[0]}–{mock.Templates.Grid.Metallicities[^1]}), " +
            $"{mock.Templates.HessGrid!.ColourBins} × {mock.Templates.HessGrid.MagnitudeBins} Hess bins");
        console.MarkupLine($"  truth: {truthOptions.TotalMass:0.##e+0} M☉ formed, power-law MZR α = {truthOptions.Alpha}, [[M/H]]_0 = {truthOptions.Intercept} at 10^6 M☉, " +
            $"σ = {truthOptions.Sigma} dex; {mock.Observed.Total:N0} stars observed (seed {seed})");

        Directory.CreateDirectory(folder);
        var files = new ProblemFiles(Path.Combine(folder, "templates.csv"), Path.Combine(folder, "observed.csv"), Path.Combine(folder, "grid.csv"),
            null, Path.Combine(folder, "luminosity.csv"));
        GridCsvWriter.Write(files.GridPath!, mock.Templates.HessGrid);
        TemplateCsvWriter.Write(files.TemplatesPath, mock.Templates);
        TemplateCsvWriter.WriteLuminosity(files.LuminosityPath!, mock.Templates);
        ObservedCsvWriter.Write(files.ObservedPath, mock.Observed);
        AtomicFile.Write(Path.Combine(folder, "truth.csv"), writer =>
        {
            writer.WriteLine("name,value");
            foreach (var (name, value) in mock.Truth.OrderBy(p => p.Key, StringComparer.Ordinal))
                writer.WriteLine($"{name},{value.ToString("R", CultureInfo.InvariantCulture)}");
        });
        console.MarkupLine($"wrote the inputs to [blue]{Markup.Escape(folder)}[/] (templates.csv, observed.csv, grid.csv, luminosity.csv, truth.csv)");

        var problem = ProblemLoader.Load(files);
        var model = SfhModel.Create(problem.Templates, problem.Observed, new SfhModelOptions { Model = MetallicityModelKind.PowerLawMzr });
        var fit = FitCommand.Run(model, mle: false);
        FitReport.Render(console, model, fit, mock.Truth);
        FitCommand.Write(console, model, fit, folder);

        double totalFit = Enumerable.Range(0, model.Ages.Count).Sum(j => fit[$"R.{j + 1}"]);
        console.MarkupLine($"total mass formed: MAP {totalFit:0.000e+0} M☉, truth {truthOptions.TotalMass:0.000e+0} M☉");
        console.MarkupLine($"done in {clock.Elapsed.TotalSeconds:F1} s");
        return fit.Warnings.IsEmpty ? ExitCodes.Success : ExitCodes.CheckFailed;
    }
}
