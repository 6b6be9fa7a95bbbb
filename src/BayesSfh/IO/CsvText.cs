using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace BayesSfh.IO;

/// <summary>Shared pieces of the CSV writers: invariant round-trip number formatting and atomic, headed CSV output.</summary>
internal static class CsvText
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    /// <summary>Shortest text that parses back to exactly <paramref name="value"/> (invariant culture).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Integer text (invariant culture).</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes a CSV file atomically (<see cref="AtomicFile"/>): the header row, then the rows written by <paramref name="writeRows"/>.</summary>
    public static void Write(string path, string[] header, Action<CsvWriter> writeRows) =>
        AtomicFile.Write(path, writer =>
        {
            using var csv = new CsvWriter(writer, Configuration, leaveOpen: true);
            foreach (string name in header) csv.WriteField(name);
            csv.NextRecord();
            writeRows(csv);
        });

    /// <summary>Writes one row of fields.</summary>
    public static void Row(this CsvWriter csv, params ReadOnlySpan<string> fields)
    {
        foreach (string field in fields) csv.WriteField(field);
        csv.NextRecord();
    }
}
