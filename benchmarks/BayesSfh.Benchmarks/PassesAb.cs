using System.Diagnostics;
using System.Globalization;

namespace BayesSfh.Benchmarks;

/// <summary>
/// <c>passes</c> mode: in-process A/B of the log density with the two-pass and the one-pass likelihood, and the
/// streaming baseline, timed in alternating batches (order rotated every round) so that all three see the same machine
/// conditions; prints the minimum, 10 % quantile and median batch of each and their ratios.
/// </summary>
/// <remarks>Usage: <c>passes [small|large]...</c> (default both). Small: 300 rounds of 150 calls; large: 40 rounds of 3.</remarks>
public static class PassesAb
{
    /// <summary>Runs the comparison; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        var sizes = BenchmarkProblem.ParseSizes(args);
        var inv = CultureInfo.InvariantCulture;
        foreach (var size in sizes)
        {
            var bench = new LogDensityBenchmarks { Size = size };
            bench.Setup();
            var problem = BenchmarkProblem.Get(size);
            var cases = new (string Name, Func<double> Run)[]
            {
                ("StreamTwice (baseline)", bench.StreamTwice),
                ("LogDensityTwoPass", bench.LogDensityTwoPass),
                ("LogDensityOnePass", bench.LogDensityOnePass),
            };
            // Same value from both kernels (up to rounding), or the comparison means nothing.
            double two = bench.LogDensityTwoPass(), one = bench.LogDensityOnePass();
            if (Math.Abs(two - one) > 1e-12 * Math.Abs(two)) throw new InvalidOperationException($"ln p differs: {two:R} vs {one:R}");
            int rounds = size == ProblemSize.Small ? 300 : 40, batch = size == ProblemSize.Small ? 150 : 3;
            var samples = cases.Select(_ => new List<double>()).ToArray();
            double sink = 0;
            var warm = Stopwatch.StartNew();
            while (warm.ElapsedMilliseconds < 3000) foreach (var c in cases) sink += c.Run();
            for (int r = 0; r < rounds; r++)
                for (int k = 0; k < cases.Length; k++)
                {
                    int i = (k + r) % cases.Length;
                    long start = Stopwatch.GetTimestamp();
                    for (int b = 0; b < batch; b++) sink += cases[i].Run();
                    samples[i].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / batch);
                }
            if (double.IsNaN(sink)) Console.WriteLine("(NaN)");
            Console.WriteLine(problem.Label);
            var stats = samples.Select(s => { s.Sort(); return (Min: s[0], Q10: s[s.Count / 10], Median: s[s.Count / 2]); }).ToArray();
            for (int i = 0; i < cases.Length; i++)
                Console.WriteLine(string.Create(inv,
                    $"  {cases[i].Name,-24} min {stats[i].Min,9:F1} µs  q10 {stats[i].Q10,9:F1}  median {stats[i].Median,9:F1}   ×baseline (min/median) {stats[i].Min / stats[0].Min:F2}/{stats[i].Median / stats[0].Median:F2}"));
            Console.WriteLine(string.Create(inv,
                $"  one-pass / two-pass: min {stats[2].Min / stats[1].Min:F3}, q10 {stats[2].Q10 / stats[1].Q10:F3}, median {stats[2].Median / stats[1].Median:F3}"));
        }
        return 0;
    }
}
