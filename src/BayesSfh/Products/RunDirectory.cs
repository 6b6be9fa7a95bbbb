using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using BayesSfh.Diagnostics;
using BayesSfh.IO;
using BayesSfh.Modelling;

namespace BayesSfh.Products;

/// <summary>
/// The output folder of <c>bayessfh sample</c>, loaded for posterior products: <c>manifest.json</c>, the chains
/// <c>chain-1.csv</c> … and the model rebuilt from the recorded inputs, after checking that every input still has the
/// SHA-256 recorded by the run.
/// </summary>
/// <remarks>
/// Manifest keys read (see docs/products.md): <c>inputs</c> (role, path, sha256), <c>model.metallicity_model</c>,
/// <c>model.max_age_gyr</c>, <c>model.log_age_edges</c>, <c>model.mzr_log10_reference_mass</c>, <c>model.fixed</c>,
/// <c>model.template_scale</c> (else the <c>--template-scale</c> of <c>command_line</c>, else 1), <c>log_age_of_r</c>
/// (checked against the rebuilt model), <c>seed</c>, <c>sampler.max_depth</c> and <c>chains[].file</c> (taken by file
/// name inside the folder, so a moved run folder still loads; without the list, every <c>chain-N.csv</c>). Priors and
/// starting values are not rebuilt: the products depend on the draws and the likelihood's ingredients only.
/// </remarks>
public sealed class RunDirectory
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFileName = "manifest.json";

    private RunDirectory(string path, string manifestPath, ImmutableArray<RecordedInput> inputs, SfhModel model, ImmutableArray<StanCsvFile> chains,
        PosteriorDraws draws, ulong? seed, int maxTreeDepth)
    {
        Path = path;
        ManifestPath = manifestPath;
        Inputs = inputs;
        Model = model;
        Chains = chains;
        Draws = draws;
        Seed = seed;
        MaxTreeDepth = maxTreeDepth;
    }

    /// <summary>The run folder (full path).</summary>
    public string Path { get; }

    /// <summary>The manifest file (full path).</summary>
    public string ManifestPath { get; }

    /// <summary>The recorded input files, all verified.</summary>
    public ImmutableArray<RecordedInput> Inputs { get; }

    /// <summary>The model rebuilt from the inputs and recorded options.</summary>
    public SfhModel Model { get; }

    /// <summary>The chain files, in chain order.</summary>
    public ImmutableArray<StanCsvFile> Chains { get; }

    /// <summary>The post-warm-up draws of every chain, pooled.</summary>
    public PosteriorDraws Draws { get; }

    /// <summary>The run's seed, when recorded.</summary>
    public ulong? Seed { get; }

    /// <summary>The sampler's maximum tree depth (for the diagnostics; 10 when not recorded).</summary>
    public int MaxTreeDepth { get; }

    /// <summary>The recorded path of the input with role <paramref name="role"/>, or null.</summary>
    public string? InputPath(string role) => Inputs.FirstOrDefault(i => i.Role == role)?.Path;

    /// <summary>Convergence diagnostics of the chains (as <c>bayessfh diagnose</c>).</summary>
    /// <exception cref="ArgumentException">The chains cannot be combined (for example different draw counts).</exception>
    public DiagnosticsReport Diagnose() => DiagnosticsReport.Create([.. Chains.Select(c => c.Draws)], MaxTreeDepth);

    /// <summary>
    /// A truth file of a simulated data set, if there is one: <c>truth.csv</c> in the run folder, else beside the observed
    /// input (where <c>bayessfh example</c> writes it); null when neither exists.
    /// </summary>
    public string? FindTruthFile()
    {
        var candidates = new List<string> { System.IO.Path.Combine(Path, "truth.csv") };
        if (InputPath("observed") is { } observed && System.IO.Path.GetDirectoryName(observed) is { } folder)
            candidates.Add(System.IO.Path.Combine(folder, "truth.csv"));
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Loads the run folder <paramref name="path"/>.</summary>
    /// <exception cref="InputException">
    /// The folder, its manifest or a chain is missing or malformed; an input file is missing or changed since the run
    /// (SHA-256); the inputs no longer build the recorded model; a chain lacks a model parameter. Messages name the file.
    /// </exception>
    public static RunDirectory Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string folder = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(folder))
            throw new InputException(path, null, null, "no such run folder; give the --out folder of a 'bayessfh sample' run");
        string manifestPath = System.IO.Path.Combine(folder, ManifestFileName);
        if (!File.Exists(manifestPath))
            throw new InputException(manifestPath, null, null,
                "missing: this is not the folder of a completed 'bayessfh sample' run (the manifest is written when sampling ends)");
        using var document = ReadJson(manifestPath);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InputException(manifestPath, 1, null, "the manifest must be a JSON object");

        var inputs = ReadInputs(manifestPath, root);
        foreach (var input in inputs) Verify(manifestPath, input);
        var model = BuildModel(manifestPath, root, inputs);
        var chainPaths = ChainPaths(manifestPath, root, folder);
        var chains = chainPaths.Select(StanCsvReader.Read).ToImmutableArray();
        foreach (var chain in chains)
            foreach (var name in model.OutputNames)
                if (chain.Draws.IndexOf(name) < 0)
                    throw new InputException(chain.FileName, null, name, $"the chain has no column '{name}', a parameter of the model the manifest describes");
        PosteriorDraws draws;
        try
        {
            draws = PosteriorDraws.FromChains([.. chains.Select(c => c.Draws)]);
        }
        catch (ArgumentException e)
        {
            throw new InputException(folder, null, null, $"the chains cannot be pooled: {e.Message}", e);
        }
        ulong? seed = root.TryGetProperty("seed", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetUInt64(out ulong seedValue) ? seedValue : null;
        int maxDepth = root.TryGetProperty("sampler", out var sampler) && sampler.ValueKind == JsonValueKind.Object
            && sampler.TryGetProperty("max_depth", out var depth) && depth.ValueKind == JsonValueKind.Number && depth.TryGetInt32(out int d) && d >= 1 ? d : 10;
        return new RunDirectory(folder, manifestPath, inputs, model, chains, draws, seed, maxDepth);
    }

    private static JsonDocument ReadJson(string manifestPath)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(manifestPath), new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InputException(manifestPath, (int?)(e.LineNumber + 1), null, $"not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(manifestPath, null, null, $"cannot be read: {e.Message}", e);
        }
    }

    private static ImmutableArray<RecordedInput> ReadInputs(string manifestPath, JsonElement root)
    {
        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
            throw new InputException(manifestPath, null, "inputs", "the manifest has no list of input files");
        var result = new List<RecordedInput>();
        foreach (var input in inputs.EnumerateArray())
        {
            string? role = Text(input, "role"), file = Text(input, "path"), sha = Text(input, "sha256");
            if (role is null || file is null || sha is null)
                throw new InputException(manifestPath, null, "inputs", "every input needs a role, a path and a sha256");
            result.Add(new RecordedInput(role, file, sha.ToLowerInvariant()));
        }
        foreach (string required in new[] { "templates", "observed" })
            if (!result.Any(i => i.Role == required))
                throw new InputException(manifestPath, null, "inputs", $"no '{required}' input is recorded");
        return [.. result];
    }

    private static void Verify(string manifestPath, RecordedInput input)
    {
        if (!File.Exists(input.Path))
            throw new InputException(input.Path, null, null,
                $"the {input.Role} file of this run is missing (recorded in {manifestPath}); restore it to summarise the run");
        string actual;
        using (var stream = File.OpenRead(input.Path)) actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (actual != input.Sha256)
            throw new InputException(input.Path, null, null,
                $"the {input.Role} file has changed since the run: its SHA-256 is {actual} but {manifestPath} recorded {input.Sha256}; " +
                "restore the file the run used, or sample again");
    }

    private static SfhModel BuildModel(string manifestPath, JsonElement root, ImmutableArray<RecordedInput> inputs)
    {
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
            throw new InputException(manifestPath, null, "model", "the manifest has no model section");
        string kindText = Text(model, "metallicity_model") ?? throw new InputException(manifestPath, null, "model.metallicity_model", "missing");
        if (!Enum.TryParse<MetallicityModelKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            throw new InputException(manifestPath, null, "model.metallicity_model", $"unknown metallicity model '{kindText}'");
        string? Role(string role) => inputs.FirstOrDefault(i => i.Role == role)?.Path;
        var files = new ProblemFiles(Role("templates")!, Role("observed")!, Role("grid"), Role("background"), Role("luminosity"),
            TemplateScale(manifestPath, root, model));
        var problem = ProblemLoader.Load(files);
        if (kind != MetallicityModelKind.Free) ProblemLoader.RequireCompleteGrid(problem, files.TemplatesPath);
        SfhModelOptions options;
        try
        {
            options = RecordedOptions(model, kind);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InputException(manifestPath, null, "model", $"a recorded model option has the wrong type: {e.Message}", e);
        }
        SfhModel built;
        try
        {
            built = SfhModel.Create(problem.Templates, problem.Observed, options);
        }
        catch (ArgumentException e)
        {
            throw new InputException(manifestPath, null, "model", $"the recorded inputs and options no longer build a model: {e.Message}", e);
        }
        if (root.TryGetProperty("log_age_of_r", out var recorded) && recorded.ValueKind == JsonValueKind.Array)
        {
            var logAges = recorded.EnumerateArray().Select(e => Number(e, "log_age") ?? double.NaN).ToArray();
            if (logAges.Length != built.LogAges.Length || logAges.Where((a, j) => !(Math.Abs(a - built.LogAges[j]) <= 1e-9)).Any())
                throw new InputException(manifestPath, null, "log_age_of_r",
                    $"the run had {logAges.Length} age bins ({string.Join(", ", logAges.Select(a => a.ToString(CultureInfo.InvariantCulture)))}) but the inputs give {built.LogAges.Length} " +
                    $"({string.Join(", ", built.LogAges.Select(a => a.ToString(CultureInfo.InvariantCulture)))})");
        }
        return built;
    }

    private static SfhModelOptions RecordedOptions(JsonElement model, MetallicityModelKind kind) => new()
    {
        Model = kind,
        MaxAgeGyr = Number(model, "max_age_gyr") ?? Templates.AgeBins.DefaultMaxAgeGyr,
        LogAgeEdges = model.TryGetProperty("log_age_edges", out var edges) && edges.ValueKind == JsonValueKind.Array
            ? [.. edges.EnumerateArray().Select(e => e.GetDouble())] : null,
        MzrLog10ReferenceMass = Number(model, "mzr_log10_reference_mass") ?? 6.0,
        Fixed = model.TryGetProperty("fixed", out var fixedValues) && fixedValues.ValueKind == JsonValueKind.Object
            ? fixedValues.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal)
            : new Dictionary<string, double>(),
    };

    /// <summary><c>model.template_scale</c>, else the value after <c>--template-scale</c> in the recorded command line, else 1.</summary>
    private static double TemplateScale(string manifestPath, JsonElement root, JsonElement model)
    {
        if (Number(model, "template_scale") is { } recorded) return recorded;
        string? commandLine = Text(root, "command_line");
        if (commandLine is null) return 1;
        var tokens = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < tokens.Length; i++)
        {
            string? value = tokens[i] == "--template-scale" && i + 1 < tokens.Length ? tokens[i + 1]
                : tokens[i].StartsWith("--template-scale=", StringComparison.Ordinal) ? tokens[i]["--template-scale=".Length..] : null;
            if (value is null) continue;
            if (double.TryParse(value.Trim('\''), NumberStyles.Float, CultureInfo.InvariantCulture, out double scale) && scale > 0 && double.IsFinite(scale)) return scale;
            throw new InputException(manifestPath, null, "command_line", $"cannot read the --template-scale value '{value}'");
        }
        return 1;
    }

    private static string[] ChainPaths(string manifestPath, JsonElement root, string folder)
    {
        string[] paths;
        if (root.TryGetProperty("chains", out var chains) && chains.ValueKind == JsonValueKind.Array && chains.GetArrayLength() > 0)
        {
            paths = [.. chains.EnumerateArray().Select(c => Text(c, "file") is { } f
                ? System.IO.Path.Combine(folder, System.IO.Path.GetFileName(f))
                : throw new InputException(manifestPath, null, "chains", "a chain entry has no file"))];
            foreach (var chain in paths)
                if (!File.Exists(chain)) throw new InputException(chain, null, null, $"missing: {manifestPath} lists this chain file");
        }
        else
        {
            paths = [.. Directory.EnumerateFiles(folder, "chain-*.csv")
                .Select(p => (Path: p, Number: int.TryParse(System.IO.Path.GetFileNameWithoutExtension(p)["chain-".Length..], CultureInfo.InvariantCulture, out int n) ? n : -1))
                .Where(p => p.Number >= 1).OrderBy(p => p.Number).Select(p => p.Path)];
            if (paths.Length == 0) throw new InputException(folder, null, null, "no chain files chain-1.csv … in the run folder");
        }
        return paths;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
