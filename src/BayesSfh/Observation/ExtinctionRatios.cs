namespace BayesSfh.Observation;

/// <summary>
/// A_λ / A_V for the Johnson–Cousins and 2MASS-like broad bands, from the Cardelli, Clayton &amp; Mathis (1989, ApJ 345,
/// 245, Table 3) law with R_V = 3.1: U 1.569, B 1.337, V 1, R 0.751, I 0.479, J 0.282, H 0.190, K 0.114. Approximate
/// (the ratios depend on the spectrum and the exact passband); give per-filter extinctions for precise work and for
/// other systems (Gaia, HST, JWST).
/// </summary>
public static class ExtinctionRatios
{
    private static readonly Dictionary<string, double> Ratios = new(StringComparer.OrdinalIgnoreCase)
    {
        ["U"] = 1.569, ["B"] = 1.337, ["V"] = 1.0, ["R"] = 0.751, ["I"] = 0.479, ["J"] = 0.282, ["H"] = 0.190, ["K"] = 0.114, ["Ks"] = 0.114,
    };

    /// <summary>
    /// A_F / A_V for a filter column name: the band letter, optionally with a <c>Bessell_</c>, <c>2MASS_</c> prefix or a
    /// <c>mag</c> suffix (<c>V</c>, <c>Vmag</c>, <c>Bessell_V</c>, <c>2MASS_Ks</c>).
    /// </summary>
    /// <returns>False when the filter is not one of these bands.</returns>
    public static bool TryGet(string filter, out double ratio)
    {
        ArgumentNullException.ThrowIfNull(filter);
        string name = filter.Trim();
        foreach (string prefix in new[] { "Bessell_", "2MASS_" })
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) name = name[prefix.Length..];
        if (name.EndsWith("mag", StringComparison.OrdinalIgnoreCase) && name.Length > 3) name = name[..^3];
        return Ratios.TryGetValue(name, out ratio);
    }
}
