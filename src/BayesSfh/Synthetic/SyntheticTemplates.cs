using BayesSfh.Hess;
using BayesSfh.Templates;
using MathNet.Numerics;

namespace BayesSfh.Synthetic;

/// <summary>
/// A documented toy template set for examples, tests and benchmarks — not stellar physics (real analyses build
/// templates from MIST or PARSEC isochrones). Each SSP is a smooth track in (colour, magnitude): a main sequence from
/// M = 7 up to a turnoff that fades with age, M_TO = 1.9 (log t − 8) − 1.2, and a red-giant branch from the turnoff up
/// to M = −2.5, both redder at higher [M/H]. Stars along the track follow a luminosity function ∝ 10^{0.25 M} on the main
/// sequence and 0.3 × that at the turnoff on the giant branch; the track is blurred by Gaussian photometric errors
/// σ(M) = 0.02 + 0.05·10^{0.2 (M − 7)} in magnitude and √2 times that in colour, integrated over each pixel with erf and
/// cut at ±4σ (so templates are sparse). Normalisation: 0.08 (t/1 Gyr)^−0.35 observed stars per M☉ formed. Luminosity
/// per M☉: 1.5 (t/1 Gyr)^−0.8 L☉.
/// </summary>
public static class SyntheticTemplates
{
    /// <summary>Colour range of the Hess grid (mag).</summary>
    public const double ColourLow = -0.4, ColourHigh = 1.8;

    /// <summary>Magnitude range of the Hess grid (mag).</summary>
    public const double MagnitudeLow = -3.0, MagnitudeHigh = 7.0;

    /// <summary>Builds the template set described in the class summary.</summary>
    public static TemplateSet Create(SyntheticTemplateOptions? options = null)
    {
        options = (options ?? new SyntheticTemplateOptions()).Validate();
        var grid = HessGrid.Uniform(ColourLow, ColourHigh, options.ColourBins, MagnitudeLow, MagnitudeHigh, options.MagnitudeBins);
        var templates = new List<SspTemplate>();
        for (int j = 0; j < options.Ages; j++)
        {
            double logAge = Math.Round(options.MinLogAge + (options.MaxLogAge - options.MinLogAge) * j / (options.Ages - 1), 6);
            for (int k = 0; k < options.Metallicities; k++)
            {
                double mh = options.Metallicities == 1 ? options.MinMH
                    : Math.Round(options.MinMH + (options.MaxMH - options.MinMH) * k / (options.Metallicities - 1), 6);
                templates.Add(Template(grid, logAge, mh));
            }
        }
        return new TemplateSet(grid.BinCount, templates, hessGrid: grid);
    }

    /// <summary>One SSP template on <paramref name="grid"/>.</summary>
    public static SspTemplate Template(HessGrid grid, double logAge, double mh)
    {
        double ageGyr = Math.Pow(10, logAge - 9);
        double turnoff = 1.9 * (logAge - 8) - 1.2;
        double turnoffColour = 0.25 + 0.12 * (logAge - 9) + 0.1 * (mh + 1);
        double giantOffset = 0.35 + 0.18 * (mh + 1);
        var image = new double[grid.BinCount];
        var points = new List<(double Colour, double Mag, double Weight)>();
        const int steps = 300;
        for (int s = 0; s < steps; s++)
        {
            double mag = 7.0 - (7.0 - turnoff) * (s + 0.5) / steps;
            double colour = turnoffColour + 0.11 * (mag - turnoff);
            points.Add((colour, mag, Math.Pow(10, 0.25 * mag) * (7.0 - turnoff) / steps));
        }
        double turnoffDensity = Math.Pow(10, 0.25 * turnoff);
        for (int s = 0; s < steps; s++)
        {
            double mag = turnoff - (turnoff + 2.5) * (s + 0.5) / steps;
            double rise = turnoff - mag;
            double colour = turnoffColour + giantOffset * (1 - Math.Exp(-rise / 0.6)) + 0.06 * rise;
            points.Add((colour, mag, 0.3 * turnoffDensity * (turnoff + 2.5) / steps));
        }
        double total = points.Sum(p => p.Weight);
        double starsPerMass = 0.08 * Math.Pow(ageGyr, -0.35);
        foreach (var (colour, mag, weight) in points)
            Deposit(grid, image, colour, mag, weight / total * starsPerMass);
        var bins = new List<int>();
        var values = new List<double>();
        for (int i = 0; i < image.Length; i++)
            if (image[i] > 0)
            {
                bins.Add(i);
                values.Add(image[i]);
            }
        return new SspTemplate(logAge, mh, [.. bins], [.. values], 1.5 * Math.Pow(ageGyr, -0.8));
    }

    private static void Deposit(HessGrid grid, double[] image, double colour, double mag, double weight)
    {
        double sigmaMag = 0.02 + 0.05 * Math.Pow(10, 0.2 * (mag - 7));
        double sigmaColour = Math.Sqrt(2) * sigmaMag;
        var xs = Fractions(grid.ColourEdges, colour, sigmaColour);
        var ys = Fractions(grid.MagnitudeEdges, mag, sigmaMag);
        foreach (var (y, fy) in ys)
            foreach (var (x, fx) in xs)
                image[grid.Flatten(x, y)] += weight * fx * fy;
    }

    // Fraction of a Gaussian (centre, sigma), truncated at ±4σ, in each bin it overlaps.
    private static List<(int Bin, double Fraction)> Fractions(System.Collections.Immutable.ImmutableArray<double> edges, double centre, double sigma)
    {
        var result = new List<(int, double)>();
        double lo = centre - 4 * sigma, hi = centre + 4 * sigma;
        for (int b = 0; b + 1 < edges.Length; b++)
        {
            double a = Math.Max(edges[b], lo), c = Math.Min(edges[b + 1], hi);
            if (c <= a) continue;
            double f = 0.5 * (SpecialFunctions.Erf((c - centre) / (Math.Sqrt(2) * sigma)) - SpecialFunctions.Erf((a - centre) / (Math.Sqrt(2) * sigma)));
            if (f > 0) result.Add((b, f));
        }
        return result;
    }
}
