using System.Diagnostics;
using System.Globalization;

namespace BayesSfh.Benchmarks;

/// <summary>
/// <c>quick</c> mode: problem statistics and a Stopwatch timing of every benchmark in <see cref="LogDensityBenchmarks"/>
/// (median and minimum of 25 batches of ~1/10 of the warm-up after a warm-up of QUICK_WARMUP_MS, default 1500 ms),
/// in about half a minute. For publishable numbers use BenchmarkDotNet.
/// </summary>
/// <remarks>Usage: <c>quick [small|large]...</c> (default both); QUICK_ONLY=NAME keeps the cases whose name contains NAME.</remarks>
public static class QuickTiming
{
    /// <summary>Runs the quick timing; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        var sizes = BenchmarkProblem.ParseSizes(args);
        var inv = CultureInfo.InvariantCulture;
        foreach (var size in sizes)
        {
            var problem = BenchmarkProblem.Get(size);
            var bench = new LogDensityBenchmarks { Size = size };
            bench.Setup();
            var m = problem.Matrix;
            var likelihood = problem.Model.Likelihood;
            Console.WriteLine(string.Create(inv,
                $"{problem.Label}: {problem.TemplateCount} templates, {problem.BinCount} bins ({likelihood.ActiveBinCount} active, {m.ColumnCount} matrix columns), θ dimension {problem.Model.Layout.FreeCount}"));
            Console.WriteLine(string.Create(inv,
                $"  template non-zeros {problem.TemplateNonZeros} (density {problem.Sparsity:P2}); matrix non-zeros {m.NonZeros}, blocks {m.BlockCount} (fill {problem.BlockFill:P1}), {m.BytesPerPass / 1024.0:F0} KiB per pass, column-major copy for Composite: {(m.HasColumnCopy ? "yes" : "no")} ({m.StoredBytes / 1024.0:F0} KiB stored)"));
            var cases = new (string Name, Func<double> Run)[]
            {
                ("StreamTwice (baseline)", bench.StreamTwice),
                ("StreamTwiceWidened", bench.StreamTwiceWidened),
                ("LogDensityAndGradient", bench.LogDensityAndGradient),
                ("LogDensityTwoPass", bench.LogDensityTwoPass),
                ("LogDensityOnePass", bench.LogDensityOnePass),
                ("LikelihoodEvaluate", bench.LikelihoodEvaluate),
                ("GroupedEvaluate", bench.GroupedEvaluate),
                ("Composite", bench.Composite),
                ("PoissonRatioPass", bench.PoissonRatioPass),
                ("RowDots", bench.RowDots),
                ("CoefficientMap", bench.CoefficientMap),
            };
            double baseline = 0;
            foreach (var (name, run) in cases)
            {
                if (Only is { } only && name != "StreamTwice (baseline)" && !name.Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
                var (us, min) = Time(run);
                if (baseline == 0) baseline = us;
                double gbs = 2.0 * m.BytesPerPass / (us * 1e-6) / 1e9;
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++) run();
                double allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / 100.0;
                Console.WriteLine(string.Create(inv,
                    $"  {name,-24} {us,10:F2} µs (min {min,9:F2})   ratio {us / baseline,6:F2}   2×BytesPerPass/time {gbs,6:F1} GB/s   {allocated,8:F0} B allocated/op"));
            }
        }
        return 0;
    }

    // QUICK_ONLY=NAME times only the cases whose name contains NAME (and the baseline), e.g. for a profiler.
    private static readonly string? Only = Environment.GetEnvironmentVariable("QUICK_ONLY");

    private static readonly int WarmupMilliseconds = int.TryParse(Environment.GetEnvironmentVariable("QUICK_WARMUP_MS"), out int ms) ? ms : 1500;

    private static (double Median, double Min) Time(Func<double> run)
    {
        double sink = 0;
        var sw = Stopwatch.StartNew();
        int iterations = 0;
        while (sw.ElapsedMilliseconds < WarmupMilliseconds) { sink += run(); iterations++; }
        int batch = Math.Max(1, iterations / 10);
        var samples = new List<double>();
        for (int s = 0; s < 25; s++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < batch; i++) sink += run();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / batch);
        }
        if (double.IsNaN(sink)) Console.WriteLine("(NaN)");
        samples.Sort();
        return (samples[samples.Count / 2], samples[0]);
    }
}
