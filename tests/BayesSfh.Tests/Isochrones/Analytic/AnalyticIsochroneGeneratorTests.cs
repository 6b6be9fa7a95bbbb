using BayesSfh.Isochrones;
using BayesSfh.Isochrones.Analytic;
using Xunit;

namespace BayesSfh.Tests.Isochrones.Analytic;

public class AnalyticIsochroneGeneratorTests
{
    private static readonly AnalyticIsochroneGenerator Generator = new();

    // The property grid: 20 log ages 7 … 10.1 and 12 [M/H] −2 … +0.3.
    private static readonly double[] LogAges = Enumerable.Range(0, 20).Select(i => 7.0 + 3.1 * i / 19).ToArray();
    private static readonly double[] Metallicities = Enumerable.Range(0, 12).Select(i => -2.0 + 2.3 * i / 11).ToArray();
    private static readonly Lazy<IReadOnlyList<Isochrone>> Grid = new(() => Generator.Generate(LogAges, Metallicities));

    private static Isochrone At(int age, int mh) => Grid.Value[age * Metallicities.Length + mh];

    [Fact]
    public void Generate_WholeGrid_WellFormedIsochrones()
    {
        for (int j = 0; j < LogAges.Length; j++)
            for (int k = 0; k < Metallicities.Length; k++)
            {
                var iso = At(j, k);
                string where = $"log t {LogAges[j]:F2}, [M/H] {Metallicities[k]:F2}";
                Assert.Equal(LogAges[j], iso.LogAge);
                Assert.Equal(Metallicities[k], iso.MH);
                Assert.Equal(Generator.Chemistry.ZFromMH(Metallicities[k]), iso.MetalMassFraction!.Value, 15);
                Assert.Equal(AnalyticIsochroneGenerator.SourceName, iso.Source);
                Assert.Equal(["B", "I", "R", "U", "V"], iso.Filters.Order());
                Assert.InRange(iso.Count, 100, Generator.Options.MaxPoints - 1);
                Assert.Equal(0.1, iso.InitialMass[0]);
                for (int i = 0; i < iso.Count; i++)
                {
                    Assert.True(double.IsFinite(iso.LogLuminosity![i]) && double.IsFinite(iso.LogEffectiveTemperature![i]), where);
                    Assert.InRange(iso.LogEffectiveTemperature[i], 3.4, 4.8);
                    Assert.NotEqual(EvolutionaryPhase.Unknown, iso.Phases[i]);
                    if (i > 0)
                    {
                        Assert.True(iso.InitialMass[i] > iso.InitialMass[i - 1], $"{where}: masses must increase at {i}");
                        Assert.True(iso.Phases[i] >= iso.Phases[i - 1] || iso.Phases[i - 1] == EvolutionaryPhase.EarlyAsymptoticGiantBranch,
                            $"{where}: {iso.Phases[i - 1]} → {iso.Phases[i]}");
                    }
                }
                Assert.Equal(EvolutionaryPhase.MainSequence, iso.Phases[0]);
                if (LogAges[j] >= 8.2) Assert.Contains(EvolutionaryPhase.RedGiantBranch, iso.Phases);
                Assert.Contains(EvolutionaryPhase.CoreHeliumBurning, iso.Phases);
            }
    }

    [Fact]
    public void Generate_WholeGrid_NeighboursWithinAPhaseAreCloseInTheHrDiagram()
    {
        var options = Generator.Options;
        foreach (var iso in Grid.Value)
            for (int i = 1; i < iso.Count; i++)
            {
                if (iso.Phases[i] != iso.Phases[i - 1]) continue;
                double dLogL = Math.Abs(iso.LogLuminosity![i] - iso.LogLuminosity[i - 1]);
                double dLogT = Math.Abs(iso.LogEffectiveTemperature![i] - iso.LogEffectiveTemperature[i - 1]);
                bool tiny = iso.InitialMass[i] - iso.InitialMass[i - 1] <= 2e-12 * iso.InitialMass[i];
                Assert.True(tiny || (dLogL <= options.MaxLogLuminosityStep && dLogT <= options.MaxLogTeffStep * 1.0000001),
                    $"log t {iso.LogAge}, [M/H] {iso.MH}, M {iso.InitialMass[i]}: ΔlogL {dLogL}, ΔlogT {dLogT}");
            }
    }

    [Theory]
    [InlineData(7.3, -1.0)]
    [InlineData(8.6, 0.0)]
    [InlineData(9.2, -0.5)]
    [InlineData(9.9, -1.8)]
    [InlineData(10.1, 0.25)]
    public void Generate_LinearInterpolationInMass_StaysOnTheIsochrone(double logAge, double mh)
    {
        // What a template builder does: interpolate magnitudes linearly in initial mass between neighbours.
        var iso = Generator.Generate(logAge, mh);
        var model = Generator.Model(mh);
        Span<double> exact = stackalloc double[5];
        double worst = 0;
        for (int i = 1; i < iso.Count; i++)
        {
            if (iso.Phases[i] != iso.Phases[i - 1]) continue;
            double m0 = iso.InitialMass[i - 1], m1 = iso.InitialMass[i], mid = 0.5 * (m0 + m1);
            Assert.True(model.TryEvaluate(mid, Math.Pow(10, logAge), out var star));
            double logT = star.LogEffectiveTemperature();
            double logG = 4.438 + Math.Log10(mid) - 2 * Math.Log10(star.Radius);
            JohnsonCousinsPhotometry.AbsoluteMagnitudes(star.LogLuminosity, logT, logG, exact);
            double v = 0.5 * (iso.Magnitudes("V")[i - 1] + iso.Magnitudes("V")[i]);
            double bv = 0.5 * (iso.Magnitudes("B")[i - 1] - iso.Magnitudes("V")[i - 1] + iso.Magnitudes("B")[i] - iso.Magnitudes("V")[i]);
            worst = Math.Max(worst, Math.Max(Math.Abs(v - exact[2]), Math.Abs(bv - (exact[1] - exact[2]))));
        }
        Assert.True(worst < 0.05, $"largest interpolation error {worst:F3} mag");
    }

    [Fact]
    public void Generate_Turnoff_FainterAndRedderWithAge()
    {
        for (int k = 0; k < Metallicities.Length; k++)
            for (int j = 1; j < LogAges.Length; j++)
            {
                var (young, old) = (At(j - 1, k), At(j, k));
                string where = $"[M/H] {Metallicities[k]:F2}, log t {LogAges[j - 1]:F2} → {LogAges[j]:F2}";
                Assert.True(BluestMainSequenceColour(old) >= BluestMainSequenceColour(young), $"{where}: bluest B−V");
                Assert.True(EndOfMainSequence(old).LogL < EndOfMainSequence(young).LogL, $"{where}: log L at the turnoff");
                Assert.True(EndOfMainSequence(old).Mass < EndOfMainSequence(young).Mass, where);
                var (y, o) = (UpperMainSequence(young), UpperMainSequence(old));
                Assert.True(o.V > y.V, $"{where}: V {y.V:F3} → {o.V:F3}");
                Assert.True(o.BMinusV > y.BMinusV, $"{where}: B−V {y.BMinusV:F3} → {o.BMinusV:F3}");
            }
    }

    [Fact]
    public void Generate_FixedAge_MetalPoorBluerAndOldTurnoffBrighter()
    {
        for (int j = 0; j < LogAges.Length; j++)
            for (int k = 1; k < Metallicities.Length; k++)
            {
                var (poor, rich) = (UpperMainSequence(At(j, k - 1)), UpperMainSequence(At(j, k)));
                string where = $"log t {LogAges[j]:F2}, [M/H] {Metallicities[k - 1]:F2} → {Metallicities[k]:F2}";
                // The main-sequence fits wobble in Z near the hook: the upper-MS colour can reverse by ≤ 0.05 mag between
                // neighbouring [M/H] (worst at ≈ 1.3 Gyr, [M/H] ≈ −1.7); the overall trend is checked below.
                Assert.True(rich.BMinusV > poor.BMinusV - 0.06, $"{where}: upper-MS B−V {poor.BMinusV:F3} vs {rich.BMinusV:F3}");
                // Lower main sequence at M_V = 6: the Tout et al. ZAMS hardly changes below Z ≈ 3e-4 (colours have no
                // line-blanketing term), so require no reversal between neighbours and a clear shift over 0.62 dex.
                Assert.True(LowerMainSequenceColour(At(j, k)) > LowerMainSequenceColour(At(j, k - 1)) - 0.005, $"{where}: B−V at M_V = 6");
                if (k >= 3) Assert.True(LowerMainSequenceColour(At(j, k)) > LowerMainSequenceColour(At(j, k - 3)) + 0.01, $"{where}: B−V at M_V = 6");
                // The metal-poor turnoff is brighter in L from ≈ 1 Gyr on, and in V from ≈ 4 Gyr on. Younger, the turnoff
                // log L hardly depends on Z (brighter stars, but a lower turnoff mass) and the hotter metal-poor turnoff's
                // larger |BC_V| can make it slightly fainter in V: there require only |ΔV| < 0.3 mag per 0.21 dex.
                if (LogAges[j] >= 9.0)
                    Assert.True(EndOfMainSequence(At(j, k)).LogL < EndOfMainSequence(At(j, k - 1)).LogL, $"{where}: turnoff log L");
                if (LogAges[j] >= 9.6) Assert.True(rich.V > poor.V - 0.015, $"{where}: V {poor.V:F3} vs {rich.V:F3}");
                else Assert.True(Math.Abs(rich.V - poor.V) < 0.3, $"{where}: V {poor.V:F3} vs {rich.V:F3}");
            }
        for (int j = 0; j < LogAges.Length; j++)
        {
            var (poorest, richest) = (UpperMainSequence(At(j, 0)), UpperMainSequence(At(j, Metallicities.Length - 1)));
            if (LogAges[j] >= 9.0) Assert.True(richest.BMinusV > poorest.BMinusV + 0.15, $"log t {LogAges[j]:F2}: B−V range");
            if (LogAges[j] >= 9.6) Assert.True(richest.V > poorest.V + 0.3, $"log t {LogAges[j]:F2}: V range");
        }
    }

    [Fact]
    public void Generate_RedGiantBranch_RedderAtHigherMetallicity()
    {
        for (int j = 0; j < LogAges.Length; j++)
        {
            if (LogAges[j] < 9.3) continue;  // an extended RGB reaching M_V = 0
            double previous = double.NegativeInfinity;
            for (int k = 0; k < Metallicities.Length; k++)
            {
                double colour = RgbColourAtV(At(j, k), 0.0);
                Assert.True(colour > previous, $"log t {LogAges[j]:F2}, [M/H] {Metallicities[k]:F2}: B−V {colour:F3} after {previous:F3}");
                previous = colour;
            }
        }
    }

    [Fact]
    public void Generate_LowerMainSequence_IsTheZamsAndJoinsTheTurnoff()
    {
        foreach (int k in new[] { 0, 6, 11 })
        {
            var iso = At(LogAges.Length - 1, k);
            var model = Generator.Model(iso.MH);
            // 0.1 … 0.35 M☉ stars barely evolve in 12.6 Gyr: the isochrone there is the Tout et al. ZAMS (within 0.03 dex in L).
            for (int i = 0; i < iso.Count && iso.InitialMass[i] <= 0.35; i++)
                Assert.True(Math.Abs(iso.LogLuminosity![i] - Math.Log10(model.ZamsLuminosity(iso.InitialMass[i]))) < 0.03);
            // One unbroken main-sequence run from 0.1 M☉ to the turnoff mass.
            int lastMs = iso.Phases.ToList().LastIndexOf(EvolutionaryPhase.MainSequence);
            Assert.All(iso.Phases.Take(lastMs + 1), p => Assert.Equal(EvolutionaryPhase.MainSequence, p));
            Assert.Equal(1, iso.InitialMass[lastMs] / model.TurnoffMass(Math.Pow(10, iso.LogAge)), 9);
        }
    }

    [Fact]
    public void Generate_OneSolarMassNearZamsAndTheSun_SolarPhotometry()
    {
        var iso = Generator.Generate(9.66, Generator.Chemistry.MHFromZ(0.02));  // 4.57 Gyr at Hurley's solar Z = 0.02
        double v = Interpolate(iso, 1.0, "V"), bv = Interpolate(iso, 1.0, "B") - v;

        Assert.InRange(v, 4.6, 5.0);     // M_V,☉ = 4.81
        Assert.InRange(bv, 0.55, 0.75);  // (B−V)☉ = 0.65

        var young = Generator.Generate(7.0, 0.0);  // 1 M☉ close to the ZAMS
        double youngBv = Interpolate(young, 1.0, "B") - Interpolate(young, 1.0, "V");
        Assert.InRange(youngBv, 0.55, 0.75);
    }

    [Fact]
    public void Generate_MainSequenceOnly_StopsAtTheTurnoffMass()
    {
        var generator = new AnalyticIsochroneGenerator(new AnalyticIsochroneOptions { IncludePostMainSequence = false, MaxMass = 50 });

        var iso = generator.Generate(8.5, -0.7);

        Assert.All(iso.Phases, p => Assert.Equal(EvolutionaryPhase.MainSequence, p));
        Assert.Equal(1, iso.InitialMass[^1] / generator.Model(-0.7).TurnoffMass(Math.Pow(10, 8.5)), 9);
        var young = generator.Generate(6.0, 0);  // turnoff above MaxMass: the whole mass range is on the main sequence
        Assert.Equal(50, young.InitialMass[^1]);
    }

    [Fact]
    public void Generate_GridAndSingle_IdenticalResults()
    {
        var single = Generator.Generate(LogAges[13], Metallicities[4]);
        var fromGrid = At(13, 4);

        Assert.Equal(single.InitialMass, fromGrid.InitialMass);
        Assert.Equal(single.Magnitudes("I"), fromGrid.Magnitudes("I"));
        Assert.Equal(single.Phases, fromGrid.Phases);
    }

    [Fact]
    public void Generate_PointBudget_Respected()
    {
        var generator = new AnalyticIsochroneGenerator(new AnalyticIsochroneOptions { MaxPoints = 120, MaxLogLuminosityStep = 0.01 });

        var iso = generator.Generate(9.5, -1);

        Assert.InRange(iso.Count, 100, 120);
    }

    [Fact]
    public void MetalMassFraction_HurleyHeliumLaw_InvertsAndFixesTheSolarZ()
    {
        Assert.Equal(0.0152, Generator.MetalMassFraction(0), 15);
        foreach (double mh in new[] { -2.2, -1.0, 0.1, 0.32 })
        {
            double z = Generator.MetalMassFraction(mh);
            double x = 0.76 - 3 * z;  // X = 1 − Y − Z with Y = 0.24 + 2Z
            Assert.Equal(mh, Math.Log10(z / x) - Math.Log10(0.0152 / (0.76 - 3 * 0.0152)), 12);
        }
    }

    [Fact]
    public void MetalMassFraction_OutsideTheFits_ThrowsOrClamps()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Generator.Generate(9, 0.35));
        Assert.Equal("mh", e.ParamName);
        Assert.Contains("ClampMetallicity", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Generator.Generate(9, -2.3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Generator.Generate(9, double.NaN));

        var clamping = new AnalyticIsochroneGenerator(new AnalyticIsochroneOptions { ClampMetallicity = true });
        Assert.Equal(0.03, clamping.MetalMassFraction(0.35));
        Assert.Equal(1e-4, clamping.MetalMassFraction(-2.5));
        var iso = clamping.Generate(9, 0.35);
        Assert.Equal(0.35, iso.MH);
        Assert.Equal(0.03, iso.MetalMassFraction);
    }

    [Theory]
    [InlineData(5.9)]
    [InlineData(10.35)]
    [InlineData(double.NaN)]
    public void Generate_AgeOutsideRange_Throws(double logAge)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Generator.Generate(logAge, 0));
        Assert.Equal("logAge", e.ParamName);
    }

    public static TheoryData<AnalyticIsochroneOptions, string> InvalidOptions() => new()
    {
        { new AnalyticIsochroneOptions { MinMass = 0.05 }, "MinMass" },
        { new AnalyticIsochroneOptions { MinMass = 5, MaxMass = 4 }, "MinMass" },
        { new AnalyticIsochroneOptions { MaxMass = 120 }, "MaxMass" },
        { new AnalyticIsochroneOptions { MainSequencePoints = 3 }, "MainSequencePoints" },
        { new AnalyticIsochroneOptions { PhasePoints = 1 }, "PhasePoints" },
        { new AnalyticIsochroneOptions { MaxPoints = 20 }, "MaxPoints" },
        { new AnalyticIsochroneOptions { MaxLogLuminosityStep = 0 }, "MaxLogLuminosityStep" },
        { new AnalyticIsochroneOptions { MaxLogTeffStep = double.NaN }, "MaxLogTeffStep" },
        { new AnalyticIsochroneOptions { SolarEffectiveTemperature = 4000 }, "SolarEffectiveTemperature" },
        { new AnalyticIsochroneOptions { SolarMetalMassFraction = 0 }, "SolarMetalMassFraction" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Options_OutOfRange_ThrowNamingTheSetting(AnalyticIsochroneOptions options, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AnalyticIsochroneGenerator(options));
        Assert.Equal(name, e.ParamName);
    }

    private static double BluestMainSequenceColour(Isochrone iso)
    {
        var (b, v) = (iso.Magnitudes("B"), iso.Magnitudes("V"));
        double bluest = double.PositiveInfinity;
        for (int i = 0; i < iso.Count && iso.Phases[i] == EvolutionaryPhase.MainSequence; i++)
            if (iso.InitialMass[i] > 0.6) bluest = Math.Min(bluest, b[i] - v[i]);
        return bluest;
    }

    private static (double Mass, double LogL) EndOfMainSequence(Isochrone iso)
    {
        int last = iso.Phases.ToList().LastIndexOf(EvolutionaryPhase.MainSequence);
        return (iso.InitialMass[last], iso.LogLuminosity![last]);
    }

    /// <summary>V and B−V at 0.9 × the turnoff mass: the upper main sequence just below the turnoff, clear of the hook.</summary>
    private static (double V, double BMinusV) UpperMainSequence(Isochrone iso)
    {
        double mass = 0.9 * EndOfMainSequence(iso).Mass;
        double v = Interpolate(iso, mass, "V");
        return (v, Interpolate(iso, mass, "B") - v);
    }

    private static double LowerMainSequenceColour(Isochrone iso)
    {
        var (b, v) = (iso.Magnitudes("B"), iso.Magnitudes("V"));
        for (int i = 1; i < iso.Count; i++)
            if (v[i - 1] >= 6 && v[i] < 6)
            {
                double f = (6 - v[i - 1]) / (v[i] - v[i - 1]);
                return b[i - 1] - v[i - 1] + f * (b[i] - v[i] - b[i - 1] + v[i - 1]);
            }
        throw new InvalidOperationException("main sequence does not cross V = 6");
    }

    private static double RgbColourAtV(Isochrone iso, double vTarget)
    {
        var b = iso.Magnitudes("B");
        var v = iso.Magnitudes("V");
        for (int i = 1; i < iso.Count; i++)
            if (iso.Phases[i] == EvolutionaryPhase.RedGiantBranch && iso.Phases[i - 1] == EvolutionaryPhase.RedGiantBranch
                && v[i - 1] >= vTarget && v[i] < vTarget)
            {
                double f = (vTarget - v[i - 1]) / (v[i] - v[i - 1]);
                return b[i - 1] - v[i - 1] + f * (b[i] - v[i] - b[i - 1] + v[i - 1]);
            }
        throw new InvalidOperationException($"RGB of log t {iso.LogAge}, [M/H] {iso.MH} does not reach V = {vTarget}.");
    }

    private static double Interpolate(Isochrone iso, double mass, string filter)
    {
        var m = iso.Magnitudes(filter);
        for (int i = 1; i < iso.Count; i++)
            if (iso.InitialMass[i] >= mass)
            {
                double f = (mass - iso.InitialMass[i - 1]) / (iso.InitialMass[i] - iso.InitialMass[i - 1]);
                return m[i - 1] + f * (m[i] - m[i - 1]);
            }
        throw new InvalidOperationException("mass beyond the isochrone");
    }
}
