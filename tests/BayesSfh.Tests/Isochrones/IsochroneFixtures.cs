namespace BayesSfh.Tests.Isochrones;

/// <summary>Paths of the hand-made isochrone fixtures and helpers to edit their text for malformed-input tests.</summary>
internal static class IsochroneFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Isochrones");

    public static string Grid => Path.Combine(Folder, "grid");

    public static string MistTwoAges => Path.Combine(Grid, "mist-two-ages.iso.cmd");

    public static string MistLinearAge => Path.Combine(Folder, "mist-linear-age.iso.cmd");

    public static string ParsecCmd34 => Path.Combine(Grid, "parsec-cmd34.dat");

    public static string ParsecCmd37 => Path.Combine(Folder, "parsec-cmd37.dat");

    public static string Basti => Path.Combine(Grid, "30z132y264p00o0d0e0.isc_gaia-dr3-new");

    public static string[] Lines(string path) => File.ReadAllLines(path);

    /// <summary>The fixture's lines with line <paramref name="lineNumber"/> (1-based) replaced.</summary>
    public static string[] WithLine(string path, int lineNumber, Func<string, string> edit)
    {
        var lines = Lines(path);
        lines[lineNumber - 1] = edit(lines[lineNumber - 1]);
        return lines;
    }

    /// <summary>The fixture's first <paramref name="count"/> lines.</summary>
    public static string[] FirstLines(string path, int count) => [.. Lines(path).Take(count)];

    /// <summary>Replaces the <paramref name="index"/>-th whitespace token (0-based) of a line, keeping the rest.</summary>
    public static string ReplaceToken(string line, int index, string value)
    {
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        parts[index] = value;
        return (line.TrimStart().StartsWith('#') ? "" : " ") + string.Join("  ", parts);
    }
}
