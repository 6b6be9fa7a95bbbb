using BayesSfh.Hess;
using BayesSfh.Imf;
using BayesSfh.Isochrones;
using BayesSfh.Observation;
using BayesSfh.Population;
using MathNet.Numerics.Integration;
using Xunit;

namespace BayesSfh.Tests.Population;

/// <summary>Luminosity per M☉ against closed forms and adaptive quadrature; the grid builder's order, progress and errors.</summary>
public class SspLuminosityTests
{
    /// <summary>M_V = 4.8 − 10 log10 m on [0.1, 2] M☉ (a single power law ℓ ∝ m⁴), densely tabulated.</summary>
    private static Isochrone PowerLaw()
    {
        var mass = Enumerable.Range(0, 2001).Select(k => 0.1 + 1.9 * k / 2000.0).ToArray();
        return new Isochrone(9, -1, mass, new Dictionary<string, double[]> { ["V"] = [.. mass.Select(m => 4.8 - 10 * Math.Log10(m))], ["B"] = [.. mass.Select(m => 5.5 - 10 * Math.Log10(m))] }, source: "test");
    }

    [Fact]
    public void PowerLawIsochroneMatchesClosedForm()
    {
        var salpeter = new SalpeterImf();
        double value = SspLuminosity.PerSolarMass(PowerLaw(), "V", 4.8, salpeter);
        // ℓ = m⁴; ∫ p(m) m⁴ dm over [0.1, 2] with p = m^-2.35 / Z, Z over the IMF's own limits; per M☉: divide by ⟨m⟩.
        double z = SalpeterNorm(salpeter.MinimumMass, salpeter.MaximumMass, -2.35);
        double expected = SalpeterNorm(0.1, 2, 4 - 2.35) / z / salpeter.MeanMass;
        // Linear interpolation of magnitudes in mass on a 0.00095 M☉ step changes ℓ by < 1e-5 relative.
        Assert.Equal(expected, value, expected * 1e-4);
    }

    private static double SalpeterNorm(double a, double b, double power) => (Math.Pow(b, power + 1) - Math.Pow(a, power + 1)) / (power + 1);

    [Fact]
    public void BinariesAddCompanionLightAndMass()
    {
        var kroupa = new KroupaImf();
        var iso = PowerLaw();
        var binaries = new BinaryOptions(0.5, 0.2, 40);
        double singles = SspLuminosity.PerSolarMass(iso, "V", 4.8, kroupa);
        double value = SspLuminosity.PerSolarMass(iso, "V", 4.8, kroupa, binaries);
        // Companion light: f ∫ p(m) ⟨(q m)⁴⟩ dm with q m ≥ 0.1, by adaptive quadrature (q uniform on [0.2, 1]).
        // Pieces end at the kinks (Kroupa's break at 0.5 M☉, where q_low switches from 0.1/m to 0.2).
        double companions = 0.5 * new[] { (0.1, 0.5), (0.5, 1.0), (1.0, 2.0) }.Sum(piece => GaussLegendreRule.Integrate(m =>
        {
            double qLow = Math.Max(0.2, 0.1 / m);
            return kroupa.Density(m) * Math.Pow(m, 4) * (1 - Math.Pow(qLow, 5)) / 5 / 0.8;
        }, piece.Item1, piece.Item2, 64));
        double expected = (singles * kroupa.MeanMass + companions) / (kroupa.MeanMass * (1 + 0.5 * 0.6));
        // The q midpoint rule with 40 nodes: relative error ≲ 1e-3 for a q⁴ integrand with a kink at 0.1/m.
        Assert.Equal(expected, value, expected * 3e-3);
        Assert.True(value < singles, "binaries add more mass than light for ℓ ∝ m⁴");
    }

    [Fact]
    public void GridBuilderKeepsOrderReportsProgressAndNamesEmptyTemplates()
    {
        var isochrones = Enumerable.Range(0, 5).Select(k => SspTemplateBuilderTests.MadeUpIsochrone(9 + 0.1 * k, -1 + 0.2 * (k % 2))).ToArray();
        var band = new PhotometricBand("V", 0, new ConstantPhotometricError(0.05));
        var options = new SspTemplateOptions(new PhotometricBand("B", 0, new ConstantPhotometricError(0.05)), band, band, 10, new KroupaImf(), HessGrid.Uniform(-0.5, 2.5, 30, 5, 20, 30));
        var reports = new System.Collections.Concurrent.ConcurrentBag<int>();
        var set = TemplateGridBuilder.Build(isochrones, options, new TemplateLuminosityOptions("V"), new SyncProgress(reports.Add), maxDegreeOfParallelism: 2);
        Assert.Equal(isochrones.Select(i => i.LogAge), set.Templates.Select(t => t.LogAge));
        Assert.True(set.HasLuminosity);
        Assert.Equal(SspLuminosity.PerSolarMass(isochrones[2], "V", TemplateLuminosityOptions.SunAbsoluteV, new KroupaImf()), set.Templates[2].LuminosityPerMass);
        Assert.Equal(Enumerable.Range(1, 5), reports.Order());
        var offGrid = new SspTemplateOptions(options.Blue, options.Red, options.Magnitude, 40, new KroupaImf(), options.Grid);
        var e = Assert.Throws<ArgumentException>(() => TemplateGridBuilder.Build(isochrones, offGrid));
        Assert.Contains("log age 9", e.Message);
        Assert.Throws<ArgumentException>(() => TemplateGridBuilder.Build([isochrones[0], isochrones[0]], options));
    }

    [Fact]
    public void TrimDropsOnlyTheFarTails()
    {
        var band = new PhotometricBand("V", 0, new ConstantPhotometricError(0.05));
        var options = new SspTemplateOptions(new PhotometricBand("B", 0, new ConstantPhotometricError(0.05)), band, band, 10, new KroupaImf(), HessGrid.Uniform(-0.5, 2.5, 60, 5, 20, 60));
        var full = SspTemplateBuilder.Build(SspTemplateBuilderTests.MadeUpIsochrone(), options);
        var trimmed = TemplateGridBuilder.Trim(full, 1e-12);
        Assert.True(trimmed.Bins.Length < full.Bins.Length, $"{trimmed.Bins.Length} of {full.Bins.Length} kept");
        Assert.All(trimmed.Values, v => Assert.True(v >= 1e-12 * full.Values.Max()));
        Assert.Equal(full.StarsPerMass, trimmed.StarsPerMass, full.StarsPerMass * 1e-9);
        Assert.Same(full, TemplateGridBuilder.Trim(full, 0));
        Assert.Throws<ArgumentException>(() => TemplateGridBuilder.Build([SspTemplateBuilderTests.MadeUpIsochrone()], options, relativeFloor: 1));
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
