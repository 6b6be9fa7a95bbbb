using BayesSfh.Hess;
using BayesSfh.Imf;
using BayesSfh.Isochrones;
using BayesSfh.Observation;
using BayesSfh.Population;
using MathNet.Numerics;
using Xunit;
using Xunit.Abstractions;

namespace BayesSfh.Tests.Population;

/// <summary>
/// Photometric bias b(m) (observed = m + b(m) + σ(m) N(0, 1)): a constant bias is the same as extra extinction in that
/// band when σ and completeness are constant; a magnitude-dependent bias against a brute-force 2-D integral.
/// </summary>
public class PhotometricBiasTests(ITestOutputHelper output)
{
    /// <summary>Test-only error law: σ constant, bias b(m) = offset + slope (m − 20).</summary>
    private sealed record BiasedError(double SigmaValue, double Offset, double Slope = 0) : IPhotometricError
    {
        public double Sigma(double magnitude) => SigmaValue;

        public double Bias(double magnitude) => Offset + Slope * (magnitude - 20);
    }

    [Theory]
    [InlineData(MagnitudeAxis.Red)]
    [InlineData(MagnitudeAxis.Blue)]
    [InlineData(MagnitudeAxis.Separate)]
    public void ConstantBiasEqualsShiftedExtinction(MagnitudeAxis axis)
    {
        var iso = SspTemplateBuilderTests.MadeUpIsochrone();
        var grid = HessGrid.Uniform(-0.5, 3, 70, 12, 30, 90);
        const double bB = -0.031, bV = 0.017, bI = -0.052;
        SspTemplateOptions Opts(double ob, double ov, double oi, double ab, double av, double ai)
        {
            var blue = new PhotometricBand("B", ab, new BiasedError(0.04, ob));
            var red = new PhotometricBand("V", av, new BiasedError(0.03, ov));
            var third = new PhotometricBand("I", ai, new BiasedError(0.05, oi));
            return new SspTemplateOptions(blue, red, axis switch { MagnitudeAxis.Blue => blue, MagnitudeAxis.Red => red, _ => third }, 10, new KroupaImf(), grid);
        }
        var biased = SspTemplateBuilder.Build(iso, Opts(bB, bV, bI, 0.1, 0.08, 0.1));
        var shifted = SspTemplateBuilder.Build(iso, Opts(0, 0, 0, 0.1 + bB, 0.08 + bV, 0.1 + bI));
        var unbiased = SspTemplateBuilder.Build(iso, Opts(0, 0, 0, 0.1, 0.08, 0.1));
        var a = Dense(biased, grid);
        var b = Dense(shifted, grid);
        var c = Dense(unbiased, grid);
        double maxDiff = 0, maxShift = 0;
        for (int k = 0; k < a.Length; k++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(a[k] - b[k]));
            maxShift = Math.Max(maxShift, Math.Abs(a[k] - c[k]));
        }
        output.WriteLine($"{axis}: max |biased − shifted extinction| = {maxDiff:E2}; max |biased − unbiased| = {maxShift:E2}");
        Assert.True(maxDiff < 1e-12, $"difference {maxDiff}");
        Assert.True(maxShift > 1e-4, "the bias must move the template");
    }

    private static double[] Dense(BayesSfh.Templates.SspTemplate t, HessGrid grid)
    {
        var d = new double[grid.BinCount];
        for (int k = 0; k < t.Bins.Length; k++) d[t.Bins[k]] = t.Values[k];
        return d;
    }

    [Theory]
    [InlineData(MagnitudeAxis.Blue)]
    [InlineData(MagnitudeAxis.Red)]
    public void MagnitudeDependentBiasMatchesBruteForce(MagnitudeAxis axis)
    {
        // All points at the same true magnitudes B = 15.3, V = 14.6; b_B(15.3) = −0.05 + 0.01·(−4.7), b_V(14.6) = 0.02 − 0.02·(−5.4).
        var mass = new[] { 0.5, 0.9 };
        var iso = new Isochrone(9, 0, mass, new Dictionary<string, double[]> { ["B"] = [5.3, 5.3], ["V"] = [4.6, 4.6] });
        double sb = 0.08, sv = 0.05;
        var errB = new BiasedError(sb, -0.05, 0.01);
        var errV = new BiasedError(sv, 0.02, -0.02);
        var grid = HessGrid.Uniform(0.3, 1.1, 16, 14.2, 15.9, 17);
        var blue = new PhotometricBand("B", 0, errB);
        var red = new PhotometricBand("V", 0, errV);
        var opts = new SspTemplateOptions(blue, red, axis == MagnitudeAxis.Blue ? blue : red, 10, new KroupaImf(), grid);
        var dense = new double[grid.BinCount];
        SspTemplateBuilder.Accumulate(iso, opts, dense);
        double perMass = opts.Imf.StarsPerSolarMass(0.5, 0.9);
        double b0 = 15.3 + errB.Bias(15.3), v0 = 14.6 + errV.Bias(14.6);
        double sm = axis == MagnitudeAxis.Blue ? sb : sv, so = axis == MagnitudeAxis.Blue ? sv : sb;
        double y0 = axis == MagnitudeAxis.Blue ? b0 : v0;
        // Brute force: midpoint rule in the observed magnitude (4000 steps per bin), exact normal interval in colour.
        var reference = new double[grid.BinCount];
        const int steps = 4000;
        for (int yi = 0; yi < 17; yi++)
        {
            double h = 0.1 / steps;
            for (int s = 0; s < steps; s++)
            {
                double e = 14.2 + 0.1 * yi + (s + 0.5) * h - y0;
                double w = Math.Exp(-0.5 * e * e / (sm * sm)) / (sm * Math.Sqrt(2 * Math.PI)) * h;
                double centre = axis == MagnitudeAxis.Blue ? b0 - v0 + e : b0 - v0 - e;
                for (int x = 0; x < 16; x++)
                {
                    double lo = 0.3 + 0.05 * x, hi = lo + 0.05;
                    reference[grid.Flatten(x, yi)] += w * 0.5 * (SpecialFunctions.Erf((hi - centre) / (so * Math.Sqrt(2))) - SpecialFunctions.Erf((lo - centre) / (so * Math.Sqrt(2))));
                }
            }
        }
        double maxDiff = 0, maxRef = 0;
        for (int k = 0; k < dense.Length; k++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(dense[k] / perMass - reference[k]));
            maxRef = Math.Max(maxRef, reference[k]);
        }
        output.WriteLine($"{axis}: max |template/perMass − brute force| = {maxDiff:E2} (largest bin probability {maxRef:F4})");
        Assert.True(maxDiff < 2e-5, $"max difference {maxDiff}");
        Assert.True(maxRef > 0.01);
    }
}
