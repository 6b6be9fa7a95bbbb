using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BayesSfh.IO;
using BayesSfh.Modelling;
using BayesSfh.Products;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Synthetic;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary>
/// <c>bayessfh example</c>: the built-in end-to-end job. Simulates a mock galaxy (20 ages × 12 [M/H] toy templates on a
/// 60 × 40 Hess diagram, power-law MZR truth), writes its input files, reads them back, fits the MAP, runs NUTS chains
/// exactly as <c>bayessfh sample</c> does, and prints the posterior beside the truth.
/// </summary>
internal static class ExampleCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("chains", "example")) };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the mock galaxy's Poisson draw and of the chains.", DefaultValueFactory = _ => 42UL };
        var chains = new Option<int>("--chains") { Description = "Number of chains.", DefaultValueFactory = _ => 4 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up iterations per chain.", DefaultValueFactory = _ => 1000 };
        var draws = new Option<int>("--draws") { Description = "Post-warm-up draws per chain.", DefaultValueFactory = _ => 1000 };
        var threads = new Option<int?>("--threads") { Description = "Chains run at once (default: the processor count). Does not change the draws." };
        var command = new Command("example",
            "Run the built-in example end to end: mock galaxy with a known SFH and MZR → input files → MAP → NUTS chains → posterior beside the truth.");
        foreach (var option in new Option[] { output, seed, chains, warmup, draws, threads }) command.Options.Add(option);
        command.SetAction(result => CliApp.Guard(error, () => Run(console, result.GetValue(output)!.FullName, result.GetValue(seed),
            result.GetValue(chains), result.GetValue(warmup), result.GetValue(draws), result.GetValue(threads),
            string.Join(' ', new[] { "bayessfh" }.Concat(result.Tokens.Select(t => t.Value))))));
        return command;
    }

    private static int Run(IAnsiConsole console, string folder, ulong seed, int chains, int warmup, int draws, int? threads, string commandLine)
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
        var settings = new SampleCommand.Settings(chains, warmup, draws, seed, SeedGiven: true, MetricKind.Diagonal, MaxDepth: 10, Delta: 0.8, threads,
            SaveWarmup: false, folder);
        var inputs = new List<(string Role, string Path)>
        {
            ("templates", files.TemplatesPath), ("observed", files.ObservedPath), ("grid", files.GridPath!), ("luminosity", files.LuminosityPath!),
        };
        var (exitCode, posterior, map) = SampleCommand.Execute(console, model, settings, inputs, commandLine, mock.Truth);
        FitCommand.Write(console, model, map, folder);
        PosteriorTruthTable.Render(console, posterior, mock.Truth);
        console.MarkupLine("[bold]posterior products[/] (as [blue]bayessfh summarize[/] prints and writes them):");
        SummarizeCommand.Run(console, folder, null, new ProductOptions { Seed = seed }, Path.Combine(folder, "truth.csv"));
        console.MarkupLine($"done in {clock.Elapsed.TotalSeconds:F1} s");
        return exitCode;
    }
}
