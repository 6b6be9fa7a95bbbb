namespace BayesSfh.Imf;

/// <summary>
/// A continuous broken power law dN/dm ∝ m^(−α_j) for b_(j−1) ≤ m &lt; b_j (b_(−1) = 0, b_n = ∞), normalised over
/// [min, max]. The coefficients follow from continuity at every break: c_(j+1) = c_j b_j^(α_(j+1) − α_j). Slopes are
/// in dN/dm (Salpeter's is 2.35, not the 1.35 of dN/dlog m); any real slope is allowed, including 1 and 2 (the
/// logarithmic limits of the closed forms are used there).
/// </summary>
public class BrokenPowerLawImf : PiecewiseImf
{
    /// <summary>Creates a broken power law from its break masses and the slope of every interval.</summary>
    /// <param name="breakMasses">Break masses in M☉, finite, positive, strictly increasing (may be empty).</param>
    /// <param name="slopes">dN/dm slopes α, one more than the breaks (slope j holds below break j, the last above the last break).</param>
    /// <param name="minimumMass">Lower mass limit in M☉.</param>
    /// <param name="maximumMass">Upper mass limit in M☉.</param>
    /// <exception cref="ArgumentException">The breaks or slopes are malformed or the limits invalid.</exception>
    public BrokenPowerLawImf(IReadOnlyList<double> breakMasses, IReadOnlyList<double> slopes, double minimumMass, double maximumMass)
        : base(minimumMass, maximumMass, Build(breakMasses, slopes, minimumMass, maximumMass))
    {
        BreakMasses = [.. breakMasses];
        Slopes = [.. slopes];
    }

    /// <summary>Break masses in M☉.</summary>
    public IReadOnlyList<double> BreakMasses { get; }

    /// <summary>dN/dm slopes α per interval (one more than the breaks).</summary>
    public IReadOnlyList<double> Slopes { get; }

    /// <inheritdoc/>
    public override string Name => "broken-power-law";

    private static List<ImfSegment> Build(IReadOnlyList<double> breaks, IReadOnlyList<double> slopes, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(breaks);
        ArgumentNullException.ThrowIfNull(slopes);
        ValidateLimits(min, max);
        if (slopes.Count != breaks.Count + 1)
            throw new ArgumentException($"A broken power law with {breaks.Count} breaks needs {breaks.Count + 1} slopes (got {slopes.Count}).", nameof(slopes));
        for (int j = 0; j < breaks.Count; j++)
            if (!(breaks[j] > 0) || !double.IsFinite(breaks[j]) || (j > 0 && !(breaks[j] > breaks[j - 1])))
                throw new ArgumentException($"Break masses must be finite, positive and strictly increasing (break {j}: {breaks[j]}).", nameof(breaks));
        for (int j = 0; j < slopes.Count; j++)
            if (!double.IsFinite(slopes[j]))
                throw new ArgumentException($"Slope {j} must be finite (got {slopes[j]}).", nameof(slopes));

        // log c_j, with c_0 = 1: continuity c_j b^−α_j = c_(j+1) b^−α_(j+1) at b = b_j.
        var logCoefficient = new double[slopes.Count];
        for (int j = 0; j < breaks.Count; j++)
            logCoefficient[j + 1] = logCoefficient[j] + (slopes[j + 1] - slopes[j]) * Math.Log(breaks[j]);
        // Rescale so the density is of order one at the lower limit (avoids overflow for steep slopes and extreme limits).
        int first = 0;
        while (first < breaks.Count && breaks[first] <= min) first++;
        double shift = logCoefficient[first] - slopes[first] * Math.Log(min);

        var segments = new List<ImfSegment>();
        foreach (var (lower, upper, interval) in Pieces(min, max, breaks))
            segments.Add(new PowerLawSegment(lower, upper, Math.Exp(logCoefficient[interval] - shift), slopes[interval]));
        return segments;
    }
}

/// <summary>
/// Kroupa (2001, MNRAS 322, 231, eq. 2) IMF: dN/dm ∝ m^(−α) with α = 0.3 (m &lt; 0.08), 1.3 (0.08–0.5), 2.3 (0.5–1) and
/// 2.3 (&gt; 1 M☉), continuous at the breaks. Default limits 0.08–100 M☉ (as StarFormationHistories.jl's
/// <c>Kroupa2001(0.08, 100)</c>); a lower limit below 0.08 uses the α = 0.3 brown-dwarf segment.
/// </summary>
public sealed class KroupaImf : BrokenPowerLawImf
{
    /// <summary>Default lower mass limit (M☉).</summary>
    public const double DefaultMinimumMass = 0.08;

    /// <summary>Default upper mass limit (M☉).</summary>
    public const double DefaultMaximumMass = 100;

    /// <summary>Creates the Kroupa 2001 IMF on [<paramref name="minimumMass"/>, <paramref name="maximumMass"/>] M☉.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not finite or not positive, or max ≤ min.</exception>
    public KroupaImf(double minimumMass = DefaultMinimumMass, double maximumMass = DefaultMaximumMass)
        : base([0.08, 0.5, 1.0], [0.3, 1.3, 2.3, 2.3], minimumMass, maximumMass)
    {
    }

    /// <inheritdoc/>
    public override string Name => "kroupa2001";
}

/// <summary>
/// Salpeter (1955, ApJ 121, 161) IMF: dN/dm ∝ m^(−2.35) (i.e. dN/dlog m ∝ m^(−1.35)). Default limits 0.1–100 M☉, the
/// conventional range for Salpeter mass-to-light ratios.
/// </summary>
public sealed class SalpeterImf : BrokenPowerLawImf
{
    /// <summary>The dN/dm slope α = 2.35.</summary>
    public const double Slope = 2.35;

    /// <summary>Default lower mass limit (M☉).</summary>
    public const double DefaultMinimumMass = 0.1;

    /// <summary>Default upper mass limit (M☉).</summary>
    public const double DefaultMaximumMass = 100;

    /// <summary>Creates the Salpeter IMF on [<paramref name="minimumMass"/>, <paramref name="maximumMass"/>] M☉.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not finite or not positive, or max ≤ min.</exception>
    public SalpeterImf(double minimumMass = DefaultMinimumMass, double maximumMass = DefaultMaximumMass)
        : base([], [Slope], minimumMass, maximumMass)
    {
    }

    /// <inheritdoc/>
    public override string Name => "salpeter1955";
}
