namespace BayesSfh.Imf;

/// <summary>The built-in IMFs by name, for configuration files and the command line.</summary>
public static class InitialMassFunctions
{
    /// <summary>Canonical names accepted by <see cref="Create"/>, with their default mass limits.</summary>
    public static IReadOnlyList<string> Names { get; } = ["kroupa2001", "chabrier2003", "chabrier2003-system", "salpeter1955"];

    /// <summary>
    /// Creates a built-in IMF: <c>kroupa2001</c> (alias <c>kroupa</c>; default 0.08–100 M☉), <c>chabrier2003</c>
    /// (<c>chabrier</c>; single-star, 0.08–100 M☉), <c>chabrier2003-system</c> (<c>chabrier-system</c>; 0.08–100 M☉),
    /// <c>salpeter1955</c> (<c>salpeter</c>; 0.1–100 M☉). Names are case-insensitive; null limits take the defaults.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known ones) or a limit is invalid.</exception>
    public static PiecewiseImf Create(string name, double? minimumMass = null, double? maximumMass = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "kroupa2001" or "kroupa" => new KroupaImf(minimumMass ?? KroupaImf.DefaultMinimumMass, maximumMass ?? KroupaImf.DefaultMaximumMass),
            "chabrier2003" or "chabrier" => new ChabrierImf(ChabrierForm.Individual,
                minimumMass ?? ChabrierImf.DefaultMinimumMass, maximumMass ?? ChabrierImf.DefaultMaximumMass),
            "chabrier2003-system" or "chabrier-system" => new ChabrierImf(ChabrierForm.System,
                minimumMass ?? ChabrierImf.DefaultMinimumMass, maximumMass ?? ChabrierImf.DefaultMaximumMass),
            "salpeter1955" or "salpeter" => new SalpeterImf(minimumMass ?? SalpeterImf.DefaultMinimumMass, maximumMass ?? SalpeterImf.DefaultMaximumMass),
            _ => throw new ArgumentException($"Unknown IMF '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
