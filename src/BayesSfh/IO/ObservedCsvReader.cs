using BayesSfh.Hess;

namespace BayesSfh.IO;

/// <summary>
/// Reads an observed Hess diagram from a CSV file listing every bin exactly once: <c>bin,count</c> or
/// <c>x_bin,y_bin,count</c>.
/// </summary>
/// <remarks>
/// The number of bins N is the grid's bin count when a grid is given, otherwise the largest bin + 1. Every bin
/// 0 … N−1 must appear exactly once (with count 0 for empty bins); counts are numbers of stars (whole numbers ≥ 0,
/// <c>12</c> or <c>12.0</c>). Errors: a bin listed twice (both lines named), missing bins (the first few named), a bad
/// count, a bin out of range, <c>x_bin</c>/<c>y_bin</c> without a grid.
/// </remarks>
public static class ObservedCsvReader
{
    /// <summary>The accepted headers, for messages.</summary>
    public const string Expected = "bin,count or x_bin,y_bin,count";

    internal const string CountColumn = "count";
    private const string CountRule = "counts are numbers of stars: whole numbers ≥ 0";
    private const int MissingShown = 5;

    /// <summary>Reads the diagram in <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="grid">Bin edges; fixes N and is required for <c>x_bin</c>/<c>y_bin</c> files.</param>
    /// <exception cref="InputException">The file is missing or malformed; the message names the line and column.</exception>
    public static HessDiagram Read(string path, HessGrid? grid = null) => new(ReadCounts(path, grid).Counts, grid);

    /// <summary>Reads the counts and the line of each bin (for later messages).</summary>
    /// <exception cref="InputException">The file is missing or malformed.</exception>
    internal static ObservedCounts ReadCounts(string path, HessGrid? grid)
    {
        using var rows = CsvRows.Open(path, Expected, BinColumns.Bin, BinColumns.XBin, BinColumns.YBin, CountColumn);
        var bins = BinColumns.Resolve(rows, grid, grid?.BinCount);
        int count = rows.Column(CountColumn);
        var entries = new List<(int Bin, int Line, double Count)>();
        while (rows.Read())
        {
            int bin = bins.Read(rows);
            entries.Add((bin, rows.Line, rows.WholeNumber(count, CountRule)));
        }
        if (entries.Count == 0) throw rows.FileError($"the file has a header but no bins; list every bin with its count ({Expected})");
        entries.Sort();
        int binCount = grid?.BinCount ?? entries[^1].Bin + 1;
        var counts = new double[binCount];
        var lines = new int[binCount];
        var missing = new List<int>();
        int missingTotal = 0, next = 0;
        foreach (var (bin, line, n) in entries)
        {
            if (bin < next)
                throw rows.ErrorAt(line, null, $"{bins.Describe(bin)} is listed twice (lines {lines[bin]} and {line}); list every bin exactly once");
            for (; next < bin; next++, missingTotal++)
                if (missing.Count < MissingShown) missing.Add(next);
            counts[bin] = n;
            lines[bin] = line;
            next = bin + 1;
        }
        for (; next < binCount; next++, missingTotal++)
            if (missing.Count < MissingShown) missing.Add(next);
        if (missingTotal > 0)
            throw rows.FileError($"missing {string.Join(", ", missing.Select(bins.Describe))}{(missingTotal > missing.Count ? $" and {missingTotal - missing.Count} more" : "")}; " +
                $"every bin 0 to {binCount - 1} must be listed exactly once, with count 0 for empty bins");
        return new ObservedCounts(counts, lines);
    }
}

/// <summary>Observed counts per bin and the 1-based file line of each bin.</summary>
internal sealed record ObservedCounts(double[] Counts, int[] Lines);
