using System.Globalization;
using BayesSfh.Diagnostics;

namespace BayesSfh.Tests.Diagnostics;

/// <summary>Reads the CSV fixtures in Fixtures/Diagnostics (plain comma-separated, header row, no quoting).</summary>
internal static class DiagnosticsFixtures
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Diagnostics", file);

    public static (List<string> Columns, List<string[]> Rows) ReadTable(string file)
    {
        string[] lines = File.ReadAllLines(PathOf(file));
        var columns = lines[0].Split(',').ToList();
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        return (columns, rows);
    }

    /// <summary>Variables of a draws file (columns chain, iteration, variables…; rows chain-major) as draws matrices.</summary>
    public static List<KeyValuePair<string, DrawsMatrix>> ReadDraws(string file)
    {
        var (columns, rows) = ReadTable(file);
        int chains = rows.Max(r => int.Parse(r[0], CultureInfo.InvariantCulture));
        int draws = rows.Max(r => int.Parse(r[1], CultureInfo.InvariantCulture));
        var result = new List<KeyValuePair<string, DrawsMatrix>>();
        for (int j = 2; j < columns.Count; j++)
        {
            var values = new double[chains * draws];
            foreach (var r in rows)
            {
                int c = int.Parse(r[0], CultureInfo.InvariantCulture) - 1, i = int.Parse(r[1], CultureInfo.InvariantCulture) - 1;
                values[c * draws + i] = ParseR(r[j]);
            }
            result.Add(new(columns[j], DrawsMatrix.Create(chains, draws, values)));
        }
        return result;
    }

    /// <summary>A number as R's <c>sprintf("%.17g")</c> prints it, with NA, NaN, Inf and -Inf.</summary>
    public static double ParseR(string text) => text switch
    {
        "NA" or "NaN" => double.NaN,
        "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
