using System.CommandLine;
using System.Text.Json;
using BayesSfh.IO;

namespace BayesSfh.Cli;

/// <summary>
/// <c>--config FILE.json</c>: a JSON object whose keys are a command's option names without the leading dashes
/// (<c>{"templates": "T.csv", "chains": 4, "fix": ["sigma=0.2"], "save-warmup": true}</c>), expanded into command-line
/// tokens before parsing. Options also given on the command line win; arrays repeat an option; <c>true</c> sets a flag.
/// </summary>
internal static class RunConfigFile
{
    /// <summary>The option that names the file (shown in help; removed before parsing).</summary>
    public static Option<FileInfo?> Option() => new("--config") { Description = "JSON file of option values, keys = option names without dashes; command-line options override it." };

    /// <summary>Returns <paramref name="args"/> with the config file's options inserted after the command name.</summary>
    /// <exception cref="InputException">Unreadable or malformed file, or a key that is not an option of the command.</exception>
    public static string[] Expand(string[] args, RootCommand root)
    {
        int at = Array.FindIndex(args, a => a == "--config" || a.StartsWith("--config=", StringComparison.Ordinal));
        if (at < 0 || args.Length == 0) return args;
        string path;
        int consumed;
        if (args[at].StartsWith("--config=", StringComparison.Ordinal)) (path, consumed) = (args[at]["--config=".Length..], 1);
        else if (at + 1 < args.Length) (path, consumed) = (args[at + 1], 2);
        else throw new UsageException("--config needs a file name.");
        var command = root.Subcommands.FirstOrDefault(c => c.Name == args[0])
            ?? throw new UsageException("--config must follow a command name, e.g. bayessfh sample --config run.json.");
        var rest = args.Where((_, i) => i < at || i >= at + consumed).ToList();
        var known = command.Options.SelectMany(o => new[] { o.Name }.Concat(o.Aliases)).Select(n => n.TrimStart('-')).ToHashSet(StringComparer.Ordinal);
        var given = rest.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Select(a => a.Split('=')[0][2..]).ToHashSet(StringComparer.Ordinal);
        var tokens = new List<string>();
        foreach (var (name, value) in Read(path))
        {
            if (!known.Contains(name) || name == "config")
                throw new InputException(path, null, name, $"'{name}' is not an option of '{command.Name}'; known: {string.Join(", ", known.Where(k => k != "config" && k != "help" && k != "h" && k != "?").Order())}.");
            if (given.Contains(name)) continue;
            foreach (var token in Tokens(path, name, value)) tokens.Add(token);
        }
        return [rest[0], .. tokens, .. rest.Skip(1)];
    }

    private static List<(string Name, JsonElement Value)> Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new InputException(path, 1, null, "the run config must be a JSON object of option names and values.");
            return [.. document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.Clone()))];
        }
        catch (JsonException e)
        {
            throw new InputException(path, (int?)(e.LineNumber + 1), null, $"not valid JSON: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, null, null, $"cannot read the run config: {e.Message}");
        }
    }

    private static IEnumerable<string> Tokens(string path, string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                yield return "--" + name;
                break;
            case JsonValueKind.False:
            case JsonValueKind.Null:
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Array or JsonValueKind.Object) throw new InputException(path, null, name, "array elements must be strings or numbers.");
                    yield return "--" + name;
                    yield return Scalar(item);
                }
                break;
            case JsonValueKind.Object:
                throw new InputException(path, null, name, "values must be strings, numbers, booleans or arrays.");
            default:
                yield return "--" + name;
                yield return Scalar(value);
                break;
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
