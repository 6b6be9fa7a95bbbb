namespace BayesSfh.Observation;

/// <summary>
/// How one filter is observed: the isochrone column name, the extinction A (mag) added to every star, the error model
/// and the completeness, both functions of the true apparent magnitude M + μ + A.
/// </summary>
public sealed record PhotometricBand
{
    /// <summary>Creates and validates a band.</summary>
    /// <param name="filter">Isochrone filter name (case-sensitive).</param>
    /// <param name="extinction">A_filter in mag, finite and ≥ 0.</param>
    /// <param name="error">Error model; null means noiseless.</param>
    /// <param name="completeness">Completeness; null means perfect.</param>
    /// <exception cref="ArgumentException">Empty filter name or invalid extinction.</exception>
    public PhotometricBand(string filter, double extinction = 0, IPhotometricError? error = null, ICompleteness? completeness = null)
    {
        if (string.IsNullOrWhiteSpace(filter)) throw new ArgumentException("The filter name is empty.", nameof(filter));
        if (!(extinction >= 0) || !double.IsFinite(extinction))
            throw new ArgumentException($"The extinction in {filter} must be finite and ≥ 0 mag (got {extinction}).", nameof(extinction));
        Filter = filter;
        Extinction = extinction;
        Error = error ?? ConstantPhotometricError.None;
        Completeness = completeness ?? PerfectCompleteness.Instance;
    }

    /// <summary>Isochrone filter name.</summary>
    public string Filter { get; }

    /// <summary>Extinction in this filter (mag).</summary>
    public double Extinction { get; }

    /// <summary>σ(m) of this filter.</summary>
    public IPhotometricError Error { get; }

    /// <summary>η(m) of this filter.</summary>
    public ICompleteness Completeness { get; }
}
