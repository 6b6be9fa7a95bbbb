using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BayesSfh.Hess;
using BayesSfh.Imf;
using BayesSfh.IO;
using BayesSfh.Isochrones.Analytic;
using BayesSfh.Modelling;
using BayesSfh.Observation;
using BayesSfh.Population;
using BayesSfh.Products;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Synthetic;
using BayesSfh.Templates;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary>
/// <c>bayessfh example</c>: the built-in end-to-end job, offline. Generates the built-in isochrones (20 ages × 12 [M/H]),
/// builds their templates on a 60 × 40 V vs B − V Hess diagram (as <c>templates</c>), draws a mock galaxy star by star
/// with a known SFH and power-law MZR (as <c>simulate</c>), reads the files back, fits the MAP, runs NUTS chains exactly
/// as <c>bayessfh sample</c> does, prints the posterior beside the truth and writes the products and figures.
/// </summary>
internal static class ExampleCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("chains", "example")) };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the mock galaxy's Poisson draw and of the chains.", DefaultValueFactory = _ => 42UL };
        var chains = new Option<int>("--chains") { Description = "Number of chains.", DefaultValueFactory = _ => 4 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up iterations per chain.", DefaultValueFactory = _ => 1000 };
        var draws = new Option<int>("--draws") { Description = "Post-warm-up draws per chain (2000: the oldest, most degenerate age bins need them for R-hat < 1.01).", DefaultValueFactory = _ => 2000 };
        var threads = new Option<int?>("--threads") { Description = "Chains run at once (default: the processor count). Does not change the draws." };
        var toy = new Option<bool>("--toy") { Description = "Use the toy Gaussian templates and binned Poisson mock of versions before isochrone templates (the problem of the Stan comparison in the README)." };
        var command = new Command("example",
            "Run the built-in example end to end: built-in isochrones → templates → mock galaxy with a known SFH and MZR → MAP → NUTS chains → posterior beside the truth → products and figures.");
        foreach (var option in new Option[] { output, seed, chains, warmup, draws, threads, toy }) command.Options.Add(option);
        command.SetAction(result => CliApp.Guard(error, () => Run(console, result.GetValue(output)!.FullName, result.GetValue(seed),
            result.GetValue(chains), result.GetValue(warmup), result.GetValue(draws), result.GetValue(threads), result.GetValue(toy),
            string.Join(' ', new[] { "bayessfh" }.Concat(result.Tokens.Select(t => t.Value))))));
        return command;
    }

    /// <summary>
    /// The example's observation: V vs B − V, exponential errors σ = 1.05^(10(m − 32)) + 0.01 in both filters, logistic
    /// completeness in V (98 %, 50 % at V = 28), no extinction, Kroupa IMF, no binaries. The same as the options
    /// <c>--blue B --red V --distance-modulus 24.5 --photometric-error exponential:1.05,10,32,0.01
    /// --completeness logistic:0.98,28.0,0.25 --colour-bins -0.4:2.0:60 --mag-bins 20:28.5:40</c> of <c>templates</c>/<c>simulate</c>.
    /// </summary>
    internal static SspTemplateOptions Observation()
    {
        var v = new PhotometricBand("V", 0, Errors, new LogisticCompleteness(0.98, 28.0, 0.25));
        return new(new PhotometricBand("B", 0, Errors), v, v, DistanceModulus, new KroupaImf(), HessGrid.Uniform(-0.4, 2.0, 60, 20.0, 28.5, 40));
    }

    private const double DistanceModulus = 24.5;

    private static readonly ExponentialPhotometricError Errors = new(1.05, 10, 32, 0.01);

    private static int Run(IAnsiConsole console, string folder, ulong seed, int chains, int warmup, int draws, int? threads, bool toy, string commandLine)
    {
        var clock = Stopwatch.StartNew();
        var (files, truth) = toy ? ToyInputs(console, folder, seed) : IsochroneInputs(console, folder, seed, threads, commandLine);
        var problem = ProblemLoader.Load(files);
        var model = SfhModel.Create(problem.Templates, problem.Observed, new SfhModelOptions { Model = MetallicityModelKind.PowerLawMzr });
        var settings = new SampleCommand.Settings(chains, warmup, draws, seed, SeedGiven: true, MetricKind.Diagonal, MaxDepth: 10, Delta: 0.8, threads,
            SaveWarmup: false, folder);
        var inputs = new List<(string Role, string Path)>
        {
            ("templates", files.TemplatesPath), ("observed", files.ObservedPath), ("grid", files.GridPath!), ("luminosity", files.LuminosityPath!),
        };
        var (exitCode, posterior, map) = SampleCommand.Execute(console, model, settings, inputs, commandLine, truth);
        FitCommand.Write(console, model, map, folder);
        PosteriorTruthTable.Render(console, posterior, truth);
        console.MarkupLine("[bold]posterior products[/] (as [blue]bayessfh summarize[/] prints and writes them):");
        SummarizeCommand.Run(console, folder, null, new ProductOptions { Seed = seed }, Path.Combine(folder, "truth.csv"));
        console.MarkupLine($"done in {clock.Elapsed.TotalSeconds:F1} s");
        return exitCode;
    }

    /// <summary>Built-in isochrones → templates → star-by-star mock, written as the inputs of <c>sample</c>.</summary>
    private static (ProblemFiles Files, IReadOnlyDictionary<string, double> Truth) IsochroneInputs(IAnsiConsole console, string folder, ulong seed, int? threads, string commandLine)
    {
        var truthOptions = new MockGalaxyOptions { Seed = seed };
        var logAges = Enumerable.Range(0, 20).Select(j => Math.Round(8.0 + 2.1 * j / 19, 4)).ToArray();
        var metallicities = Enumerable.Range(0, 12).Select(k => Math.Round(-2.2 + 0.2 * k, 4)).ToArray();
        var generator = new AnalyticIsochroneGenerator();
        var isochrones = logAges.SelectMany(a => metallicities.Select(z => (a, z))).AsParallel().AsOrdered().Select(p => generator.Generate(p.a, p.z)).ToList();
        var observation = Observation();
        var ages = AgeBins.FromLeftEdges(logAges);
        var truth = new Dictionary<string, double>(StringComparer.Ordinal);
        var masses = MockGalaxy.TrueMasses(ages, truthOptions.TotalMass);
        for (int j = 0; j < masses.Length; j++) truth[$"R.{j + 1}"] = masses[j];
        truth["alpha"] = truthOptions.Alpha;
        truth["mh0"] = truthOptions.Intercept;
        truth["sigma"] = truthOptions.Sigma;
        console.MarkupLine("[bold]BayesSfh example[/]: a mock galaxy drawn star by star from the built-in isochrones, fitted with templates built from the same isochrones.");
        console.MarkupLine($"  {logAges.Length} ages (log age {logAges[0]}–{logAges[^1]}) × {metallicities.Length} [[M/H]] ({metallicities[0]}–{metallicities[^1]}); " +
            $"V vs B − V at (m − M)_0 = {DistanceModulus}, {observation.Grid.ColourBins} × {observation.Grid.MagnitudeBins} Hess bins; Kroupa IMF; " +
            "errors σ = 1.05^(10(m − 32)) + 0.01; 50 % completeness at V = 28.0");
        console.MarkupLine($"  truth: {truthOptions.TotalMass:0.##e+0} M☉ formed, power-law MZR α = {truthOptions.Alpha}, [[M/H]]_0 = {truthOptions.Intercept} at 10^6 M☉, σ = {truthOptions.Sigma} dex");

        Directory.CreateDirectory(folder);
        var luminosity = new TemplateLuminosityOptions("V");
        var templates = TemplatesCommand.Build(console, isochrones, observation, luminosity, threads);
        TemplatesCommand.Write(console, folder, templates, builtin: true, observation, luminosity, [], commandLine);
        var request = new SimulateCommand.Request(isochrones, observation, new SfhModelOptions { Model = MetallicityModelKind.PowerLawMzr }, truth, seed, KeepUndetected: false);
        SimulateCommand.Run(console, request, folder, [], commandLine);
        return (Files(folder), truth);
    }

    private static ProblemFiles Files(string folder) => new(Path.Combine(folder, "templates.csv"), Path.Combine(folder, "observed.csv"),
        Path.Combine(folder, "grid.csv"), null, Path.Combine(folder, "luminosity.csv"));

    /// <summary>The toy problem of earlier versions: Gaussian-blob templates and a binned Poisson mock.</summary>
    private static (ProblemFiles Files, IReadOnlyDictionary<string, double> Truth) ToyInputs(IAnsiConsole console, string folder, ulong seed)
    {
        var truthOptions = new MockGalaxyOptions { Seed = seed };
        var mock = MockGalaxy.Create(truthOptions);
        console.MarkupLine("[bold]BayesSfh example --toy[/]: a mock galaxy observed through the toy templates (SyntheticTemplates; not stellar physics).");
        console.MarkupLine($"  truth: {truthOptions.TotalMass:0.##e+0} M☉ formed, power-law MZR α = {truthOptions.Alpha}, [[M/H]]_0 = {truthOptions.Intercept} at 10^6 M☉, " +
            $"σ = {truthOptions.Sigma} dex; {mock.Observed.Total:N0} stars observed (seed {seed})");
        Directory.CreateDirectory(folder);
        var files = Files(folder);
        GridCsvWriter.Write(files.GridPath!, mock.Templates.HessGrid!);
        TemplateCsvWriter.Write(files.TemplatesPath, mock.Templates);
        TemplateCsvWriter.WriteLuminosity(files.LuminosityPath!, mock.Templates);
        ObservedCsvWriter.Write(files.ObservedPath, mock.Observed);
        AtomicFile.Write(Path.Combine(folder, "truth.csv"), writer =>
        {
            writer.WriteLine("name,value");
            foreach (var (name, value) in mock.Truth.OrderBy(p => p.Key, StringComparer.Ordinal))
                writer.WriteLine($"{name},{value.ToString("R", CultureInfo.InvariantCulture)}");
        });
        return (files, mock.Truth);
    }
}
