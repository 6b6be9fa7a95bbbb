using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BayesSfh.IO;
using BayesSfh.Isochrones;
using BayesSfh.Isochrones.Analytic;
using BayesSfh.Observation;
using BayesSfh.Population;
using BayesSfh.Templates;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary>
/// <c>bayessfh templates</c>: SSP templates from isochrones (files or builtin) through an observation model, written in
/// the input format of <c>fit</c> and <c>sample</c> (templates.csv, grid.csv, luminosity.csv) with templates.json.
/// </summary>
internal static class TemplatesCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var population = new PopulationOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder for templates.csv, grid.csv, luminosity.csv and templates.json.", Required = true };
        var luminosityBand = new Option<string?>("--luminosity-band") { Description = "Filter for luminosity per M☉ formed, for light-weighted averages (default: V, Vmag or Bessell_V if the isochrones have it, else the magnitude filter)." };
        var sunMagnitude = new Option<double>("--sun-mag") { Description = "Absolute magnitude of the unit of luminosity in that filter (the Sun's; default V = 4.81, Willmer 2018). Light-weighted averages do not depend on it.", DefaultValueFactory = _ => TemplateLuminosityOptions.SunAbsoluteV };
        var trim = new Option<double>("--trim") { Description = "Drop template entries below this fraction of the template's largest (Gaussian tails; 0 keeps every entry).", DefaultValueFactory = _ => TemplateGridBuilder.DefaultRelativeFloor };
        var threads = new Option<int?>("--threads") { Description = "Templates built at once (default: the processor count). Does not change the result." };
        var command = new Command("templates", "Build SSP templates (expected stars per Hess bin per M☉ formed) from isochrones, an IMF and an observation model.");
        population.AddTo(command);
        foreach (var option in new Option[] { luminosityBand, sunMagnitude, trim, threads, output }) command.Options.Add(option);
        command.SetAction(result => CliApp.Guard(error, () =>
        {
            var clock = Stopwatch.StartNew();
            var isochrones = population.LoadIsochrones(result);
            var options = population.BuildObservation(result, isochrones);
            string band = result.GetValue(luminosityBand)
                ?? new[] { "V", "Vmag", "Bessell_V" }.FirstOrDefault(f => isochrones.All(i => i.HasFilter(f))) ?? options.Magnitude.Filter;
            if (isochrones.FirstOrDefault(i => !i.HasFilter(band)) is { } lacking)
                throw new UsageException($"--luminosity-band: filter '{band}' is not in isochrone {lacking.Source}.");
            var luminosity = new TemplateLuminosityOptions(band, result.GetValue(sunMagnitude));
            var set = Build(console, isochrones, options, luminosity, result.GetValue(threads), result.GetValue(trim));
            double buildSeconds = clock.Elapsed.TotalSeconds;
            string folder = result.GetValue(output)!.FullName;
            bool builtin = isochrones.All(i => i.Source == AnalyticIsochroneGenerator.SourceName);
            Write(console, folder, set, builtin, options, luminosity, population.InputFiles(result).ToList(),
                string.Join(' ', new[] { "bayessfh" }.Concat(result.Tokens.Select(t => t.Value))));
            Render(console, set, isochrones, buildSeconds, result.GetValue(threads) ?? Environment.ProcessorCount);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Builds the templates with a progress bar.</summary>
    public static TemplateSet Build(IAnsiConsole console, IReadOnlyList<Isochrone> isochrones, SspTemplateOptions options, TemplateLuminosityOptions? luminosity, int? threads,
        double relativeFloor = TemplateGridBuilder.DefaultRelativeFloor)
    {
        if (threads is < 1) throw new UsageException($"--threads must be ≥ 1 (got {threads}).");
        TemplateSet? set = null;
        console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"{isochrones.Count} templates", maxValue: isochrones.Count);
                set = TemplateGridBuilder.Build(isochrones, options, luminosity, new Progress(task), threads, relativeFloor);
            });
        return set!;
    }

    /// <summary>Writes templates.csv, grid.csv, luminosity.csv and templates.json (each atomically).</summary>
    public static void Write(IAnsiConsole console, string folder, TemplateSet set, bool builtin, SspTemplateOptions options, TemplateLuminosityOptions luminosity,
        IReadOnlyList<string> inputs, string commandLine)
    {
        Directory.CreateDirectory(folder);
        GridCsvWriter.Write(Path.Combine(folder, "grid.csv"), set.HessGrid!);
        TemplateCsvWriter.Write(Path.Combine(folder, "templates.csv"), set);
        TemplateCsvWriter.WriteLuminosity(Path.Combine(folder, "luminosity.csv"), set);
        AtomicFile.Write(Path.Combine(folder, "templates.json"), writer =>
        {
            writer.Write(RunManifest.Serialize(Describe(set, builtin, options, luminosity, inputs, commandLine)));
            writer.Write('\n');
        });
        console.MarkupLine($"wrote [blue]{Markup.Escape(folder)}[/]: templates.csv, grid.csv, luminosity.csv, templates.json");
    }

    private static object Describe(TemplateSet set, bool builtin, SspTemplateOptions o, TemplateLuminosityOptions luminosity, IReadOnlyList<string> inputs, string commandLine) => new
    {
        tool = "bayessfh",
        tool_version = typeof(TemplateSet).Assembly.GetName().Version?.ToString() ?? "0",
        dotnet_version = RuntimeInformation.FrameworkDescription,
        command_line = commandLine,
        isochrones = builtin ? "builtin (analytic; approximate, for demos and tests)" : "files (see inputs)",
        inputs = inputs.Select(p => new { path = p, sha256 = RunManifest.Sha256(p) }),
        units = "expected detected stars per Hess bin per solar mass formed (template scale 1)",
        imf = o.Imf.GetType().Name,
        distance_modulus = o.DistanceModulus,
        bands = new[] { ("blue", o.Blue), ("red", o.Red), ("magnitude", o.Magnitude) }.Select(b => new
        {
            role = b.Item1,
            filter = b.Item2.Filter,
            extinction = b.Item2.Extinction,
            error = Describe(b.Item2.Error),
            completeness = Describe(b.Item2.Completeness),
        }),
        binaries = o.Binaries is null ? null : new { fraction = o.Binaries.Fraction, minimum_q = o.Binaries.MinimumRatio, q_distribution = "uniform" },
        luminosity = new { filter = luminosity.Filter, reference_absolute_magnitude = luminosity.ReferenceMagnitude },
        grid = new
        {
            colour = $"{o.Blue.Filter} - {o.Red.Filter}",
            magnitude = o.Magnitude.Filter,
            colour_edges = new[] { o.Grid.ColourEdges[0], o.Grid.ColourEdges[^1] },
            colour_bins = o.Grid.ColourBins,
            magnitude_edges = new[] { o.Grid.MagnitudeEdges[0], o.Grid.MagnitudeEdges[^1] },
            magnitude_bins = o.Grid.MagnitudeBins,
        },
        templates = set.Templates.Select(t => new { log_age = t.LogAge, mh = t.MH, stars_per_msun = t.StarsPerMass, luminosity_per_msun = t.LuminosityPerMass, nonzero_bins = t.Bins.Length }),
    };

    private static string Describe(object model) => model switch
    {
        ConstantPhotometricError c => $"constant sigma {c.Value.ToString("R", CultureInfo.InvariantCulture)} mag",
        ExponentialPhotometricError e => FormattableString.Invariant($"exponential sigma = {e.A}^({e.B}(m - {e.C})) + {e.D}"),
        TabulatedPhotometricError t => $"tabulated from artificial stars ({t.Magnitudes.Count} magnitude bins, with bias)",
        PerfectCompleteness => "perfect",
        LogisticCompleteness l => FormattableString.Invariant($"logistic max {l.Maximum}, m50 {l.HalfMagnitude}, width {l.Width}"),
        TabulatedCompleteness t => $"tabulated from artificial stars, joint over their filters ({t.Magnitudes.Count} magnitude bins)",
        _ => model.GetType().Name,
    };

    private static void Render(IAnsiConsole console, TemplateSet set, IReadOnlyList<Isochrone> isochrones, double seconds, int threads)
    {
        var grid = set.Grid;
        var hess = set.HessGrid!;
        var perMass = set.Templates.Select(t => t.StarsPerMass * 1e6).ToArray();
        console.MarkupLine($"{set.Templates.Length} templates: {grid.LogAges.Length} log ages ({grid.LogAges[0]:0.###}–{grid.LogAges[^1]:0.###}) × " +
            $"{grid.Metallicities.Length} [[M/H]] ({grid.Metallicities[0]:0.###}–{grid.Metallicities[^1]:0.###}) on {hess.ColourBins} × {hess.MagnitudeBins} bins; " +
            $"{perMass.Min():0.##e+0}–{perMass.Max():0.##e+0} stars in the diagram per 10^6 M☉ formed; " +
            $"{seconds:F1} s ({1000 * seconds / isochrones.Count:F1} ms per template with {threads} thread{(threads == 1 ? "" : "s")}, including reading)");
        if (!set.Grid.IsComplete)
            console.MarkupLine("[yellow]note[/]: the (log age, [[M/H]]) grid is incomplete; only --model free can fit it.");
    }

    private sealed class Progress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = value;
    }
}
