using BayesSfh.Hess;

namespace BayesSfh.IO;

/// <summary>Writes an observed Hess diagram in the flattened format read by <see cref="ObservedCsvReader"/> (<c>bin,count</c>, every bin), atomically.</summary>
public static class ObservedCsvWriter
{
    /// <summary>Writes <paramref name="observed"/> to <paramref name="path"/> (the grid, if any, goes to <see cref="GridCsvWriter"/>).</summary>
    public static void Write(string path, HessDiagram observed) =>
        CsvText.Write(path, [BinColumns.Bin, ObservedCsvReader.CountColumn], csv =>
        {
            for (int i = 0; i < observed.BinCount; i++) csv.Row(CsvText.Number(i), CsvText.Number(observed.Counts[i]));
        });
}
