using BayesSfh.Templates;

namespace BayesSfh.IO;

/// <summary>
/// Reads the luminosity sidecar of a template file: <c>log_age,mh,luminosity</c>, one row per template, with
/// <c>luminosity</c> in L☉ (in the chosen band) per M☉ formed, finite and &gt; 0. Every template gets exactly one row,
/// matched on the exact (log_age, mh) numbers.
/// </summary>
public static class LuminosityCsvReader
{
    /// <summary>The accepted header, for messages.</summary>
    public const string Expected = "log_age,mh,luminosity";

    internal const string LuminosityColumn = "luminosity";
    private const string LuminosityRule = "luminosities are L☉ per M☉ formed, finite and > 0";
    private const int MissingShown = 5;

    /// <summary>Reads the luminosities in <paramref name="path"/> and attaches them to <paramref name="templates"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="templates">The templates, with distinct (log age, [M/H]).</param>
    /// <returns>Copies of <paramref name="templates"/>, in the same order, with <see cref="SspTemplate.LuminosityPerMass"/> set.</returns>
    /// <exception cref="InputException">The file is missing or malformed, names a (log_age, mh) pair that is not a template
    /// or one twice, or misses templates.</exception>
    public static IReadOnlyList<SspTemplate> Read(string path, IReadOnlyList<SspTemplate> templates)
    {
        var index = new Dictionary<(double, double), int>();
        for (int t = 0; t < templates.Count; t++) index.TryAdd((templates[t].LogAge, templates[t].MH), t);
        var luminosity = new double[templates.Count];
        var lines = new int[templates.Count];
        using var rows = CsvRows.Open(path, Expected, TemplateCsvReader.LogAge, TemplateCsvReader.MH, LuminosityColumn);
        int age = rows.Column(TemplateCsvReader.LogAge), mh = rows.Column(TemplateCsvReader.MH), value = rows.Column(LuminosityColumn);
        while (rows.Read())
        {
            var key = (rows.Finite(age, TemplateCsvReader.LogAgeRule), rows.Finite(mh, TemplateCsvReader.MHRule));
            if (!index.TryGetValue(key, out int t))
                throw rows.Error(null, $"there is no {TemplateCsvReader.Label(key)} in the template file; log_age and mh must match a template exactly");
            if (lines[t] > 0)
                throw rows.Error(null, $"the luminosity of {TemplateCsvReader.Label(key)} is given twice (lines {lines[t]} and {rows.Line})");
            luminosity[t] = rows.Positive(value, LuminosityRule);
            lines[t] = rows.Line;
        }
        var missing = Enumerable.Range(0, templates.Count).Where(t => lines[t] == 0).ToList();
        if (missing.Count > 0)
            throw rows.FileError($"no luminosity for {missing.Count} of {templates.Count} templates: " +
                string.Join(", ", missing.Take(MissingShown).Select(t => TemplateCsvReader.Label((templates[t].LogAge, templates[t].MH)))) +
                (missing.Count > MissingShown ? ", …" : "") + "; give every template exactly one row");
        return [.. templates.Select((t, i) => t with { LuminosityPerMass = luminosity[i] })];
    }
}
