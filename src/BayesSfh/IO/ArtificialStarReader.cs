using System.Globalization;
using BayesSfh.Observation;

namespace BayesSfh.IO;

/// <summary>
/// Reads artificial-star tests: a CSV with a pair of columns <c>F_in,F_out</c> per filter F (any order, any number of
/// filters, names case-insensitive), one row per injected star; or MATCH's <c>.matchfake</c> layout.
/// </summary>
/// <remarks>
/// In the CSV, a star not recovered in a filter has an empty <c>F_out</c>, <c>nan</c>, or a magnitude ≥ 90 (the
/// 99.999 convention of DOLPHOT and MATCH). Injected magnitudes must be finite. The <c>.matchfake</c> file has four
/// whitespace-separated columns per line, <c>mag1_in mag2_in Δmag1 Δmag2</c>, and a star is recovered when
/// |Δ| &lt; 9.99 in both filters (MATCH's convention).
/// </remarks>
public static class ArtificialStarReader
{
    /// <summary>Recovered magnitudes at or beyond this are "not recovered".</summary>
    public const double LostMagnitude = 90;

    /// <summary>MATCH's threshold on |Δmag| for a recovered star.</summary>
    public const double MatchLostDelta = 9.99;

    private const string Expected = "a pair of columns F_in,F_out per filter F (for example Bmag_in,Bmag_out,Vmag_in,Vmag_out)";
    private const string InRule = "injected magnitudes must be finite";

    /// <summary>Reads the CSV at <paramref name="path"/>.</summary>
    /// <exception cref="InputException">Missing file, an unpaired column, a bad number, or no stars.</exception>
    public static ArtificialStarTests Read(string path)
    {
        using var rows = CsvRows.Open(path, Expected, name => name.EndsWith("_in", StringComparison.Ordinal) || name.EndsWith("_out", StringComparison.Ordinal));
        var filters = new List<(string Name, int In, int Out)>();
        for (int c = 0; rows.TryName(c, out string? name); c++)
        {
            if (!name!.EndsWith("_in", StringComparison.Ordinal)) continue;
            string filter = name[..^3];
            if (filter.Length == 0) throw rows.HeaderError(name, "a column \"_in\" needs a filter name before \"_in\"");
            if (!rows.Has(filter + "_out")) throw rows.HeaderError(name, $"column {name} has no partner {filter}_out; {Expected}");
            filters.Add((filter, c, rows.Column(filter + "_out")));
        }
        for (int c = 0; rows.TryName(c, out string? name); c++)
            if (name!.EndsWith("_out", StringComparison.Ordinal) && !rows.Has(name[..^4] + "_in"))
                throw rows.HeaderError(name, $"column {name} has no partner {name[..^4]}_in; {Expected}");
        if (filters.Count == 0) throw rows.HeaderError(null, $"no filters; expected {Expected}");
        var input = filters.Select(_ => new List<double>()).ToArray();
        var output = filters.Select(_ => new List<double>()).ToArray();
        while (rows.Read())
        {
            for (int f = 0; f < filters.Count; f++)
            {
                input[f].Add(rows.Finite(filters[f].In, InRule));
                string text = rows.Text(filters[f].Out);
                double value = text.Length == 0 ? double.NaN : rows.Number(filters[f].Out, "recovered magnitudes are numbers; empty, nan or ≥ 90 mean not recovered");
                output[f].Add(double.IsFinite(value) && value < LostMagnitude ? value : double.NaN);
            }
        }
        if (input[0].Count == 0) throw rows.FileError("the file has a header but no stars");
        return Create(path, filters.Select(f => f.Name).ToArray(), input, output);
    }

    /// <summary>Reads a MATCH <c>.matchfake</c> file whose two filters are named <paramref name="filter1"/> and <paramref name="filter2"/>.</summary>
    /// <exception cref="InputException">Missing file, a line without four numbers, or no stars.</exception>
    public static ArtificialStarTests ReadMatchFake(string path, string filter1, string filter2)
    {
        var input = new[] { new List<double>(), new List<double>() };
        var output = new[] { new List<double>(), new List<double>() };
        IEnumerable<string> lines;
        try { lines = File.ReadLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException(path, null, null, $"cannot read the file ({e.Message})", e); }
        int line = 0;
        foreach (string text in lines)
        {
            line++;
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#')) continue;
            if (fields.Length < 4) throw new InputException(path, line, null, $"expected four numbers mag1_in mag2_in dmag1 dmag2, found {fields.Length} fields");
            var v = new double[4];
            for (int k = 0; k < 4; k++)
                if (!double.TryParse(fields[k], NumberStyles.Float, CultureInfo.InvariantCulture, out v[k]) || !double.IsFinite(v[k]))
                    throw new InputException(path, line, $"field {k + 1}", $"\"{fields[k]}\" is not a finite number");
            bool recovered = Math.Abs(v[2]) < MatchLostDelta && Math.Abs(v[3]) < MatchLostDelta;
            for (int f = 0; f < 2; f++)
            {
                input[f].Add(v[f]);
                output[f].Add(recovered ? v[f] + v[f + 2] : double.NaN);
            }
        }
        if (input[0].Count == 0) throw new InputException(path, null, null, "no artificial stars in the file");
        return Create(path, [filter1, filter2], input, output);
    }

    private static ArtificialStarTests Create(string path, string[] names, List<double>[] input, List<double>[] output) =>
        new(Path.GetFileName(path),
            names.Select((n, f) => (n, input[f])).ToDictionary(p => p.n, p => p.Item2.ToArray(), StringComparer.OrdinalIgnoreCase),
            names.Select((n, f) => (n, output[f])).ToDictionary(p => p.n, p => p.Item2.ToArray(), StringComparer.OrdinalIgnoreCase));
}
