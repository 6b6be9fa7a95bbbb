using System.Globalization;
using System.Reflection;

namespace BayesSfh.IO;

/// <summary>
/// The run configuration written as the comment header of a CmdStan CSV file (CmdStan 2.35's argument tree, so that
/// cmdstanr, ArviZ and CmdStan's own tools read our files), and read back from any CmdStan CSV header.
/// </summary>
/// <remarks>
/// Defaults are CmdStan's. A line whose value equals CmdStan's default gets CmdStan's <c>(Default)</c> marker. The
/// header declares <c>stan_version 2.35.0</c> as the layout it follows and names the program that wrote it in two extra
/// lines, <c>generator</c> and <c>generator_version</c>. Values must not contain line breaks.
/// </remarks>
public sealed record StanCsvConfig
{
    /// <summary>Model name (<c>model</c>); CmdStan writes <c>NAME_model</c>.</summary>
    public string Model { get; init; } = "bayessfh_model";

    /// <summary>Start of the run (<c>start_datetime</c>, written in UTC to the second), or null to omit the line.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Post-warm-up iterations (<c>num_samples</c>). Range: ≥ 0.</summary>
    public int NumSamples { get; init; } = 1000;

    /// <summary>Warm-up iterations (<c>num_warmup</c>). Range: ≥ 0.</summary>
    public int NumWarmup { get; init; } = 1000;

    /// <summary>Whether warm-up draws are written (<c>save_warmup</c>).</summary>
    public bool SaveWarmup { get; init; }

    /// <summary>Thinning period (<c>thin</c>): one row per <c>thin</c> iterations. Range: ≥ 1.</summary>
    public int Thin { get; init; } = 1;

    /// <summary>Whether adaptation is on (<c>adapt engaged</c>).</summary>
    public bool AdaptEngaged { get; init; } = true;

    /// <summary>Dual-averaging regularisation γ (<c>adapt gamma</c>).</summary>
    public double AdaptGamma { get; init; } = 0.05;

    /// <summary>Target acceptance statistic δ (<c>adapt delta</c>).</summary>
    public double AdaptDelta { get; init; } = 0.8;

    /// <summary>Dual-averaging relaxation exponent κ (<c>adapt kappa</c>).</summary>
    public double AdaptKappa { get; init; } = 0.75;

    /// <summary>Dual-averaging iteration offset t₀ (<c>adapt t0</c>).</summary>
    public double AdaptT0 { get; init; } = 10;

    /// <summary>Initial fast adaptation interval (<c>adapt init_buffer</c>).</summary>
    public int AdaptInitBuffer { get; init; } = 75;

    /// <summary>Final fast adaptation interval (<c>adapt term_buffer</c>).</summary>
    public int AdaptTermBuffer { get; init; } = 50;

    /// <summary>First slow adaptation window (<c>adapt window</c>).</summary>
    public int AdaptWindow { get; init; } = 25;

    /// <summary>Maximum NUTS tree depth (<c>max_depth</c>). Range: ≥ 1.</summary>
    public int MaxDepth { get; init; } = 10;

    /// <summary>Metric (<c>metric = unit_e | diag_e | dense_e</c>).</summary>
    public StanCsvMetric Metric { get; init; } = StanCsvMetric.Diagonal;

    /// <summary>File of an initial inverse metric (<c>metric_file</c>), empty when none.</summary>
    public string MetricFile { get; init; } = "";

    /// <summary>Initial step size (<c>stepsize</c>).</summary>
    public double StepSize { get; init; } = 1;

    /// <summary>Step-size jitter (<c>stepsize_jitter</c>).</summary>
    public double StepSizeJitter { get; init; }

    /// <summary>Number of chains of the run (<c>num_chains</c>).</summary>
    public int NumChains { get; init; } = 1;

    /// <summary>Chain identifier (<c>id</c>), 1-based as in CmdStan.</summary>
    public int Id { get; init; } = 1;

    /// <summary>Data file (<c>data file</c>), empty when none.</summary>
    public string DataFile { get; init; } = "";

    /// <summary>Initialisation (<c>init</c>): a radius such as <c>2</c> or a file.</summary>
    public string Init { get; init; } = "2";

    /// <summary>Random seed of the run (<c>random seed</c>).</summary>
    public ulong Seed { get; init; }

    /// <summary>Output file (<c>output file</c>).</summary>
    public string OutputFile { get; init; } = "output.csv";

    /// <summary>Diagnostic file (<c>output diagnostic_file</c>), empty when none.</summary>
    public string DiagnosticFile { get; init; } = "";

    /// <summary>Progress refresh period (<c>output refresh</c>).</summary>
    public int Refresh { get; init; } = 100;

    /// <summary>Number of threads (<c>num_threads</c>).</summary>
    public int NumThreads { get; init; } = 1;

    /// <summary>The program that wrote the file (<c>generator</c>; not a CmdStan key).</summary>
    public string Generator { get; init; } = "bayessfh";

    /// <summary>Its version (<c>generator_version</c>; not a CmdStan key). Defaults to this library's informational version.</summary>
    public string GeneratorVersion { get; init; } = LibraryVersion;

    /// <summary>Significant digits of the values we write (<c>output sig_figs</c>): 17, enough to read every double back exactly.</summary>
    public const int SignificantFigures = 17;

    private static string LibraryVersion =>
        typeof(StanCsvConfig).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    /// <summary>The header lines, each starting with <c>#</c>, in CmdStan 2.35's order and indentation.</summary>
    /// <exception cref="ArgumentException">A value contains a line break, or a count is out of range.</exception>
    internal IReadOnlyList<string> HeaderLines()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(NumSamples);
        ArgumentOutOfRangeException.ThrowIfNegative(NumWarmup);
        ArgumentOutOfRangeException.ThrowIfLessThan(Thin, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDepth, 1);
        var lines = new List<string>
        {
            "stan_version_major = 2",
            "stan_version_minor = 35",
            "stan_version_patch = 0",
            Entry(0, "model", Model),
        };
        if (StartTime is { } start)
            lines.Add(Entry(0, "start_datetime", start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"));
        lines.AddRange(
        [
            Entry(0, "method", "sample", isDefault: true),
            Section(1, "sample"),
            Entry(2, "num_samples", NumSamples, 1000),
            Entry(2, "num_warmup", NumWarmup, 1000),
            Entry(2, "save_warmup", SaveWarmup, false),
            Entry(2, "thin", Thin, 1),
            Section(2, "adapt"),
            Entry(3, "engaged", AdaptEngaged, true),
            Entry(3, "gamma", AdaptGamma, 0.05),
            Entry(3, "delta", AdaptDelta, 0.8),
            Entry(3, "kappa", AdaptKappa, 0.75),
            Entry(3, "t0", AdaptT0, 10.0),
            Entry(3, "init_buffer", AdaptInitBuffer, 75),
            Entry(3, "term_buffer", AdaptTermBuffer, 50),
            Entry(3, "window", AdaptWindow, 25),
            Entry(3, "save_metric", false, false),
            Entry(2, "algorithm", "hmc", isDefault: true),
            Section(3, "hmc"),
            Entry(4, "engine", "nuts", isDefault: true),
            Section(5, "nuts"),
            Entry(6, "max_depth", MaxDepth, 10),
            Entry(4, "metric", MetricName(Metric), Metric == StanCsvMetric.Diagonal),
            Entry(4, "metric_file", MetricFile, MetricFile.Length == 0),
            Entry(4, "stepsize", StepSize, 1.0),
            Entry(4, "stepsize_jitter", StepSizeJitter, 0.0),
            Entry(2, "num_chains", NumChains, 1),
            Entry(0, "id", Id, 1),
            Section(0, "data"),
            Entry(1, "file", DataFile, DataFile.Length == 0),
            Entry(0, "init", Init, Init == "2"),
            Section(0, "random"),
            Entry(1, "seed", Seed.ToString(CultureInfo.InvariantCulture)),
            Section(0, "output"),
            Entry(1, "file", OutputFile, OutputFile == "output.csv"),
            Entry(1, "diagnostic_file", DiagnosticFile, DiagnosticFile.Length == 0),
            Entry(1, "refresh", Refresh, 100),
            Entry(1, "sig_figs", SignificantFigures, -1),
            Entry(1, "profile_file", "profile.csv", isDefault: true),
            Entry(1, "save_cmdstan_config", false, false),
            Entry(0, "num_threads", NumThreads, 1),
            Entry(0, "generator", Generator),
            Entry(0, "generator_version", GeneratorVersion),
        ]);
        return lines.Select(l => "# " + l).ToList();
    }

    /// <summary>
    /// Reads the configuration back from header entries of any CmdStan version: keys are looked up by their section
    /// path (<see cref="StanCsvConfigEntry.Path"/>) where ambiguous and by name otherwise; missing keys keep the
    /// defaults; booleans may be <c>true/false</c> or <c>1/0</c>; Stan 1.x's <c>data = FILE</c> and
    /// <c>output sample = FILE</c> are understood.
    /// </summary>
    /// <param name="entries">The entries of <see cref="StanCsvFile.Config"/>.</param>
    /// <param name="file">The file name, for error messages.</param>
    /// <exception cref="InputException">A known key has a value of the wrong type.</exception>
    public static StanCsvConfig FromEntries(IReadOnlyList<StanCsvConfigEntry> entries, string file)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var defaults = new StanCsvConfig { GeneratorVersion = "" };
        StanCsvConfigEntry? Find(string name) =>
            entries.FirstOrDefault(e => e.Path == name) ?? (name.Contains('.') ? null : entries.FirstOrDefault(e => e.Key == name));
        string Text(string name, string fallback) => Find(name)?.Value ?? fallback;
        int Int(string name, int fallback) => Parse(Find(name), fallback, s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), "an integer");
        double Real(string name, double fallback) => Parse(Find(name), fallback, s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture), "a number");
        bool Bool(string name, bool fallback) => Parse(Find(name), fallback, s => s switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new FormatException(),
        }, "true, false, 1 or 0");
        T Parse<T>(StanCsvConfigEntry? entry, T fallback, Func<string, T> parse, string expected)
        {
            if (entry is null) return fallback;
            try { return parse(entry.Value); }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new InputException(file, entry.Line, null, $"{entry.Key} = '{entry.Value}' is not {expected}");
            }
        }

        var metricEntry = Find("metric");
        StanCsvMetric metric = metricEntry?.Value switch
        {
            null or "diag_e" => StanCsvMetric.Diagonal,
            "dense_e" => StanCsvMetric.Dense,
            "unit_e" => StanCsvMetric.Unit,
            _ => throw new InputException(file, metricEntry.Line, null, $"metric = '{metricEntry.Value}' is not unit_e, diag_e or dense_e"),
        };
        DateTimeOffset? start = null;
        if (Find("start_datetime") is { } startEntry)
        {
            string text = startEntry.Value.EndsWith(" UTC", StringComparison.Ordinal) ? startEntry.Value[..^4] : startEntry.Value;
            if (!DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
                throw new InputException(file, startEntry.Line, null, $"start_datetime = '{startEntry.Value}' is not 'yyyy-MM-dd HH:mm:ss UTC'");
            start = new DateTimeOffset(utc, TimeSpan.Zero);
        }
        ulong seed = Parse(Find("random.seed") ?? Find("seed"), 0UL, s => ulong.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), "a non-negative integer");

        return new StanCsvConfig
        {
            Model = Text("model", defaults.Model),
            StartTime = start,
            NumSamples = Int("num_samples", defaults.NumSamples),
            NumWarmup = Int("num_warmup", defaults.NumWarmup),
            SaveWarmup = Bool("save_warmup", defaults.SaveWarmup),
            Thin = Int("thin", defaults.Thin),
            AdaptEngaged = Bool("engaged", defaults.AdaptEngaged),
            AdaptGamma = Real("gamma", defaults.AdaptGamma),
            AdaptDelta = Real("delta", defaults.AdaptDelta),
            AdaptKappa = Real("kappa", defaults.AdaptKappa),
            AdaptT0 = Real("t0", defaults.AdaptT0),
            AdaptInitBuffer = Int("init_buffer", defaults.AdaptInitBuffer),
            AdaptTermBuffer = Int("term_buffer", defaults.AdaptTermBuffer),
            AdaptWindow = Int("window", defaults.AdaptWindow),
            MaxDepth = Int("max_depth", defaults.MaxDepth),
            Metric = metric,
            MetricFile = Text("metric_file", defaults.MetricFile),
            StepSize = Real("stepsize", defaults.StepSize),
            StepSizeJitter = Real("stepsize_jitter", defaults.StepSizeJitter),
            NumChains = Int("num_chains", defaults.NumChains),
            Id = Int("id", defaults.Id),
            DataFile = Find("data.file")?.Value ?? Find("data")?.Value ?? defaults.DataFile,
            Init = Text("init", defaults.Init),
            Seed = seed,
            OutputFile = Find("output.file")?.Value ?? Find("output.sample")?.Value ?? defaults.OutputFile,
            DiagnosticFile = Find("output.diagnostic_file")?.Value ?? Find("output.diagnostic")?.Value ?? defaults.DiagnosticFile,
            Refresh = Int("refresh", defaults.Refresh),
            NumThreads = Int("num_threads", defaults.NumThreads),
            Generator = Text("generator", ""),
            GeneratorVersion = Text("generator_version", ""),
        };
    }

    /// <summary>CmdStan's name of a metric: <c>unit_e</c>, <c>diag_e</c> or <c>dense_e</c>.</summary>
    public static string MetricName(StanCsvMetric metric) => metric switch
    {
        StanCsvMetric.Unit => "unit_e",
        StanCsvMetric.Diagonal => "diag_e",
        StanCsvMetric.Dense => "dense_e",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    private static string Section(int depth, string name) => new string(' ', 2 * depth) + name;

    private static string Entry(int depth, string key, string value, bool isDefault = false)
    {
        if (value.Contains('\n') || value.Contains('\r')) throw new ArgumentException($"the value of {key} contains a line break");
        return $"{new string(' ', 2 * depth)}{key} = {value}{(isDefault ? " (Default)" : "")}";
    }

    private static string Entry(int depth, string key, int value, int cmdStanDefault) =>
        Entry(depth, key, value.ToString(CultureInfo.InvariantCulture), value == cmdStanDefault);

    private static string Entry(int depth, string key, double value, double cmdStanDefault) =>
        Entry(depth, key, StanCsvText.Format(value), value == cmdStanDefault);

    private static string Entry(int depth, string key, bool value, bool cmdStanDefault) =>
        Entry(depth, key, value ? "true" : "false", value == cmdStanDefault);
}
