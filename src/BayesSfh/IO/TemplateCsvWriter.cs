using BayesSfh.Templates;

namespace BayesSfh.IO;

/// <summary>
/// Writes SSP templates in the flattened format read by <see cref="TemplateCsvReader"/> (<c>log_age,mh,bin,value</c>,
/// non-zero entries only, values per M☉ formed) and their luminosities in the format of <see cref="LuminosityCsvReader"/>.
/// Numbers are written in round-trip form, so reading gives back identical values. Files are written atomically.
/// </summary>
public static class TemplateCsvWriter
{
    /// <summary>Writes the SSP templates of <paramref name="templates"/> (backgrounds: <see cref="BackgroundCsvWriter"/>).</summary>
    public static void Write(string path, TemplateSet templates) => Write(path, templates.Templates);

    /// <summary>Writes <paramref name="templates"/>, enumerating them once (so they may be produced lazily).</summary>
    public static void Write(string path, IEnumerable<SspTemplate> templates) =>
        CsvText.Write(path, [TemplateCsvReader.LogAge, TemplateCsvReader.MH, BinColumns.Bin, TemplateCsvReader.Value], csv =>
        {
            foreach (var t in templates)
            {
                string logAge = CsvText.Number(t.LogAge), mh = CsvText.Number(t.MH);
                for (int i = 0; i < t.Bins.Length; i++)
                    csv.Row(logAge, mh, CsvText.Number(t.Bins[i]), CsvText.Number(t.Values[i]));
            }
        });

    /// <summary>Writes the luminosity per M☉ of every template (<c>log_age,mh,luminosity</c>).</summary>
    /// <exception cref="ArgumentException">A template has no luminosity (nothing is written).</exception>
    public static void WriteLuminosity(string path, TemplateSet templates)
    {
        if (!templates.HasLuminosity) throw new ArgumentException("Some templates have no luminosity per solar mass.", nameof(templates));
        CsvText.Write(path, [TemplateCsvReader.LogAge, TemplateCsvReader.MH, LuminosityCsvReader.LuminosityColumn], csv =>
        {
            foreach (var t in templates.Templates)
                csv.Row(CsvText.Number(t.LogAge), CsvText.Number(t.MH), CsvText.Number(t.LuminosityPerMass!.Value));
        });
    }
}
