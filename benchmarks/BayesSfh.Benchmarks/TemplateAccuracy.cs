using BayesSfh.Population;

namespace BayesSfh.Benchmarks;

/// <summary>
/// <c>template-accuracy</c> mode: for every <see cref="SspTemplateBenchmarks"/> case, the template at several step
/// fractions against a converged reference (step fraction 0.05 for single stars; binaries also at a binary step of
/// 0.05), as the largest bin difference over the largest bin and the L1 difference over the total, with the fastest
/// of 40 builds (2 with binaries). The reference uses the same error kernels, so this measures the resampling alone;
/// the kernels are checked against brute-force integrals in the tests. Run with DOTNET_TieredCompilation=0 so that
/// every build runs optimised code.
/// </summary>
public static class TemplateAccuracy
{
    /// <summary>Runs the comparison and prints one line per case and step fraction.</summary>
    public static int Run()
    {
        foreach (double logAge in new[] { 9.0, 10.0 })
            foreach (bool correlated in new[] { true, false })
                foreach (bool binaries in new[] { false, true })
                {
                    var (iso, o) = SspTemplateBenchmarks.Create(logAge, correlated, binaries);
                    double[] Dense(double single, double binary)
                    {
                        var b = o.Binaries is null ? null : new BinaryOptions(o.Binaries.Fraction, o.Binaries.MinimumRatio, o.Binaries.RatioPoints, binary);
                        var options = new SspTemplateOptions(o.Blue, o.Red, o.Magnitude, o.DistanceModulus, o.Imf, o.Grid, single, o.QuadratureOrder, b);
                        var d = new double[o.Grid.BinCount];
                        SspTemplateBuilder.Accumulate(iso, options, d);
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
}
