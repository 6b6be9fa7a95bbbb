using BayesSfh.Tests.Architecture;
using Xunit;

namespace BayesSfh.Tests.Sampling;

/// <summary>
/// The sampler sits at the bottom of the generic side: its types (signatures and IL bodies) may use, of this library,
/// only BayesSfh.Sampling.* and BayesSfh.Randomness — not the astronomy (also checked by
/// <see cref="ArchitectureTests"/>), nor IO, Diagnostics, Optimization or anything else that builds on it.
/// </summary>
public class SamplingArchitectureTests
{
    private static readonly string[] Allowed = ["BayesSfh.Sampling", "BayesSfh.Randomness"];

    private static bool In(Type type, string ns) => type.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal));

    [Fact]
    public void SamplingTypes_ReferenceOnlySamplingAndRandomness()
    {
        var library = typeof(BayesSfh.Sampling.ILogDensity).Assembly;
        var sampling = library.GetTypes().Where(t => In(t, "BayesSfh.Sampling")).ToList();
        Assert.True(sampling.Count > 30, $"only {sampling.Count} sampling types found");

        var violations = sampling
            .SelectMany(t => TypeReferences.InSignatures(t).Concat(TypeReferences.InBodies(t)))
            .Where(r => r.Type.Assembly == library && r.Type.Namespace is not null && !Allowed.Any(ns => In(r.Type, ns)))
            .Select(r => $"{r.Where} → {r.Type.FullName}")
            .Distinct()
            .ToList();

        Assert.True(violations.Count == 0, "Sampling must depend only on Sampling and Randomness:\n" + string.Join("\n", violations));
    }
}
