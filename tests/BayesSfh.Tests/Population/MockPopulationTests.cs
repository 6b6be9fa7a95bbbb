using BayesSfh.Hess;
using BayesSfh.Imf;
using BayesSfh.Observation;
using BayesSfh.Population;
using Xunit;
using Xunit.Abstractions;

namespace BayesSfh.Tests.Population;

/// <summary>
/// Mock populations against the template builder (Pearson residuals of the binned mock against mass × template; the
/// total count), determinism across parallelism, and input validation.
/// </summary>
public class MockPopulationTests(ITestOutputHelper output)
{
    private static SspTemplateOptions Observation(MagnitudeAxis axis, BinaryOptions? binaries = null, bool biased = false)
    {
        // The biased law is an AST-like table: σ and a bias growing to −0.1 mag towards the faint end.
        IPhotometricError err = biased ? new TabulatedPhotometricError([14, 22, 26, 28], [0.01, 0.02, 0.08, 0.25], [0, 0, -0.03, -0.1])
            : new ExponentialPhotometricError(1.05, 10, 32, 0.01);
        var blue = new PhotometricBand("B", 0.12, err, new LogisticCompleteness(0.95, 27.5, 0.3));
        var red = new PhotometricBand("V", 0.09, err, new LogisticCompleteness(0.9, 27.0, 0.25));
        var third = new PhotometricBand("I", 0.05, err, new LogisticCompleteness(0.97, 26.4, 0.3));
        var grid = HessGrid.Uniform(0.4, 2.4, 60, 14, 28, 50);
        return new SspTemplateOptions(blue, red, axis == MagnitudeAxis.Red ? red : third, 12.5, new KroupaImf(), grid, binaries: binaries);
    }

    public static TheoryData<MagnitudeAxis, double, bool, ulong> Cases() => new()
    {
        { MagnitudeAxis.Red, 0, false, 21UL },
        { MagnitudeAxis.Separate, 0, false, 22UL },
        { MagnitudeAxis.Red, 0.35, false, 23UL },
        { MagnitudeAxis.Red, 0, true, 24UL },
        { MagnitudeAxis.Separate, 0.35, true, 25UL },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BinnedMockHasPoissonResidualsAroundTheTemplates(MagnitudeAxis axis, double binaryFraction, bool biased, ulong seed)
    {
        var options = Observation(axis, binaryFraction > 0 ? new BinaryOptions(binaryFraction, 0.1) : null, biased);
        var young = SspTemplateBuilderTests.MadeUpIsochrone(9.3, -1.2);
        var old = SspTemplateBuilderTests.MadeUpIsochrone(10.0, -1.0);
        var populations = new[] { new MockSsp(young, 4e5), new MockSsp(old, 3e5) };
        var expected = new double[options.Grid.BinCount];
        var scratch = new double[options.Grid.BinCount];
        foreach (var p in populations)
        {
            Array.Clear(scratch);
            SspTemplateBuilder.Accumulate(p.Isochrone, options, scratch);
            for (int k = 0; k < scratch.Length; k++) expected[k] += p.MassFormed * scratch[k];
        }
        var mock = MockPopulation.Draw(populations, options, seed);
        double sum = 0, sum2 = 0;
        int used = 0;
        for (int k = 0; k < expected.Length; k++)
        {
            if (!(expected[k] > 5)) continue;
            double r = (mock.Counts[k] - expected[k]) / Math.Sqrt(expected[k]);
            sum += r;
            sum2 += r * r;
            used++;
        }
        double mean = sum / used, variance = sum2 / used;
        double total = expected.Sum(), z = (mock.InGrid - total) / Math.Sqrt(total);
        output.WriteLine($"{axis}, f = {binaryFraction}, bias {biased}: {mock.Systems} systems, {mock.Detected} detected, {mock.InGrid} in grid vs {total:F0} expected (z = {z:F2}); " +
            $"{used} bins with μ > 5: mean residual {mean:F3}, mean square {variance:F3}");
        if (variance is < 0.9 or > 1.11) output.WriteLine("ALERT: Pearson variance outside [0.9, 1.11]");
        Assert.True(used > 250, $"only {used} bins with μ > 5");
        Assert.InRange(variance, 0.8, 1.25);
        Assert.InRange(mean, -0.15, 0.15);
        Assert.InRange(z, -4, 4);
    }

    [Fact]
    public void SameSeedSameStarsWhateverTheThreads()
    {
        var options = Observation(MagnitudeAxis.Red, new BinaryOptions(0.3));
        var populations = Enumerable.Range(0, 6).Select(k => new MockSsp(SspTemplateBuilderTests.MadeUpIsochrone(9 + 0.1 * k), 2e4)).ToArray();
        var one = MockPopulation.Draw(populations, options, 7, maxDegreeOfParallelism: 1);
        var four = MockPopulation.Draw(populations, options, 7, maxDegreeOfParallelism: 4);
        var other = MockPopulation.Draw(populations, options, 8);
        Assert.Equal(one.Stars, four.Stars);
        Assert.Equal(one.Counts, four.Counts);
        Assert.NotEqual(one.Counts, other.Counts);
        Assert.Equal(one.Stars.Select(s => s.Ssp), one.Stars.Select(s => s.Ssp).Order());
        Assert.All(one.Stars, s => Assert.True(s.Detected && double.IsFinite(s.ObservedRed)));
        var withLost = MockPopulation.Draw(populations, options, 7, keepUndetected: true);
        Assert.Equal(one.Counts, withLost.Counts);
        Assert.Equal(withLost.Alive, withLost.Stars.Count);
    }

    [Fact]
    public void ZeroMassGivesNoStarsAndBadMassIsRejected()
    {
        var options = Observation(MagnitudeAxis.Red);
        var iso = SspTemplateBuilderTests.MadeUpIsochrone();
        var mock = MockPopulation.Draw([new MockSsp(iso, 0)], options, 1);
        Assert.Equal(0, mock.Systems);
        Assert.Empty(mock.Stars);
        var e = Assert.Throws<ArgumentException>(() => new MockSsp(iso, -1));
        Assert.Equal("massFormed", e.ParamName);
        Assert.Throws<ArgumentException>(() => new MockSsp(iso, double.NaN));
    }

    [Fact]
    public void BinOfUsesHalfOpenBins()
    {
        var grid = HessGrid.Uniform(0, 1, 2, 10, 12, 2);
        Assert.Equal(0, MockPopulation.BinOf(grid, 0, 10));
        Assert.Equal(1, MockPopulation.BinOf(grid, 0.5, 10.2));
        Assert.Equal(3, MockPopulation.BinOf(grid, 0.99, 11.5));
        Assert.Equal(-1, MockPopulation.BinOf(grid, 1.0, 11));
        Assert.Equal(-1, MockPopulation.BinOf(grid, double.NaN, 11));
    }
}
