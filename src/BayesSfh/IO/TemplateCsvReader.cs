using BayesSfh.Hess;
using BayesSfh.Templates;
using static System.FormattableString;

namespace BayesSfh.IO;

/// <summary>
/// Reads SSP templates from a long-format CSV file, one row per Hess bin entry:
/// <c>log_age,mh,bin,value</c> or <c>log_age,mh,x_bin,y_bin,value</c>.
/// </summary>
/// <remarks>
/// <para>
/// Columns: <c>log_age</c> = log10(age / yr); <c>mh</c> = [M/H] (dex); <c>bin</c> = 0-based index into the flattened
/// Hess diagram, or <c>x_bin</c> (colour) and <c>y_bin</c> (magnitude) with <c>bin = y_bin · Nx + x_bin</c> (needs the
/// grid); <c>value</c> = expected number of observed stars in that bin per M☉ formed (per <c>templateScale</c> M☉ when
/// a scale is given: every value is divided by it on load).
/// </para>
/// <para>
/// Rows of one template need not be contiguous or sorted; each template is stored sorted by bin, in order of first
/// appearance. Zero values are allowed and dropped. Errors: a value that is not a finite number ≥ 0; a bin that is not
/// a whole number in range; the same (log_age, mh, bin) twice; a template whose values are all zero.
/// </para>
/// <para>
/// Streams the file; memory is proportional to the number of non-zero entries (12 bytes each) plus N/8 bytes per
/// template.
/// </para>
/// </remarks>
public static class TemplateCsvReader
{
    /// <summary>The accepted headers, for messages.</summary>
    public const string Expected = "log_age,mh,bin,value or log_age,mh,x_bin,y_bin,value";

    internal const string LogAge = "log_age", MH = "mh", Value = "value";
    internal const string LogAgeRule = "log_age is log10(age / yr), e.g. 9.5";
    internal const string MHRule = "mh is [M/H] in dex, e.g. -1.2";

    /// <summary>Reads the templates in <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="binCount">Number of flattened Hess bins N; every bin must be below it.</param>
    /// <param name="grid">Bin edges; required for <c>x_bin</c>/<c>y_bin</c> files. Its bin count must equal N.</param>
    /// <param name="templateScale">Mass (M☉) that the file's values refer to; values are divided by it. Finite, &gt; 0.</param>
    /// <returns>Templates in order of first appearance, entries sorted by bin, without luminosities.</returns>
    /// <exception cref="ArgumentException">Bad arguments (N &lt; 1, grid size ≠ N, scale not finite and positive).</exception>
    /// <exception cref="InputException">The file is missing or malformed; the message names the line and column.</exception>
    public static IReadOnlyList<SspTemplate> Read(string path, int binCount, HessGrid? grid = null, double templateScale = 1)
    {
        CheckArguments(binCount, grid);
        if (!(templateScale > 0) || !double.IsFinite(templateScale))
            throw new ArgumentOutOfRangeException(nameof(templateScale), templateScale, "The template scale must be finite and positive.");
        using var rows = CsvRows.Open(path, Expected, LogAge, MH, BinColumns.Bin, BinColumns.XBin, BinColumns.YBin, Value);
        int age = rows.Column(LogAge), mh = rows.Column(MH), value = rows.Column(Value);
        var bins = BinColumns.Resolve(rows, grid, binCount);
        var series = SparseTable.Read(rows, bins, binCount, value, templateScale,
            r => (r.Finite(age, LogAgeRule), r.Finite(mh, MHRule)), Label);
        if (series.Count == 0) throw rows.FileError("the file has a header but no template rows");
        return [.. series.Select(s =>
        {
            var (b, v) = s.TakeSorted();
            return new SspTemplate(s.Key.Item1, s.Key.Item2, b, v);
        })];
    }

    /// <summary>Names a template for messages: <c>template (log_age 9.5, mh -1.2)</c>.</summary>
    internal static string Label((double LogAge, double MH) key) => "template " + Cell(key);

    /// <summary>Names an (age, metallicity) cell for messages: <c>(log_age 9.5, mh -1.2)</c>.</summary>
    internal static string Cell((double LogAge, double MH) key) => Invariant($"(log_age {key.LogAge}, mh {key.MH})");

    internal static void CheckArguments(int binCount, HessGrid? grid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        if (grid is not null && grid.BinCount != binCount)
            throw new ArgumentException($"The grid has {grid.BinCount} bins but binCount is {binCount}.", nameof(grid));
    }
}
