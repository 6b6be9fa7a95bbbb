using BayesSfh.Isochrones;
using BayesSfh.Isochrones.Analytic;
using Xunit;

namespace BayesSfh.Tests.Isochrones.Analytic;

public class AnalyticStellarModelTests
{
    private static readonly double[] ZGrid = [1e-4, 3e-4, 1e-3, 0.004, 0.01, 0.0152, 0.02, 0.03];

    [Theory]
    [InlineData(0.5, -1.422, 0.459)]
    [InlineData(1.0, -0.156, 0.888)]
    [InlineData(5.0, 2.724, 2.636)]
    public void Zams_SolarZ_MatchesTout1996TestValues(double mass, double logL, double radius)
    {
        var model = new AnalyticStellarModel(0.02);

        Assert.Equal(logL, Math.Log10(model.ZamsLuminosity(mass)), 3);
        Assert.Equal(radius, model.ZamsRadius(mass), 3);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.8)]
    [InlineData(1.7)]
    [InlineData(12)]
    [InlineData(90)]
    public void Zams_SolarZ_EqualsEquations1And2WithTheZ002Column(double m)
    {
        // Independent transcription of Tout et al. (1996) eqs. (1)–(2) with the Z = 0.02 coefficients.
        double l = (0.39704170 * Math.Pow(m, 5.5) + 8.52762600 * Math.Pow(m, 11))
                   / (0.00025546 + Math.Pow(m, 3) + 5.43288900 * Math.Pow(m, 5) + 5.56357900 * Math.Pow(m, 7)
                      + 0.78866060 * Math.Pow(m, 8) + 0.00586685 * Math.Pow(m, 9.5));
        double r = (1.71535900 * Math.Pow(m, 2.5) + 6.59778800 * Math.Pow(m, 6.5) + 10.08855000 * Math.Pow(m, 11)
                    + 1.01249500 * Math.Pow(m, 19) + 0.07490166 * Math.Pow(m, 19.5))
                   / (0.01077422 + 3.08223400 * Math.Pow(m, 2) + 17.84778000 * Math.Pow(m, 8.5) + Math.Pow(m, 18.5)
                      + 0.00022582 * Math.Pow(m, 19.5));
        var model = new AnalyticStellarModel(0.02);

        Assert.Equal(1, model.ZamsLuminosity(m) / l, 10);
        Assert.Equal(1, model.ZamsRadius(m) / r, 10);
    }

    [Theory]
    [InlineData(1.0, 11.0e9, 0.05e9)]
    [InlineData(1.5, 2.73e9, 0.005e9)]
    [InlineData(2.0, 1.16e9, 0.005e9)]
    [InlineData(5.0, 104e6, 0.5e6)]
    public void MainSequenceLifetime_SolarZ_MatchesHurley2000TestValues(double mass, double expected, double tolerance)
    {
        var model = new AnalyticStellarModel(0.02);

        Assert.InRange(model.MainSequenceLifetime(mass), expected - tolerance, expected + tolerance);
    }

    [Theory]
    [InlineData(0.02, 0.7)]
    [InlineData(0.02, 1.3)]
    [InlineData(0.02, 8.0)]
    [InlineData(0.001, 0.9)]
    [InlineData(0.001, 3.0)]
    [InlineData(0.0002, 40.0)]
    public void MainSequenceLifetime_AnyZ_EqualsEquations4To7FromTheReference(double z, double m)
    {
        // Independent transcription of Hurley et al. (2000) eqs. (4)–(7) (coefficients a1…a10 as printed in the paper).
        double x = Math.Log10(z / 0.02);
        double a1 = 1.593890e3 + 2.053038e3 * x + 1.231226e3 * x * x + 2.327785e2 * x * x * x;
        double a2 = 2.706708e3 + 1.483131e3 * x + 5.772723e2 * x * x + 7.411230e1 * x * x * x;
        double a3 = 1.466143e2 - 1.048442e2 * x - 6.795374e1 * x * x - 1.391127e1 * x * x * x;
        double a4 = 4.141960e-2 + 4.564888e-2 * x + 2.958542e-2 * x * x + 5.571483e-3 * x * x * x;
        double a5 = 3.426349e-1;
        double a6 = 1.949814e1 + 1.758178 * x - 6.008212 * x * x - 4.470533 * x * x * x;
        double a7 = 4.903830;
        double a8 = 5.212154e-2 + 3.166411e-2 * x - 2.750074e-3 * x * x - 2.271549e-3 * x * x * x;
        double a9 = 1.312179 - 3.294936e-1 * x + 9.231860e-2 * x * x + 2.610989e-2 * x * x * x;
        double a10 = 8.073972e-1;
        double tBgb = (a1 + a2 * Math.Pow(m, 4) + a3 * Math.Pow(m, 5.5) + Math.Pow(m, 7)) / (a4 * m * m + a5 * Math.Pow(m, 7));
        double mu = Math.Max(0.5, 1 - 0.01 * Math.Max(a6 / Math.Pow(m, a7), a8 + a9 / Math.Pow(m, a10)));
        double xFraction = Math.Max(0.95, Math.Min(0.95 - 0.03 * (x + 0.30103), 0.99));
        var model = new AnalyticStellarModel(z);

        Assert.Equal(1, model.MainSequenceLifetime(m) / (Math.Max(mu, xFraction) * tBgb * 1e6), 12);
        Assert.Equal(1, model.Lifetimes(m).BaseOfGiantBranch / (tBgb * 1e6), 12);
    }

    [Theory]
    [InlineData(0.02, new[] { 56.0, 17.8, 5.08, 2.11, 1.43, 1.03, 0.94 })]
    [InlineData(0.0002, new[] { 66.6, 19.7, 4.69, 1.79, 1.21, 0.87, 0.79 })]
    public void TurnoffMass_ReferenceAges_MatchesTabulatedMasses(double z, double[] expected)
    {
        double[] logAges = [6.6, 7, 8, 9, 9.5, 10, 10.15];
        var model = new AnalyticStellarModel(z);

        for (int i = 0; i < logAges.Length; i++)
        {
            double mass = model.TurnoffMass(Math.Pow(10, logAges[i]));
            Assert.True(Math.Abs(mass / expected[i] - 1) < 0.006, $"log t {logAges[i]}: {mass} vs {expected[i]}");
        }
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(0.0152)]
    [InlineData(0.03)]
    public void TurnoffMass_AnyAge_InvertsTheMainSequenceLifetime(double z)
    {
        var model = new AnalyticStellarModel(z);

        foreach (double logAge in new[] { 6.7, 7.3, 8.1, 8.9, 9.6, 10.1 })
        {
            double age = Math.Pow(10, logAge);
            Assert.Equal(1, model.MainSequenceLifetime(model.TurnoffMass(age)) / age, 9);
        }
    }

    [Fact]
    public void Lifetimes_MassAndZGrid_OrderedFiniteAndMostlyDecreasingInMass()
    {
        foreach (double z in ZGrid)
        {
            var model = new AnalyticStellarModel(z);
            StellarLifetimes? previous = null;
            int increases = 0;
            for (int i = 0; i <= 600; i++)
            {
                double mass = 0.1 * Math.Pow(1000, i / 600.0);
                var t = model.Lifetimes(mass);
                Assert.True(t.MainSequence > 0 && double.IsFinite(t.EndOfModel), $"Z {z}, M {mass}: {t}");
                Assert.True(t.MainSequence < t.BaseOfGiantBranch && t.BaseOfGiantBranch <= t.HeliumIgnition
                            && t.HeliumIgnition < t.BaseOfAgb && t.BaseOfAgb <= t.EndOfModel, $"Z {z}, M {mass}: {t}");
                if (previous is { } p)
                {
                    Assert.True(t.MainSequence < p.MainSequence && t.BaseOfGiantBranch < p.BaseOfGiantBranch
                                && t.HeliumIgnition < p.HeliumIgnition, $"Z {z}, M {mass}: H-burning lifetimes must fall with mass");
                    if (t.BaseOfAgb >= p.BaseOfAgb || t.EndOfModel >= p.EndOfModel)
                    {
                        // Known, physical exception: the CHeB lifetime peaks just below M_HeF (smallest ignition core).
                        Assert.InRange(mass, 0.9 * model.HeliumFlashMass, 1.01 * model.HeliumFlashMass);
                        increases++;
                    }
                }
                previous = t;
            }
            Assert.True(increases < 12, $"Z {z}: {increases} increases");
        }
    }

    [Fact]
    public void TryEvaluate_SunAtSolarAge_IsTheSun()
    {
        var model = new AnalyticStellarModel(0.02);

        Assert.True(model.TryEvaluate(1.0, 4.57e9, out var sun));

        Assert.Equal(EvolutionaryPhase.MainSequence, sun.Phase);
        Assert.InRange(sun.Luminosity, 0.9, 1.1);
        Assert.InRange(sun.Radius, 0.95, 1.05);
        Assert.InRange(Math.Pow(10, sun.LogEffectiveTemperature()), 5672, 5872);
    }

    [Theory]
    [InlineData(0.02, 0.8)]
    [InlineData(0.02, 1.2)]
    [InlineData(0.02, 3.0)]
    [InlineData(0.02, 8.0)]
    [InlineData(0.02, 25.0)]
    [InlineData(0.001, 1.0)]
    [InlineData(0.001, 4.0)]
    [InlineData(0.0001, 15.0)]
    public void TryEvaluate_PhaseSequence_InOrderAndContinuousWhereThePhysicsIs(double z, double mass)
    {
        var model = new AnalyticStellarModel(z);
        var t = model.Lifetimes(mass);
        var boundaries = new[] { t.MainSequence, t.BaseOfGiantBranch, t.HeliumIgnition, t.BaseOfAgb };
        bool flash = mass <= model.HeliumFlashMass;

        for (int b = 0; b < boundaries.Length; b++)
        {
            if (b == 2 && t.HeliumIgnition == t.BaseOfGiantBranch) continue;  // no giant branch above M_FGB
            Assert.True(model.TryEvaluate(mass, boundaries[b] * (1 - 1e-9), out var before));
            Assert.True(model.TryEvaluate(mass, boundaries[b] * (1 + 1e-9), out var after));
            Assert.True(after.Phase > before.Phase, $"{before.Phase} → {after.Phase}");
            if (b == 2 && flash) continue;  // helium flash: tip of the RGB → zero-age horizontal branch
            Assert.True(Math.Abs(after.LogLuminosity - before.LogLuminosity) < 1e-3, $"L jumps at {after.Phase}");
            Assert.True(Math.Abs(Math.Log10(after.Radius / before.Radius)) < 1e-3, $"R jumps at {after.Phase}");
        }
        Assert.False(model.TryEvaluate(mass, t.EndOfModel * 1.001, out _));
    }

    [Fact]
    public void TryEvaluate_MainSequence_LuminosityRisesWithAge()
    {
        var model = new AnalyticStellarModel(0.0152);
        double tMs = model.MainSequenceLifetime(0.9);
        double previous = 0;

        for (int i = 0; i < 50; i++)
        {
            Assert.True(model.TryEvaluate(0.9, tMs * i / 50.0, out var star));
            Assert.True(star.Luminosity > previous);
            previous = star.Luminosity;
        }
    }

    [Theory]
    [InlineData(9e-5)]
    [InlineData(0.031)]
    [InlineData(double.NaN)]
    public void Constructor_ZOutsideTheFits_Throws(double z)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AnalyticStellarModel(z));
        Assert.Equal("metalMassFraction", e.ParamName);
    }

    [Theory]
    [InlineData(0.09)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void Methods_MassOutsideTheFits_Throw(double mass)
    {
        var model = new AnalyticStellarModel(0.01);

        Assert.Throws<ArgumentOutOfRangeException>(() => model.ZamsLuminosity(mass));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.MainSequenceLifetime(mass));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.TryEvaluate(mass, 1e9, out _));
    }

    [Fact]
    public void TurnoffMass_AgeOutsideTheMassRange_Throws()
    {
        var model = new AnalyticStellarModel(0.01);

        Assert.Throws<ArgumentOutOfRangeException>(() => model.TurnoffMass(1e5));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.TurnoffMass(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.TryEvaluate(1, -1, out _));
    }
}
