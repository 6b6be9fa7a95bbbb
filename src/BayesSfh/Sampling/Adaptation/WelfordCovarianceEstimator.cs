using BayesSfh.Sampling.Metrics;

namespace BayesSfh.Sampling.Adaptation;

/// <summary>
/// Welford's online covariance, regularised into a <see cref="DenseMetric"/> (Welford 1962; Stan math
/// <c>welford_covar_estimator.hpp</c>, <c>covar_adaptation.hpp</c>).
/// </summary>
/// <remarks>
/// Update: n ← n + 1; δ = θ − m; m ← m + δ/n; M₂ ← M₂ + (θ − m)δᵀ (only the upper triangle is accumulated, the
/// matrix is symmetric). Covariance S = M₂/(n − 1). Metric Σ = (n/(n+5))S + 10⁻³(5/(n+5))I. O(d²) per draw.
/// </remarks>
public sealed class WelfordCovarianceEstimator : IMetricEstimator
{
    private readonly int _dimension;
    private readonly double[] _mean, _delta, _m2, _covariance;

    /// <summary>Creates an empty estimator for dimension <paramref name="dimension"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> &lt; 1.</exception>
    public WelfordCovarianceEstimator(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        _dimension = dimension;
        _mean = new double[dimension];
        _delta = new double[dimension];
        _m2 = new double[dimension * dimension];
        _covariance = new double[dimension * dimension];
    }

    /// <inheritdoc/>
    public int Dimension => _dimension;

    /// <inheritdoc/>
    public MetricKind Kind => MetricKind.Dense;

    /// <inheritdoc/>
    public int Count { get; private set; }

    /// <inheritdoc/>
    public void Add(ReadOnlySpan<double> draw)
    {
        if (draw.Length != _dimension) throw new ArgumentException($"Expected {_dimension} elements.", nameof(draw));
        Count++;
        double inverseCount = 1.0 / Count;
        for (int i = 0; i < _dimension; i++)
        {
            _delta[i] = draw[i] - _mean[i];
            _mean[i] += _delta[i] * inverseCount;
        }
        for (int i = 0; i < _dimension; i++)
        {
            double after = draw[i] - _mean[i];
            int row = i * _dimension;
            for (int j = i; j < _dimension; j++) _m2[row + j] += after * _delta[j];
        }
    }

    /// <inheritdoc/>
    public void Reset()
    {
        Count = 0;
        Array.Clear(_mean);
        Array.Clear(_m2);
    }

    /// <summary>Writes the regularised covariance (n/(n+5))·M₂/(n−1) + 10⁻³·5/(n+5)·I, row-major d×d, into <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidOperationException">Fewer than 2 draws.</exception>
    /// <exception cref="ArgumentException">Wrong length.</exception>
    public void WriteRegularisedCovariance(Span<double> destination)
    {
        if (Count < 2) throw new InvalidOperationException($"A covariance needs at least 2 draws; the window has {Count}.");
        int d = _dimension;
        if (destination.Length != d * d) throw new ArgumentException($"Expected {d * d} elements.", nameof(destination));
        double n = Count, weight = n / (n + 5.0), shrink = 1e-3 * 5.0 / (n + 5.0);
        for (int i = 0; i < d; i++)
        {
            for (int j = i; j < d; j++)
            {
                double c = weight * (_m2[i * d + j] / (n - 1.0)) + (i == j ? shrink : 0.0);
                destination[i * d + j] = c;
                destination[j * d + i] = c;
            }
        }
    }

    /// <inheritdoc/>
    public IMetric CreateMetric()
    {
        WriteRegularisedCovariance(_covariance);
        foreach (double c in _covariance)
        {
            if (!double.IsFinite(c)) throw new InvalidOperationException("Numerical overflow in metric adaptation: a covariance is not finite.");
        }
        try
        {
            return new DenseMetric(_covariance);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException("Metric adaptation produced a covariance that is not positive definite.", e);
        }
    }
}
