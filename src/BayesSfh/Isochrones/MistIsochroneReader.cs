using System.Globalization;
using BayesSfh.IO;

namespace BayesSfh.Isochrones;

/// <summary>
/// Reads MIST v1.2 <c>.iso.cmd</c> files (Choi et al. 2016; Dotter 2016), by column name. Layout: a file header with
/// <c># number of isochrones = N</c> and the line pair <c># Yinit Zinit [Fe/H] [a/Fe] v/vcrit</c> / values; then N blocks,
/// each <c># number of EEPs, cols = n c</c>, a column-number line, the column-name line and n data rows (fewer when the
/// interpolator skipped EEPs: n is then the EEP span, last − first + 1, which is what is checked).
/// </summary>
/// <remarks>
/// <para>Age from <c>log10_isochrone_age_yr</c>, or <c>isochrone_age_yr</c> (linear, converted to log10); initial mass
/// from <c>initial_mass</c>; [M/H] = header [Fe/H] (+ log10(0.638·10^[a/Fe] + 0.362) if [a/Fe] ≠ 0, Salaris, Chieffi &amp;
/// Straniero 1993); Z = header Zinit. Every column other than EEP, the age, masses, log_Teff, log_g, log_L, [Fe/H]_init,
/// [Fe/H] and phase is a magnitude, named as in the file (<c>Bessell_V</c>, <c>ACS_WFC_F814W</c>, <c>PS_g</c>).</para>
/// <para><c>phase</c>: −1 pre-MS, 0 MS, 2 RGB (MIST's 2 covers the subgiant branch too), 3 core He burning, 4 early AGB,
/// 5 TP-AGB, 6 post-AGB (MIST's 6 runs on to the white-dwarf cooling track), 9 Wolf–Rayet (→ Unknown).</para>
/// </remarks>
public static class MistIsochroneReader
{
    internal static readonly HashSet<string> NonMagnitudeColumns = new(StringComparer.Ordinal)
    {
        "EEP", "log10_isochrone_age_yr", "isochrone_age_yr", "initial_mass", "star_mass", "log_Teff", "log_g", "log_L",
        "[Fe/H]_init", "[Fe/H]", "phase",
    };

    /// <summary>Reads every isochrone in <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file is missing, empty or malformed.</exception>
    public static IReadOnlyList<Isochrone> Read(string path, IsochroneReadOptions? options = null) =>
        Parse(IsochroneReader.ReadLines(path), path, options);

    /// <summary>Parses the lines of a MIST file named <paramref name="file"/> (for messages).</summary>
    /// <exception cref="InputException">The content is empty or malformed.</exception>
    public static IReadOnlyList<Isochrone> Parse(IReadOnlyList<string> lines, string file, IsochroneReadOptions? options = null)
    {
        options ??= IsochroneReadOptions.Default;
        if (lines.All(TextTable.IsBlank)) throw new InputException(file, null, null, "the file is empty");
        var header = ReadHeader(lines, file);
        var isochrones = new List<Isochrone>();
        var tokens = new LineTokens();
        int i = header.FirstBlockIndex;
        while (i < lines.Count)
        {
            string line = lines[i];
            if (TextTable.IsBlank(line)) { i++; continue; }
            if (!TextTable.IsComment(line))
                throw new InputException(file, i + 1, null, "data row outside a block: more rows than the block's '# number of EEPs, cols = …' declares, or rows before the first block");
            if (!line.Contains("number of EEPs", StringComparison.Ordinal)) { i++; continue; }
            isochrones.Add(ReadBlock(lines, ref i, file, header, tokens, options));
        }
        if (isochrones.Count == 0)
            throw new InputException(file, null, null, "no isochrone block ('# number of EEPs, cols = …' followed by rows) was found");
        if (header.DeclaredCount is { } declared && declared != isochrones.Count)
            throw new InputException(file, header.DeclaredCountLine, null,
                $"the header declares {declared} isochrones but the file holds {isochrones.Count} blocks (truncated file?)");
        return isochrones;
    }

    private sealed record Header(double FeH, double AlphaFe, double? Zinit, int? DeclaredCount, int? DeclaredCountLine, int FirstBlockIndex);

    private static Header ReadHeader(IReadOnlyList<string> lines, string file)
    {
        double? feh = null, afe = null, zinit = null;
        int? declared = null, declaredLine = null;
        int i = 0;
        for (; i < lines.Count; i++)
        {
            string line = lines[i];
            if (TextTable.IsBlank(line)) continue;
            if (!TextTable.IsComment(line) || line.Contains("number of EEPs", StringComparison.Ordinal)) break;
            if (line.Contains("number of isochrones", StringComparison.Ordinal))
            {
                string value = line[(line.IndexOf('=') + 1)..].Trim();
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 1)
                    throw new InputException(file, i + 1, "number of isochrones", $"'{value}' is not a positive whole number");
                (declared, declaredLine) = (n, i + 1);
                continue;
            }
            var names = TextTable.Names(line);
            int fehIndex = Array.IndexOf(names, "[Fe/H]");
            if (fehIndex < 0 || !names.Contains("Zinit")) continue;
            if (i + 1 >= lines.Count)
                throw new InputException(file, i + 1, "[Fe/H]", "the '# Yinit Zinit [Fe/H] …' line has no value line after it (truncated header)");
            var values = TextTable.Names(lines[i + 1]);
            if (values.Length != names.Length)
                throw new InputException(file, i + 2, null, $"{values.Length} values under the {names.Length} names '{string.Join(" ", names)}' (line {i + 1})");
            feh = HeaderNumber(values, names, "[Fe/H]", file, i + 2);
            afe = Array.IndexOf(names, "[a/Fe]") >= 0 ? HeaderNumber(values, names, "[a/Fe]", file, i + 2) : 0;
            zinit = HeaderNumber(values, names, "Zinit", file, i + 2);
            i++;
        }
        if (feh is null)
            throw new InputException(file, null, "[Fe/H]",
                "no '# Yinit Zinit [Fe/H] [a/Fe] v/vcrit' header line with its values; is this a MIST v1.2 .iso.cmd file?");
        return new Header(feh.Value, afe ?? 0, zinit, declared, declaredLine, i);
    }

    private static double HeaderNumber(string[] values, string[] names, string name, string file, int line)
    {
        string text = values[Array.IndexOf(names, name)];
        if (!TextTable.TryParse(text, out double value) || !double.IsFinite(value))
            throw new InputException(file, line, name, $"'{text}' is not a finite number");
        return value;
    }

    private static Isochrone ReadBlock(IReadOnlyList<string> lines, ref int i, string file, Header header, LineTokens tokens, IsochroneReadOptions options)
    {
        int blockLine = i + 1;
        string countText = lines[i][(lines[i].IndexOf('=') + 1)..];
        var counts = countText.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (counts.Length != 2 || !int.TryParse(counts[0], CultureInfo.InvariantCulture, out int rows) || rows < 1
            || !int.TryParse(counts[1], CultureInfo.InvariantCulture, out int columns) || columns < 1)
            throw new InputException(file, blockLine, "number of EEPs, cols", $"expected two positive whole numbers after '=', got '{countText.Trim()}'");
        i++;
        // The column-name line is the last comment line before the first data row.
        string[]? names = null;
        int namesLine = 0;
        while (i < lines.Count && (TextTable.IsComment(lines[i]) || TextTable.IsBlank(lines[i])))
        {
            if (TextTable.IsComment(lines[i])) (names, namesLine) = (TextTable.Names(lines[i]), i + 1);
            i++;
        }
        if (names is null || i >= lines.Count)
            throw new InputException(file, blockLine, null, $"the block declares {rows} EEPs but has no column-name line and rows (truncated file?)");
        if (names.Length != columns)
            throw new InputException(file, namesLine, null, $"{names.Length} column names but the block declares {columns} columns (line {blockLine})");
        if (names.Contains("star_mdot"))
            throw new InputException(file, namesLine, null, "this is a MIST theoretical .iso file without magnitudes; use the .iso.cmd output of the MIST web interpolator");

        int mass = Require(names, "initial_mass", file, namesLine);
        int age = TextTable.IndexOfAny(names, "log10_isochrone_age_yr", "isochrone_age_yr");
        if (age < 0) throw new InputException(file, namesLine, "log10_isochrone_age_yr", "missing column 'log10_isochrone_age_yr' (or 'isochrone_age_yr')");
        bool linearAge = names[age] == "isochrone_age_yr";
        int phase = TextTable.IndexOf(names, "phase"), logL = TextTable.IndexOf(names, "log_L"), logTe = TextTable.IndexOf(names, "log_Teff");
        var filterColumns = Enumerable.Range(0, names.Length).Where(c => !NonMagnitudeColumns.Contains(names[c])).ToArray();
        if (filterColumns.Length == 0)
            throw new InputException(file, namesLine, null, "no magnitude columns (every column is a MIST physical quantity)");
        var filters = filterColumns.Select(c => names[c]).ToArray();
        var block = new IsochroneBlock(file, blockLine, names[mass], filters, phase >= 0, logL >= 0, logTe >= 0);

        int eep = TextTable.IndexOf(names, "EEP");
        double firstAge = double.NaN, firstEep = double.NaN, lastEep = double.NaN;
        while (i < lines.Count && !TextTable.IsBlank(lines[i]) && !TextTable.IsComment(lines[i]))
        {
            tokens.Split(lines[i]);
            int line = i + 1;
            if (block.Count == rows)
                throw new InputException(file, line, null, $"more rows than the {rows} EEPs the block at line {blockLine} declares");
            if (tokens.Count != columns)
                throw new InputException(file, line, null, $"the row has {tokens.Count} values but the block has {columns} columns (truncated or malformed row)");
            double rowAge = TextTable.Number(tokens, age, names[age], file, line);
            if (double.IsNaN(firstAge)) firstAge = rowAge;
            else if (Math.Abs(rowAge - firstAge) > 1e-9 * Math.Abs(firstAge))
                throw new InputException(file, line, names[age], $"age {rowAge} differs from the block's first row ({firstAge}); one block is one isochrone");
            if (eep >= 0)
            {
                lastEep = TextTable.Number(tokens, eep, "EEP", file, line);
                if (double.IsNaN(firstEep)) firstEep = lastEep;
            }
            block.AddRow(line, TextTable.Number(tokens, mass, names[mass], file, line));
            for (int k = 0; k < filterColumns.Length; k++)
                block.AddMagnitude(k, TextTable.Number(tokens, filterColumns[k], filters[k], file, line));
            if (phase >= 0) block.AddPhase(Phase(TextTable.Number(tokens, phase, "phase", file, line), file, line));
            if (logL >= 0) block.AddLogLuminosity(TextTable.Number(tokens, logL, "log_L", file, line));
            if (logTe >= 0) block.AddLogEffectiveTemperature(TextTable.Number(tokens, logTe, "log_Teff", file, line));
            i++;
        }
        // The web interpolator declares the EEP span (last − first + 1) and may skip EEPs inside it; anything shorter is truncated.
        if (block.Count < rows && !(eep >= 0 && lastEep - firstEep + 1 == rows))
            throw new InputException(file, i, null,
                $"the block at line {blockLine} declares {rows} EEPs but ends after {block.Count} rows" +
                (eep >= 0 && block.Count > 0 ? $" covering EEPs {firstEep}–{lastEep}" : "") + " (truncated block)");
        double logAge = linearAge ? Math.Log10(firstAge) : firstAge;
        if (!double.IsFinite(logAge))
            throw new InputException(file, block.FirstLine, names[age], $"age {firstAge} is not a valid {(linearAge ? "age in years (> 0)" : "log10 age")}");
        double mh = header.AlphaFe == 0 ? header.FeH : header.FeH + Math.Log10(0.638 * Math.Pow(10, header.AlphaFe) + 0.362);
        return block.Build(logAge, mh, header.Zinit, options);
    }

    private static int Require(string[] names, string name, string file, int line)
    {
        int index = Array.IndexOf(names, name);
        return index >= 0 ? index : throw new InputException(file, line, name, $"missing required column '{name}'; columns are: {string.Join(" ", names)}");
    }

    /// <summary>MIST phase code → phase; InputException for a code MIST does not define.</summary>
    internal static EvolutionaryPhase Phase(double code, string file, int line) => code switch
    {
        -1 => EvolutionaryPhase.PreMainSequence,
        0 => EvolutionaryPhase.MainSequence,
        2 => EvolutionaryPhase.RedGiantBranch,
        3 => EvolutionaryPhase.CoreHeliumBurning,
        4 => EvolutionaryPhase.EarlyAsymptoticGiantBranch,
        5 => EvolutionaryPhase.ThermallyPulsingAsymptoticGiantBranch,
        6 => EvolutionaryPhase.PostAsymptoticGiantBranch,
        9 => EvolutionaryPhase.Unknown,
        _ => throw new InputException(file, line, "phase", $"unknown MIST phase code {code} (known: −1, 0, 2, 3, 4, 5, 6, 9)"),
    };
}
