using BayesSfh.Isochrones;
using BayesSfh.Population;

namespace BayesSfh.Benchmarks;

/// <summary>
/// <c>template-accuracy</c> mode: for every <see cref="SspTemplateBenchmarks"/> case, the template at several step
/// fractions against a converged reference (step fraction 0.05 for single stars; binaries also at a binary step of
/// 0.05), as the largest bin difference over the largest bin and the L1 difference over the total, with the fastest
/// of 40 builds (2 with binaries). The reference uses the same error kernels, so this measures the resampling alone;
/// the kernels are checked against brute-force integrals in the tests. Run with DOTNET_TieredCompilation=0 so that
/// every build runs optimised code. With isochrone files (see <see cref="Run"/>) the reference also converges the
/// correlated lattice, so that line measures both.
/// </summary>
public static class TemplateAccuracy
{
    /// <summary>
    /// Without arguments: the built-in cases, one line per case and step fraction. With
    /// <c>PATH… --blue F --red F [--mag F]</c>: every isochrone of the files or folders, under the benchmark's observation
    /// model (<see cref="SspTemplateBenchmarks.OptionsFor"/>), default settings against a reference converged in both the
    /// resampling (step fraction 0.1) and the correlated lattice (step 0.08).
    /// </summary>
    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "--frontier") return Frontier();
        if (args.Length > 0) return RunFiles(args);
        foreach (double logAge in new[] { 9.0, 10.0 })
            foreach (bool correlated in new[] { true, false })
                foreach (bool binaries in new[] { false, true })
                {
                    var (iso, o) = SspTemplateBenchmarks.Create(logAge, correlated, binaries);
                    double[] Dense(double single, double binary)
                    {
                        var b = o.Binaries is null ? null : new BinaryOptions(o.Binaries.Fraction, o.Binaries.MinimumRatio, o.Binaries.RatioPoints, binary);
                        var d = new double[o.Grid.BinCount];
                        SspTemplateBuilder.Accumulate(iso, SspTemplateBenchmarks.Copy(o, stepFraction: single, binaries: b), d);
                        return d;
                    }
                    var reference = Dense(0.05, 0.05);
                    double max = reference.Max(), total = reference.Sum();
                    foreach (double f in new[] { 0.6, 0.8 })
                    {
                        double[] d = [];
                        double ms = double.PositiveInfinity, largest = 0, l1 = 0;
                        for (int rep = 0; rep < (binaries ? 2 : 40); rep++)
                        {
                            var watch = System.Diagnostics.Stopwatch.StartNew();
                            d = Dense(f, BinaryOptions.DefaultStepFraction);
                            ms = Math.Min(ms, watch.Elapsed.TotalMilliseconds);
                        }
                        for (int i = 0; i < d.Length; i++)
                        {
                            largest = Math.Max(largest, Math.Abs(d[i] - reference[i]));
                            l1 += Math.Abs(d[i] - reference[i]);
                        }
                        Console.WriteLine(FormattableString.Invariant(
                            $"log age {logAge:F1} {(correlated ? "V vs B-V" : "I vs B-V")} binaries {(binaries ? "on " : "off")} step {f:F2}: max {largest / max:E2} L1 {l1 / total:E2} {ms,8:F1} ms"));
                    }
                }
        return 0;
    }

    /// <summary>
    /// <c>template-accuracy --frontier</c>: the single-star built-in cases at pairs of (step fraction, lattice step),
    /// against a reference converged in both (0.1, 0.08), with the fastest of 15 builds after 5 warm-up builds: what
    /// accuracy a faster setting costs (docs/templates.md, session 7).
    /// </summary>
    private static int Frontier()
    {
        (double Step, double Lattice)[] settings = [(0.6, 0.25), (0.8, 0.25), (0.8, 0.3), (1.0, 0.3), (1.0, 0.35)];
        foreach (double logAge in new[] { 9.0, 10.0 })
            foreach (bool correlated in new[] { true, false })
            {
                var (iso, o) = SspTemplateBenchmarks.Create(logAge, correlated, binaries: false);
                double[] Dense(SspTemplateOptions options)
                {
                    var d = new double[o.Grid.BinCount];
                    SspTemplateBuilder.Accumulate(iso, options, d);
                    return d;
                }
                var reference = Dense(SspTemplateBenchmarks.Copy(o, stepFraction: 0.1, latticeStep: 0.08));
                double max = reference.Max(), total = reference.Sum();
                foreach (var (step, lattice) in settings)
                {
                    var options = SspTemplateBenchmarks.Copy(o, stepFraction: step, latticeStep: lattice);
                    for (int warm = 0; warm < 5; warm++) Dense(options);
                    double[] d = [];
                    double ms = double.PositiveInfinity, largest = 0, l1 = 0;
                    for (int rep = 0; rep < 15; rep++)
                    {
                        var watch = System.Diagnostics.Stopwatch.StartNew();
                        d = Dense(options);
                        ms = Math.Min(ms, watch.Elapsed.TotalMilliseconds);
                    }
                    for (int i = 0; i < d.Length; i++)
                    {
                        largest = Math.Max(largest, Math.Abs(d[i] - reference[i]));
                        l1 += Math.Abs(d[i] - reference[i]);
                    }
                    Console.WriteLine(FormattableString.Invariant(
                        $"log age {logAge:F1} {(correlated ? "V vs B-V" : "I vs B-V")} step {step:F2} lattice {lattice:F2}: max {largest / max:E2} L1 {l1 / total:E2} {ms,6:F2} ms"));
                }
            }
        return 0;
    }

    private static int RunFiles(string[] args)
    {
        string? Option(string name)
        {
            int k = Array.IndexOf(args, name);
            return k >= 0 && k + 1 < args.Length ? args[k + 1] : null;
        }
        string blue = Option("--blue") ?? throw new ArgumentException("--blue is required with isochrone files");
        string red = Option("--red") ?? throw new ArgumentException("--red is required with isochrone files");
        string magnitude = Option("--mag") ?? red;
        // Paths: every argument that is neither an option name nor an option's value.
        var paths = args.Where((a, k) => !a.StartsWith("--", StringComparison.Ordinal) && (k == 0 || !args[k - 1].StartsWith("--", StringComparison.Ordinal))).ToList();
        if (paths.Count == 0) throw new ArgumentException("template-accuracy: no isochrone file or folder given");
        double worst = 0, worstL1 = 0;
        foreach (var iso in IsochroneLoader.Load(paths))
        {
            if (!new[] { blue, red, magnitude }.All(iso.HasFilter))
            {
                Console.WriteLine($"{iso.Source}: skipped (lacks {blue}, {red} or {magnitude})");
                continue;
            }
            SspTemplateOptions o;
            try
            {
                o = SspTemplateBenchmarks.OptionsFor(iso, blue, red, magnitude);
            }
            catch (ArgumentException e)
            {
                Console.WriteLine($"{iso.Source}: skipped (no grid for the benchmark's observation model: {e.Message})");
                continue;
            }
            double[] Dense(SspTemplateOptions options)
            {
                var d = new double[o.Grid.BinCount];
                SspTemplateBuilder.Accumulate(iso, options, d);
                return d;
            }
            var reference = Dense(SspTemplateBenchmarks.Copy(o, stepFraction: 0.1, latticeStep: 0.08));
            var kernelOnly = Dense(SspTemplateBenchmarks.Copy(o, stepFraction: 0.1));
            var byDefault = Dense(o);
            double max = reference.Max(), total = reference.Sum();
            if (!(max > 0))
            {
                Console.WriteLine($"{iso.Source}: skipped (empty template on the grid)");
                continue;
            }
            (double Largest, double L1, int Bin) Compare(double[] d)
            {
                double largest = 0, l1 = 0;
                int bin = 0;
                for (int i = 0; i < d.Length; i++)
                {
                    double e = Math.Abs(d[i] - reference[i]);
                    l1 += e;
                    if (e > largest) (largest, bin) = (e, i);
                }
                return (largest / max, l1 / total, bin);
            }
            var (largestDefault, l1Default, bin) = Compare(byDefault);
            var (largestKernel, _, _) = Compare(kernelOnly);
            (worst, worstL1) = (Math.Max(worst, largestDefault), Math.Max(worstL1, l1Default));
            int nx = o.Grid.ColourBins;
            Console.WriteLine(FormattableString.Invariant(
                $"log age {iso.LogAge,5:F2} [M/H] {iso.MH,6:F2}: default max {largestDefault:E2} L1 {l1Default:E2} (largest at colour bin {bin % nx}, magnitude row {bin / nx}); lattice alone {largestKernel:E2}"));
        }
        Console.WriteLine(FormattableString.Invariant($"worst: max {worst:E2} of the largest bin, L1 {worstL1:E2}"));
        return 0;
    }
}
