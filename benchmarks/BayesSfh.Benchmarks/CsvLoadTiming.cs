using System.Diagnostics;
using BayesSfh.Hess;
using BayesSfh.IO;
using BayesSfh.Randomness;
using BayesSfh.Templates;

namespace BayesSfh.Benchmarks;

/// <summary>
/// Wall-clock timing of <see cref="ProblemLoader.Load"/> on a generated large problem: 71 ages × 29 metallicities,
/// 1400 non-zero bins each on a 99 × 99 grid (about 2.9 million rows, roughly 100 MB of templates CSV), plus the
/// observed diagram and grid. Prints the file size, the load time, the throughput and memory figures, then deletes the
/// files. Not a BenchmarkDotNet benchmark: one cold load is what a user waits for.
/// </summary>
public static class CsvLoadTiming
{
    private const int Ages = 71, Metallicities = 29, NonZeros = 1400, Side = 99;

    /// <summary>Runs the timing (no arguments); returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        if (args.Length > 0)
        {
            Console.Error.WriteLine("usage: load-csv   (takes no options)");
            return 2;
        }
        string directory = Path.Combine(Path.GetTempPath(), $"bayessfh-load-csv-{Environment.ProcessId}");
        try
        {
            var files = Generate(directory);
            long templateBytes = new FileInfo(files.TemplatesPath).Length;
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            long peakBefore = process.PeakWorkingSet64;
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

            var stopwatch = Stopwatch.StartNew();
            var problem = ProblemLoader.Load(files);
            stopwatch.Stop();

            process.Refresh();
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            long retained = GC.GetTotalMemory(forceFullCollection: true);
            double seconds = stopwatch.Elapsed.TotalSeconds, megabytes = templateBytes / 1e6;
            int entries = problem.Templates.Templates.Sum(t => t.Bins.Length);
            Console.WriteLine($"templates.csv     {megabytes:F1} MB, {entries:N0} non-zero entries, {problem.Templates.Templates.Length} templates");
            Console.WriteLine($"load time         {seconds:F2} s ({megabytes / seconds:F1} MB/s)");
            Console.WriteLine($"peak working set  {process.PeakWorkingSet64 / 1e6:F0} MB (before load {peakBefore / 1e6:F0} MB)");
            Console.WriteLine($"managed heap      {retained / 1e6:F0} MB retained after load, {allocated / 1e6:F0} MB allocated during load, " +
                $"GC heap now {GC.GetGCMemoryInfo().HeapSizeBytes / 1e6:F0} MB");
            GC.KeepAlive(problem);
            return 0;
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static ProblemFiles Generate(string directory)
    {
        var grid = HessGrid.Uniform(-0.5, 2.0, Side, -3.0, 8.0, Side);
        var files = new ProblemFiles(
            Path.Combine(directory, "templates.csv"), Path.Combine(directory, "observed.csv"), Path.Combine(directory, "grid.csv"));
        GridCsvWriter.Write(files.GridPath!, grid);
        TemplateCsvWriter.Write(files.TemplatesPath, Templates(grid.BinCount));
        var counts = new double[grid.BinCount];
        for (int i = 0; i < counts.Length; i++) counts[i] = i % 7;
        ObservedCsvWriter.Write(files.ObservedPath, new HessDiagram(counts, grid));
        return files;
    }

    /// <summary>Templates produced lazily (one in memory at a time): bins start + 5k (mod N), values uniform in (0, 1e-3).</summary>
    private static IEnumerable<SspTemplate> Templates(int binCount)
    {
        var rng = new Xoshiro256StarStar(20240501);
        for (int j = 0; j < Ages; j++)
            for (int k = 0; k < Metallicities; k++)
            {
                int start = (j * Metallicities + k) * 37 % binCount;
                var bins = Enumerable.Range(0, NonZeros).Select(n => (start + 5 * n) % binCount).Order().ToArray();
                var values = bins.Select(_ => 1e-3 * (1 - rng.NextDouble())).ToArray();
                yield return new SspTemplate(Math.Round(6.6 + 0.05 * j, 2), Math.Round(-2.3 + 0.1 * k, 1), bins, values);
            }
    }
}
