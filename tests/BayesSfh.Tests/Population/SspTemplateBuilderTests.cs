using System.Diagnostics;
using BayesSfh.Hess;
using BayesSfh.Imf;
using BayesSfh.Isochrones;
using BayesSfh.Observation;
using BayesSfh.Population;
using BayesSfh.Randomness;
using MathNet.Numerics;
using MathNet.Numerics.Integration;
using Xunit;
using Xunit.Abstractions;

namespace BayesSfh.Tests.Population;

/// <summary>
/// SSP templates against independent computations: number conservation (IMF fractions × completeness), quadrature of
/// a varying completeness, the centroid of symmetric errors, a brute-force integral of the correlated 2-D Gaussian, and a
/// seeded Monte Carlo population binned on the same grid (Pearson residuals).
/// </summary>
public class SspTemplateBuilderTests(ITestOutputHelper output)
{
    /// <summary>A made-up isochrone: a main sequence from 0.1 to 1 M☉ and a red branch up to 1.3 M☉, with a repeated mass at the boundary.</summary>
    internal static Isochrone MadeUpIsochrone(double logAge = 9.5, double mh = -1)
    {
        var mass = new List<double>();
        var b = new List<double>();
        var v = new List<double>();
        var i = new List<double>();
        for (int k = 0; k <= 40; k++)
        {
            double m = 0.1 * Math.Pow(10, k / 40.0);
            double vv = 4.8 - 8 * Math.Log10(m), bv = 0.65 - 0.9 * Math.Log10(m);
            Add(m, vv, bv);
        }
        for (int k = 0; k <= 20; k++)
        {
            double m = 1.0 + 0.3 * k / 20.0, s = k / 20.0;
            double vv = 4.8 - 5.8 * s * s - 1.5 * s, bv = 0.65 + 0.75 * s * s;
            Add(m, vv, bv);
        }
        return new Isochrone(logAge, mh, [.. mass], new Dictionary<string, double[]> { ["B"] = [.. b], ["V"] = [.. v], ["I"] = [.. i] }, source: "test");

        void Add(double m, double vv, double bv)
        {
            mass.Add(m);
            v.Add(vv);
            b.Add(vv + bv);
            i.Add(vv - (0.9 * bv + 0.05));
        }
    }

    private static SspTemplateOptions Options(PhotometricBand blue, PhotometricBand red, MagnitudeAxis axis, HessGrid grid, IInitialMassFunction? imf = null, PhotometricBand? third = null) =>
        new(blue, red, axis switch { MagnitudeAxis.Blue => blue, MagnitudeAxis.Red => red, _ => third! }, 10, imf ?? new KroupaImf(), grid);

    private static readonly HessGrid Wide = HessGrid.Uniform(-2, 4, 60, 0, 40, 80);

    public static TheoryData<MagnitudeAxis, double> Axes() => new()
    {
        { MagnitudeAxis.Separate, 0 }, { MagnitudeAxis.Blue, 0 }, { MagnitudeAxis.Red, 0 },
        { MagnitudeAxis.Separate, 0.07 }, { MagnitudeAxis.Blue, 0.07 }, { MagnitudeAxis.Red, 0.07 },
    };

    [Theory]
    [MemberData(nameof(Axes))]
    public void TotalIsImfCountTimesCompletenessInAWindowContainingEverything(MagnitudeAxis axis, double sigma)
    {
        var iso = MadeUpIsochrone();
        var eta = new LogisticCompleteness(0.8, 200, 0.5); // η = 0.8 to machine precision here
        var error = new ConstantPhotometricError(sigma);
        var opts = Options(new PhotometricBand("B", 0.1, error, eta), new PhotometricBand("V", 0.07, error, eta), axis, Wide,
            third: new PhotometricBand("I", 0.03, error, eta));
        var t = SspTemplateBuilder.Build(iso, opts);
        double etaTotal = axis == MagnitudeAxis.Separate ? 0.8 * 0.8 * 0.8 : 0.8 * 0.8;
        double expected = etaTotal * opts.Imf.StarsPerSolarMass(0.1, 1.3);
        output.WriteLine($"{axis} σ={sigma}: total {t.StarsPerMass:R}, expected {expected:R}, bins {t.Bins.Length}");
        Assert.Equal(1, t.StarsPerMass / expected, 1e-6);
    }

    [Fact]
    public void VaryingCompletenessMatchesQuadrature()
    {
        var iso = MadeUpIsochrone();
        var etaB = new LogisticCompleteness(0.95, 26, 0.4);
        var etaV = new LogisticCompleteness(0.9, 25.2, 0.3);
        var imf = new KroupaImf();
        var opts = Options(new PhotometricBand("B", 0, null, etaB), new PhotometricBand("V", 0, null, etaV), MagnitudeAxis.Red, Wide, imf);
        double total = SspTemplateBuilder.Build(iso, opts).StarsPerMass;
        // Independent: ∫ ξ(m) η_B η_V dm / ⟨m⟩ per tabulated interval with 20-point Gauss–Legendre on 50 pieces.
        var mass = iso.InitialMass;
        var bMag = iso.Magnitudes("B");
        var vMag = iso.Magnitudes("V");
        double reference = 0;
        for (int k = 0; k + 1 < mass.Count; k++)
        {
            if (!(mass[k + 1] > mass[k])) continue;
            int kk = k;
            double F(double m)
            {
                double t = (m - mass[kk]) / (mass[kk + 1] - mass[kk]);
                double bb = bMag[kk] + t * (bMag[kk + 1] - bMag[kk]) + 10, vv = vMag[kk] + t * (vMag[kk + 1] - vMag[kk]) + 10;
                return imf.Density(m) * etaB.Probability(bb) * etaV.Probability(vv);
            }
            for (int p = 0; p < 50; p++)
            {
                double lo = mass[k] + (mass[k + 1] - mass[k]) * p / 50, hi = mass[k] + (mass[k + 1] - mass[k]) * (p + 1) / 50;
                reference += GaussLegendreRule.Integrate(F, lo, hi, 20);
            }
        }
        reference /= imf.MeanMass;
        output.WriteLine($"total {total:R}, quadrature {reference:R}, rel {total / reference - 1:E2}");
        Assert.Equal(1, total / reference, 2e-4);
    }

    [Theory]
    [InlineData(MagnitudeAxis.Blue)]
    [InlineData(MagnitudeAxis.Red)]
    [InlineData(MagnitudeAxis.Separate)]
    public void SymmetricErrorsKeepTheCentroid(MagnitudeAxis axis)
    {
        var iso = MadeUpIsochrone();
        var grid = HessGrid.Uniform(-1, 3, 200, 0, 36, 240);
        PhotometricBand Band(string f, double s) => new(f, 0.05, new ConstantPhotometricError(s));
        var noisy = SspTemplateBuilder.Build(iso, Options(Band("B", 0.06), Band("V", 0.04), axis, grid, third: Band("I", 0.05)));
        var exact = SspTemplateBuilder.Build(iso, Options(Band("B", 0), Band("V", 0), axis, grid, third: Band("I", 0)));
        var (cn, yn) = Centroid(noisy, grid);
        // Truth: weighted mean of the resampled true points (no binning), by fine subdivision in mass.
        var (ct, yt) = TrueCentroid(iso, axis);
        var (ce, ye) = Centroid(exact, grid);
        output.WriteLine($"{axis}: noisy ({cn:F5}, {yn:F5}), true ({ct:F5}, {yt:F5}), noiseless binned ({ce:F5}, {ye:F5})");
        Assert.Equal(ct, cn, 2e-3);
        Assert.Equal(yt, yn, 2e-3);
        // Only the truncation at ±k σ loses stars: at most 2Φ(−k) per axis.
        double lost = exact.StarsPerMass - noisy.StarsPerMass, bound = 4 * NormalCdf.Lower(-SspTemplateBuilder.TruncationSigmas) * exact.StarsPerMass;
        output.WriteLine($"lost {lost:E2} of {exact.StarsPerMass:F6} (bound {bound:E2})");
        Assert.InRange(lost, -1e-12, bound);
    }

    private static (double Colour, double Mag) Centroid(BayesSfh.Templates.SspTemplate t, HessGrid grid)
    {
        double s = 0, sc = 0, sy = 0;
        for (int k = 0; k < t.Bins.Length; k++)
        {
            int x = t.Bins[k] % grid.ColourBins, y = t.Bins[k] / grid.ColourBins;
            double c = 0.5 * (grid.ColourEdges[x] + grid.ColourEdges[x + 1]), m = 0.5 * (grid.MagnitudeEdges[y] + grid.MagnitudeEdges[y + 1]);
            s += t.Values[k];
            sc += t.Values[k] * c;
            sy += t.Values[k] * m;
        }
        return (sc / s, sy / s);
    }

    private static (double Colour, double Mag) TrueCentroid(Isochrone iso, MagnitudeAxis axis)
    {
        var imf = new KroupaImf();
        var mass = iso.InitialMass;
        var b = iso.Magnitudes("B");
        var v = iso.Magnitudes("V");
        var i = iso.Magnitudes("I");
        double s = 0, sc = 0, sy = 0;
        for (int k = 0; k + 1 < mass.Count; k++)
        {
            if (!(mass[k + 1] > mass[k])) continue;
            const int n = 2000;
            for (int p = 0; p < n; p++)
            {
                double t = (p + 0.5) / n;
                double w = imf.StarFraction(mass[k] + (mass[k + 1] - mass[k]) * p / n, mass[k] + (mass[k + 1] - mass[k]) * (p + 1) / n);
                double bb = b[k] + t * (b[k + 1] - b[k]) + 10.05, vv = v[k] + t * (v[k + 1] - v[k]) + 10.05, ii = i[k] + t * (i[k + 1] - i[k]) + 10.05;
                s += w;
                sc += w * (bb - vv);
                sy += w * (axis switch { MagnitudeAxis.Blue => bb, MagnitudeAxis.Red => vv, _ => ii });
            }
        }
        return (sc / s, sy / s);
    }

    [Theory]
    [InlineData(MagnitudeAxis.Blue)]
    [InlineData(MagnitudeAxis.Red)]
    public void CorrelatedKernelMatchesBruteForceIntegral(MagnitudeAxis axis) =>
        CompareWithBruteForce(axis, 0.08, 0.05, 0.3, 0.05, 16, 14.2, 0.1, 17, 4000, 1e-6, 0.01);

    [Theory]
    [InlineData(MagnitudeAxis.Blue, 0.28, 0.25, 0.15, 60)]  // 0.25σ = 0.0625 < h = 0.15: lattice step h/3
    [InlineData(MagnitudeAxis.Red, 0.28, 0.25, 0.15, 60)]
    [InlineData(MagnitudeAxis.Blue, 0.6, 0.55, 0.15, 60)]   // 0.25σ = 0.1375: h/2
    [InlineData(MagnitudeAxis.Red, 0.6, 0.55, 0.15, 60)]
    [InlineData(MagnitudeAxis.Blue, 0.6, 0.55, 0.06, 150)]  // 0.25σ ≥ 2h: whole steps, 2h
    [InlineData(MagnitudeAxis.Red, 0.6, 0.55, 0.06, 150)]
    public void WideCorrelatedKernelMatchesBruteForceIntegral(MagnitudeAxis axis, double sb, double sv, double colourWidth, int colourBins) =>
        CompareWithBruteForce(axis, sb, sv, -3.3, colourWidth, colourBins, 10.6, 0.1, 80, 200, 1e-6, 0.001);

    // σ_o ≪ σ_m: a lattice step of 0.25 σ_o would need ~11 500 nodes, so the Gauss–Legendre kernel is used.
    [Fact]
    public void CorrelatedKernelWithANearlyExactColourFilterMatchesBruteForceIntegral() =>
        CompareWithBruteForce(MagnitudeAxis.Red, 0.002, 0.5, -3.3, 0.15, 60, 10.6, 0.1, 80, 2000, 1e-6, 0.01);

    // Irregular colour edges take the Gauss–Legendre kernel instead of the lattice one: both must match brute force.
    [Theory]
    [InlineData(MagnitudeAxis.Blue, 0.08, 0.05)]
    [InlineData(MagnitudeAxis.Red, 0.28, 0.25)]
    public void CorrelatedKernelOnIrregularColourEdgesMatchesBruteForceIntegral(MagnitudeAxis axis, double sb, double sv) =>
        CompareWithBruteForce(axis, sb, sv, -0.5, 0.05, 40, 14.2, 0.1, 17, 1000, 1e-6, 0.001, irregular: true);

    /// <summary>
    /// One star at B = 15.3, V = 14.6 on a uniform grid (colour bins from <paramref name="c0"/> of width
    /// <paramref name="cw"/>, magnitude rows from <paramref name="y0Edge"/> of height <paramref name="yw"/>): template vs a
    /// midpoint rule over the observed magnitude within each row (<paramref name="steps"/> per row), the colour interval of
    /// the other filter's error then being exact.
    /// </summary>
    private void CompareWithBruteForce(MagnitudeAxis axis, double sb, double sv, double c0, double cw, int nc, double y0Edge,
        double yw, int ny, int steps, double tolerance, double minimumLargestBin, bool irregular = false)
    {
        // Every point at the same magnitudes: the template is (stars per M☉) × bivariate-normal bin probabilities.
        var mass = new[] { 0.5, 0.9 };
        var iso = new Isochrone(9, 0, mass, new Dictionary<string, double[]> { ["B"] = [5.3, 5.3], ["V"] = [4.6, 4.6] });
        var grid = irregular
            ? new HessGrid(Enumerable.Range(0, nc + 1).Select(x => c0 + cw * x + (x % 3 == 1 ? 0.2 * cw : 0)), Enumerable.Range(0, ny + 1).Select(y => y0Edge + yw * y))
            : HessGrid.Uniform(c0, c0 + nc * cw, nc, y0Edge, y0Edge + ny * yw, ny);
        var colourEdges = grid.ColourEdges;
        var opts = Options(new PhotometricBand("B", 0, new ConstantPhotometricError(sb)), new PhotometricBand("V", 0, new ConstantPhotometricError(sv)), axis, grid);
        var dense = new double[grid.BinCount];
        SspTemplateBuilder.Accumulate(iso, opts, dense);
        double perMass = opts.Imf.StarsPerSolarMass(0.5, 0.9);
        double b0 = 15.3, v0 = 14.6, sm = axis == MagnitudeAxis.Blue ? sb : sv, so = axis == MagnitudeAxis.Blue ? sv : sb;
        double y0 = axis == MagnitudeAxis.Blue ? b0 : v0;
        var reference = new double[grid.BinCount];
        for (int yi = 0; yi < ny; yi++)
        {
            double h = yw / steps;
            for (int s = 0; s < steps; s++)
            {
                double e = y0Edge + yw * yi + (s + 0.5) * h - y0;
                double w = Math.Exp(-0.5 * e * e / (sm * sm)) / (sm * Math.Sqrt(2 * Math.PI)) * h;
                // Blue axis: colour = (b0 − v0) + e − e_V; red axis: colour = (b0 − v0) + e_B − e.
                double centre = axis == MagnitudeAxis.Blue ? b0 - v0 + e : b0 - v0 - e;
                for (int x = 0; x < nc; x++)
                {
                    double lo = colourEdges[x], hi = colourEdges[x + 1];
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
        output.WriteLine($"{axis} σ_B={sb} σ_V={sv}: max |template/perMass − brute force| = {maxDiff:E2} (largest bin probability {maxRef:F4})");
        Assert.True(maxDiff < tolerance, $"max difference {maxDiff}");
        // The correlation matters: the uncorrelated product differs by far more than the tolerance.
        Assert.True(maxRef > minimumLargestBin);
    }

    /// <summary>
    /// V vs B − V template of the made-up isochrone with HST-like exponential errors and logistic completeness (80 × 70
    /// bins, μ = 12.5).
    /// </summary>
    private static double[] HstLikeTemplate(BinaryOptions? binaries, double latticeStep)
    {
        var err = new ExponentialPhotometricError(1.05, 10, 32, 0.01);
        var blue = new PhotometricBand("B", 0.12, err, new LogisticCompleteness(0.95, 27.5, 0.3));
        var red = new PhotometricBand("V", 0.09, err, new LogisticCompleteness(0.9, 27.0, 0.25));
        var grid = HessGrid.Uniform(0.4, 2.4, 80, 14, 28, 70);
        var d = new double[grid.BinCount];
        SspTemplateBuilder.Accumulate(MadeUpIsochrone(), new SspTemplateOptions(blue, red, red, 12.5, new KroupaImf(), grid,
            binaries: binaries, latticeStep: latticeStep), d);
        return d;
    }

    /// <summary>
    /// Binary templates sample q at fixed nodes: the default (60 nodes, step 0.6) must be close to a fine sampling (200
    /// nodes, step 0.1), and closer than the former default (20 nodes, step 0.2), which left visible q stripes.
    /// </summary>
    [Fact]
    public void BinaryTemplateConvergesInTheMassRatio()
    {
        double[] Template(BinaryOptions binaries) => HstLikeTemplate(binaries, SspTemplateOptions.DefaultLatticeStep);
        var fine = Template(new BinaryOptions(0.35, 0.1, 200, 0.1));
        double largest = fine.Max();
        double Error(double[] d) => d.Select((v, k) => Math.Abs(v - fine[k])).Max() / largest;
        double byDefault = Error(Template(new BinaryOptions(0.35, 0.1)));
        double former = Error(Template(new BinaryOptions(0.35, 0.1, 20, 0.2)));
        output.WriteLine($"largest difference from 200 q nodes: default {byDefault:E2}, former default {former:E2} (of the largest bin)");
        Assert.True(byDefault < 2e-3, $"default {byDefault}");
        Assert.True(byDefault < 0.5 * former, $"default {byDefault} vs former {former}");
    }

    /// <summary>
    /// Errors far below the bin width (σ = 1e-6 mag in both filters; the lattice would need ~10⁵ phases) take the
    /// Gauss–Legendre kernel and match the noiseless template: same total, bins within 1e-3 of the largest.
    /// </summary>
    [Fact]
    public void TinyCorrelatedErrorsMatchTheNoiselessTemplate()
    {
        var iso = MadeUpIsochrone();
        var grid = HessGrid.Uniform(0.4, 2.4, 80, 14, 28, 70);
        double[] Template(double sigma)
        {
            var err = new ConstantPhotometricError(sigma);
            var d = new double[grid.BinCount];
            SspTemplateBuilder.Accumulate(iso, new SspTemplateOptions(new PhotometricBand("B", 0, err), new PhotometricBand("V", 0, err),
                new PhotometricBand("V", 0, err), 12.5, new KroupaImf(), grid), d);
            return d;
        }
        var tiny = Template(1e-6);
        var exact = Template(0);
        double difference = tiny.Select((v, k) => Math.Abs(v - exact[k])).Max() / exact.Max();
        output.WriteLine($"σ = 1e-6 vs noiseless: largest difference {difference:E2} of the largest bin, totals {tiny.Sum():R} vs {exact.Sum():R}");
        Assert.Equal(exact.Sum(), tiny.Sum(), 1e-9);
        Assert.True(difference < 1e-3, $"difference {difference}");
    }

    /// <summary>
    /// The correlated kernel's lattice converges: a lattice 2.5× finer than the default moves an HST-like template by far
    /// less than 1e-7 of its largest bin (1.3e-8 measured), and by something (the option is used).
    /// </summary>
    [Fact]
    public void CorrelatedLatticeConverges()
    {
        double[] Template(double latticeStep) => HstLikeTemplate(null, latticeStep);
        var fine = Template(0.1);
        double difference = Template(SspTemplateOptions.DefaultLatticeStep).Select((value, k) => Math.Abs(value - fine[k])).Max() / fine.Max();
        output.WriteLine($"default lattice against a 2.5× finer one: {difference:E2} of the largest bin");
        Assert.InRange(difference, 1e-12, 1e-7);
    }

    [Theory]
    [InlineData(MagnitudeAxis.Red, 11UL)]
    [InlineData(MagnitudeAxis.Separate, 12UL)]
    public void MonteCarloPopulationHasPoissonResiduals(MagnitudeAxis axis, ulong seed)
    {
        var iso = MadeUpIsochrone();
        var imf = new KroupaImf();
        var err = new ExponentialPhotometricError(1.05, 10, 32, 0.01);
        var blue = new PhotometricBand("B", 0.12, err, new LogisticCompleteness(0.95, 27.5, 0.3));
        var red = new PhotometricBand("V", 0.09, err, new LogisticCompleteness(0.9, 27.0, 0.25));
        var third = new PhotometricBand("I", 0.05, err, new LogisticCompleteness(0.97, 26.4, 0.3));
        var grid = HessGrid.Uniform(0.4, 2.4, 80, 14, 28, 70);
        var opts = new SspTemplateOptions(blue, red, axis == MagnitudeAxis.Red ? red : third, 12.5, imf, grid);
        var expected = new double[grid.BinCount];
        SspTemplateBuilder.Accumulate(iso, opts, expected);

        const int stars = 600_000;
        var rng = Xoshiro256StarStar.ForStream(seed, 0);
        var masses = new double[stars];
        imf.Sample(rng, masses);
        var counts = new long[grid.BinCount];
        var mass = iso.InitialMass;
        var bands = new[] { blue, red, third };
        var abs = bands.Select(b => iso.Magnitudes(b.Filter)).ToArray();
        var trueMag = new double[3];
        foreach (double m in masses)
        {
            if (m < mass[0] || m > mass[^1]) continue;
            int k = 0;
            while (!(mass[k + 1] >= m && mass[k + 1] > mass[k])) k++;
            double t = (m - mass[k]) / (mass[k + 1] - mass[k]);
            double detect = 1;
            int used = axis == MagnitudeAxis.Red ? 2 : 3;
            for (int f = 0; f < 3; f++)
            {
                trueMag[f] = abs[f][k] + t * (abs[f][k + 1] - abs[f][k]) + 12.5 + bands[f].Extinction;
                if (f < used) detect *= bands[f].Completeness.Probability(trueMag[f]);
            }
            if (rng.NextDouble() >= detect) continue;
            double bObs = trueMag[0] + err.Sigma(trueMag[0]) * rng.NextStandardNormal();
            double vObs = trueMag[1] + err.Sigma(trueMag[1]) * rng.NextStandardNormal();
            double yObs = axis == MagnitudeAxis.Red ? vObs : trueMag[2] + err.Sigma(trueMag[2]) * rng.NextStandardNormal();
            int x = (int)Math.Floor((bObs - vObs - 0.4) / 0.025), y = (int)Math.Floor((yObs - 14) / 0.2);
            if (x < 0 || x >= 80 || y < 0 || y >= 70) continue;
            counts[grid.Flatten(x, y)]++;
        }
        double massFormed = stars * imf.MeanMass;
        double sum = 0, sum2 = 0;
        int used2 = 0;
        for (int k = 0; k < counts.Length; k++)
        {
            double mu = expected[k] * massFormed;
            if (!(mu > 5)) continue;
            double r = (counts[k] - mu) / Math.Sqrt(mu);
            if (Math.Abs(r) > 3.5) output.WriteLine($"  bin x={k % 80} y={k / 80}: n={counts[k]}, mu={mu:F1}, r={r:F2}");
            sum += r;
            sum2 += r * r;
            used2++;
        }
        double mean = sum / used2, variance = sum2 / used2;
        output.WriteLine($"expected in grid {expected.Sum() * massFormed:F1}, counted {counts.Sum()}");
        output.WriteLine($"{axis}: {used2} bins with μ > 5, mean residual {mean:F3}, mean squared residual {variance:F3}");
        if (variance is < 0.9 or > 1.11) output.WriteLine("ALERT: Pearson variance outside [0.9, 1.11]");
        Assert.True(used2 > 400, $"only {used2} bins with μ > 5");
        Assert.InRange(variance, 0.8, 1.25);
    }

    [Fact]
    public void TimingOnHundredByHundredBins()
    {
        var iso = MadeUpIsochrone();
        var err = new ExponentialPhotometricError(1.05, 10, 32, 0.01);
        var grid = HessGrid.Uniform(0.4, 2.4, 100, 14, 28, 100);
        var blue = new PhotometricBand("B", 0.1, err, new LogisticCompleteness(0.95, 27.5, 0.3));
        var red = new PhotometricBand("V", 0.08, err, new LogisticCompleteness(0.9, 27.0, 0.25));
        var correlated = new SspTemplateOptions(blue, red, red, 12.5, new KroupaImf(), grid);
        var separate = new SspTemplateOptions(blue, red, new PhotometricBand("I", 0.05, err), 12.5, new KroupaImf(), grid);
        SspTemplateBuilder.Build(iso, correlated); // warm-up
        var watch = Stopwatch.StartNew();
        var t1 = SspTemplateBuilder.Build(iso, correlated);
        double correlatedMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var t2 = SspTemplateBuilder.Build(iso, separate);
        double separateMs = watch.Elapsed.TotalMilliseconds;
        output.WriteLine($"TIMING 100x100 bins, {iso.Count}-point isochrone: correlated {correlatedMs:F1} ms ({t1.Bins.Length} bins), separate {separateMs:F1} ms ({t2.Bins.Length} bins)");
        Assert.True(t1.Bins.Length > 0 && t2.Bins.Length > 0);
    }

    [Fact]
    public void BuildSetKeepsInputOrder()
    {
        var isochrones = Enumerable.Range(0, 6).Select(k => MadeUpIsochrone(9 + 0.1 * k, -1 + 0.2 * (k % 2))).ToArray();
        var opts = Options(new PhotometricBand("B", 0, new ConstantPhotometricError(0.05)), new PhotometricBand("V", 0, new ConstantPhotometricError(0.05)), MagnitudeAxis.Red, Wide);
        var set = SspTemplateBuilder.BuildSet(isochrones, opts);
        Assert.Equal(6, set.Templates.Length);
        Assert.Same(opts.Grid, set.HessGrid);
        for (int k = 0; k < 6; k++)
        {
            Assert.Equal(isochrones[k].LogAge, set.Templates[k].LogAge);
            Assert.Equal(SspTemplateBuilder.Build(isochrones[k], opts).Values, set.Templates[k].Values);
        }
    }

    [Fact]
    public void OptionsValidate()
    {
        var b = new PhotometricBand("B");
        var v = new PhotometricBand("V");
        Assert.Throws<ArgumentException>(() => new SspTemplateOptions(b, b, b, 10, new KroupaImf(), Wide));
        Assert.Throws<ArgumentException>(() => new SspTemplateOptions(b, v, new PhotometricBand("V", 0.3), 10, new KroupaImf(), Wide));
        Assert.Throws<ArgumentException>(() => new SspTemplateOptions(b, v, v, double.NaN, new KroupaImf(), Wide));
        Assert.Throws<ArgumentException>(() => new SspTemplateOptions(b, v, v, 10, new KroupaImf(), Wide, stepFraction: 0));
        foreach (double step in new[] { 0, 1e-9, 0.019, -0.1, 0.6, double.NaN })
            Assert.Equal("latticeStep", Assert.Throws<ArgumentException>(() => new SspTemplateOptions(b, v, v, 10, new KroupaImf(), Wide, latticeStep: step)).ParamName);
        Assert.Equal(MagnitudeAxis.Red, new SspTemplateOptions(b, v, v, 10, new KroupaImf(), Wide).Axis);
        Assert.Throws<KeyNotFoundException>(() => SspTemplateBuilder.Build(MadeUpIsochrone(), new SspTemplateOptions(b, new PhotometricBand("R"), b, 10, new KroupaImf(), Wide)));
    }
}
