using System.Text.RegularExpressions;
using Xunit;

namespace BayesSfh.Tests.Sampling;

/// <summary>
/// The sampler is generic: nothing under src/BayesSfh/Sampling may reference the astronomy namespaces, and it must use
/// the project's own generator, never System.Random.
/// </summary>
public partial class SamplingArchitectureTests
{
    private static readonly string[] Forbidden = ["Likelihood", "Modelling", "Metallicity", "Templates", "Hess", "Priors", "Synthetic", "IO", "Optimization"];

    [Fact]
    public void SamplingSources_DoNotReferenceAstronomyNamespacesOrSystemRandom()
    {
        string directory = Path.Combine(RepositoryRoot(), "src", "BayesSfh", "Sampling");
        var files = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories);
        Assert.True(files.Length > 10, $"expected the sampler sources under {directory}");
        foreach (string file in files)
        {
            string text = File.ReadAllText(file);
            foreach (string name in Forbidden)
                Assert.False(Regex.IsMatch(text, $@"\bBayesSfh\.{name}\b"), $"{Path.GetFileName(file)} references BayesSfh.{name}");
            Assert.False(RandomUse().IsMatch(text), $"{Path.GetFileName(file)} uses System.Random");
        }
    }

    [Fact]
    public void SamplingTypes_DoNotExposeAstronomyTypes()
    {
        var types = typeof(BayesSfh.Sampling.ILogDensity).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns == "BayesSfh.Sampling" || ns.StartsWith("BayesSfh.Sampling.", StringComparison.Ordinal)));
        foreach (var type in types)
        {
            var referenced = type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic).Select(f => f.FieldType)
                .Concat(type.GetMethods().SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)));
            foreach (var t in referenced)
            {
                string ns = t.Namespace ?? "";
                Assert.False(Forbidden.Any(f => ns == $"BayesSfh.{f}"), $"{type.FullName} uses {t.FullName}");
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BayesSfh.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Repository root (BayesSfh.sln) not found.");
    }

    [GeneratedRegex(@"\bnew\s+Random\s*\(|\bRandom\.Shared\b|\bSystem\.Random\b")]
    private static partial Regex RandomUse();
}
