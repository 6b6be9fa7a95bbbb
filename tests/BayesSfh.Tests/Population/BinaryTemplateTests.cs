using BayesSfh.Imf;
using BayesSfh.Isochrones;
using BayesSfh.Observation;
using BayesSfh.Population;
using Xunit;
using Xunit.Abstractions;
using BayesSfh.Hess;

namespace BayesSfh.Tests.Population;

/// <summary>Unresolved binaries: system counts per M☉ formed, the f = 0 limit, and equal-mass twins 0.753 mag brighter.</summary>
public class BinaryTemplateTests(ITestOutputHelper output)
{
    private static readonly HessGrid Wide = HessGrid.Uniform(-2, 4, 60, 0, 40, 80);

    private static SspTemplateOptions Options(double sigma, BinaryOptions? binaries, HessGrid? grid = null)
    {
        var err = new ConstantPhotometricError(sigma);
        var v = new PhotometricBand("V", 0, err);
        return new SspTemplateOptions(new PhotometricBand("B", 0, err), v, v, 10, new KroupaImf(), grid ?? Wide, binaries: binaries);
    }

    [Fact]
    public void ZeroFractionEqualsSingleStars()
    {
        var iso = SspTemplateBuilderTests.MadeUpIsochrone();
        var single = SspTemplateBuilder.Build(iso, Options(0.05, null, HessGrid.Uniform(-2, 4, 30, 0, 40, 40)));
        var none = SspTemplateBuilder.Build(iso, Options(0.05, new BinaryOptions(0), HessGrid.Uniform(-2, 4, 30, 0, 40, 40)));
        Assert.Equal(single.Bins, none.Bins);
        Assert.Equal(single.Values, none.Values);
    }

    [Theory]
    [InlineData(0.35, 0.0, 0)]
    [InlineData(0.5, 0.2, 0.05)]
    [InlineData(1.0, 0.1, 0)]
    public void TotalCountsSystemsPerSolarMassFormed(double fraction, double qMin, double sigma)
    {
        var iso = SspTemplateBuilderTests.MadeUpIsochrone();
        var opts = Options(sigma, new BinaryOptions(fraction, qMin, sigma > 0 ? 1 : 10));
        double total = SspTemplateBuilder.Build(iso, opts).StarsPerMass;
        double expected = opts.Imf.StarFraction(0.1, 1.3) / (opts.Imf.MeanMass * (1 + fraction * (1 + qMin) / 2));
        output.WriteLine($"f={fraction}, q_min={qMin}: {total:R} vs {expected:R}");
        Assert.Equal(1, total / expected, 1e-6);
    }

    [Fact]
    public void EqualMassTwinsAreBrighterByTwoPointFiveLogTwo()
    {
        var iso = SspTemplateBuilderTests.MadeUpIsochrone();
        var grid = HessGrid.Uniform(-1, 3, 200, 0, 36, 720);
        var twins = SspTemplateBuilder.Build(iso, Options(0, new BinaryOptions(1, 0.999999, 1), grid));
        var single = SspTemplateBuilder.Build(iso, Options(0, null, grid));
        double shift = Mean(twins, grid) - Mean(single, grid);
        output.WriteLine($"mean magnitude shift {shift:F5} (expected {-2.5 * Math.Log10(2):F5})");
        Assert.Equal(-2.5 * Math.Log10(2), shift, 3e-3);
        Assert.Equal(single.StarsPerMass / (1 + 0.9999995), twins.StarsPerMass, 1e-9);
    }

    private static double Mean(BayesSfh.Templates.SspTemplate t, HessGrid grid)
    {
        double s = 0, sy = 0;
        for (int k = 0; k < t.Bins.Length; k++)
        {
            int y = t.Bins[k] / grid.ColourBins;
            s += t.Values[k];
            sy += t.Values[k] * 0.5 * (grid.MagnitudeEdges[y] + grid.MagnitudeEdges[y + 1]);
        }
        return sy / s;
    }

    [Fact]
    public void OptionsValidate()
    {
        Assert.Throws<ArgumentException>(() => new BinaryOptions(1.1));
        Assert.Throws<ArgumentException>(() => new BinaryOptions(0.3, 1));
        Assert.Throws<ArgumentException>(() => new BinaryOptions(0.3, 0, 0));
    }
}
