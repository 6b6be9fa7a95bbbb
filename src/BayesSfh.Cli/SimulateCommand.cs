using System.CommandLine;
using System.Globalization;
using BayesSfh.Hess;
using BayesSfh.IO;
using BayesSfh.Isochrones;
using BayesSfh.Isochrones.Analytic;
using BayesSfh.Modelling;
using BayesSfh.Population;
using BayesSfh.Templates;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary>
/// <c>bayessfh simulate</c>: a mock galaxy drawn star by star from isochrones, an SFH and a metallicity model, observed
/// through the same model as <c>templates</c>; writes stars.csv, observed.csv (the input of <c>fit</c>), grid.csv,
/// truth.csv and simulate.json.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>The options of one simulation after parsing.</summary>
    internal sealed record Request(IReadOnlyList<Isochrone> Isochrones, SspTemplateOptions Observation, SfhModelOptions Model,
        IReadOnlyDictionary<string, double> Truth, ulong Seed, bool KeepUndetected);

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var population = new PopulationOptions();
        var sfh = new Option<FileInfo>("--sfh") { Description = "SFH CSV: log_age,mass (M☉ formed per bin) or log_age,sfr (M☉/yr); one row per age bin (log ages = bin left edges, as in fit).", Required = true };
        var model = new Option<string>("--model") { Description = "Metallicity model: powerlaw-mzr, linear-amr or log-amr.", DefaultValueFactory = _ => "powerlaw-mzr" };
        var parameters = new Option<string[]>("--param") { Description = "Metallicity parameter NAME=VALUE (repeatable): alpha, mh0 (powerlaw-mzr) or beta (AMRs), sigma." };
        var maxAge = new Option<double>("--t-max") { Description = "Age of the oldest bin edge, Gyr.", DefaultValueFactory = _ => AgeBins.DefaultMaxAgeGyr };
        var referenceMass = new Option<double>("--mzr-log-m0") { Description = "log10 M_0/M☉ of the power-law MZR.", DefaultValueFactory = _ => 6.0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the draw (the result is identical for a seed whatever the thread count).", DefaultValueFactory = _ => 1UL };
        var keep = new Option<bool>("--keep-undetected") { Description = "Also list undetected (alive) stars in stars.csv." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder.", Required = true };
        var command = new Command("simulate", "Draw a mock galaxy star by star (SFH + metallicity model + IMF + binaries + errors + completeness); write stars.csv, observed.csv, grid.csv and truth.csv.");
        population.AddTo(command);
        foreach (var option in new Option[] { sfh, model, parameters, maxAge, referenceMass, seed, keep, output }) command.Options.Add(option);
        command.SetAction(result => CliApp.Guard(error, () =>
        {
            var table = SfhCsvReader.Read(result.GetValue(sfh)!.FullName);
            var kind = ProblemOptions.ParseModel(result.GetValue(model)!);
            if (kind == MetallicityModelKind.Free) throw new UsageException("--model: simulate needs powerlaw-mzr, linear-amr or log-amr.");
            var isochrones = population.LoadIsochrones(result, table.LogAges);
            var options = new SfhModelOptions { Model = kind, MaxAgeGyr = result.GetValue(maxAge), MzrLog10ReferenceMass = result.GetValue(referenceMass) };
            var truth = Truth(table, isochrones, options, ProblemOptions.ParseAssignments("--param", result.GetValue(parameters)), result.GetValue(sfh)!.Name);
            var request = new Request(isochrones, population.BuildObservation(result, isochrones), options, truth, result.GetValue(seed), result.GetValue(keep));
            var inputs = population.InputFiles(result).Append(result.GetValue(sfh)!.FullName).ToList();
            Run(console, request, result.GetValue(output)!.FullName, inputs, string.Join(' ', new[] { "bayessfh" }.Concat(result.Tokens.Select(t => t.Value))));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>R.j per age bin (masses, or SFR × bin width) plus the metallicity parameters.</summary>
    internal static Dictionary<string, double> Truth(SfhTable table, IReadOnlyList<Isochrone> isochrones, SfhModelOptions options,
        IReadOnlyDictionary<string, double> parameters, string sfhName)
    {
        var ages = isochrones.Select(i => i.LogAge).Distinct().Order().ToArray();
        bool match = ages.Length == table.LogAges.Length && ages.Zip(table.LogAges).All(p => Math.Abs(p.First - p.Second) <= 0.005);
        if (!match)
            throw new UsageException($"--sfh: {sfhName} lists log ages {string.Join(", ", table.LogAges)} but the isochrones have {string.Join(", ", ages)}; give one SFH row per isochrone age.");
        var bins = AgeBins.FromLeftEdges(ages, options.MaxAgeGyr);
        var truth = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int j = 0; j < ages.Length; j++) truth[$"R.{j + 1}"] = table.IsRate ? table.Values[j] * bins.Widths[j] : table.Values[j];
        foreach (var (name, value) in parameters)
        {
            if (name.StartsWith("R.", StringComparison.Ordinal)) throw new UsageException($"--param: {name} comes from --sfh; give metallicity parameters only.");
            truth[name] = value;
        }
        return truth;
    }

    /// <summary>Draws the mock, streaming the star list to stars.csv, and writes its files; returns the totals.</summary>
    internal static MockTotals Run(IAnsiConsole console, Request request, string folder, IReadOnlyList<string> inputs, string commandLine)
    {
        var masses = MockGalaxyMasses.Compute(request.Isochrones, request.Model, request.Truth);
        var populations = request.Isochrones.Select((iso, i) => new MockSsp(iso, masses[i])).ToArray();
        var grid = request.Observation.Grid;
        Directory.CreateDirectory(folder);
        // Stars go to stars.csv as they are drawn: memory stays bounded whatever the number of stars.
        MockTotals? totals = null;
        StarListCsvWriter.Write(Path.Combine(folder, "stars.csv"), request.Observation,
            sink => totals = MockPopulation.Stream(populations, request.Observation, request.Seed, sink, request.KeepUndetected));
        var mock = totals!;
        ObservedCsvWriter.Write(Path.Combine(folder, "observed.csv"), new HessDiagram(mock.Counts.Select(c => (double)c).ToArray(), grid));
        GridCsvWriter.Write(Path.Combine(folder, "grid.csv"), grid);
        AtomicFile.Write(Path.Combine(folder, "truth.csv"), writer =>
        {
            writer.WriteLine("name,value");
            foreach (var (name, value) in request.Truth.OrderBy(p => p.Key.StartsWith("R.", StringComparison.Ordinal) ? 0 : 1).ThenBy(p => p.Key.StartsWith("R.", StringComparison.Ordinal) ? int.Parse(p.Key[2..], CultureInfo.InvariantCulture) : 0).ThenBy(p => p.Key, StringComparer.Ordinal))
                writer.WriteLine($"{name},{value.ToString("R", CultureInfo.InvariantCulture)}");
        });
        AtomicFile.Write(Path.Combine(folder, "simulate.json"), writer =>
        {
            writer.Write(RunManifest.Serialize(new
            {
                tool = "bayessfh",
                command_line = commandLine,
                seed = request.Seed,
                inputs = inputs.Select(p => new { path = p, sha256 = RunManifest.Sha256(p) }),
                isochrones = request.Isochrones.All(i => i.Source == AnalyticIsochroneGenerator.SourceName) ? "builtin (analytic; approximate)"
                    : "files (see inputs)",
                metallicity_model = request.Model.Model.ToString(),
                truth = request.Truth,
                total_mass_formed = masses.Sum(),
                systems_drawn = mock.Systems,
                systems_alive = mock.Alive,
                systems_detected = mock.Detected,
                stars_in_grid = mock.InGrid,
                populations = populations.Select(p => new { log_age = p.Isochrone.LogAge, mh = p.Isochrone.MH, mass_formed = p.MassFormed }),
            }));
            writer.Write('\n');
        });
        console.MarkupLine($"drew {mock.Systems:N0} systems from {masses.Sum():0.###e+0} M☉ formed in {populations.Length} populations (seed {request.Seed}): " +
            $"{mock.Alive:N0} alive, {mock.Detected:N0} detected, {mock.InGrid:N0} inside the {grid.ColourBins} × {grid.MagnitudeBins} diagram");
        console.MarkupLine($"wrote [blue]{Markup.Escape(folder)}[/]: stars.csv, observed.csv, grid.csv, truth.csv, simulate.json");
        return mock;
    }
}
