namespace BayesSfh.IO;

/// <summary>A star-formation history per age bin, as read from a CSV file.</summary>
/// <param name="LogAges">log10(age/yr) of each bin's template age (the left edge by default), increasing.</param>
/// <param name="Values">Mass formed (M☉) or SFR (M☉/yr) per bin.</param>
/// <param name="IsRate">True when <see cref="Values"/> are SFRs.</param>
public sealed record SfhTable(double[] LogAges, double[] Values, bool IsRate);

/// <summary>
/// Reads a star-formation history: <c>log_age,mass</c> (M☉ formed in the bin) or <c>log_age,sfr</c> (M☉/yr, constant
/// over the bin), one row per age bin, any order; values finite and ≥ 0, ages distinct.
/// </summary>
public static class SfhCsvReader
{
    private const string Expected = "log_age,mass or log_age,sfr";

    /// <summary>Reads the file at <paramref name="path"/>, sorted by log age.</summary>
    /// <exception cref="InputException">Missing or malformed file, both or neither of mass and sfr, a bad value, a repeated age.</exception>
    public static SfhTable Read(string path)
    {
        using var rows = CsvRows.Open(path, Expected, "log_age", "mass", "sfr");
        bool hasMass = rows.Has("mass"), hasRate = rows.Has("sfr");
        if (hasMass == hasRate) throw rows.HeaderError(null, $"give exactly one of the columns mass and sfr; expected {Expected}");
        int age = rows.Column("log_age"), value = rows.Column(hasRate ? "sfr" : "mass");
        var entries = new List<(double Age, double Value, int Line)>();
        while (rows.Read())
            entries.Add((rows.Finite(age, "log ages are log10(age/yr)"), rows.NonNegative(value, hasRate ? "SFRs are M☉/yr, finite and ≥ 0" : "masses are M☉ formed, finite and ≥ 0"), rows.Line));
        if (entries.Count == 0) throw rows.FileError($"the file has a header but no age bins ({Expected})");
        entries.Sort((a, b) => a.Age.CompareTo(b.Age));
        for (int i = 1; i < entries.Count; i++)
            if (entries[i].Age == entries[i - 1].Age)
                throw rows.ErrorAt(Math.Max(entries[i].Line, entries[i - 1].Line), "log_age", $"log age {entries[i].Age} appears twice (lines {entries[i - 1].Line} and {entries[i].Line})");
        return new SfhTable([.. entries.Select(e => e.Age)], [.. entries.Select(e => e.Value)], hasRate);
    }
}
