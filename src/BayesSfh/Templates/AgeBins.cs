using System.Collections.Immutable;

namespace BayesSfh.Templates;

/// <summary>
/// Star-formation time bins, one per distinct template log age (youngest first). Convention (as StarFormationHistories.jl):
/// each template log age is the young (left) edge of its bin, the next older log age its old edge, and the oldest bin
/// ends at T_max (default 13.7 Gyr). Explicit edges may be given instead. The SFR of bin j is R_j / Δt_j.
/// </summary>
public sealed record AgeBins
{
    /// <summary>Default age of the oldest edge, in Gyr.</summary>
    public const double DefaultMaxAgeGyr = 13.7;

    private AgeBins(ImmutableArray<double> logAges, ImmutableArray<double> logEdges)
    {
        LogAges = logAges;
        LogEdges = logEdges;
        Widths = [.. Enumerable.Range(0, logAges.Length).Select(j => Math.Pow(10, logEdges[j + 1]) - Math.Pow(10, logEdges[j]))];
    }

    /// <summary>Template log10 ages (yr), ascending.</summary>
    public ImmutableArray<double> LogAges { get; }

    /// <summary>Bin edges in log10(age/yr), ascending, one more than <see cref="LogAges"/>.</summary>
    public ImmutableArray<double> LogEdges { get; }

    /// <summary>Bin widths Δt_j in years.</summary>
    public ImmutableArray<double> Widths { get; }

    /// <summary>Number of bins J.</summary>
    public int Count => LogAges.Length;

    /// <summary>Age of the oldest edge T_max in Gyr.</summary>
    public double MaxAgeGyr => Math.Pow(10, LogEdges[^1] - 9);

    /// <summary>Lookback time of bin j's template age, in Gyr.</summary>
    public double LookbackGyr(int j) => Math.Pow(10, LogAges[j] - 9);

    /// <summary>Bins whose left edges are the template log ages and whose last edge is <paramref name="maxAgeGyr"/>.</summary>
    /// <exception cref="ArgumentException">Ages not strictly increasing, or T_max not older than the oldest template.</exception>
    public static AgeBins FromLeftEdges(IReadOnlyList<double> logAges, double maxAgeGyr = DefaultMaxAgeGyr)
    {
        CheckAscending(logAges);
        if (!(maxAgeGyr > 0) || !double.IsFinite(maxAgeGyr)) throw new ArgumentException($"T_max must be a positive number of Gyr; got {maxAgeGyr}.");
        double lastEdge = 9 + Math.Log10(maxAgeGyr);
        if (lastEdge <= logAges[^1])
            throw new ArgumentException($"T_max = {maxAgeGyr} Gyr (log age {lastEdge:F4}) must be older than the oldest template (log age {logAges[^1]}).");
        return new AgeBins([.. logAges], [.. logAges, lastEdge]);
    }

    /// <summary>Bins with explicit log-age edges; template age j must lie in [edge_j, edge_{j+1}).</summary>
    /// <exception cref="ArgumentException">Wrong number of edges, edges not increasing, or an age outside its bin.</exception>
    public static AgeBins FromEdges(IReadOnlyList<double> logAges, IReadOnlyList<double> logEdges)
    {
        CheckAscending(logAges);
        if (logEdges.Count != logAges.Count + 1)
            throw new ArgumentException($"{logAges.Count} age bins need {logAges.Count + 1} edges; got {logEdges.Count}.");
        CheckAscending(logEdges);
        for (int j = 0; j < logAges.Count; j++)
            if (logAges[j] < logEdges[j] || logAges[j] >= logEdges[j + 1])
                throw new ArgumentException($"Template log age {logAges[j]} is outside its bin [{logEdges[j]}, {logEdges[j + 1]}).");
        return new AgeBins([.. logAges], [.. logEdges]);
    }

    private static void CheckAscending(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("At least one log age is needed.");
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i])) throw new ArgumentException($"Log age {values[i]} is not finite.");
            if (i > 0 && values[i] <= values[i - 1]) throw new ArgumentException($"Log ages must increase strictly ({values[i]} after {values[i - 1]}).");
        }
    }
}
