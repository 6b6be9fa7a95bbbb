using BayesSfh.Hess;
using BayesSfh.Imf;
using BayesSfh.Observation;
using BayesSfh.Population;
using Xunit;
using Xunit.Abstractions;

namespace BayesSfh.Tests.Population;

/// <summary>
/// The fast builder against <see cref="OldBuilder"/>, the straightforward implementation it replaced (MathNet erfc, midpoint
/// resampling without clustering, Gauss–Legendre over every row; run at a fine step so that it is converged), on a realistic error and completeness law.
/// </summary>
public class ReferenceImplementationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(MagnitudeAxis.Red)]
    [InlineData(MagnitudeAxis.Separate)]
    public void MatchesTheStraightforwardImplementation(MagnitudeAxis axis)
    {
        var iso = SspTemplateBuilderTests.MadeUpIsochrone();
        var err = new ExponentialPhotometricError(1.05, 10, 32, 0.01);
        var blue = new PhotometricBand("B", 0.12, err, new LogisticCompleteness(0.95, 27.5, 0.3));
        var red = new PhotometricBand("V", 0.09, err, new LogisticCompleteness(0.9, 27.0, 0.25));
        var third = new PhotometricBand("I", 0.05, err, new LogisticCompleteness(0.97, 26.4, 0.3));
        var grid = HessGrid.Uniform(0.4, 2.4, 80, 14, 28, 70);
        var opts = new SspTemplateOptions(blue, red, axis == MagnitudeAxis.Red ? red : third, 12.5, new KroupaImf(), grid);
        var fast = new double[grid.BinCount];
        var reference = new double[grid.BinCount];
        SspTemplateBuilder.Accumulate(iso, opts, fast);
        // The old midpoint resampling is second order in the step: run it fine enough to be converged (≲ 1e-5).
        OldBuilder.Accumulate(iso, new SspTemplateOptions(opts.Blue, opts.Red, opts.Magnitude, opts.DistanceModulus, opts.Imf, grid, stepFraction: 0.04), reference);
        double maxDiff = 0, maxRef = 0;
        for (int k = 0; k < fast.Length; k++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(fast[k] - reference[k]));
            maxRef = Math.Max(maxRef, reference[k]);
        }
        output.WriteLine($"{axis}: totals {fast.Sum():R} vs {reference.Sum():R}; max |difference| {maxDiff:E2} = {maxDiff / maxRef:E2} of the largest bin");
        Assert.Equal(1, fast.Sum() / reference.Sum(), 1e-5);
        Assert.True(maxDiff < 2e-5 * maxRef, $"max difference {maxDiff / maxRef} of the largest bin");
    }
}
