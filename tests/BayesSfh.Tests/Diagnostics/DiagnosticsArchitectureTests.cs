using System.Text.RegularExpressions;
using Xunit;

namespace BayesSfh.Tests.Diagnostics;

/// <summary>Diagnostics and the CmdStan CSV files know nothing of astronomy (style C10, dependency rule of §10).</summary>
public partial class DiagnosticsArchitectureTests
{
    private static readonly string[] AstronomyNamespaces = ["Likelihood", "Modelling", "Metallicity", "Templates", "Hess", "Priors", "Synthetic", "Optimization"];

    [Fact]
    public void DiagnosticsAndStanCsvSources_DoNotReferenceAstronomyNamespaces()
    {
        string root = RepositoryRoot();
        var files = Directory.GetFiles(Path.Combine(root, "src", "BayesSfh", "Diagnostics"), "*.cs")
            .Concat(Directory.Exists(Path.Combine(root, "src", "BayesSfh", "IO"))
                ? Directory.GetFiles(Path.Combine(root, "src", "BayesSfh", "IO"), "StanCsv*.cs")
                : [])
            .ToList();
        Assert.NotEmpty(files);
        var pattern = new Regex(@"\bBayesSfh\.(" + string.Join("|", AstronomyNamespaces) + @")\b");
        var offences = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => pattern.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }

    [Fact]
    public void DiagnosticsTypes_DoNotExposeAstronomyTypes()
    {
        var types = typeof(BayesSfh.Diagnostics.DrawsMatrix).Assembly.GetTypes()
            .Where(t => t.Namespace == "BayesSfh.Diagnostics" || (t.Namespace == "BayesSfh.IO" && t.Name.StartsWith("StanCsv", StringComparison.Ordinal)));
        foreach (var type in types)
        {
            var used = type.GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic |
                                       System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
                .SelectMany(MemberTypes);
            foreach (var t in used)
                Assert.False(AstronomyNamespaces.Any(ns => t.Namespace == "BayesSfh." + ns), $"{type.Name} uses {t.FullName}");
        }
    }

    private static IEnumerable<Type> MemberTypes(System.Reflection.MemberInfo member) => member switch
    {
        System.Reflection.FieldInfo f => [f.FieldType],
        System.Reflection.PropertyInfo p => [p.PropertyType],
        System.Reflection.MethodBase m => m.GetParameters().Select(p => p.ParameterType)
            .Concat(m is System.Reflection.MethodInfo mi ? [mi.ReturnType] : []),
        _ => [],
    };

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BayesSfh.sln"))) return dir.FullName;
        throw new InvalidOperationException("BayesSfh.sln not found above " + AppContext.BaseDirectory);
    }
}
