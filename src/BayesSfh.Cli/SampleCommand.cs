using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using BayesSfh.Diagnostics;
using BayesSfh.IO;
using BayesSfh.Modelling;
using BayesSfh.Optimization;
using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Sampling.Nuts;
using BayesSfh.Sampling.Running;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary>
/// <c>bayessfh sample</c>: MAP, then NUTS (in star-share coordinates by default, see <see cref="SamplingSpace"/>) started
/// around the MAP with the Laplace covariance as the initial metric;
/// chains as CmdStan CSVs <c>OUT/chain-C.csv</c> beside <c>OUT/manifest.json</c>, then the diagnostics table. Exit code 3
/// when a diagnostic warns.
/// </summary>
internal static class SampleCommand
{
    /// <summary>Half-width of the start jitter θ_MAP + L u, u ~ U(−1, 1)ᵈ, with Σ_Laplace = LLᵀ (per-coordinate SDs if Σ has no Cholesky factor).</summary>
    public const double JitterInStandardDeviations = 1.0;

    /// <summary>The sampling options of the command line.</summary>
    internal sealed record Settings(int Chains, int Warmup, int Draws, ulong Seed, bool SeedGiven, MetricKind Metric, int MaxDepth, double Delta,
        int? Threads, bool SaveWarmup, string OutputFolder, SamplingCoordinates Coordinates = SamplingCoordinates.StarShare, double TemplateScale = 1.0);

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var problem = new ProblemOptions();
        var chains = new Option<int>("--chains") { Description = "Number of chains.", DefaultValueFactory = _ => 4 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up iterations per chain.", DefaultValueFactory = _ => 1000 };
        var draws = new Option<int>("--draws") { Description = "Post-warm-up draws per chain.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong?>("--seed") { Description = "Run seed (chain c uses stream c). When omitted one is drawn from system entropy, printed and recorded." };
        var metric = new Option<string>("--metric") { Description = "Metric adapted in warm-up: diag or dense; both start from the Laplace covariance of the MAP.", DefaultValueFactory = _ => "diag" };
        var maxDepth = new Option<int>("--max-depth") { Description = "Maximum NUTS tree depth.", DefaultValueFactory = _ => 10 };
        var delta = new Option<double>("--delta") { Description = "Target acceptance statistic of step-size adaptation.", DefaultValueFactory = _ => 0.8 };
        var threads = new Option<int?>("--threads") { Description = "Chains run at once (default: the processor count). Does not change the draws." };
        var saveWarmup = new Option<bool>("--save-warmup") { Description = "Also write the warm-up draws to the chain files." };
        var coordinates = new Option<string>("--coordinates")
        {
            Description = "Coordinates NUTS moves in: star-share (ln of the expected star count and log mass ratios; volume-preserving, " +
                "≈ 2.5× more effective draws per gradient) or theta (ln R_j). Outputs are natural parameters either way.",
            DefaultValueFactory = _ => "star-share",
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (e.g. chains/NAME) for chain-1.csv … and manifest.json.", Required = true };
        var command = new Command("sample", "MAP fit, then NUTS chains around it; write CmdStan CSVs and a run manifest, print diagnostics.");
        problem.AddTo(command);
        foreach (var option in new Option[] { chains, warmup, draws, seed, metric, coordinates, maxDepth, delta, threads, saveWarmup, output }) command.Options.Add(option);
        command.SetAction(result => CliApp.Guard(error, () =>
        {
            ulong? givenSeed = result.GetValue(seed);
            var settings = new Settings(result.GetValue(chains), result.GetValue(warmup), result.GetValue(draws), givenSeed ?? DrawSeed(), givenSeed is not null,
                ParseMetric(result.GetValue(metric)!), result.GetValue(maxDepth), result.GetValue(delta), result.GetValue(threads),
                result.GetValue(saveWarmup), result.GetValue(output)!.FullName, ParseCoordinates(result.GetValue(coordinates)!),
                result.GetValue(problem.TemplateScale));
            string commandLine = string.Join(' ', new[] { "bayessfh" }.Concat(result.Tokens.Select(t => Quote(t.Value))));
            return Run(console, problem.Build(result), settings, problem.InputFiles(result).ToList(), commandLine);
        }));
        return command;
    }

    private static int Run(IAnsiConsole console, SfhModel model, Settings settings, IReadOnlyList<(string Role, string Path)> inputs, string commandLine) =>
        Execute(console, model, settings, inputs, commandLine).ExitCode;

    /// <summary>
    /// The whole run: MAP, chains with CSV sinks and progress bars, diagnostics table, manifest. Returns the exit code
    /// (3 when a diagnostic warns) and the posterior.
    /// </summary>
    internal static (int ExitCode, SfhPosterior Posterior, FitResult Map) Execute(IAnsiConsole console, SfhModel model, Settings settings,
        IReadOnlyList<(string Role, string Path)> inputs, string commandLine, IReadOnlyDictionary<string, double>? truth = null)
    {
        var startTime = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var samplingOptions = ToSamplingOptions(settings).Validate();
        console.MarkupLine(settings.SeedGiven ? $"seed [bold]{settings.Seed}[/]" : $"seed [bold]{settings.Seed}[/] (drawn from system entropy; pass --seed {settings.Seed} to repeat this run)");

        var fitClock = Stopwatch.StartNew();
        var map = SfhFitter.Fit(model, new FitOptions { Objective = Objective.Posterior });
        double mapSeconds = fitClock.Elapsed.TotalSeconds;
        FitReport.Render(console, model, map, truth);
        if (map.ThetaCovariance is null) console.MarkupLine("[yellow]warning:[/] no Laplace covariance at the MAP; warm-up starts from the unit metric.");

        var names = model.OutputNames;
        var paths = Enumerable.Range(1, settings.Chains).Select(c => Path.Combine(settings.OutputFolder, $"chain-{c}.csv")).ToArray();
        var config = new StanCsvConfig
        {
            Model = "bayessfh_" + ModelName(model.Options.Model), StartTime = startTime, NumSamples = settings.Draws, NumWarmup = settings.Warmup,
            SaveWarmup = settings.SaveWarmup, AdaptDelta = settings.Delta, MaxDepth = settings.MaxDepth, Metric = StanCsvDrawSink.ToStanMetric(settings.Metric),
            NumChains = settings.Chains, Seed = settings.Seed, Init = "map", DataFile = inputs.FirstOrDefault(i => i.Role == "observed").Path ?? "",
            NumThreads = samplingOptions.ToSamplerOptions(null, new InitializationOptions()).EffectiveDegreeOfParallelism, Refresh = 10,
        };
        var sinks = new StanCsvDrawSink?[settings.Chains];
        SfhPosterior posterior;
        var samplingClock = Stopwatch.StartNew();
        try
        {
            posterior = console.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context => SfhSampler.Sample(model, samplingOptions, map,
                    (c, space) => sinks[c] = new StanCsvDrawSink(paths[c], config with { Id = c + 1, OutputFile = paths[c] }, names, space.ToOutput),
                    new ChainProgressBars(context, settings),
                    space =>
                    {
                        if (space.Coordinates != settings.Coordinates)
                            console.MarkupLine("[yellow]note:[/] star-share coordinates need every R.j free; sampling in theta instead.");
                    }));
        }
        finally
        {
            foreach (var sink in sinks) sink?.Dispose();
        }
        double samplingSeconds = samplingClock.Elapsed.TotalSeconds;
        var run = posterior.Run;
        var report = posterior.Diagnostics;
        DiagnosticsRenderer.Render(console, report, settings.Chains);
        double minBulkEss = posterior.MinBulkEss;
        long gradients = run.GradientEvaluations;
        double wallSeconds = total.Elapsed.TotalSeconds;

        var efficiency = new RunEfficiency(wallSeconds, mapSeconds, samplingSeconds, map.Evaluations, gradients, minBulkEss);
        string manifest = Path.Combine(settings.OutputFolder, "manifest.json");
        AtomicFile.Write(manifest, writer => RunManifest.Write(writer, new RunManifest.Content(commandLine, settings with { Coordinates = posterior.Coordinates },
            startTime, inputs, model, map, run, paths, efficiency)));
        foreach (var path in paths.Append(manifest)) console.MarkupLine($"wrote [blue]{Markup.Escape(path)}[/]");
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"wall time {wallSeconds:F1} s (MAP {mapSeconds:F1} s, NUTS {samplingSeconds:F1} s); {gradients:N0} gradients; min bulk ESS {minBulkEss:F0}; " +
            $"{efficiency.MinBulkEssPerSecond:F1} min-bulk-ESS/s; {efficiency.MinBulkEssPer1000Gradients:F2} per 1000 gradients; {run.SamplingDivergences} divergences"));
        return (report.Warnings.IsEmpty ? ExitCodes.Success : ExitCodes.CheckFailed, posterior, map);
    }

    /// <summary>The library's sampling options for the command-line settings.</summary>
    internal static SfhSamplingOptions ToSamplingOptions(Settings settings) => new()
    {
        Chains = settings.Chains,
        Warmup = settings.Warmup,
        Draws = settings.Draws,
        Seed = settings.Seed,
        Metric = settings.Metric,
        Coordinates = settings.Coordinates,
        MaxTreeDepth = settings.MaxDepth,
        TargetAcceptance = settings.Delta,
        Threads = settings.Threads,
        Jitter = JitterInStandardDeviations,
    };

    private static SamplingCoordinates ParseCoordinates(string text) => text.ToLowerInvariant() switch
    {
        "star-share" or "starshare" or "phi" => SamplingCoordinates.StarShare,
        "theta" => SamplingCoordinates.Theta,
        _ => throw new UsageException($"--coordinates: use star-share or theta, not '{text}'."),
    };

    private static MetricKind ParseMetric(string text) => text.ToLowerInvariant() switch
    {
        "diag" or "diag_e" or "diagonal" => MetricKind.Diagonal,
        "dense" or "dense_e" => MetricKind.Dense,
        _ => throw new UsageException($"--metric: use diag or dense, not '{text}'."),
    };

    private static string ModelName(MetallicityModelKind kind) => kind switch
    {
        MetallicityModelKind.PowerLawMzr => "powerlaw_mzr",
        MetallicityModelKind.LinearAmr => "linear_amr",
        MetallicityModelKind.LogarithmicAmr => "log_amr",
        _ => "free",
    };

    /// <summary>A seed from system entropy (the only nondeterministic input of a run; printed and recorded).</summary>
    private static ulong DrawSeed()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes) >> 1;
    }

    private static string Quote(string token) =>
        token.Length > 0 && !token.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? token : "'" + token.Replace("'", "'\\''") + "'";

    /// <summary>One progress bar per chain over warm-up and sampling, with the live divergence count; updated from worker threads.</summary>
    private sealed class ChainProgressBars : IProgress<ChainProgress>
    {
        private readonly ProgressTask[] _tasks;
        private readonly int _warmup;

        public ChainProgressBars(ProgressContext context, Settings settings)
        {
            _warmup = settings.Warmup;
            _tasks = [.. Enumerable.Range(1, settings.Chains).Select(c => context.AddTask($"chain {c} warm-up", maxValue: Math.Max(1, settings.Warmup + settings.Draws)))];
        }

        public void Report(ChainProgress value)
        {
            var task = _tasks[value.ChainId];
            bool warmup = value.Phase == SamplingPhase.Warmup;
            // While sampling, the (final) warm-up count stays visible beside the sampling count, which alone is diagnostic.
            string counts = warmup
                ? (value.WarmupDivergences == 0 ? "" : $"[yellow]{value.WarmupDivergences} divergent[/]")
                : (value.SamplingDivergences == 0 ? "" : $"[yellow]{value.SamplingDivergences} divergent[/] ")
                    + (value.WarmupDivergences == 0 ? "" : $"[grey](warm-up: {value.WarmupDivergences} divergent, not counted)[/]");
            task.Description = $"chain {value.ChainId + 1} {(warmup ? "warm-up " : "sampling")} {counts}";
            task.Value = warmup ? value.Iteration : _warmup + value.Iteration;
        }
    }
}

/// <summary>Cost and efficiency of a <c>sample</c> run.</summary>
/// <param name="WallSeconds">Wall time of the whole command (MAP, NUTS, output).</param>
/// <param name="MapSeconds">Wall time of the MAP fit.</param>
/// <param name="SamplingSeconds">Wall time of NUTS (all chains, warm-up and sampling).</param>
/// <param name="MapEvaluations">Log-density evaluations of the MAP fit.</param>
/// <param name="Gradients">Gradient evaluations of NUTS over all chains and both phases.</param>
/// <param name="MinBulkEss">Smallest bulk ESS over the free parameters.</param>
internal sealed record RunEfficiency(double WallSeconds, double MapSeconds, double SamplingSeconds, long MapEvaluations, long Gradients, double MinBulkEss)
{
    /// <summary>Min bulk ESS per second of the whole command.</summary>
    public double MinBulkEssPerSecond => MinBulkEss / WallSeconds;

    /// <summary>Min bulk ESS per 1000 NUTS gradient evaluations.</summary>
    public double MinBulkEssPer1000Gradients => 1000 * MinBulkEss / Gradients;
}
