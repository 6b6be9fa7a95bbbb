using BayesSfh.IO;
using BayesSfh.Isochrones;
using BayesSfh.Tests.IO;
using Xunit;

namespace BayesSfh.Tests.Isochrones;

/// <summary>
/// A second, independently written set of fixtures and expectations (from a parallel implementation of the same brief,
/// see Fixtures/Isochrones/crosscheck/README.md), run against the merged readers.
/// </summary>
public class CrossCheckReaderTests
{
    private static string Fixture(string name) => Path.Combine(IsochroneFixtures.Folder, "crosscheck", name);

    [Fact]
    public void Mist_TwoAgeBlocks_ReadByName()
    {
        var isochrones = MistIsochroneReader.Read(Fixture("mist_two_ages.iso.cmd"));

        Assert.Equal(2, isochrones.Count);
        var young = isochrones[0];
        Assert.Equal(8.0, young.LogAge);
        Assert.Equal(-1.0, young.MH);
        Assert.Equal(1e-3, young.MetalMassFraction);
        Assert.Equal(["Bessell_V", "Bessell_I"], young.Filters.ToArray());
        Assert.Equal([0.1, 0.5, 2.0, 3.5], young.InitialMass);
        Assert.Equal([12.5, 8.1, 1.3, -1.2], young.Magnitudes("Bessell_V"));
        Assert.Equal([-2.5, -1.2, 1.2, 2.4], young.LogLuminosity!);
        Assert.Equal([3.5, 3.6, 3.9, 3.7], young.LogEffectiveTemperature!);
        Assert.Equal([EvolutionaryPhase.PreMainSequence, EvolutionaryPhase.MainSequence, EvolutionaryPhase.MainSequence, EvolutionaryPhase.CoreHeliumBurning], young.Phases);
        // Second block: 5 rows announced, EEP 204 skipped inside the announced range 202–206.
        Assert.Equal(9.0, isochrones[1].LogAge);
        Assert.Equal(4, isochrones[1].Count);
        Assert.Equal(EvolutionaryPhase.RedGiantBranch, isochrones[1].Phases[2]);
        Assert.Equal(EvolutionaryPhase.ThermallyPulsingAsymptoticGiantBranch, isochrones[1].Phases[3]);
    }

    [Fact]
    public void Mist_LinearAgeColumn_ConvertedToLog()
    {
        var isochrone = Assert.Single(MistIsochroneReader.Read(Fixture("mist_linear_age.iso.cmd")));

        Assert.Equal(10.0, isochrone.LogAge, 12);
        Assert.Equal(-1.35, isochrone.MH);
        Assert.Equal(["PS_g"], isochrone.Filters.ToArray());
    }

    [Fact]
    public void Parsec_Cmd33_GroupsByAgeAndKeepsRepeatedMass()
    {
        var isochrones = ParsecIsochroneReader.Read(Fixture("parsec_cmd33_two_ages.dat"));

        Assert.Equal([7.0, 10.0], isochrones.Select(i => i.LogAge));
        Assert.All(isochrones, i => Assert.Equal(-1.49213, i.MH));
        Assert.All(isochrones, i => Assert.Equal(0.0005, i.MetalMassFraction));
        Assert.Equal(["Imag", "Vmag", "mbolmag"], isochrones[0].Filters.Order(StringComparer.Ordinal));
        Assert.Equal([0.09, 0.5, 0.5, 12.0], isochrones[0].InitialMass);
        Assert.Equal([EvolutionaryPhase.PreMainSequence, EvolutionaryPhase.MainSequence, EvolutionaryPhase.SubgiantBranch, EvolutionaryPhase.CoreHeliumBurning], isochrones[0].Phases);
        Assert.Equal([10.95, 4.7, -2.9], isochrones[1].Magnitudes("Vmag"));
    }

    [Fact]
    public void Parsec_Cmd37_MultiZ_RealMassDecreaseIsAnErrorAtItsLine()
    {
        string path = Fixture("parsec_cmd37_multi_z.dat");

        // Line 11: Mini 4.1 after 4.21 (a real step back; the merged readers report it instead of cutting).
        var e = Assert.Throws<InputException>(() => ParsecIsochroneReader.Read(path));
        Assert.Equal(path, e.File);
        Assert.Equal(11, e.Line);
    }

    [Fact]
    public void Parsec_Cmd37_MultiZ_GroupsByMetallicityAndAgeAndTiesRoundingSteps()
    {
        using var files = new CsvFiles();
        string path = files.Write("multi_z.dat", [.. File.ReadAllLines(Fixture("parsec_cmd37_multi_z.dat")).Where((_, i) => i != 10)]);

        var isochrones = ParsecIsochroneReader.Read(path);

        Assert.Equal([(8.0, -0.17553), (8.0, 0.14), (8.5, 0.14)], isochrones.Select(i => (i.LogAge, i.MH)));
        Assert.Equal(["G_BPmag", "G_RPmag", "Gmag", "mbolmag"], isochrones[0].Filters.Order(StringComparer.Ordinal));
        // 4.1999998 after 4.2 is print rounding (relative 5e-8) → a tie.
        Assert.Equal([0.09, 1.0, 4.2, 4.2, 4.21], isochrones[0].InitialMass);
        Assert.Equal([-1.0, -1.1, -1.2], isochrones[0].Magnitudes("G_BPmag").Skip(2));
        Assert.Equal(0.02, isochrones[2].MetalMassFraction);
        Assert.Equal([EvolutionaryPhase.MainSequence, EvolutionaryPhase.RedGiantBranch], isochrones[2].Phases);
    }

    [Fact]
    public void Basti_HeaderGivesAgeAndMetallicity()
    {
        var isochrone = Assert.Single(BastiIsochroneReader.Read(Fixture("basti_3000myr.isc_gaia-dr3-new")));

        Assert.Equal(Math.Log10(3e9), isochrone.LogAge, 12);
        Assert.Equal(-0.08, isochrone.MH);
        Assert.Equal(0.01258, isochrone.MetalMassFraction);
        Assert.Equal(["G", "G_BP", "G_RP", "G_RVS"], isochrone.Filters.ToArray());
        Assert.Equal([0.1, 0.8, 1.3, 1.35], isochrone.InitialMass);
        Assert.Equal([16.9, 6.0, 2.8, -1.0], isochrone.Magnitudes("G_BP"));
        Assert.All(isochrone.Phases, p => Assert.Equal(EvolutionaryPhase.Unknown, p));
    }

    [Theory]
    [InlineData("mist_two_ages.iso.cmd", IsochroneFormat.Mist)]
    [InlineData("mist_linear_age.iso.cmd", IsochroneFormat.Mist)]
    [InlineData("parsec_cmd33_two_ages.dat", IsochroneFormat.Parsec)]
    [InlineData("parsec_cmd37_multi_z.dat", IsochroneFormat.Parsec)]
    [InlineData("basti_3000myr.isc_gaia-dr3-new", IsochroneFormat.Basti)]
    public void Detect_RecognisesEachFormat(string file, IsochroneFormat expected) =>
        Assert.Equal(expected, IsochroneReader.DetectFormat(File.ReadAllLines(Fixture(file))));

    [Fact]
    public void Load_FolderAndFile_ReadsAllInOrder()
    {
        using var files = new CsvFiles();
        foreach (string name in new[] { "mist_two_ages.iso.cmd", "parsec_cmd33_two_ages.dat", "basti_3000myr.isc_gaia-dr3-new" })
            File.Copy(Fixture(name), Path.Combine(Directory.CreateDirectory(files.PathOf("grid")).FullName, name));
        string extra = files.Write("extra.iso.cmd", File.ReadAllLines(Fixture("mist_linear_age.iso.cmd")));

        var all = IsochroneLoader.Load([Path.Combine(files.Directory, "grid"), extra]);

        // Folder in ordinal name order (basti, mist, parsec), then the extra file.
        Assert.Equal([4, 4, 4, 4, 3, 3], all.Select(i => i.Count));
        Assert.Equal(-0.08, all[0].MH);
        Assert.Equal(8.0, all[1].LogAge);
        Assert.Equal(7.0, all[3].LogAge);
        Assert.Equal(-1.35, all[^1].MH);
    }

    [Fact]
    public void Read_ForcedWrongFormat_FailsWithLocation()
    {
        var e = Assert.Throws<InputException>(() => IsochroneReader.Read(Fixture("basti_3000myr.isc_gaia-dr3-new"), new IsochroneReadOptions { Format = IsochroneFormat.Parsec }));

        Assert.Contains("Zini", e.Message);
    }

    [Fact]
    public void Load_MissingPath_FailsNamingIt()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-isochrones-" + Guid.NewGuid());

        CsvFiles.AssertInputError(() => IsochroneLoader.Load([path]), path, null, null);
    }
}
