using BayesSfh.Templates;

namespace BayesSfh.IO;

/// <summary>Writes background templates in the flattened format read by <see cref="BackgroundCsvReader"/> (<c>name,bin,value</c>), atomically.</summary>
public static class BackgroundCsvWriter
{
    /// <summary>Writes <paramref name="backgrounds"/> (for example <see cref="TemplateSet.Backgrounds"/>) to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<BackgroundTemplate> backgrounds) =>
        CsvText.Write(path, [BackgroundCsvReader.NameColumn, BinColumns.Bin, TemplateCsvReader.Value], csv =>
        {
            foreach (var b in backgrounds)
                for (int i = 0; i < b.Bins.Length; i++) csv.Row(b.Name, CsvText.Number(b.Bins[i]), CsvText.Number(b.Values[i]));
        });
}
