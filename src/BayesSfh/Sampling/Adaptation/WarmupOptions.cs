using BayesSfh.Sampling.Metrics;

namespace BayesSfh.Sampling.Adaptation;

/// <summary>
/// How warm-up adapts the step size and the metric (Stan's scheme: step-size search, dual averaging, windowed metric
/// estimation; see <see cref="WarmupAdapter"/>). Immutable; <see cref="Validate"/> checks it.
/// </summary>
public sealed record WarmupOptions
{
    /// <summary>
    /// Kind of metric estimated in the slow windows: <see cref="MetricKind.Diagonal"/> (default, Stan <c>diag_e</c>),
    /// <see cref="MetricKind.Dense"/> (<c>dense_e</c>) or <see cref="MetricKind.Unit"/> (no metric adaptation).
    /// </summary>
    public MetricKind AdaptedMetric { get; init; } = MetricKind.Diagonal;

    /// <summary>
    /// Metric used until the first window ends (and throughout if none is adapted), e.g. a <see cref="DenseMetric"/>
    /// from the Laplace covariance of a MAP fit. Null means the unit metric.
    /// </summary>
    public IMetric? InitialMetric { get; init; }

    /// <summary>Step size from which the first search starts, and the one used when there is no warm-up. Default 1 (Stan). Finite, &gt; 0.</summary>
    public double InitialStepSize { get; init; } = 1.0;

    /// <summary>Dual-averaging parameters (δ 0.8, γ 0.05, κ 0.75, t₀ 10).</summary>
    public DualAveragingOptions DualAveraging { get; init; } = new();

    /// <summary>Window sizes (75 / 25 doubling / 50).</summary>
    public WindowedAdaptationOptions Windows { get; init; } = new();

    /// <summary>Checks the options and returns them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range.</exception>
    /// <exception cref="ArgumentNullException">A nested options record is null.</exception>
    public WarmupOptions Validate()
    {
        if (!Enum.IsDefined(AdaptedMetric)) throw new ArgumentOutOfRangeException(nameof(AdaptedMetric), AdaptedMetric, "Unknown metric kind.");
        if (!(InitialStepSize > 0) || !double.IsFinite(InitialStepSize)) throw new ArgumentOutOfRangeException(nameof(InitialStepSize), InitialStepSize, "Must be finite and positive.");
        ArgumentNullException.ThrowIfNull(DualAveraging);
        ArgumentNullException.ThrowIfNull(Windows);
        DualAveraging.Validate();
        Windows.Validate();
        return this;
    }
}
