using BayesSfh.Hess;
using BayesSfh.Imf;
using BayesSfh.Isochrones;
using BayesSfh.Isochrones.Analytic;
using BayesSfh.Observation;
using BayesSfh.Population;
using BenchmarkDotNet.Attributes;

namespace BayesSfh.Benchmarks;

/// <summary>
/// One SSP template (<see cref="SspTemplateBuilder.Build"/>) on a 100 × 100 Hess grid from a built-in analytic isochrone
/// (B, V, I; [M/H] = −1) of a nearby dwarf: μ = 24, A = 0.1/0.08/0.05, errors σ = 1.05^{10 (m − 32)} + 0.01, logistic
/// completeness (50 % at 28.0/27.6/27.2 mag). The grid spans the CMD from 0.5 mag above the brightest point down to
/// 28.5 mag. <see cref="Correlated"/>: V vs B − V (the magnitude filter is a colour filter); otherwise I vs B − V.
/// Binaries: fraction 0.35, q ∈ [0.1, 1], default nodes and step. Run: <c>dotnet run -c Release -- --filter *SspTemplate*</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SspTemplateBenchmarks
{
    private Isochrone _isochrone = null!;
    private SspTemplateOptions _options = null!;

    /// <summary>log10 age (yr).</summary>
    [Params(9.0, 10.0)]
    public double LogAge { get; set; }

    /// <summary>True for V vs B − V (correlated errors), false for I vs B − V.</summary>
    [Params(true, false)]
    public bool Correlated { get; set; }

    /// <summary>Unresolved binaries on (f = 0.35, 20 q nodes).</summary>
    [Params(false, true)]
    public bool Binaries { get; set; }

    /// <summary>Builds the isochrone and the options.</summary>
    [GlobalSetup]
    public void Setup() => (_isochrone, _options) = Create(LogAge, Correlated, Binaries);

    /// <summary>The benchmark problem (also used by tests of the timing helpers).</summary>
    public static (Isochrone Isochrone, SspTemplateOptions Options) Create(double logAge, bool correlated, bool binaries)
    {
        var iso = new AnalyticIsochroneGenerator().Generate(logAge, -1);
        var options = OptionsFor(iso, "B", "V", correlated ? "V" : "I");
        return (iso, binaries ? Copy(options, binaries: new BinaryOptions(0.35, 0.1)) : options);
    }

    /// <summary>
    /// The benchmark's observation model for any isochrone and filters (named as in the isochrone): μ = 24, extinction
    /// 0.1 / 0.08 / 0.05 mag (blue, red, a separate magnitude filter), errors σ = 1.05^{10 (m − 32)} + 0.01, logistic
    /// completeness (50 % at 28.0 / 27.6 / 27.2 mag), and 100 × 100 bins from 0.5 mag above the brightest point down to
    /// 28.5 mag, colours of the points brighter than that ± 0.3 mag (within −1 … 3).
    /// </summary>
    public static SspTemplateOptions OptionsFor(Isochrone iso, string blueFilter, string redFilter, string magnitudeFilter)
    {
        const double mu = 24;
        var err = new ExponentialPhotometricError(1.05, 10, 32, 0.01);
        var blue = new PhotometricBand(blueFilter, 0.1, err, new LogisticCompleteness(0.98, 28.0, 0.3));
        var red = new PhotometricBand(redFilter, 0.08, err, new LogisticCompleteness(0.98, 27.6, 0.3));
        var mag = magnitudeFilter == redFilter ? red : magnitudeFilter == blueFilter ? blue
            : new PhotometricBand(magnitudeFilter, 0.05, err, new LogisticCompleteness(0.98, 27.2, 0.3));
        double top = double.PositiveInfinity, cLow = double.PositiveInfinity, cHigh = double.NegativeInfinity;
        var b = iso.Magnitudes(blueFilter);
        var v = iso.Magnitudes(redFilter);
        var y = iso.Magnitudes(mag.Filter);
        for (int k = 0; k < iso.Count; k++)
        {
            top = Math.Min(top, y[k] + mu + mag.Extinction);
            double c = b[k] - v[k] + blue.Extinction - red.Extinction;
            if (y[k] + mu + mag.Extinction < 28.5) (cLow, cHigh) = (Math.Min(cLow, c), Math.Max(cHigh, c));
        }
        var grid = HessGrid.Uniform(Math.Max(cLow - 0.3, -1), Math.Min(cHigh + 0.3, 3), 100, top - 0.5, 28.5, 100);
        return new SspTemplateOptions(blue, red, mag, mu, new KroupaImf(), grid);
    }

    /// <summary><paramref name="o"/> with another resampling step, lattice step or binaries.</summary>
    public static SspTemplateOptions Copy(SspTemplateOptions o, double? stepFraction = null, double? latticeStep = null, BinaryOptions? binaries = null) =>
        new(o.Blue, o.Red, o.Magnitude, o.DistanceModulus, o.Imf, o.Grid, stepFraction ?? o.StepFraction, o.QuadratureOrder,
            binaries ?? o.Binaries, latticeStep ?? o.LatticeStep);

    /// <summary>Builds one template.</summary>
    [Benchmark]
    public int Build() => SspTemplateBuilder.Build(_isochrone, _options).Bins.Length;

    /// <summary>
    /// <c>templates</c> mode: Stopwatch timing (median of 21 runs, 7 with binaries, after a warm-up of up to 30 builds) of every case, with the isochrone size
    /// and the template's non-zero bins, in seconds. For publishable numbers use BenchmarkDotNet.
    /// </summary>
    public static int Quick()
    {
        foreach (double logAge in new[] { 9.0, 10.0 })
            foreach (bool correlated in new[] { true, false })
                foreach (bool binaries in new[] { false, true })
                {
                    var (iso, options) = Create(logAge, correlated, binaries);
                    int bins = SspTemplateBuilder.Build(iso, options).Bins.Length;
                    // Warm-up long enough for tiered compilation to reach optimised code (≥ 30 calls or 2 s).
                    var warm = System.Diagnostics.Stopwatch.StartNew();
                    for (int k = 0; k < 30 && warm.Elapsed.TotalSeconds < 2; k++) SspTemplateBuilder.Build(iso, options);
                    var times = new double[binaries ? 7 : 21];
                    for (int k = 0; k < times.Length; k++)
                    {
                        var watch = System.Diagnostics.Stopwatch.StartNew();
                        SspTemplateBuilder.Build(iso, options);
                        times[k] = watch.Elapsed.TotalMilliseconds;
                    }
                    Array.Sort(times);
                    Console.WriteLine(FormattableString.Invariant(
                        $"log age {logAge:F1} {(correlated ? "V vs B-V" : "I vs B-V")} binaries {(binaries ? "on " : "off")}: {times[times.Length / 2],8:F2} ms (min {times[0]:F2}), {iso.Count} isochrone points, {bins} bins"));
                }
        return 0;
    }
}
