using BayesSfh.Hess;
using BayesSfh.Templates;

namespace BayesSfh.IO;

/// <summary>
/// Reads fixed-shape background templates (free amplitudes) from a long-format CSV file:
/// <c>name,bin,value</c> or <c>name,x_bin,y_bin,value</c>.
/// </summary>
/// <remarks>
/// <c>name</c> identifies the background (it becomes the parameter name <c>bg.NAME</c>; compared exactly);
/// <c>value</c> = expected stars in the bin per unit amplitude. Bins and values follow the rules of
/// <see cref="TemplateCsvReader"/>: rows in any order, zeros dropped, finite values ≥ 0, each (name, bin) once, no
/// background zero everywhere. A file with only the header holds no backgrounds.
/// </remarks>
public static class BackgroundCsvReader
{
    /// <summary>The accepted headers, for messages.</summary>
    public const string Expected = "name,bin,value or name,x_bin,y_bin,value";

    internal const string NameColumn = "name";

    /// <summary>Reads the backgrounds in <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="binCount">Number of flattened Hess bins N; every bin must be below it.</param>
    /// <param name="grid">Bin edges; required for <c>x_bin</c>/<c>y_bin</c> files. Its bin count must equal N.</param>
    /// <returns>Backgrounds in order of first appearance, entries sorted by bin.</returns>
    /// <exception cref="ArgumentException">N &lt; 1 or grid size ≠ N.</exception>
    /// <exception cref="InputException">The file is missing or malformed; the message names the line and column.</exception>
    public static IReadOnlyList<BackgroundTemplate> Read(string path, int binCount, HessGrid? grid = null)
    {
        TemplateCsvReader.CheckArguments(binCount, grid);
        using var rows = CsvRows.Open(path, Expected, NameColumn, BinColumns.Bin, BinColumns.XBin, BinColumns.YBin, TemplateCsvReader.Value);
        int name = rows.Column(NameColumn), value = rows.Column(TemplateCsvReader.Value);
        var bins = BinColumns.Resolve(rows, grid, binCount);
        var series = SparseTable.Read(rows, bins, binCount, value, 1.0, r => ReadName(r, name), n => $"background \"{n}\"");
        return [.. series.Select(s =>
        {
            var (b, v) = s.TakeSorted();
            return new BackgroundTemplate(s.Key, b, v);
        })];
    }

    private static string ReadName(CsvRows rows, int column)
    {
        string name = rows.Text(column);
        return name.Length > 0 ? name : throw rows.Error(column, "empty background name");
    }
}
