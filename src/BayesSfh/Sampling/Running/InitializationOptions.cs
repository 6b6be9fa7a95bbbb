namespace BayesSfh.Sampling.Running;

/// <summary>
/// Where each chain starts, on the unconstrained scale. Without a <see cref="Point"/>: θᵢ ~ U(−R, R) with R =
/// <see cref="Radius"/> (Stan's <c>init = 2</c>). With one: θᵢ = pointᵢ + sᵢ·U(−1, 1) with sᵢ = <see cref="JitterScale"/>
/// × (<see cref="JitterScales"/>ᵢ or 1), e.g. the Laplace standard deviations of a MAP fit; or, with a
/// <see cref="JitterFactor"/> L, θ = point + <see cref="JitterScale"/>·L u with uᵢ ~ U(−1, 1), so that the jitter follows
/// a correlated shape such as a Laplace covariance Σ = LLᵀ. Draws whose log density or
/// gradient is not finite are retried, up to <see cref="MaxAttempts"/> times (Stan <c>initialize.hpp</c>).
/// Immutable; <see cref="Validate"/> checks it.
/// </summary>
public sealed record InitializationOptions
{
    /// <summary>Centre of the jitter (length d), or null for uniform(−R, R) starts.</summary>
    public IReadOnlyList<double>? Point { get; init; }

    /// <summary>R of the uniform(−R, R) start when there is no point. Default 2 (Stan). Finite, ≥ 0.</summary>
    public double Radius { get; init; } = 2.0;

    /// <summary>Overall jitter half-width around <see cref="Point"/> (units of θ). Default 0: every chain starts exactly at the point. Finite, ≥ 0.</summary>
    public double JitterScale { get; init; }

    /// <summary>Per-coordinate multipliers of <see cref="JitterScale"/> (length d, each finite and ≥ 0), or null for all ones.</summary>
    public IReadOnlyList<double>? JitterScales { get; init; }

    /// <summary>
    /// Lower-triangular factor L (row-major d × d) shaping the jitter as L u, e.g. the Cholesky factor of a Laplace
    /// covariance; null for independent coordinates. Excludes <see cref="JitterScales"/>.
    /// </summary>
    public IReadOnlyList<double>? JitterFactor { get; init; }

    /// <summary>Attempts before giving up on a finite starting density. Default 100 (Stan). Must be ≥ 1.</summary>
    public int MaxAttempts { get; init; } = 100;

    /// <summary>Checks the options and returns them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range (NaN included).</exception>
    /// <exception cref="ArgumentException">The point and the per-coordinate scales differ in length, or contain a non-finite value.</exception>
    public InitializationOptions Validate()
    {
        if (!(Radius >= 0) || !double.IsFinite(Radius)) throw new ArgumentOutOfRangeException(nameof(Radius), Radius, "Must be finite and ≥ 0.");
        if (!(JitterScale >= 0) || !double.IsFinite(JitterScale)) throw new ArgumentOutOfRangeException(nameof(JitterScale), JitterScale, "Must be finite and ≥ 0.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1);
        if (Point is not null && Point.Any(v => !double.IsFinite(v))) throw new ArgumentException("The initial point must be finite.", nameof(Point));
        if (JitterScales is not null)
        {
            if (JitterScales.Any(s => !(s >= 0) || !double.IsFinite(s))) throw new ArgumentException("Jitter scales must be finite and ≥ 0.", nameof(JitterScales));
            if (Point is null || Point.Count != JitterScales.Count) throw new ArgumentException("Per-coordinate jitter scales need an initial point of the same length.", nameof(JitterScales));
        }
        if (JitterFactor is not null)
        {
            if (JitterScales is not null) throw new ArgumentException("Give either per-coordinate jitter scales or a jitter factor, not both.", nameof(JitterFactor));
            if (Point is null || JitterFactor.Count != Point.Count * Point.Count) throw new ArgumentException("A jitter factor needs an initial point and d × d entries.", nameof(JitterFactor));
            if (JitterFactor.Any(v => !double.IsFinite(v))) throw new ArgumentException("The jitter factor must be finite.", nameof(JitterFactor));
        }
        return this;
    }
}
