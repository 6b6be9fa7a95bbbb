using BayesSfh.Sampling.Metrics;

namespace BayesSfh.Sampling.Adaptation;

/// <summary>
/// Welford's online per-coordinate variance, regularised into a <see cref="DiagonalMetric"/> (Welford 1962; Stan math
/// <c>welford_var_estimator.hpp</c>, <c>var_adaptation.hpp</c>).
/// </summary>
/// <remarks>
/// Update: n ← n + 1; δ = θ − m; m ← m + δ/n; M₂ ← M₂ + δ∘(θ − m). Variance S = M₂/(n − 1). Metric
/// σ² = (n/(n+5))S + 10⁻³(5/(n+5)) (shrinks towards 10⁻³ for short windows). NaN draws propagate and make
/// <see cref="CreateMetric"/> throw.
/// </remarks>
public sealed class WelfordVarianceEstimator : IMetricEstimator
{
    private readonly double[] _mean, _m2, _variance;

    /// <summary>Creates an empty estimator for dimension <paramref name="dimension"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> &lt; 1.</exception>
    public WelfordVarianceEstimator(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        _mean = new double[dimension];
        _m2 = new double[dimension];
        _variance = new double[dimension];
    }

    /// <inheritdoc/>
    public int Dimension => _mean.Length;

    /// <inheritdoc/>
    public MetricKind Kind => MetricKind.Diagonal;

    /// <inheritdoc/>
    public int Count { get; private set; }

    /// <inheritdoc/>
    public void Add(ReadOnlySpan<double> draw)
    {
        if (draw.Length != Dimension) throw new ArgumentException($"Expected {Dimension} elements.", nameof(draw));
        Count++;
        double inverseCount = 1.0 / Count;
        for (int i = 0; i < draw.Length; i++)
        {
            double delta = draw[i] - _mean[i];
            _mean[i] += delta * inverseCount;
            _m2[i] += delta * (draw[i] - _mean[i]);
        }
    }

    /// <inheritdoc/>
    public void Reset()
    {
        Count = 0;
        Array.Clear(_mean);
        Array.Clear(_m2);
    }

    /// <summary>Writes the regularised variance (n/(n+5))·M₂/(n−1) + 10⁻³·5/(n+5) into <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidOperationException">Fewer than 2 draws.</exception>
    /// <exception cref="ArgumentException">Wrong length.</exception>
    public void WriteRegularisedVariance(Span<double> destination)
    {
        if (Count < 2) throw new InvalidOperationException($"A variance needs at least 2 draws; the window has {Count}.");
        if (destination.Length != Dimension) throw new ArgumentException($"Expected {Dimension} elements.", nameof(destination));
        double n = Count, weight = n / (n + 5.0), shrink = 1e-3 * 5.0 / (n + 5.0);
        for (int i = 0; i < destination.Length; i++) destination[i] = weight * (_m2[i] / (n - 1.0)) + shrink;
    }

    /// <inheritdoc/>
    public IMetric CreateMetric()
    {
        WriteRegularisedVariance(_variance);
        foreach (double v in _variance)
        {
            if (!double.IsFinite(v)) throw new InvalidOperationException("Numerical overflow in metric adaptation: a variance is not finite.");
        }
        return new DiagonalMetric(_variance);
    }
}
