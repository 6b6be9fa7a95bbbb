using BayesSfh.Isochrones;
using BayesSfh.Isochrones.Analytic;
using Xunit;

namespace BayesSfh.Tests.Isochrones.Analytic;

public class HurleyStellarModelTests
{
    // Reference values: evaluation of the published formulae (field survey §3.3).
    [Theory]
    [InlineData(1.0, 11000, 0.01)]
    [InlineData(1.5, 2730, 0.01)]
    [InlineData(2.0, 1160, 0.01)]
    [InlineData(5.0, 104, 0.01)]
    public void MainSequenceLifetime_SolarZ_MatchesReference(double mass, double expectedMyr, double relative)
    {
        var model = new HurleyStellarModel(0.02);

        Assert.InRange(model.MainSequenceLifetime(mass), expectedMyr * (1 - relative), expectedMyr * (1 + relative));
    }

    [Theory]
    [InlineData(0.02, 6.6, 56.0)]
    [InlineData(0.02, 7.0, 17.8)]
    [InlineData(0.02, 8.0, 5.08)]
    [InlineData(0.02, 9.0, 2.11)]
    [InlineData(0.02, 9.5, 1.43)]
    [InlineData(0.02, 10.0, 1.03)]
    [InlineData(0.02, 10.15, 0.94)]
    [InlineData(0.0002, 6.6, 66.6)]
    [InlineData(0.0002, 7.0, 19.7)]
    [InlineData(0.0002, 8.0, 4.69)]
    [InlineData(0.0002, 9.0, 1.79)]
    [InlineData(0.0002, 10.0, 0.87)]
    [InlineData(0.0002, 10.15, 0.79)]
    public void TurnoffMass_MatchesReference(double z, double logAge, double expectedMass)
    {
        var model = new HurleyStellarModel(z);
        double ageMyr = Math.Pow(10, logAge - 6);
        double lo = 0.1, hi = 100;
        for (int i = 0; i < 100; i++)
        {
            double mid = Math.Sqrt(lo * hi);
            if (model.MainSequenceLifetime(mid) > ageMyr) lo = mid; else hi = mid;
        }

        Assert.InRange(lo, expectedMass - 0.006 * expectedMass - 0.005, expectedMass + 0.006 * expectedMass + 0.005);
    }

    [Theory]
    [InlineData(0.5, -1.422, 0.459)]
    [InlineData(1.0, -0.156, 0.888)]
    [InlineData(5.0, 2.724, 2.636)]
    public void ToutZams_SolarZ_MatchesReference(double mass, double expectedLogL, double expectedRadius)
    {
        Assert.Equal(expectedLogL, Math.Log10(ToutZams.Luminosity(mass, 0.02)), 3);
        Assert.Equal(expectedRadius, ToutZams.Radius(mass, 0.02), 3);
    }

    [Fact]
    public void ToutZams_LowZ_IsBrighterAndSmallerForSolarMass()
    {
        // Metal-poor ZAMS stars are hotter: brighter and more compact at fixed mass (Tout et al. 1996 Figs 2–3).
        Assert.True(ToutZams.Luminosity(1.0, 0.0002) > 1.5 * ToutZams.Luminosity(1.0, 0.02));
        Assert.True(ToutZams.Radius(1.0, 0.0002) < ToutZams.Radius(1.0, 0.02));
    }

    [Fact]
    public void Sun_AtSolarAge_IsCloseToObserved()
    {
        var state = new HurleyStellarModel(0.02).StateAt(1.0, 4570);

        Assert.Equal(EvolutionaryPhase.MainSequence, state.Phase);
        Assert.InRange(state.Luminosity, 0.9, 1.1);
        Assert.InRange(state.Radius, 0.93, 1.07);
        Assert.InRange(state.EffectiveTemperature, 5600, 5900);
    }

    [Theory]
    [InlineData(0.0001)]
    [InlineData(0.001)]
    [InlineData(0.02)]
    [InlineData(0.03)]
    public void StateAt_IsContinuousAcrossPhaseBoundaries(double z)
    {
        var model = new HurleyStellarModel(z);
        foreach (double mass in new[] { 0.9, 1.3, 2.5, 6.0 })
        {
            double tMs = model.MainSequenceLifetime(mass), tBgb = model.BaseGiantBranchTime(mass);
            AssertContinuous(model, mass, tMs, EvolutionaryPhase.MainSequence, EvolutionaryPhase.SubgiantBranch);
            if (mass < model.FirstGiantBranchMass && model.HeliumIgnitionLuminosity(mass) > model.BaseGiantBranchLuminosity(mass))
                AssertContinuous(model, mass, tBgb, EvolutionaryPhase.SubgiantBranch, EvolutionaryPhase.RedGiantBranch);
        }
    }

    private static void AssertContinuous(HurleyStellarModel model, double mass, double t, EvolutionaryPhase before, EvolutionaryPhase after)
    {
        var a = model.StateAt(mass, t * (1 - 1e-9));
        var b = model.StateAt(mass, t * (1 + 1e-9));
        Assert.Equal(before, a.Phase);
        Assert.Equal(after, b.Phase);
        Assert.Equal(0, Math.Log10(b.Luminosity / a.Luminosity), 4);
        Assert.Equal(0, Math.Log10(b.Radius / a.Radius), 4);
    }

    [Fact]
    public void GiantBranch_LuminosityGrowsToHeliumIgnitionThenEnds()
    {
        var model = new HurleyStellarModel(0.02);
        double tBgb = model.BaseGiantBranchTime(1.0), tEnd = model.EndTime(1.0);
        double previous = 0;
        for (int i = 1; i <= 50; i++)
        {
            var state = model.StateAt(1.0, tBgb + (tEnd - tBgb) * i / 50.0 * (1 - 1e-12));
            Assert.Equal(EvolutionaryPhase.RedGiantBranch, state.Phase);
            Assert.True(state.Luminosity > previous);
            previous = state.Luminosity;
        }
        Assert.Equal(Math.Log10(model.HeliumIgnitionLuminosity(1.0)), Math.Log10(previous), 3);
        Assert.InRange(Math.Log10(previous), 3.2, 3.6); // tip of the RGB, L ≈ 2000–3000 L☉
        Assert.Equal(EvolutionaryPhase.Unknown, model.StateAt(1.0, tEnd * 1.001).Phase);
    }

    [Fact]
    public void GiantBranchTimeAtLuminosity_InvertsLuminosity()
    {
        var model = new HurleyStellarModel(0.004);
        double tBgb = model.BaseGiantBranchTime(1.2), tEnd = model.EndTime(1.2);
        foreach (double fraction in new[] { 0.1, 0.5, 0.9, 0.999 })
        {
            double t = tBgb + fraction * (tEnd - tBgb);
            double l = model.StateAt(1.2, t).Luminosity;
            Assert.Equal(t, model.GiantBranchTimeAtLuminosity(1.2, l), 6);
        }
    }

    [Fact]
    public void GiantBranchRadius_GrowsWithMetallicityAndLuminosity()
    {
        double[] zs = [1e-4, 3e-4, 1e-3, 1.6e-3, 3e-3, 5e-3, 0.01, 0.02, 0.03];
        foreach (double mass in new[] { 0.8, 1.0, 1.5 })
            foreach (double l in new[] { 10.0, 100.0, 1000.0 })
                for (int i = 1; i < zs.Length; i++)
                {
                    double poorer = new HurleyStellarModel(zs[i - 1]).GiantBranchRadius(mass, l);
                    double richer = new HurleyStellarModel(zs[i]).GiantBranchRadius(mass, l);
                    Assert.True(richer > poorer, $"M {mass}, L {l}, Z {zs[i]}: {richer} vs {poorer}");
                    Assert.True(new HurleyStellarModel(zs[i]).GiantBranchRadius(mass, 2 * l) > richer);
                }
    }

    [Fact]
    public void GiantBranchRadius_SolarZ_GivesPlausibleTemperatures()
    {
        var model = new HurleyStellarModel(0.02);
        double Teff(double l) => new StellarState(EvolutionaryPhase.RedGiantBranch, l, model.GiantBranchRadius(1.0, l)).EffectiveTemperature;

        Assert.InRange(Teff(10), 4500, 5000);   // lower RGB
        Assert.InRange(Teff(100), 4000, 4500);
        Assert.InRange(Teff(2500), 3000, 3700); // tip
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(5e-5)]
    [InlineData(0.031)]
    [InlineData(double.NaN)]
    public void Constructor_ZOutsideFits_Throws(double z)
    {
        var ex = Assert.Throws<ArgumentException>(() => new HurleyStellarModel(z));
        Assert.Equal("z", ex.ParamName);
    }
}
