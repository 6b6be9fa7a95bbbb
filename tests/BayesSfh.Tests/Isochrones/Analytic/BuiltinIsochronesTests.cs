using BayesSfh.Isochrones;
using BayesSfh.Isochrones.Analytic;
using Xunit;

namespace BayesSfh.Tests.Isochrones.Analytic;

public class BuiltinIsochronesTests
{
    private static readonly double[] LogAges = [7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 10.1];
    private static readonly double[] Metallicities = [-2.0, -1.5, -1.0, -0.5, 0.0, 0.3];
    private static readonly Lazy<Isochrone[,]> Grid = new(() => BuiltinIsochrones.CreateGrid(LogAges, Metallicities));

    // Turnoff: the bluest main-sequence point (smallest B−V) of the isochrone.
    private static (double V, double BMinusV) Turnoff(Isochrone iso)
    {
        var v = iso.Magnitudes("V");
        var b = iso.Magnitudes("B");
        int best = -1;
        for (int i = 0; i < iso.Count; i++)
            if (iso.Phases[i] == EvolutionaryPhase.MainSequence && (best < 0 || b[i] - v[i] < b[best] - v[best])) best = i;
        return (v[best], b[best] - v[best]);
    }

    // Colour of the RGB at a given M_V (interpolated along the RGB points).
    private static double RgbColourAtMv(Isochrone iso, double mv)
    {
        var v = iso.Magnitudes("V");
        var b = iso.Magnitudes("B");
        for (int i = 1; i < iso.Count; i++)
            if (iso.Phases[i] == EvolutionaryPhase.RedGiantBranch && iso.Phases[i - 1] == EvolutionaryPhase.RedGiantBranch
                && v[i - 1] >= mv && v[i] <= mv)
            {
                double w = (v[i - 1] - mv) / (v[i - 1] - v[i]);
                return (b[i - 1] - v[i - 1]) + w * ((b[i] - v[i]) - (b[i - 1] - v[i - 1]));
            }
        return double.NaN;
    }

    [Fact]
    public void Grid_AllValuesFinite_MassesNonDecreasing_AllUbvriFilters()
    {
        foreach (var iso in Grid.Value)
        {
            Assert.Equal(BuiltinIsochrones.SourceName, iso.Source);
            foreach (string filter in new[] { "U", "B", "V", "R", "I" })
                Assert.All(iso.Magnitudes(filter), m => Assert.True(double.IsFinite(m)));
            Assert.All(iso.LogLuminosity!, x => Assert.True(double.IsFinite(x)));
            Assert.All(iso.LogEffectiveTemperature!, x => Assert.True(double.IsFinite(x)));
            for (int i = 1; i < iso.Count; i++) Assert.True(iso.InitialMass[i] >= iso.InitialMass[i - 1]);
            Assert.Equal(EvolutionaryPhase.MainSequence, iso.Phases[0]);
            Assert.True(iso.MetalMassFraction is > 0 and <= 0.03);
        }
    }

    [Fact]
    public void Turnoff_GetsFainterAndRedderWithAge()
    {
        for (int k = 0; k < Metallicities.Length; k++)
            for (int j = 1; j < LogAges.Length; j++)
            {
                var younger = Turnoff(Grid.Value[j - 1, k]);
                var older = Turnoff(Grid.Value[j, k]);
                Assert.True(older.V > younger.V, $"[M/H] {Metallicities[k]}, log age {LogAges[j]}: V {older.V} vs {younger.V}");
                Assert.True(older.BMinusV > younger.BMinusV, $"[M/H] {Metallicities[k]}, log age {LogAges[j]}: B−V {older.BMinusV} vs {younger.BMinusV}");
            }
    }

    // Hurley et al.'s coefficients switch branches at Z = 0.004 and 0.01, so between neighbouring [M/H] steps of 0.5 dex
    // the turnoff colour is only monotonic to within 0.01 mag (10 Gyr: −1.0 → −0.5 changes B−V by −0.004); over the
    // whole range it reddens by more than 0.05 mag at every age (0.15 mag from 1 Gyr; hot turnoffs have compressed B−V).
    [Fact]
    public void MetalPoorIsochrones_HaveBluerTurnoff_AtAllAges()
    {
        int last = Metallicities.Length - 1;
        for (int j = 0; j < LogAges.Length; j++)
        {
            for (int k = 1; k <= last; k++)
                Assert.True(Turnoff(Grid.Value[j, k - 1]).BMinusV < Turnoff(Grid.Value[j, k]).BMinusV + 0.01, $"log age {LogAges[j]}, [M/H] {Metallicities[k]}");
            Assert.True(Turnoff(Grid.Value[j, last]).BMinusV - Turnoff(Grid.Value[j, 0]).BMinusV > (LogAges[j] >= 9 ? 0.15 : 0.05), $"log age {LogAges[j]}: full range");
        }
    }

    // From ~3 Gyr on (turnoff masses ≲ 1.4 M☉) lower opacity makes metal-poor turnoffs brighter in V. For younger,
    // hotter turnoffs the larger bolometric correction of the hotter metal-poor turnoff can make it fainter in V
    // (1 Gyr: [M/H] −2 vs −1.5), so V is asserted from log age 9.5 and log L from log age 9.
    [Fact]
    public void MetalPoorIsochrones_HaveBrighterTurnoff_FromOneGyr()
    {
        for (int j = 0; j < LogAges.Length; j++)
        {
            if (LogAges[j] < 9.0) continue;
            for (int k = 1; k < Metallicities.Length; k++)
            {
                var poorer = Grid.Value[j, k - 1];
                var richer = Grid.Value[j, k];
                if (LogAges[j] >= 9.5)
                    Assert.True(BrightestMainSequenceV(poorer) < BrightestMainSequenceV(richer), $"log age {LogAges[j]}, [M/H] {Metallicities[k]}: V");
                Assert.True(MainSequenceMaxLogL(poorer) > MainSequenceMaxLogL(richer), $"log age {LogAges[j]}, [M/H] {Metallicities[k]}: log L");
            }
        }
    }

    private static double BrightestMainSequenceV(Isochrone iso)
    {
        var v = iso.Magnitudes("V");
        double best = double.PositiveInfinity;
        for (int i = 0; i < iso.Count; i++)
            if (iso.Phases[i] == EvolutionaryPhase.MainSequence) best = Math.Min(best, v[i]);
        return best;
    }

    private static double MainSequenceMaxLogL(Isochrone iso)
    {
        double best = double.NegativeInfinity;
        for (int i = 0; i < iso.Count; i++)
            if (iso.Phases[i] == EvolutionaryPhase.MainSequence) best = Math.Max(best, iso.LogLuminosity![i]);
        return best;
    }

    [Fact]
    public void RedGiantBranch_IsRedderAtHigherMetallicity()
    {
        foreach (int j in new[] { 5, 6, 7 }) // 3, 10, 12.6 Gyr
        {
            double previous = double.NegativeInfinity;
            for (int k = 0; k < Metallicities.Length; k++)
            {
                double colour = RgbColourAtMv(Grid.Value[j, k], 1.0);
                Assert.True(double.IsFinite(colour), $"no RGB at M_V = 1 for log age {LogAges[j]}, [M/H] {Metallicities[k]}");
                Assert.True(colour > previous, $"log age {LogAges[j]}, [M/H] {Metallicities[k]}: {colour} vs {previous}");
                previous = colour;
            }
        }
    }

    [Fact]
    public void OldSolarIsochrone_HasPlausibleShape()
    {
        var iso = Grid.Value[6, 4]; // 10 Gyr, [M/H] = 0
        var turnoff = Turnoff(iso);
        var v = iso.Magnitudes("V");

        Assert.InRange(turnoff.V, 3.6, 4.6);          // old solar turnoff M_V ≈ 4
        Assert.InRange(turnoff.BMinusV, 0.5, 0.8);
        Assert.Contains(EvolutionaryPhase.SubgiantBranch, iso.Phases);
        Assert.Contains(EvolutionaryPhase.RedGiantBranch, iso.Phases);
        Assert.InRange(v.Min(), -3.5, -0.5);           // RGB tip in V (bolometric tip ≈ −3.6, large BC)
        Assert.InRange(iso.LogLuminosity!.Max(), 3.2, 3.6);
    }

    [Fact]
    public void Isochrone_IsDenseWhereTheCmdMovesFast()
    {
        var iso = Grid.Value[6, 1];
        var v = iso.Magnitudes("V");
        var b = iso.Magnitudes("B");
        for (int i = 1; i < iso.Count; i++)
        {
            if (iso.Phases[i] == EvolutionaryPhase.MainSequence && iso.InitialMass[i] < 0.3) continue; // steep M-dwarf end
            double step = Math.Sqrt(Math.Pow(v[i] - v[i - 1], 2) + Math.Pow(b[i] - v[i] - b[i - 1] + v[i - 1], 2));
            Assert.True(step < 0.25, $"point {i} ({iso.Phases[i]}): step {step}");
        }
    }

    [Fact]
    public void Create_MatchesGridEntry()
    {
        var single = BuiltinIsochrones.Create(9.5, -1.0);
        var fromGrid = Grid.Value[5, 2];

        Assert.Equal(fromGrid.InitialMass, single.InitialMass);
        Assert.Equal(fromGrid.Magnitudes("V"), single.Magnitudes("V"));
    }

    [Fact]
    public void Options_RestrictPhases()
    {
        var msOnly = BuiltinIsochrones.Create(9.5, 0, new BuiltinIsochroneOptions { IncludeSubgiantBranch = false, IncludeRedGiantBranch = false });
        var noRgb = BuiltinIsochrones.Create(9.5, 0, new BuiltinIsochroneOptions { IncludeRedGiantBranch = false });

        Assert.All(msOnly.Phases, p => Assert.Equal(EvolutionaryPhase.MainSequence, p));
        Assert.DoesNotContain(EvolutionaryPhase.RedGiantBranch, noRgb.Phases);
        Assert.Contains(EvolutionaryPhase.SubgiantBranch, noRgb.Phases);
        Assert.Equal(new BuiltinIsochroneOptions().MainSequencePoints, msOnly.Count);
    }

    [Theory]
    [InlineData(nameof(BuiltinIsochroneOptions.MinimumMass))]
    [InlineData(nameof(BuiltinIsochroneOptions.MaximumMass))]
    [InlineData(nameof(BuiltinIsochroneOptions.MainSequencePoints))]
    [InlineData(nameof(BuiltinIsochroneOptions.SubgiantPoints))]
    [InlineData(nameof(BuiltinIsochroneOptions.GiantBranchPoints))]
    [InlineData(nameof(BuiltinIsochroneOptions.IncludeRedGiantBranch))]
    [InlineData(nameof(BuiltinIsochroneOptions.CoreHeliumBurningPoints))]
    public void Options_Invalid_ThrowNamingTheSetting(string name)
    {
        var options = name switch
        {
            nameof(BuiltinIsochroneOptions.MinimumMass) => new BuiltinIsochroneOptions { MinimumMass = 0.05 },
            nameof(BuiltinIsochroneOptions.MaximumMass) => new BuiltinIsochroneOptions { MaximumMass = 150 },
            nameof(BuiltinIsochroneOptions.MainSequencePoints) => new BuiltinIsochroneOptions { MainSequencePoints = 3 },
            nameof(BuiltinIsochroneOptions.SubgiantPoints) => new BuiltinIsochroneOptions { SubgiantPoints = 1 },
            nameof(BuiltinIsochroneOptions.GiantBranchPoints) => new BuiltinIsochroneOptions { GiantBranchPoints = 0 },
            nameof(BuiltinIsochroneOptions.CoreHeliumBurningPoints) => new BuiltinIsochroneOptions { CoreHeliumBurningPoints = 1 },
            _ => new BuiltinIsochroneOptions { IncludeSubgiantBranch = false },
        };

        var ex = Assert.Throws<ArgumentException>(() => BuiltinIsochrones.Create(9, 0, options));
        Assert.Equal(name, ex.ParamName);
    }

    [Theory]
    [InlineData(6.0, 0.0, "logAge")]
    [InlineData(10.5, 0.0, "logAge")]
    [InlineData(double.NaN, 0.0, "logAge")]
    [InlineData(9.0, -2.5, "mh")]
    [InlineData(9.0, 0.5, "mh")]
    [InlineData(9.0, double.NaN, "mh")]
    public void Create_OutsideValidRange_Throws(double logAge, double mh, string parameter)
    {
        var ex = Assert.Throws<ArgumentException>(() => BuiltinIsochrones.Create(logAge, mh));
        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void MetalFraction_UsesProjectSolarScaling_AndCoversTheFitRange()
    {
        Assert.Equal(BayesSfh.Metallicity.SolarScaling.SolarZ, BuiltinIsochrones.MetalFraction(0), 12);
        Assert.InRange(BuiltinIsochrones.MinimumMetallicity, -2.3, -2.0);
        Assert.InRange(BuiltinIsochrones.MaximumMetallicity, 0.3, 0.35);
    }

    [Fact]
    public void MinimumMassAlreadyEvolved_Throws()
    {
        var options = new BuiltinIsochroneOptions { MinimumMass = 3 };

        Assert.Throws<ArgumentException>(() => BuiltinIsochrones.Create(10, 0, options));
    }
}

public class BuiltinIsochronesClumpTests
{
    private static readonly BuiltinIsochroneOptions WithClump = new() { IncludeCoreHeliumBurning = true };

    private static int[] ClumpIndices(Isochrone iso) =>
        Enumerable.Range(0, iso.Count).Where(i => iso.Phases[i] == EvolutionaryPhase.CoreHeliumBurning).ToArray();

    [Fact]
    public void Default_HasNoClump()
    {
        Assert.Empty(ClumpIndices(BuiltinIsochrones.Create(10, 0)));
    }

    [Fact]
    public void OldSolarIsochrone_HasRedClumpNearObservedPosition()
    {
        var iso = BuiltinIsochrones.Create(10, 0, WithClump);
        var clump = ClumpIndices(iso);
        var v = iso.Magnitudes("V");
        var b = iso.Magnitudes("B");

        Assert.Equal(WithClump.CoreHeliumBurningPoints, clump.Length);
        Assert.Equal(iso.Count - 1, clump[^1]);                                  // clump follows the RGB tip
        Assert.Equal(EvolutionaryPhase.RedGiantBranch, iso.Phases[clump[0] - 1]);
        Assert.All(clump, i => Assert.InRange(v[i], 0.2, 1.2));               // observed red clump M_V ≈ +0.5…+0.8
        Assert.All(clump, i => Assert.InRange(b[i] - v[i], 0.9, 1.2));        // B−V ≈ 1.0
        for (int i = 1; i < iso.Count; i++) Assert.True(iso.InitialMass[i] >= iso.InitialMass[i - 1]);
    }

    [Fact]
    public void Clump_IsBluerAtLowerMetallicity()
    {
        double MeanColour(double mh)
        {
            var iso = BuiltinIsochrones.Create(10, mh, WithClump);
            var clump = ClumpIndices(iso);
            Assert.NotEmpty(clump);
            return clump.Average(i => iso.Magnitudes("B")[i] - iso.Magnitudes("V")[i]);
        }

        Assert.True(MeanColour(-2) < MeanColour(-1));
        Assert.True(MeanColour(-1) < MeanColour(0));
    }

    [Fact]
    public void IntermediateMassTurnoff_HasNoDegenerateClump()
    {
        // At 1 Gyr and solar [M/H] the giants are above M_HeF (non-degenerate ignition), which the clump does not model.
        Assert.Empty(ClumpIndices(BuiltinIsochrones.Create(9, 0, WithClump)));
    }

    [Fact]
    public void ClumpWithoutGiantBranch_IsRejected()
    {
        var options = new BuiltinIsochroneOptions { IncludeCoreHeliumBurning = true, IncludeRedGiantBranch = false };

        var ex = Assert.Throws<ArgumentException>(() => BuiltinIsochrones.Create(10, 0, options));
        Assert.Equal(nameof(BuiltinIsochroneOptions.IncludeCoreHeliumBurning), ex.ParamName);
    }
}
