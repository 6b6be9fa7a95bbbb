using BayesSfh.IO;

namespace BayesSfh.Isochrones;

/// <summary>
/// Reads PARSEC isochrone tables as written by the CMD web form, versions 3.x (Bressan et al. 2012 and later), by
/// column name: any number of ages and metallicities per file, rows carrying <c>Zini MH logAge Mini … label … *mag</c>.
/// </summary>
/// <remarks>
/// <para>Layouts handled: CMD 3.3/3.4 (a <c># Age = …</c> line and a repeated <c># Zini …</c> column-name line before
/// each age), CMD 3.4 + COLIBRI and 3.7 (extra columns; 3.7 has no <c># Age</c> lines), an optional
/// <c>#isochrone terminated</c> trailer, and a column-name line without <c>#</c>. A new isochrone starts at every
/// column-name line and wherever (<c>Zini</c> or <c>MH</c>, <c>logAge</c>) changes between rows.</para>
/// <para>[M/H] from <c>MH</c> (else from <c>Zini</c> by <see cref="IsochroneChemistry.Parsec"/>); Z from <c>Zini</c> (else from
/// MH); log age from <c>logAge</c>; initial mass from <c>Mini</c>; log L and log Teff from <c>logL</c>, <c>logTe</c>.
/// Magnitudes are the columns whose name ends in <c>mag</c> (<c>Gmag</c>, <c>G_BPmag</c>, <c>F814Wmag</c>, and the bolometric
/// <c>mbolmag</c>), named as in the file.</para>
/// <para><c>label</c>: 0 pre-MS, 1 MS, 2 subgiant branch, 3 RGB, 4–6 core He burning (4 start, 5 blue loop, 6 red
/// clump/loop), 7 early AGB, 8 TP-AGB, 9 post-AGB; without a label column phases are Unknown.</para>
/// </remarks>
public static class ParsecIsochroneReader
{
    /// <summary>Reads every isochrone in <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file is missing, empty or malformed.</exception>
    public static IReadOnlyList<Isochrone> Read(string path, IsochroneReadOptions? options = null) =>
        Parse(IsochroneReader.ReadLines(path), path, options);

    /// <summary>Parses the lines of a PARSEC CMD file named <paramref name="file"/> (for messages).</summary>
    /// <exception cref="InputException">The content is empty or malformed.</exception>
    public static IReadOnlyList<Isochrone> Parse(IReadOnlyList<string> lines, string file, IsochroneReadOptions? options = null)
    {
        options ??= IsochroneReadOptions.Default;
        if (lines.All(TextTable.IsBlank)) throw new InputException(file, null, null, "the file is empty");
        var isochrones = new List<Isochrone>();
        var tokens = new LineTokens();
        Columns? columns = null;
        IsochroneBlock? block = null;
        double blockAge = double.NaN, blockMetallicity = double.NaN, blockMH = double.NaN, blockZ = double.NaN;

        void Finish()
        {
            if (block is null) return;
            double mh = double.IsNaN(blockMH) ? IsochroneChemistry.Parsec.MHFromZ(blockZ) : blockMH;
            double z = double.IsNaN(blockZ) ? IsochroneChemistry.Parsec.ZFromMH(blockMH) : blockZ;
            if (!double.IsFinite(mh))
                throw new InputException(file, block.FirstLine, "Zini", $"Zini = {blockZ} has no [M/H] (needs 0 < Z and X > 0)");
            isochrones.Add(block.Build(blockAge, mh, z, options));
            block = null;
        }

        for (int i = 0; i < lines.Count; i++)
        {
            string text = lines[i];
            int line = i + 1;
            if (TextTable.IsBlank(text)) continue;
            bool comment = TextTable.IsComment(text);
            if (comment && text.Contains("terminated", StringComparison.OrdinalIgnoreCase))
            {
                Finish();
                continue;
            }
            if (comment || columns is null || char.IsAsciiLetter(text.AsSpan().TrimStart()[0]))
            {
                var names = TextTable.Names(text);
                if (names.Contains("Mini") || names.Contains("logAge"))
                {
                    Finish();
                    columns = Columns.From(names, file, line);
                    continue;
                }
                if (comment) continue;
                throw new InputException(file, line, null, "data row before the column-name line '# Zini MH logAge Mini … label … mag'");
            }

            tokens.Split(text);
            if (tokens.Count != columns.Names.Length)
                throw new InputException(file, line, null,
                    $"the row has {tokens.Count} values but the column-name line (line {columns.Line}) has {columns.Names.Length} (truncated or malformed row)");
            double age = TextTable.Number(tokens, columns.LogAge, "logAge", file, line);
            double mhValue = columns.MH >= 0 ? TextTable.Number(tokens, columns.MH, "MH", file, line) : double.NaN;
            double zValue = columns.Zini >= 0 ? TextTable.Number(tokens, columns.Zini, "Zini", file, line) : double.NaN;
            double metallicity = columns.Zini >= 0 ? zValue : mhValue;
            if (block is not null && (age != blockAge || metallicity != blockMetallicity)) Finish();
            if (block is null)
            {
                if (!double.IsFinite(age)) throw new InputException(file, line, "logAge", $"log age {age} is not finite");
                block = new IsochroneBlock(file, line, "Mini", columns.Filters, columns.Label >= 0, columns.LogL >= 0, columns.LogTe >= 0);
                (blockAge, blockMetallicity, blockMH, blockZ) = (age, metallicity, mhValue, zValue);
            }
            block.AddRow(line, TextTable.Number(tokens, columns.Mini, "Mini", file, line));
            for (int k = 0; k < columns.FilterColumns.Length; k++)
                block.AddMagnitude(k, TextTable.Number(tokens, columns.FilterColumns[k], columns.Filters[k], file, line));
            if (columns.Label >= 0) block.AddPhase(Phase(TextTable.Number(tokens, columns.Label, "label", file, line), file, line));
            if (columns.LogL >= 0) block.AddLogLuminosity(TextTable.Number(tokens, columns.LogL, "logL", file, line));
            if (columns.LogTe >= 0) block.AddLogEffectiveTemperature(TextTable.Number(tokens, columns.LogTe, "logTe", file, line));
        }
        Finish();
        if (isochrones.Count == 0)
            throw new InputException(file, null, null,
                columns is null ? "no column-name line '# Zini MH logAge Mini … label … mag' was found" : "the file has a column-name line but no data rows");
        return isochrones;
    }

    private sealed record Columns(string[] Names, int Line, int Mini, int LogAge, int MH, int Zini, int Label, int LogL, int LogTe,
        int[] FilterColumns, string[] Filters)
    {
        public static Columns From(string[] names, string file, int line)
        {
            int Need(string name) => Array.IndexOf(names, name) is var index and >= 0
                ? index
                : throw new InputException(file, line, name, $"missing required column '{name}'; columns are: {string.Join(" ", names)}");
            int mini = Need("Mini"), logAge = Need("logAge");
            int mh = Array.IndexOf(names, "MH"), zini = Array.IndexOf(names, "Zini");
            if (mh < 0 && zini < 0) throw new InputException(file, line, "MH", "missing column 'MH' (or 'Zini'): the metallicity of each row is needed");
            var filterColumns = Enumerable.Range(0, names.Length).Where(c => names[c].EndsWith("mag", StringComparison.Ordinal)).ToArray();
            if (filterColumns.Length == 0)
                throw new InputException(file, line, null, "no magnitude columns (names ending in 'mag', e.g. Vmag, Gmag, F814Wmag)");
            var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new InputException(file, line, duplicate.Key, $"column '{duplicate.Key}' appears twice");
            return new Columns(names, line, mini, logAge, mh, zini, Array.IndexOf(names, "label"), Array.IndexOf(names, "logL"),
                Array.IndexOf(names, "logTe"), filterColumns, [.. filterColumns.Select(c => names[c])]);
        }
    }

    /// <summary>PARSEC <c>label</c> → phase; InputException for a code outside 0–9.</summary>
    internal static EvolutionaryPhase Phase(double code, string file, int line) => code switch
    {
        0 => EvolutionaryPhase.PreMainSequence,
        1 => EvolutionaryPhase.MainSequence,
        2 => EvolutionaryPhase.SubgiantBranch,
        3 => EvolutionaryPhase.RedGiantBranch,
        4 or 5 or 6 => EvolutionaryPhase.CoreHeliumBurning,
        7 => EvolutionaryPhase.EarlyAsymptoticGiantBranch,
        8 => EvolutionaryPhase.ThermallyPulsingAsymptoticGiantBranch,
        9 => EvolutionaryPhase.PostAsymptoticGiantBranch,
        _ => throw new InputException(file, line, "label", $"unknown PARSEC stage label {code} (known: 0–9)"),
    };
}
