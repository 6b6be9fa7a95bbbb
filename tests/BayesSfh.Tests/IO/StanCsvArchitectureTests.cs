using BayesSfh.IO;
using BayesSfh.Tests.Architecture;
using Xunit;

namespace BayesSfh.Tests.IO;

/// <summary>
/// The CmdStan CSV types serve the generic sampling side and, like Sampling and Diagnostics (see
/// <see cref="ArchitectureTests"/>), reference no astronomy type, in signatures or method bodies.
/// </summary>
public class StanCsvArchitectureTests
{
    private static readonly string[] DomainNamespaces =
        ["BayesSfh.Likelihood", "BayesSfh.Modelling", "BayesSfh.Metallicity", "BayesSfh.Templates", "BayesSfh.Hess", "BayesSfh.Priors"];

    [Fact]
    public void StanCsvTypes_ReferenceNoDomainType()
    {
        var types = typeof(StanCsvReader).Assembly.GetTypes()
            .Where(t => t.Namespace == "BayesSfh.IO" && (t.Name.StartsWith("StanCsv", StringComparison.Ordinal) || t.DeclaringType?.Name.StartsWith("StanCsv", StringComparison.Ordinal) == true))
            .ToList();
        var violations = types
            .SelectMany(t => TypeReferences.InSignatures(t).Concat(TypeReferences.InBodies(t)))
            .Where(r => r.Type.Namespace is { } ns && DomainNamespaces.Any(d => ns == d || ns.StartsWith(d + ".", StringComparison.Ordinal)))
            .Select(r => $"{r.Where} → {r.Type.FullName}")
            .Distinct()
            .ToList();

        Assert.True(types.Count >= 10, $"only {types.Count} StanCsv types found");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
