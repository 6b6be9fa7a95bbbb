using BayesSfh.IO;
using BayesSfh.Isochrones;
using Xunit;
using static BayesSfh.Tests.Isochrones.IsochroneFixtures;

namespace BayesSfh.Tests.Isochrones;

/// <summary>The three readers on hand-made fixtures in the real layouts: values, phases, block splitting, mass order.</summary>
public class IsochroneReaderTests
{
    [Fact]
    public void Mist_TwoBlocks_ReadsAgesMetallicityFiltersAndPhases()
    {
        var isochrones = MistIsochroneReader.Read(MistTwoAges);

        Assert.Equal(2, isochrones.Count);
        var (young, old) = (isochrones[0], isochrones[1]);
        Assert.Equal((9.0, 10.0), (young.LogAge, old.LogAge));
        Assert.All(isochrones, i => Assert.Equal(-1.0, i.MH));
        Assert.All(isochrones, i => Assert.Equal(1.48310e-3, i.MetalMassFraction));
        Assert.Equal(["ACS_WFC_F475W", "ACS_WFC_F814W"], young.Filters.Order());
        Assert.Equal([0.1, 0.5, 1.5, 1.8, 1.81], young.InitialMass);
        Assert.Equal([14.1, 8.5, 2.6, 0.9, 0.7], young.Magnitudes("ACS_WFC_F475W"));
        Assert.Equal([-2.9, -1.2, 0.7, 1.9, 1.7], young.LogLuminosity!);
        Assert.Equal(3.85, young.LogEffectiveTemperature![2]);
        Assert.Equal([EvolutionaryPhase.PreMainSequence, EvolutionaryPhase.MainSequence, EvolutionaryPhase.MainSequence,
            EvolutionaryPhase.RedGiantBranch, EvolutionaryPhase.CoreHeliumBurning], young.Phases);
        // The second block skips EEP 302 (declared 6 = EEP span 300–305, 5 rows).
        Assert.Equal(5, old.Count);
        Assert.Equal([EvolutionaryPhase.EarlyAsymptoticGiantBranch, EvolutionaryPhase.PostAsymptoticGiantBranch], old.Phases.Skip(3));
        Assert.EndsWith("mist-two-ages.iso.cmd:11", young.Source);
        Assert.EndsWith("mist-two-ages.iso.cmd:21", old.Source);
    }

    [Fact]
    public void Mist_LinearAgeColumn_IsConvertedToLog10()
    {
        var isochrone = Assert.Single(IsochroneReader.Read(MistLinearAge));

        Assert.Equal(Math.Log10(1.2e10), isochrone.LogAge, 1e-14);
        Assert.Equal(-1.35, isochrone.MH);
        Assert.Equal(["PS_g", "PS_r"], isochrone.Filters.Order());
    }

    [Fact]
    public void Mist_AlphaEnhancedHeader_UsesSalarisCorrection()
    {
        var lines = WithLine(MistLinearAge, 6, l => l.Replace("0.00     0.40", "0.40     0.40"));

        var isochrone = Assert.Single(MistIsochroneReader.Parse(lines, "alpha.iso.cmd"));

        // [M/H] = [Fe/H] + log10(0.638·10^0.4 + 0.362) (Salaris, Chieffi & Straniero 1993).
        Assert.Equal(-1.35 + Math.Log10(0.638 * Math.Pow(10, 0.4) + 0.362), isochrone.MH, 1e-14);
    }

    [Fact]
    public void Parsec_Cmd34_SplitsAtHeaderLinesAndAtMetallicityChanges()
    {
        var isochrones = ParsecIsochroneReader.Read(ParsecCmd34);

        Assert.Equal(3, isochrones.Count);
        Assert.Equal([(8.0, -1.49213), (10.0, -1.49213), (10.0, 0.02408)], isochrones.Select(i => (i.LogAge, i.MH)));
        Assert.Equal([0.0005, 0.0005, 0.0155], isochrones.Select(i => i.MetalMassFraction!.Value));
        Assert.Equal(["Imag", "Vmag", "mbolmag"], isochrones[0].Filters.Order(StringComparer.Ordinal));
        // Repeated mass at the SGB/RGB boundary is kept, in file order.
        Assert.Equal([0.1, 0.5, 3.9, 4.1, 4.1, 4.2], isochrones[0].InitialMass);
        Assert.Equal([EvolutionaryPhase.PreMainSequence, EvolutionaryPhase.MainSequence, EvolutionaryPhase.MainSequence,
            EvolutionaryPhase.SubgiantBranch, EvolutionaryPhase.RedGiantBranch, EvolutionaryPhase.CoreHeliumBurning], isochrones[0].Phases);
        Assert.Equal([-2.4, -2.9], isochrones[0].Magnitudes("Vmag").Skip(3).Take(2));
        Assert.EndsWith("parsec-cmd34.dat:9", isochrones[0].Source);
        Assert.EndsWith("parsec-cmd34.dat:21", isochrones[2].Source);
    }

    [Fact]
    public void Parsec_Cmd37_TinyMassDecreaseIsClampedAndLabelsMapIncludingTpAgbAndPostAgb()
    {
        var isochrones = IsochroneReader.Read(ParsecCmd37);

        Assert.Equal(2, isochrones.Count);
        var first = isochrones[0];
        Assert.Equal(5.2334995270, first.InitialMass[2]);
        Assert.Equal(5.2334995270, first.InitialMass[3]); // was 5.2334990501 (9·10⁻⁸ relative decrease: rounding)
        Assert.Equal([EvolutionaryPhase.ThermallyPulsingAsymptoticGiantBranch, EvolutionaryPhase.ThermallyPulsingAsymptoticGiantBranch,
            EvolutionaryPhase.PostAsymptoticGiantBranch], first.Phases.Skip(2));
        Assert.Equal(["G_BPmag", "G_RPmag", "Gmag", "mbolmag"], first.Filters.Order(StringComparer.Ordinal));
        Assert.Equal((8.25, -0.17553, 0.01), (isochrones[1].LogAge, isochrones[1].MH, isochrones[1].MetalMassFraction!.Value));
    }

    [Fact]
    public void Parsec_TinyMassDecrease_WithZeroTolerance_IsAnErrorAtItsLine()
    {
        var error = Assert.Throws<InputException>(() =>
            IsochroneReader.Read(ParsecCmd37, new IsochroneReadOptions { MassDecreaseTolerance = 0 }));

        Assert.Equal((9, "Mini"), (error.Line, error.Column));
        Assert.Contains("decreases from 5.233499527 (line 8) to 5.2334990501", error.Message);
    }

    [Fact]
    public void Parsec_WithoutMhColumn_ComputesMhFromZini()
    {
        var lines = Lines(ParsecCmd34)
            .Select(l => l.StartsWith("# Zini", StringComparison.Ordinal) ? l.Replace("Zini     MH", "Zini") :
                l.StartsWith('#') ? l : string.Join(" ", l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where((_, k) => k != 1)))
            .ToArray();

        var isochrones = ParsecIsochroneReader.Parse(lines, "no-mh.dat");

        Assert.Equal(-1.49213, isochrones[0].MH, 5e-6);
        Assert.Equal(0.02408, isochrones[2].MH, 5e-6);
    }

    [Fact]
    public void Parsec_HeaderWithoutHash_IsAccepted()
    {
        // PANCAKE-style copies: the column-name line has no leading '#', no CMD banner.
        var lines = Lines(ParsecCmd34).Where(l => !l.StartsWith('#') || l.StartsWith("# Zini", StringComparison.Ordinal))
            .Select(l => l.StartsWith("# Zini", StringComparison.Ordinal) ? l[2..] : l).ToArray();

        Assert.Equal(IsochroneFormat.Parsec, IsochroneReader.DetectFormat(lines));
        Assert.Equal(3, IsochroneReader.Parse(lines, "pancake.dat").Count);
    }

    [Fact]
    public void Basti_ReadsHeaderAgeMetallicityAndFilters()
    {
        var isochrone = Assert.Single(BastiIsochroneReader.Read(Basti));

        Assert.Equal(Math.Log10(30e6), isochrone.LogAge, 1e-14);
        Assert.Equal(-0.080, isochrone.MH);
        Assert.Equal(0.01258, isochrone.MetalMassFraction);
        Assert.Equal(["G", "G_BP", "G_RP", "G_RVS"], isochrone.Filters.Order(StringComparer.Ordinal));
        Assert.Equal([0.1, 0.5, 2.0, 6.0, 6.2], isochrone.InitialMass);
        Assert.Equal([3.432, 3.6, 3.98, 4.25, 3.6], isochrone.LogEffectiveTemperature!);
        Assert.All(isochrone.Phases, p => Assert.Equal(EvolutionaryPhase.Unknown, p));
    }

    [Fact]
    public void Basti_TwoHeaderBlocksInOneFile_GiveTwoIsochrones()
    {
        var lines = Lines(Basti);
        var second = lines.Select(l => l.Replace("Age (Myr) = 30.000", "Age (Myr) = 40.000")).Skip(4).ToArray();

        var isochrones = BastiIsochroneReader.Parse([.. lines, .. second], "two.isc");

        Assert.Equal([Math.Log10(30e6), Math.Log10(40e6)], isochrones.Select(i => i.LogAge));
    }

    [Theory]
    [InlineData("mist-two-ages.iso.cmd", IsochroneFormat.Mist)]
    [InlineData("mist-linear-age.iso.cmd", IsochroneFormat.Mist)]
    [InlineData("parsec-cmd34.dat", IsochroneFormat.Parsec)]
    [InlineData("parsec-cmd37.dat", IsochroneFormat.Parsec)]
    [InlineData("30z132y264p00o0d0e0.isc_gaia-dr3-new", IsochroneFormat.Basti)]
    public void DetectFormat_RecognisesEachLayout(string name, IsochroneFormat expected)
    {
        string path = File.Exists(Path.Combine(Folder, name)) ? Path.Combine(Folder, name) : Path.Combine(Grid, name);

        Assert.Equal(expected, IsochroneReader.DetectFormat(Lines(path)));
    }

    [Fact]
    public void Read_ForcedFormat_OverridesDetection()
    {
        // Forcing the right format reads a file detection cannot place; forcing the wrong one fails clearly.
        var bare = Lines(Basti).Where(l => !l.Contains("BaSTI", StringComparison.Ordinal)).ToArray();
        Assert.Single(IsochroneReader.Parse(bare, "bare.isc", new IsochroneReadOptions { Format = IsochroneFormat.Basti }));

        var error = Assert.Throws<InputException>(() => IsochroneReader.Read(ParsecCmd34, new IsochroneReadOptions { Format = IsochroneFormat.Mist }));
        Assert.Contains("[Fe/H]", error.Message);
    }

    [Fact]
    public void Options_InvalidTolerance_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsochroneReadOptions { MassDecreaseTolerance = -1e-9 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsochroneReadOptions { MassDecreaseTolerance = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsochroneReadOptions { MassDecreaseTolerance = 0.5 });
    }

    [Fact]
    public void Loader_Folder_ReadsEveryIsochroneFileAndSkipsNotes()
    {
        var files = IsochroneLoader.ListFiles([Grid]);
        var isochrones = IsochroneLoader.Load([Grid, MistLinearAge]);

        Assert.Equal(["30z132y264p00o0d0e0.isc_gaia-dr3-new", "mist-two-ages.iso.cmd", "parsec-cmd34.dat"], files.Select(Path.GetFileName));
        Assert.Equal(1 + 2 + 3 + 1, isochrones.Count);
        Assert.Equal([7.477, 9.0, 10.0, 8.0, 10.0, 10.0, 10.079], isochrones.Select(i => Math.Round(i.LogAge, 3)));
    }

    [Fact]
    public void Loader_MissingPathOrEmptyFolder_IsAnInputError()
    {
        string empty = Directory.CreateTempSubdirectory("iso-empty-").FullName;
        try
        {
            Assert.Contains("no such file or folder", Assert.Throws<InputException>(() => IsochroneLoader.Load([Path.Combine(Folder, "absent")])).Message);
            Assert.Contains("holds no isochrone files", Assert.Throws<InputException>(() => IsochroneLoader.Load([empty])).Message);
            Assert.Throws<ArgumentException>(() => IsochroneLoader.Load([]));
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
