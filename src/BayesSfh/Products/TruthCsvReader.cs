using BayesSfh.IO;

namespace BayesSfh.Products;

/// <summary>
/// Reads the true parameters of a simulated data set: <c>name,value</c>, one row per natural parameter named as in the
/// chains (<c>R.1</c>, <c>alpha</c>, …), as <c>bayessfh example</c> writes <c>truth.csv</c>.
/// </summary>
public static class TruthCsvReader
{
    /// <summary>The accepted header, for messages.</summary>
    public const string Expected = "name,value";

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <returns>The values by name.</returns>
    /// <exception cref="InputException">The file is missing or malformed, a value is not finite, or a name repeats.</exception>
    public static IReadOnlyDictionary<string, double> Read(string path)
    {
        using var rows = CsvRows.Open(path, Expected, "name", "value");
        int name = rows.Column("name"), value = rows.Column("value");
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        while (rows.Read())
        {
            string key = rows.Text(name);
            if (key.Length == 0) throw rows.Error(name, "empty parameter name");
            if (!result.TryAdd(key, rows.Finite(value, "values are finite numbers in the parameter's natural units")))
                throw rows.Error(name, $"'{key}' appears twice");
        }
        return result;
    }
}
