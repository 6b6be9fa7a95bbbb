using BayesSfh.Sampling.Metrics;

namespace BayesSfh.Sampling.Adaptation;

/// <summary>
/// An online estimator of the posterior (co)variance over one warm-up window that turns into a regularised metric
/// (Stan <c>var_adaptation.hpp</c> / <c>covar_adaptation.hpp</c>). Mutable by design (the accumulator exception to the
/// immutable adaptation state); one per chain. <see cref="Add"/> allocates nothing.
/// </summary>
public interface IMetricEstimator
{
    /// <summary>Dimension d.</summary>
    int Dimension { get; }

    /// <summary>The kind of metric this estimator produces.</summary>
    MetricKind Kind { get; }

    /// <summary>Number n of draws added since the last <see cref="Reset"/>.</summary>
    int Count { get; }

    /// <summary>Adds one draw θ (length d).</summary>
    /// <exception cref="ArgumentException">Wrong length.</exception>
    void Add(ReadOnlySpan<double> draw);

    /// <summary>Forgets every draw.</summary>
    void Reset();

    /// <summary>
    /// The regularised estimate as a metric: M⁻¹ = (n/(n+5))·S + 10⁻³·(5/(n+5))·I, S the sample (co)variance with
    /// denominator n − 1.
    /// </summary>
    /// <exception cref="InvalidOperationException">Fewer than 2 draws, or the estimate is not finite (Stan: "Numerical overflow in metric adaptation").</exception>
    IMetric CreateMetric();
}
