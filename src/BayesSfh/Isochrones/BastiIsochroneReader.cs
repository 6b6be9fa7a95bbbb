using System.Globalization;
using System.Text.RegularExpressions;
using BayesSfh.IO;

namespace BayesSfh.Isochrones;

/// <summary>
/// Reads BaSTI-IAC isochrone tables (Hidalgo et al. 2018), by column name: a header line
/// <c># Np = 2100 [M/H] = -0.080 Z = 0.0125800 Y = 0.26350000 Age (Myr) = 3000.000</c>, a column-name line
/// <c># M/Mo(ini) M/Mo(fin) log(L/Lo) logTe G G_BP …</c> and Np data rows. One file normally holds one isochrone; several
/// header blocks in one file are read one after the other (the column names carry over when not repeated).
/// </summary>
/// <remarks>
/// [M/H], Z and the age come from the header (log age = log10(Age(Myr)·10⁶); Z from [M/H] by
/// <see cref="IsochroneChemistry.Basti"/> when absent). Initial mass from <c>M/Mo(ini)</c>, log L from <c>log(L/Lo)</c>,
/// log Teff from <c>logTe</c>; every other column except <c>M/Mo(fin)</c> is a magnitude, named as in the file. BaSTI
/// tables carry no phase column, so phases are Unknown.
/// </remarks>
public static partial class BastiIsochroneReader
{
    private const string MassColumn = "M/Mo(ini)";
    private static readonly HashSet<string> NonMagnitudeColumns = new(StringComparer.Ordinal) { MassColumn, "M/Mo(fin)", "log(L/Lo)", "logTe" };

    /// <summary>Reads every isochrone in <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file is missing, empty or malformed.</exception>
    public static IReadOnlyList<Isochrone> Read(string path, IsochroneReadOptions? options = null) =>
        Parse(IsochroneReader.ReadLines(path), path, options);

    /// <summary>Parses the lines of a BaSTI-IAC file named <paramref name="file"/> (for messages).</summary>
    /// <exception cref="InputException">The content is empty or malformed.</exception>
    public static IReadOnlyList<Isochrone> Parse(IReadOnlyList<string> lines, string file, IsochroneReadOptions? options = null)
    {
        options ??= IsochroneReadOptions.Default;
        if (lines.All(TextTable.IsBlank)) throw new InputException(file, null, null, "the file is empty");
        var isochrones = new List<Isochrone>();
        var tokens = new LineTokens();
        string[]? names = null;
        int namesLine = 0;
        Header? header = null;
        IsochroneBlock? block = null;

        void Finish(int line)
        {
            if (header is null) return;
            int count = block?.Count ?? 0;
            if (count != header.Points)
                throw new InputException(file, line, null,
                    $"the header at line {header.Line} declares Np = {header.Points} points but {count} rows follow (truncated block)");
            isochrones.Add(block!.Build(header.LogAge, header.MH, header.Z, options));
            (header, block) = (null, null);
        }

        for (int i = 0; i < lines.Count; i++)
        {
            string text = lines[i];
            int line = i + 1;
            if (TextTable.IsBlank(text)) continue;
            if (TextTable.IsComment(text))
            {
                if (HeaderPattern().IsMatch(text))
                {
                    Finish(line);
                    header = Header.Parse(text, file, line);
                }
                else if (text.Contains(MassColumn, StringComparison.Ordinal))
                {
                    if (block is not null) throw new InputException(file, line, null, "column-name line in the middle of a block");
                    (names, namesLine) = (TextTable.Names(text), line);
                }
                continue;
            }
            if (header is null) throw new InputException(file, line, "Np", "data row before the header line '# Np = … [M/H] = … Z = … Age (Myr) = …'");
            if (names is null) throw new InputException(file, line, MassColumn, $"data row before the column-name line '# {MassColumn} M/Mo(fin) log(L/Lo) logTe …'");
            block ??= NewBlock(names, namesLine, file, line);
            if (block.Count == header.Points)
                throw new InputException(file, line, null, $"more rows than the Np = {header.Points} declared at line {header.Line}");
            tokens.Split(text);
            if (tokens.Count != names.Length)
                throw new InputException(file, line, null, $"the row has {tokens.Count} values but the column-name line (line {namesLine}) has {names.Length} (truncated or malformed row)");
            block.AddRow(line, TextTable.Number(tokens, Array.IndexOf(names, MassColumn), MassColumn, file, line));
            int k = 0;
            for (int c = 0; c < names.Length; c++)
                if (!NonMagnitudeColumns.Contains(names[c])) block.AddMagnitude(k++, TextTable.Number(tokens, c, names[c], file, line));
            if (Array.IndexOf(names, "log(L/Lo)") is var l and >= 0) block.AddLogLuminosity(TextTable.Number(tokens, l, "log(L/Lo)", file, line));
            if (Array.IndexOf(names, "logTe") is var t and >= 0) block.AddLogEffectiveTemperature(TextTable.Number(tokens, t, "logTe", file, line));
        }
        Finish(lines.Count);
        if (isochrones.Count == 0)
            throw new InputException(file, null, "Np", "no header line '# Np = … [M/H] = … Z = … Age (Myr) = …' was found");
        return isochrones;
    }

    private static IsochroneBlock NewBlock(string[] names, int namesLine, string file, int line)
    {
        if (Array.IndexOf(names, MassColumn) < 0)
            throw new InputException(file, namesLine, MassColumn, $"missing required column '{MassColumn}'; columns are: {string.Join(" ", names)}");
        var filters = names.Where(n => !NonMagnitudeColumns.Contains(n)).ToArray();
        if (filters.Length == 0) throw new InputException(file, namesLine, null, "no magnitude columns after M/Mo(ini), M/Mo(fin), log(L/Lo), logTe");
        return new IsochroneBlock(file, line, MassColumn, filters, false, names.Contains("log(L/Lo)"), names.Contains("logTe"));
    }

    private sealed record Header(int Line, int Points, double MH, double? Z, double LogAge)
    {
        public static Header Parse(string text, string file, int line)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match match in KeyValuePattern().Matches(text)) values[match.Groups[1].Value.Trim()] = match.Groups[2].Value;
            string Need(string key) => values.TryGetValue(key, out var v) ? v : throw new InputException(file, line, key, $"the header has no '{key} = …'");
            double Number(string key)
            {
                string v = Need(key);
                return TextTable.TryParse(v, out double x) && double.IsFinite(x) ? x : throw new InputException(file, line, key, $"'{v}' is not a finite number");
            }
            if (!int.TryParse(Need("Np"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int points) || points < 2)
                throw new InputException(file, line, "Np", $"'{Need("Np")}' is not a whole number ≥ 2");
            double mh = Number("[M/H]");
            double ageMyr = Number("Age (Myr)");
            if (!(ageMyr > 0)) throw new InputException(file, line, "Age (Myr)", $"age {ageMyr} Myr must be > 0");
            double? z = values.ContainsKey("Z") ? Number("Z") : IsochroneChemistry.Basti.ZFromMH(mh);
            return new Header(line, points, mh, z, Math.Log10(ageMyr * 1e6));
        }
    }

    [GeneratedRegex(@"\bNp\s*=")]
    private static partial Regex HeaderPattern();

    [GeneratedRegex(@"(Np|\[M/H\]|\bZ|\bY|Age \(Myr\))\s*=\s*(\S+)")]
    private static partial Regex KeyValuePattern();
}
