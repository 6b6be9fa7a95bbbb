using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using BayesSfh.IO;
using BayesSfh.Modelling;

namespace BayesSfh.Cli;

/// <summary>The input and model options shared by <c>fit</c>, <c>sample</c> and <c>check-gradient</c>.</summary>
internal sealed partial class ProblemOptions
{
    public Option<FileInfo> Templates { get; } = new("--templates") { Description = "Template CSV: log_age,mh,bin,value (or log_age,mh,x_bin,y_bin,value with --grid).", Required = true };
    public Option<FileInfo> Observed { get; } = new("--observed") { Description = "Observed Hess diagram CSV: bin,count with every bin listed (or x_bin,y_bin,count with --grid).", Required = true };
    public Option<FileInfo?> Grid { get; } = new("--grid") { Description = "Optional grid sidecar CSV: axis,edge (axis = colour or magnitude)." };
    public Option<FileInfo?> Background { get; } = new("--background") { Description = "Optional background templates CSV: name,bin,value; each gets a free amplitude bg.NAME." };
    public Option<FileInfo?> Luminosity { get; } = new("--luminosity") { Description = "Optional luminosity sidecar CSV: log_age,mh,luminosity (L☉ per M☉ formed)." };
    public Option<double> TemplateScale { get; } = new("--template-scale") { Description = "Templates are expected stars per N M☉ formed; values are divided by N.", DefaultValueFactory = _ => 1.0 };
    public Option<string> Model { get; } = new("--model") { Description = "Metallicity model: powerlaw-mzr, linear-amr, log-amr or free.", DefaultValueFactory = _ => "powerlaw-mzr" };
    public Option<string[]> Fix { get; } = new("--fix") { Description = "Hold a parameter fixed: NAME=VALUE (natural units; repeatable).", AllowMultipleArgumentsPerToken = false };
    public Option<string[]> Init { get; } = new("--init") { Description = "Starting value of a parameter: NAME=VALUE (repeatable)." };
    public Option<string[]> Prior { get; } = new("--prior") { Description = "Extra prior (repeatable): NAME=normal(MEAN,SD) for any free parameter (e.g. alpha, mh0, sigma, R.3), or continuity or continuity(NU,SCALE) for the SFH (default ν = 2, scale 0.3 dex)." };
    public Option<double> MaxAge { get; } = new("--t-max") { Description = "Age of the oldest bin edge, Gyr.", DefaultValueFactory = _ => 13.7 };
    public Option<string?> LogAgeEdges { get; } = new("--log-age-edges") { Description = "Explicit log10(age/yr) bin edges, comma-separated (J+1 values); overrides --t-max." };
    public Option<double> MzrReferenceMass { get; } = new("--mzr-log-m0") { Description = "log10 M_0/M☉ of the power-law MZR.", DefaultValueFactory = _ => 6.0 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Templates, Observed, Grid, Background, Luminosity, TemplateScale, Model, Fix, Init, Prior, MaxAge, LogAgeEdges, MzrReferenceMass })
            command.Options.Add(option);
    }

    /// <summary>The input files given (role = option name without dashes, full path), for run manifests.</summary>
    public IEnumerable<(string Role, string Path)> InputFiles(ParseResult result)
    {
        var files = new (Option Option, FileInfo? File)[]
        {
            (Templates, result.GetValue(Templates)), (Observed, result.GetValue(Observed)), (Grid, result.GetValue(Grid)),
            (Background, result.GetValue(Background)), (Luminosity, result.GetValue(Luminosity)),
        };
        foreach (var (option, file) in files)
            if (file is not null) yield return (option.Name.TrimStart('-'), file.FullName);
    }

    /// <summary>Reads the files and builds the model.</summary>
    public SfhModel Build(ParseResult result)
    {
        var kind = ParseModel(result.GetValue(Model)!);
        var files = new ProblemFiles(
            result.GetValue(Templates)!.FullName, result.GetValue(Observed)!.FullName,
            result.GetValue(Grid)?.FullName, result.GetValue(Background)?.FullName, result.GetValue(Luminosity)?.FullName,
            result.GetValue(TemplateScale));
        var problem = ProblemLoader.Load(files);
        if (kind != MetallicityModelKind.Free) ProblemLoader.RequireCompleteGrid(problem, files.TemplatesPath);
        var options = new SfhModelOptions
        {
            Model = kind,
            MaxAgeGyr = result.GetValue(MaxAge),
            LogAgeEdges = ParseEdges(result.GetValue(LogAgeEdges)),
            MzrLog10ReferenceMass = result.GetValue(MzrReferenceMass),
            Fixed = ParseAssignments("--fix", result.GetValue(Fix)),
            Initial = ParseAssignments("--init", result.GetValue(Init)),
            Priors = ParsePriors(result.GetValue(Prior)),
        };
        return SfhModel.Create(problem.Templates, problem.Observed, options);
    }

    public static MetallicityModelKind ParseModel(string name) => name.ToLowerInvariant() switch
    {
        "powerlaw-mzr" => MetallicityModelKind.PowerLawMzr,
        "linear-amr" => MetallicityModelKind.LinearAmr,
        "log-amr" => MetallicityModelKind.LogarithmicAmr,
        "free" => MetallicityModelKind.Free,
        _ => throw new UsageException($"--model: unknown model '{name}'; use powerlaw-mzr, linear-amr, log-amr or free."),
    };

    public static Dictionary<string, double> ParseAssignments(string option, string[]? values)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var text in values ?? [])
        {
            int eq = text.IndexOf('=');
            if (eq <= 0 || !TryParseNumber(text[(eq + 1)..], out double value))
                throw new UsageException($"{option}: expected NAME=VALUE with a finite number, got '{text}'.");
            string name = text[..eq].Trim();
            if (!result.TryAdd(name, value)) throw new UsageException($"{option}: '{name}' is given twice.");
        }
        return result;
    }

    public static IReadOnlyList<PriorSpec> ParsePriors(string[]? values)
    {
        var priors = new List<PriorSpec>();
        foreach (var text in values ?? [])
        {
            var trimmed = text.Replace(" ", "");
            var continuity = ContinuityPattern().Match(trimmed);
            if (continuity.Success)
            {
                if (continuity.Groups[1].Success)
                {
                    if (!TryParseNumber(continuity.Groups[1].Value, out double nu) || !TryParseNumber(continuity.Groups[2].Value, out double scale))
                        throw new UsageException($"--prior: cannot read '{text}'; expected continuity(NU,SCALE).");
                    priors.Add(new ContinuityPriorSpec(nu, scale));
                }
                else priors.Add(new ContinuityPriorSpec());
                continue;
            }
            var normal = NormalPattern().Match(trimmed);
            if (normal.Success && TryParseNumber(normal.Groups[2].Value, out double mean) && TryParseNumber(normal.Groups[3].Value, out double sd))
            {
                priors.Add(new NormalPriorSpec(normal.Groups[1].Value, mean, sd));
                continue;
            }
            throw new UsageException($"--prior: cannot read '{text}'; expected NAME=normal(MEAN,SD), continuity or continuity(NU,SCALE).");
        }
        return priors;
    }

    private static IReadOnlyList<double>? ParseEdges(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var edges = new List<double>();
        foreach (var part in text.Split(','))
        {
            if (!TryParseNumber(part, out double edge)) throw new UsageException($"--log-age-edges: '{part}' is not a number.");
            edges.Add(edge);
        }
        return edges;
    }

    private static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    [GeneratedRegex(@"^continuity(?:\(([^,()]+),([^,()]+)\))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ContinuityPattern();

    [GeneratedRegex(@"^([A-Za-z0-9_.]+)=normal\(([^,()]+),([^,()]+)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex NormalPattern();
}
