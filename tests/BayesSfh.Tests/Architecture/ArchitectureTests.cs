using System.Reflection;
using System.Text.RegularExpressions;
using BayesSfh.Modelling;
using BayesSfh.Sampling;
using Xunit;

namespace BayesSfh.Tests.Architecture;

/// <summary>
/// Executable layering and hygiene rules: the generic sampling side (Sampling, and Diagnostics / Summaries when they
/// exist) must know nothing of the astronomy, and library code must not use hidden randomness, the console or the clock.
/// </summary>
public partial class ArchitectureTests
{
    private static readonly Assembly Library = typeof(ILogDensity).Assembly;

    private static readonly string[] GenericNamespaces = ["BayesSfh.Sampling", "BayesSfh.Diagnostics", "BayesSfh.Summaries"];

    private static readonly string[] DomainNamespaces =
        ["BayesSfh.Likelihood", "BayesSfh.Modelling", "BayesSfh.Metallicity", "BayesSfh.Templates", "BayesSfh.Hess", "BayesSfh.Priors",
         "BayesSfh.Products", "BayesSfh.Isochrones", "BayesSfh.Imf", "BayesSfh.Observation", "BayesSfh.Population", "BayesSfh.Synthetic"];

    private static bool InNamespace(Type type, string ns) =>
        type.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal));

    private static bool IsDomain(Type type) => type.Assembly == Library && DomainNamespaces.Any(ns => InNamespace(type, ns));

    [Fact]
    public void GenericNamespaces_AnyType_ReferencesNoDomainTypeInSignaturesOrBodies()
    {
        var scoped = Library.GetTypes().Where(t => GenericNamespaces.Any(ns => InNamespace(t, ns))).ToList();

        var violations = scoped
            .SelectMany(t => TypeReferences.InSignatures(t).Concat(TypeReferences.InBodies(t)))
            .Where(r => IsDomain(r.Type))
            .Select(r => $"{r.Where} → {r.Type.FullName}")
            .Distinct()
            .ToList();

        Assert.Contains(typeof(ILogDensity), scoped);
        Assert.True(violations.Count == 0, "Sampling-side types must not depend on the domain:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void TypeReferences_DomainType_FoundInSignatures()
    {
        // Self-check of the scanner: SfhLogDensity holds a LikelihoodWorkspace field.
        var found = TypeReferences.InSignatures(typeof(SfhLogDensity)).Select(r => r.Type);

        Assert.Contains(found, t => t.Namespace == "BayesSfh.Likelihood");
    }

    [Fact]
    public void TypeReferences_TypeUsedOnlyInIl_FoundInBodiesNotSignatures()
    {
        // Self-check of the IL scan: SfhModel.Create constructs PowerLawMzr etc., while no signature of SfhModel names
        // a BayesSfh.Metallicity type; only reading the method body reveals the dependency.
        var create = typeof(SfhModel).GetMethod(nameof(SfhModel.Create))!;

        var inIl = TypeReferences.InBody(create).Where(r => r.Where.EndsWith(" IL", StringComparison.Ordinal)).Select(r => r.Type);
        var inSignatures = TypeReferences.InSignatures(typeof(SfhModel)).Select(r => r.Type);

        Assert.Contains(inIl, t => t.FullName == "BayesSfh.Metallicity.PowerLawMzr");
        Assert.DoesNotContain(inSignatures, t => t.Namespace == "BayesSfh.Metallicity");
    }

    [Fact]
    public void TypeReferences_EveryLibraryType_ScansWithoutError()
    {
        // The IL walker must understand every opcode and resolve every token the compiler emits for this library.
        int count = Library.GetTypes().Sum(t => TypeReferences.InSignatures(t).Concat(TypeReferences.InBodies(t)).Count());

        Assert.True(count > 1000, $"only {count} references found");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BayesSfh.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No BayesSfh.sln above {AppContext.BaseDirectory}.");
    }

    private static IEnumerable<(string Path, string Code)> SourceFiles(string relativeFolder)
    {
        string root = RepositoryRoot();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(root, relativeFolder), "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative.Contains("/bin/") || relative.Contains("/obj/")) continue;
            yield return (relative, Comments().Replace(File.ReadAllText(path), " "));
        }
    }

    /// <summary>Block comments and line comments (documentation included), so that prose may name what code may not use.</summary>
    [GeneratedRegex(@"/\*.*?\*/|//[^\n]*", RegexOptions.Singleline)]
    private static partial Regex Comments();

    public static TheoryData<string, string, string> ForbiddenApis() => new()
    {
        { "src", @"\bnew\s+(System\.)?Random\s*\(", "System.Random: use BayesSfh.Randomness.Xoshiro256StarStar with an explicit seed" },
        { "src", @"\bRandom\.Shared\b", "Random.Shared: hidden global randomness" },
        { "src", @"\bDateTime\.Now\b", "DateTime.Now: results must not depend on the clock or the time zone" },
        { "src/BayesSfh", @"\bConsole\.", "Console in the library: report through return values, IProgress or ILogger" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenApis))]
    public void SourceFiles_ForbiddenApi_NotUsed(string folder, string pattern, string reason)
    {
        var files = SourceFiles(folder).ToList();
        var regex = new Regex(pattern);

        var hits = files
            .SelectMany(f => f.Code.Split('\n').Select((line, i) => (f.Path, Line: i + 1, Text: line.Trim())))
            .Where(l => regex.IsMatch(l.Text))
            .Select(l => $"{l.Path}:{l.Line}: {l.Text}")
            .ToList();

        Assert.True(files.Count >= 30 || folder != "src/BayesSfh", $"only {files.Count} files found under {folder}");
        Assert.True(hits.Count == 0, $"{reason}\n" + string.Join("\n", hits));
    }

    [Fact]
    public void ForbiddenApiScan_ViolatingSnippet_IsDetected()
    {
        string code = Comments().Replace("var r = new Random(1); // new Random( in a comment is fine\n/* Random.Shared */ Console.WriteLine();", " ");

        Assert.Matches(@"\bnew\s+(System\.)?Random\s*\(", code);
        Assert.DoesNotMatch(@"\bRandom\.Shared\b", code);
        Assert.Matches(@"\bConsole\.", code);
    }
}
