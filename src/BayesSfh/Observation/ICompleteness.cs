namespace BayesSfh.Observation;

/// <summary>
/// A completeness function η(m): the probability that a star of true apparent magnitude m in one filter is detected
/// and kept by the catalogue cuts. Implementations are immutable and thread-safe.
/// </summary>
public interface ICompleteness
{
    /// <summary>η(m) in [0, 1]; NaN for NaN m.</summary>
    double Probability(double magnitude);
}

/// <summary>Every star is detected: η(m) = 1.</summary>
public sealed record PerfectCompleteness : ICompleteness
{
    /// <summary>The single instance.</summary>
    public static PerfectCompleteness Instance { get; } = new();

    /// <inheritdoc/>
    public double Probability(double magnitude) => double.IsNaN(magnitude) ? double.NaN : 1.0;
}

/// <summary>
/// Logistic completeness η(m) = A / (1 + exp((m − m50)/ρ)) (Martin et al. 2016, ApJ 833, 167, eq. 7): A is the
/// bright-end completeness, m50 the magnitude where η = A/2 and ρ the width of the roll-off (mag).
/// </summary>
public sealed record LogisticCompleteness : ICompleteness
{
    /// <summary>Creates the model.</summary>
    /// <param name="maximum">A in (0, 1].</param>
    /// <param name="halfMagnitude">m50 (finite).</param>
    /// <param name="width">ρ &gt; 0 (mag).</param>
    /// <exception cref="ArgumentException">A parameter outside its range; the message names it.</exception>
    public LogisticCompleteness(double maximum, double halfMagnitude, double width)
    {
        if (!(maximum > 0 && maximum <= 1)) throw new ArgumentException($"The maximum completeness must lie in (0, 1] (got {maximum}).", nameof(maximum));
        if (!double.IsFinite(halfMagnitude)) throw new ArgumentException($"m50 must be finite (got {halfMagnitude}).", nameof(halfMagnitude));
        if (!(width > 0) || !double.IsFinite(width)) throw new ArgumentException($"The width ρ must be finite and > 0 mag (got {width}).", nameof(width));
        (Maximum, HalfMagnitude, Width) = (maximum, halfMagnitude, width);
    }

    /// <summary>A, the completeness of bright stars.</summary>
    public double Maximum { get; }

    /// <summary>m50, where η = A/2.</summary>
    public double HalfMagnitude { get; }

    /// <summary>ρ, the roll-off width (mag).</summary>
    public double Width { get; }

    /// <inheritdoc/>
    public double Probability(double magnitude) => Maximum / (1 + Math.Exp((magnitude - HalfMagnitude) / Width));
}
