namespace BayesSfh.Isochrones;

/// <summary>
/// One isochrone: stars of a single age and metallicity, tabulated along increasing initial mass, with absolute
/// magnitudes in one or more filters. Produced by the file readers (MIST, PARSEC, BaSTI) and by the built-in analytic
/// model; consumed by the template builder and the mock-population simulator.
/// </summary>
/// <remarks>
/// Initial masses are non-decreasing along the table (points of equal mass may occur at phase boundaries); magnitudes
/// are absolute (distance modulus 0, no extinction). Filters are named by the source's own column names
/// (<c>Bessell_V</c>, <c>Vmag</c>, <c>G_BP</c>, …).
/// </remarks>
public sealed class Isochrone
{
    private readonly Dictionary<string, double[]> _magnitudes;

    /// <summary>Creates an isochrone and checks that every column has one value per point.</summary>
    /// <param name="logAge">log10 of the age in years.</param>
    /// <param name="mh">[M/H] in dex.</param>
    /// <param name="initialMass">Initial (zero-age) stellar mass in M☉ per point, finite, positive, non-decreasing.</param>
    /// <param name="magnitudes">Absolute magnitude per filter name, each with one finite value per point.</param>
    /// <param name="phases">Optional evolutionary phase per point; all <see cref="EvolutionaryPhase.Unknown"/> if null.</param>
    /// <param name="logLuminosity">Optional log10(L/L☉) per point.</param>
    /// <param name="logEffectiveTemperature">Optional log10(Teff/K) per point.</param>
    /// <param name="metalMassFraction">Optional metal mass fraction Z as stated by the source.</param>
    /// <param name="source">Where the isochrone came from (file name and line, or "builtin"), for error messages.</param>
    public Isochrone(
        double logAge,
        double mh,
        double[] initialMass,
        IReadOnlyDictionary<string, double[]> magnitudes,
        EvolutionaryPhase[]? phases = null,
        double[]? logLuminosity = null,
        double[]? logEffectiveTemperature = null,
        double? metalMassFraction = null,
        string source = "")
    {
        ArgumentNullException.ThrowIfNull(initialMass);
        ArgumentNullException.ThrowIfNull(magnitudes);
        if (!double.IsFinite(logAge)) throw new ArgumentException($"log age must be finite (got {logAge}).", nameof(logAge));
        if (!double.IsFinite(mh)) throw new ArgumentException($"[M/H] must be finite (got {mh}).", nameof(mh));
        if (initialMass.Length < 2) throw new ArgumentException("An isochrone needs at least two points.", nameof(initialMass));
        for (int i = 0; i < initialMass.Length; i++)
        {
            if (!double.IsFinite(initialMass[i]) || initialMass[i] <= 0)
                throw new ArgumentException($"Initial mass at point {i} must be finite and positive (got {initialMass[i]}).", nameof(initialMass));
            if (i > 0 && initialMass[i] < initialMass[i - 1])
                throw new ArgumentException($"Initial mass must be non-decreasing (point {i}: {initialMass[i]} < {initialMass[i - 1]}).", nameof(initialMass));
        }
        if (magnitudes.Count == 0) throw new ArgumentException("An isochrone needs at least one filter.", nameof(magnitudes));
        _magnitudes = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (name, values) in magnitudes)
        {
            CheckLength(values, initialMass.Length, $"magnitudes[{name}]");
            for (int i = 0; i < values.Length; i++)
                if (!double.IsFinite(values[i]))
                    throw new ArgumentException($"Magnitude {name} at point {i} is not finite ({values[i]}).", nameof(magnitudes));
            _magnitudes[name] = values;
        }
        if (phases is not null) CheckLength(phases, initialMass.Length, nameof(phases));
        if (logLuminosity is not null) CheckLength(logLuminosity, initialMass.Length, nameof(logLuminosity));
        if (logEffectiveTemperature is not null) CheckLength(logEffectiveTemperature, initialMass.Length, nameof(logEffectiveTemperature));
        if (metalMassFraction is { } z && !(z > 0 && z < 1))
            throw new ArgumentException($"Metal mass fraction must lie in (0, 1) (got {z}).", nameof(metalMassFraction));

        LogAge = logAge;
        MH = mh;
        InitialMass = initialMass;
        Phases = phases ?? new EvolutionaryPhase[initialMass.Length];
        LogLuminosity = logLuminosity;
        LogEffectiveTemperature = logEffectiveTemperature;
        MetalMassFraction = metalMassFraction;
        Source = source;
    }

    /// <summary>log10 of the age in years.</summary>
    public double LogAge { get; }

    /// <summary>[M/H] in dex.</summary>
    public double MH { get; }

    /// <summary>Metal mass fraction Z as stated by the source, if any.</summary>
    public double? MetalMassFraction { get; }

    /// <summary>Initial masses in M☉, non-decreasing.</summary>
    public IReadOnlyList<double> InitialMass { get; }

    /// <summary>Evolutionary phase per point.</summary>
    public IReadOnlyList<EvolutionaryPhase> Phases { get; }

    /// <summary>log10(L/L☉) per point, if the source gives it.</summary>
    public IReadOnlyList<double>? LogLuminosity { get; }

    /// <summary>log10(Teff/K) per point, if the source gives it.</summary>
    public IReadOnlyList<double>? LogEffectiveTemperature { get; }

    /// <summary>Where the isochrone came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Number of tabulated points.</summary>
    public int Count => InitialMass.Count;

    /// <summary>Filter names in the source's spelling.</summary>
    public IReadOnlyCollection<string> Filters => _magnitudes.Keys;

    /// <summary>Whether the isochrone has a column for <paramref name="filter"/> (case-sensitive).</summary>
    public bool HasFilter(string filter) => _magnitudes.ContainsKey(filter);

    /// <summary>Absolute magnitudes in <paramref name="filter"/>; throws naming the available filters if absent.</summary>
    public IReadOnlyList<double> Magnitudes(string filter) =>
        _magnitudes.TryGetValue(filter, out var values)
            ? values
            : throw new KeyNotFoundException(
                $"Isochrone {Source} (log age {LogAge}, [M/H] {MH}) has no filter '{filter}'; available: {string.Join(", ", _magnitudes.Keys)}.");

    private static void CheckLength<T>(T[] values, int expected, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != expected)
            throw new ArgumentException($"{name} has {values.Length} values, expected {expected} (one per point).", name);
    }
}
