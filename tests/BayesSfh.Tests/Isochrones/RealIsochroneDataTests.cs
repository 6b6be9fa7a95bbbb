using System.Diagnostics;
using BayesSfh.Isochrones;
using Xunit;
using Xunit.Abstractions;

namespace BayesSfh.Tests.Isochrones;

/// <summary>
/// OPT-IN CHECK ON REAL FILES (not part of the repository): reads every file of the reference isochrone folder
/// named by <c>$BAYESSFH_ISOCHRONE_DATA</c> and compares counts with the folder's README. Every test here is skipped when
/// the variable is unset or the folder is absent, so a fresh clone passes without the data.
/// </summary>
public class RealIsochroneDataTests(ITestOutputHelper output)
{
    internal static string? DataFolder()
    {
        string? configured = Environment.GetEnvironmentVariable("BAYESSFH_ISOCHRONE_DATA");
        return !string.IsNullOrEmpty(configured) && Directory.Exists(configured) ? configured : null;
    }

    /// <summary>A fact that is skipped unless the real isochrone folder exists.</summary>
    public sealed class RealDataFactAttribute : FactAttribute
    {
        public RealDataFactAttribute()
        {
            if (DataFolder() is null) Skip = "real isochrone files not present (set BAYESSFH_ISOCHRONE_DATA to the folder)";
        }
    }

    // folder → (isochrones, distinct log ages, distinct [M/H], points, filters of the first isochrone)
    private static readonly Dictionary<string, (int Isochrones, int Ages, int Metallicities, int Points, string Filters)> Expected = new()
    {
        ["basti-gaia-dr3"] = (8, 8, 1, 8 * 2100, "G G_BP G_RP G_RVS"),
        ["mist"] = (3, 2, 3, 1460 + 1517 + 1527, "PS_g PS_r PS_i PS_z PS_y PS_w PS_open"),
        ["parsec-cmd37-gaia-edr3"] = (11, 11, 1, 4674, "mbolmag Gmag G_BPmag G_RPmag"),
        ["parsec-gaia-edr3-63ages"] = (63, 63, 1, 16277, "mbolmag Gmag G_BPmag G_RPmag"),
        ["parsec-gaia-edr3-colibri"] = (5, 5, 1, 2068, "mbolmag Gmag G_BPmag G_RPmag"),
        ["parsec-ubvrijhk"] = (49, 7, 7, 1789 + 1806 + 1857 + 1840 + 1916 + 1878 + 1769, "mbolmag Umag Bmag Vmag Rmag Imag Jmag Hmag Kmag"),
    };

    [RealDataFact]
    public void EveryFolder_ReadsWithTheDocumentedCounts()
    {
        string root = DataFolder()!;
        foreach (var (folder, expected) in Expected)
        {
            var isochrones = IsochroneLoader.Load([Path.Combine(root, folder)]);
            var actual = (isochrones.Count, isochrones.Select(i => i.LogAge).Distinct().Count(), isochrones.Select(i => i.MH).Distinct().Count(),
                isochrones.Sum(i => i.Count), string.Join(" ", isochrones[0].Filters));
            output.WriteLine($"{folder}: {actual.Item1} isochrones, {actual.Item2} ages, {actual.Item3} [M/H], {actual.Item4} points; filters {actual.Item5}");
            Assert.Equal(expected, actual);
        }
    }

    [RealDataFact]
    public void ParsecFiles_MhColumnMatchesZiniThroughTheParsecChemistry()
    {
        var isochrones = IsochroneLoader.Load(Directory.GetDirectories(DataFolder()!, "parsec-*"));

        Assert.Equal(128, isochrones.Count);
        Assert.All(isochrones, i => Assert.Equal(i.MH, IsochroneChemistry.Parsec.MHFromZ(i.MetalMassFraction!.Value), 6e-6));
    }

    [RealDataFact]
    public void MistAndBastiHeaders_MatchTheirChemistry()
    {
        string root = DataFolder()!;
        foreach (var i in IsochroneLoader.Load([Path.Combine(root, "mist")]))
            Assert.Equal(1.0, IsochroneChemistry.Mist.ZFromMH(i.MH) / i.MetalMassFraction!.Value, 2e-6);
        foreach (var i in IsochroneLoader.Load([Path.Combine(root, "basti-gaia-dr3")]))
            Assert.Equal(i.MH, IsochroneChemistry.Basti.MHFromZ(i.MetalMassFraction!.Value), 5e-4);
    }

    [RealDataFact]
    public void LargestFile_ReadsWellUnderASecond()
    {
        string largest = Directory.EnumerateFiles(DataFolder()!, "*", SearchOption.AllDirectories).OrderByDescending(f => new FileInfo(f).Length).First();
        IsochroneReader.Read(largest); // warm-up (JIT)

        // Best of three, so that other tests running on the same cores do not make the check flaky.
        double best = double.PositiveInfinity;
        IReadOnlyList<Isochrone> isochrones = [];
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var watch = Stopwatch.StartNew();
            isochrones = IsochroneReader.Read(largest);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        output.WriteLine($"{Path.GetFileName(largest)} ({new FileInfo(largest).Length} bytes): {isochrones.Count} isochrones in {best * 1000:F1} ms (best of 3)");
        Assert.True(best < 0.5, $"reading {largest} took {best * 1000:F0} ms");
    }
}
