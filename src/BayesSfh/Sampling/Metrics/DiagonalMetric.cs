using System.Numerics.Tensors;
using BayesSfh.Randomness;

namespace BayesSfh.Sampling.Metrics;

/// <summary>
/// A diagonal metric, M⁻¹ = diag(σ₁², …, σ_d²) (Stan <c>diag_e</c>): T(p) = ½ Σ σᵢ² pᵢ², pᵢ = zᵢ/σᵢ with zᵢ ~ N(0, 1)
/// so that Var(pᵢ) = 1/σᵢ² = Mᵢᵢ, and p♯ᵢ = σᵢ² pᵢ (Stan <c>diag_e_metric.hpp</c>; Betancourt 2017 §4.2).
/// </summary>
public sealed class DiagonalMetric : IMetric
{
    private readonly double[] _inverseMetric;
    private readonly double[] _momentumScale;

    /// <summary>Creates the metric from the diagonal of M⁻¹ (the per-coordinate variances σᵢ², units θ²).</summary>
    /// <param name="inverseMetricDiagonal">σ², every element finite and &gt; 0; copied.</param>
    /// <exception cref="ArgumentException">Empty, or an element that is not finite and positive (NaN included).</exception>
    public DiagonalMetric(ReadOnlySpan<double> inverseMetricDiagonal)
    {
        if (inverseMetricDiagonal.Length < 1) throw new ArgumentException("The inverse metric needs at least one element.", nameof(inverseMetricDiagonal));
        _inverseMetric = inverseMetricDiagonal.ToArray();
        _momentumScale = new double[_inverseMetric.Length];
        for (int i = 0; i < _inverseMetric.Length; i++)
        {
            double v = _inverseMetric[i];
            if (!(v > 0) || !double.IsFinite(v))
                throw new ArgumentException($"Inverse metric element {i} is {v}; it must be finite and positive.", nameof(inverseMetricDiagonal));
            _momentumScale[i] = 1.0 / Math.Sqrt(v);
        }
    }

    /// <inheritdoc/>
    public int Dimension => _inverseMetric.Length;

    /// <inheritdoc/>
    public MetricKind Kind => MetricKind.Diagonal;

    /// <summary>The diagonal σ² of M⁻¹.</summary>
    public ReadOnlySpan<double> InverseMetricDiagonal => _inverseMetric;

    /// <inheritdoc/>
    public void SampleMomentum(Xoshiro256StarStar random, Span<double> momentum)
    {
        MetricChecks.Length(momentum.Length, Dimension);
        random.FillStandardNormal(momentum);
        TensorPrimitives.Multiply(momentum, _momentumScale, momentum);
    }

    /// <inheritdoc/>
    public void MultiplyByInverseMetric(ReadOnlySpan<double> momentum, Span<double> velocity)
    {
        MetricChecks.Length(momentum.Length, Dimension);
        MetricChecks.Length(velocity.Length, Dimension);
        TensorPrimitives.Multiply(momentum, _inverseMetric, velocity);
    }

    /// <inheritdoc/>
    public double[] ToInverseMetricArray() => (double[])_inverseMetric.Clone();
}
