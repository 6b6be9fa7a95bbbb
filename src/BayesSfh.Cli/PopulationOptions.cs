using System.CommandLine;
using System.Globalization;
using BayesSfh.Hess;
using BayesSfh.Imf;
using BayesSfh.IO;
using BayesSfh.Isochrones;
using BayesSfh.Isochrones.Analytic;
using BayesSfh.Observation;
using BayesSfh.Population;

namespace BayesSfh.Cli;

/// <summary>
/// The isochrone, observation and binning options shared by <c>templates</c> and <c>simulate</c>: which isochrones, which
/// filters, the IMF, distance and extinction, errors, completeness, binaries and the Hess grid.
/// </summary>
internal sealed class PopulationOptions
{
    public const string Builtin = "builtin";

    public Option<string[]> Isochrones { get; } = new("--isochrones") { Description = "Isochrone files or folders (MIST .iso.cmd, PARSEC CMD 3.x, BaSTI-IAC), or 'builtin' for the analytic isochrones (filters U B V R I).", Required = true, AllowMultipleArgumentsPerToken = true };
    public Option<string> Format { get; } = new("--format") { Description = "Isochrone file layout: auto, mist, parsec or basti.", DefaultValueFactory = _ => "auto" };
    public Option<string> Blue { get; } = new("--blue") { Description = "Blue filter of the colour, as named in the isochrone file (PARSEC Bmag, MIST Bessell_B, BaSTI G_BP; builtin B).", Required = true };
    public Option<string> Red { get; } = new("--red") { Description = "Red filter of the colour (colour = blue − red).", Required = true };
    public Option<string?> Mag { get; } = new("--mag") { Description = "Filter of the magnitude axis (default: the red filter)." };
    public Option<string> Imf { get; } = new("--imf") { Description = "Initial mass function: kroupa, chabrier, chabrier-system or salpeter.", DefaultValueFactory = _ => "kroupa" };
    public Option<double> DistanceModulus { get; } = new("--distance-modulus") { Description = "Distance modulus (m − M)_0, mag.", Required = true };
    public Option<double> Av { get; } = new("--av") { Description = "V-band extinction A_V (mag); other Johnson–Cousins/2MASS bands scale by Cardelli et al. (1989, R_V = 3.1). Use --extinction for other filters.", DefaultValueFactory = _ => 0.0 };
    public Option<string[]> Extinction { get; } = new("--extinction") { Description = "Extinction of one filter, FILTER=A (mag; repeatable); overrides --av for that filter." };
    public Option<string[]> PhotometricError { get; } = new("--photometric-error") { Description = "Error law σ(m): constant:SIGMA or exponential:A,B,C,D (σ = A^(B(m−C)) + D, as StarFormationHistories.jl) for every filter, or FILTER=LAW for one filter (repeatable; FILTER=LAW overrides the common law). Default constant:0.02.", AllowMultipleArgumentsPerToken = false };
    public Option<FileInfo?> Errors { get; } = new("--errors") { Description = "Artificial-star tests: a CSV with F_in,F_out per filter (empty, nan or ≥ 90 = lost), or a MATCH .matchfake file (its two filters taken as --blue and --red). Gives per-filter bias and σ and the joint completeness against the magnitude filter; overrides --photometric-error for the filters it holds." };
    public Option<double> AstBinWidth { get; } = new("--ast-bin-width") { Description = "Magnitude bin width for the artificial-star tables.", DefaultValueFactory = _ => 0.25 };
    public Option<string[]> Completeness { get; } = new("--completeness") { Description = "Completeness: perfect, or logistic:MAX,M50,WIDTH (η = MAX / (1 + exp((m − M50)/WIDTH))) for the magnitude filter, or FILTER=SPEC for any filter used (repeatable; detection probabilities of different filters multiply). Default for the magnitude filter: from --errors if given, else perfect; other filters perfect." };
    public Option<double> BinaryFraction { get; } = new("--binary-fraction") { Description = "Fraction of systems that are unresolved binaries (flat mass ratio).", DefaultValueFactory = _ => 0.0 };
    public Option<double> BinaryMinimumRatio { get; } = new("--binary-min-q") { Description = "Lowest mass ratio q of the binaries.", DefaultValueFactory = _ => 0.1 };
    public Option<string> ColourBins { get; } = new("--colour-bins") { Description = "Colour axis LO:HI:N (N bins).", Required = true };
    public Option<string> MagBins { get; } = new("--mag-bins") { Description = "Magnitude axis LO:HI:N (N bins; bright to faint).", Required = true };
    public Option<string?> LogAges { get; } = new("--log-ages") { Description = "log10(age/yr): a comma list or LO:HI:STEP for builtin; for files a list (each value picks the nearest isochrone within 0.05) or LO:HI (a range) selects isochrones. Builtin default 8.0:10.1:0.1." };
    public Option<string?> MH { get; } = new("--mh") { Description = "[M/H]: a comma list or LO:HI:STEP for builtin; for files a list (nearest within 0.05) or LO:HI selects. Builtin default -2.0:0.0:0.2." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Isochrones, Format, Blue, Red, Mag, Imf, DistanceModulus, Av, Extinction, PhotometricError, Errors, AstBinWidth, Completeness, BinaryFraction, BinaryMinimumRatio, ColourBins, MagBins, LogAges, MH })
            command.Options.Add(option);
    }

    /// <summary>Input files for the manifest (empty for builtin).</summary>
    public IEnumerable<string> InputFiles(ParseResult result)
    {
        var paths = result.GetValue(Isochrones) ?? [];
        if (!(paths.Length == 1 && paths[0] == Builtin))
            foreach (string file in IsochroneLoader.ListFiles(paths)) yield return Path.GetFullPath(file);
        if (result.GetValue(Errors) is { } ast) yield return ast.FullName;
    }

    /// <summary>The isochrones selected by --isochrones, --log-ages and --mh, sorted by age then [M/H].</summary>
    /// <param name="result">Parsed command line.</param>
    /// <param name="builtinLogAges">Log ages for builtin isochrones when --log-ages is absent (null: the default grid).</param>
    public IReadOnlyList<Isochrone> LoadIsochrones(ParseResult result, IReadOnlyList<double>? builtinLogAges = null)
    {
        var paths = result.GetValue(Isochrones) ?? [];
        string? ages = result.GetValue(LogAges), metallicities = result.GetValue(MH);
        IEnumerable<Isochrone> selected;
        if (paths.Length == 1 && string.Equals(paths[0], Builtin, StringComparison.OrdinalIgnoreCase))
        {
            var generator = new AnalyticIsochroneGenerator();
            var logAges = ages is null && builtinLogAges is not null ? [.. builtinLogAges] : ParseGrid("--log-ages", ages ?? "8.0:10.1:0.1");
            var mh = ParseGrid("--mh", metallicities ?? "-2.0:0.0:0.2");
            selected = logAges.SelectMany(a => mh.Select(z => (a, z))).AsParallel().AsOrdered().Select(p => generator.Generate(p.a, p.z)).ToList();
        }
        else
        {
            if (paths.Any(p => string.Equals(p, Builtin, StringComparison.OrdinalIgnoreCase)))
                throw new UsageException("--isochrones: 'builtin' cannot be combined with files.");
            var all = IsochroneLoader.Load(paths, new IsochroneReadOptions { Format = ParseFormat(result.GetValue(Format)!) });
            var ageFilter = Selector("--log-ages", ages, all.Select(i => i.LogAge));
            var mhFilter = Selector("--mh", metallicities, all.Select(i => i.MH));
            selected = all.Where(i => ageFilter(i.LogAge) && mhFilter(i.MH)).ToList();
            if (!selected.Any())
                throw new UsageException($"no isochrone matches --log-ages {ages ?? "(all)"} and --mh {metallicities ?? "(all)"}; the files hold log ages {Range(all.Select(i => i.LogAge))} and [M/H] {Range(all.Select(i => i.MH))}.");
        }
        return [.. selected.OrderBy(i => i.LogAge).ThenBy(i => i.MH)];
    }

    /// <summary>Builds the observation model, checking that every isochrone has the filters.</summary>
    public SspTemplateOptions BuildObservation(ParseResult result, IReadOnlyList<Isochrone> isochrones)
    {
        string blue = result.GetValue(Blue)!, red = result.GetValue(Red)!, mag = result.GetValue(Mag) ?? red;
        foreach (string filter in new[] { blue, red, mag }.Distinct())
        {
            var lacking = isochrones.FirstOrDefault(i => !i.HasFilter(filter));
            if (lacking is not null)
                throw new UsageException($"filter '{filter}' is not in isochrone {lacking.Source} (log age {lacking.LogAge}, [M/H] {lacking.MH}); it has {string.Join(", ", lacking.Filters)}.");
        }
        string[] used = [.. new[] { blue, red, mag }.Distinct()];
        var extinction = Extinctions(result, [blue, red, mag]);
        var (commonLaw, filterLaws) = PerFilter("--photometric-error", result.GetValue(PhotometricError), used, ParseErrorLaw);
        var law = commonLaw ?? new ConstantPhotometricError(0.02);
        ArtificialStarTests? ast = result.GetValue(Errors) is not { } file ? null
            : file.Extension.Equals(".matchfake", StringComparison.OrdinalIgnoreCase) ? ArtificialStarReader.ReadMatchFake(file.FullName, blue, red)
            : ArtificialStarReader.Read(file.FullName);
        var binning = new ArtificialStarBinning(result.GetValue(AstBinWidth));
        IPhotometricError ErrorOf(string filter) => filterLaws.TryGetValue(filter, out var own) ? own
            : ast is not null && ast.HasFilter(filter) ? ast.Error(filter, binning) : law;
        var (commonCompleteness, filterCompleteness) = PerFilter("--completeness", result.GetValue(Completeness), used, ParseCompleteness);
        if (commonCompleteness is not null && filterCompleteness.ContainsKey(mag))
            throw new UsageException($"--completeness: both a bare value and {mag}=… give the magnitude filter's completeness; keep one.");
        ICompleteness? magCompleteness = commonCompleteness ?? (filterCompleteness.TryGetValue(mag, out var ownMag) ? ownMag : null)
            ?? (ast is not null ? (ast.HasFilter(mag) ? ast.Completeness(mag, binning) : throw new UsageException($"--errors: {ast.Source} has no columns for the magnitude filter {mag} ({mag}_in, {mag}_out), needed for the completeness; give --completeness."))
            : null);
        var bands = new Dictionary<string, PhotometricBand>();
        foreach (string filter in new[] { blue, red, mag }.Distinct())
            bands[filter] = new PhotometricBand(filter, extinction[filter], ErrorOf(filter),
                filter == mag ? magCompleteness : filterCompleteness.TryGetValue(filter, out var own) ? own : null);
        double fraction = result.GetValue(BinaryFraction);
        var binaries = fraction > 0 ? new BinaryOptions(fraction, result.GetValue(BinaryMinimumRatio)) : null;
        if (fraction < 0) throw new UsageException($"--binary-fraction must lie in [0, 1] (got {fraction}).");
        var imf = InitialMassFunctions.Create(result.GetValue(Imf)!);
        var grid = ParseGridAxes(result);
        return new SspTemplateOptions(bands[blue], bands[red], bands[mag], result.GetValue(DistanceModulus), imf, grid, binaries: binaries);
    }

    private HessGrid ParseGridAxes(ParseResult result)
    {
        var (cLo, cHi, cN) = ParseAxis("--colour-bins", result.GetValue(ColourBins)!);
        var (mLo, mHi, mN) = ParseAxis("--mag-bins", result.GetValue(MagBins)!);
        return HessGrid.Uniform(cLo, cHi, cN, mLo, mHi, mN);
    }

    private Dictionary<string, double> Extinctions(ParseResult result, string[] filters)
    {
        double av = result.GetValue(Av);
        if (!(av >= 0) || !double.IsFinite(av)) throw new UsageException($"--av must be finite and ≥ 0 (got {av}).");
        var given = ProblemOptions.ParseAssignments("--extinction", result.GetValue(Extinction));
        var extinction = new Dictionary<string, double>();
        foreach (string filter in filters.Distinct())
        {
            if (given.TryGetValue(filter, out double a)) extinction[filter] = a;
            else if (av == 0) extinction[filter] = 0;
            else if (ExtinctionRatios.TryGet(filter, out double ratio)) extinction[filter] = av * ratio;
            else throw new UsageException($"--av: no built-in A/A_V ratio for filter '{filter}' (known: Johnson–Cousins U B V R I and J H K); give --extinction {filter}=A.");
        }
        foreach (string name in given.Keys)
            if (!filters.Contains(name)) throw new UsageException($"--extinction: filter '{name}' is not one of the filters used ({string.Join(", ", filters.Distinct())}).");
        return extinction;
    }

    /// <summary>
    /// Splits repeated option values into at most one bare SPEC and FILTER=SPEC entries for filters in
    /// <paramref name="used"/> (a filter given twice, or a filter not used, is an error naming the option).
    /// </summary>
    private static (T? Common, Dictionary<string, T> PerFilter) PerFilter<T>(string option, string[]? values, string[] used, Func<string, T> parse)
        where T : class
    {
        T? common = null;
        var perFilter = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (string value in values ?? [])
        {
            int equals = value.IndexOf('=');
            if (equals < 0)
            {
                if (common is not null) throw new UsageException($"{option}: more than one value without FILTER= ('{value}').");
                common = parse(value);
                continue;
            }
            string filter = value[..equals].Trim();
            if (!used.Contains(filter)) throw new UsageException($"{option}: filter '{filter}' is not one of the filters used ({string.Join(", ", used)}).");
            if (perFilter.ContainsKey(filter)) throw new UsageException($"{option}: filter '{filter}' is given twice.");
            perFilter[filter] = parse(value[(equals + 1)..]);
        }
        return (common, perFilter);
    }

    internal static IPhotometricError ParseErrorLaw(string text)
    {
        var (kind, values) = SplitSpec("--photometric-error", text);
        return kind switch
        {
            "constant" when values.Length == 1 => new ConstantPhotometricError(values[0]),
            "exponential" when values.Length == 4 => new ExponentialPhotometricError(values[0], values[1], values[2], values[3]),
            _ => throw new UsageException($"--photometric-error: '{text}' is not constant:SIGMA or exponential:A,B,C,D."),
        };
    }

    internal static ICompleteness ParseCompleteness(string text)
    {
        if (string.Equals(text.Trim(), "perfect", StringComparison.OrdinalIgnoreCase)) return PerfectCompleteness.Instance;
        var (kind, values) = SplitSpec("--completeness", text);
        return kind == "logistic" && values.Length == 3 ? new LogisticCompleteness(values[0], values[1], values[2])
            : throw new UsageException($"--completeness: '{text}' is not perfect or logistic:MAX,M50,WIDTH.");
    }

    private static (string Kind, double[] Values) SplitSpec(string option, string text)
    {
        int colon = text.IndexOf(':');
        if (colon < 0) throw new UsageException($"{option}: '{text}' needs KIND:VALUES.");
        string kind = text[..colon].Trim().ToLowerInvariant();
        var values = text[(colon + 1)..].Split(',').Select(v => ParseNumber(option, v)).ToArray();
        return (kind, values);
    }

    internal static (double Low, double High, int Bins) ParseAxis(string option, string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 1)
            throw new UsageException($"{option}: '{text}' is not LO:HI:N with N a positive whole number of bins.");
        double lo = ParseNumber(option, parts[0]), hi = ParseNumber(option, parts[1]);
        if (!(hi > lo)) throw new UsageException($"{option}: HI must exceed LO (got {text}).");
        return (lo, hi, n);
    }

    /// <summary>A comma list, or LO:HI:STEP (inclusive of HI within half a step).</summary>
    internal static double[] ParseGrid(string option, string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 1) return [.. text.Split(',').Select(v => ParseNumber(option, v))];
        if (parts.Length != 3) throw new UsageException($"{option}: '{text}' is not a comma list or LO:HI:STEP.");
        double lo = ParseNumber(option, parts[0]), hi = ParseNumber(option, parts[1]), step = ParseNumber(option, parts[2]);
        if (!(step > 0) || !(hi >= lo)) throw new UsageException($"{option}: '{text}' needs HI ≥ LO and STEP > 0.");
        int n = (int)Math.Floor((hi - lo) / step + 0.5) + 1;
        if (n > 1000) throw new UsageException($"{option}: '{text}' gives {n} values; at most 1000.");
        return [.. Enumerable.Range(0, n).Select(k => Math.Round(lo + k * step, 10))];
    }

    /// <summary>
    /// Null text keeps everything; LO:HI keeps a closed range; a list keeps, for each value, the nearest available one
    /// (within <see cref="ListTolerance"/>, so -1.5 picks PARSEC's -1.49213).
    /// </summary>
    private static Func<double, bool> Selector(string option, string? text, IEnumerable<double> available)
    {
        if (text is null) return _ => true;
        var parts = text.Split(':');
        if (parts.Length == 2)
        {
            double lo = ParseNumber(option, parts[0]), hi = ParseNumber(option, parts[1]);
            return x => x >= lo - 1e-9 && x <= hi + 1e-9;
        }
        if (parts.Length != 1) throw new UsageException($"{option}: with isochrone files give a comma list or LO:HI (got '{text}').");
        var distinct = available.Distinct().Order().ToArray();
        var chosen = new HashSet<double>();
        foreach (double v in text.Split(',').Select(v => ParseNumber(option, v)))
        {
            double nearest = distinct.MinBy(a => Math.Abs(a - v));
            if (Math.Abs(nearest - v) > ListTolerance)
                throw new UsageException($"{option}: no isochrone within {ListTolerance} of {v.ToString(CultureInfo.InvariantCulture)}; the files hold {Range(distinct)}.");
            chosen.Add(nearest);
        }
        return chosen.Contains;
    }

    /// <summary>How far a listed log age or [M/H] may be from the isochrone it selects.</summary>
    public const double ListTolerance = 0.05;

    private static double ParseNumber(string option, string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value : throw new UsageException($"{option}: '{text.Trim()}' is not a finite number.");

    private static IsochroneFormat ParseFormat(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => IsochroneFormat.Auto,
        "mist" => IsochroneFormat.Mist,
        "parsec" => IsochroneFormat.Parsec,
        "basti" => IsochroneFormat.Basti,
        _ => throw new UsageException($"--format: unknown layout '{text}'; use auto, mist, parsec or basti."),
    };

    private static string Range(IEnumerable<double> values)
    {
        var list = values.Distinct().Order().ToList();
        return list.Count == 0 ? "(none)" : list.Count <= 8 ? string.Join(", ", list.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)))
            : $"{list[0].ToString("0.###", CultureInfo.InvariantCulture)} to {list[^1].ToString("0.###", CultureInfo.InvariantCulture)} ({list.Count} values)";
    }
}
