using BayesSfh.Randomness;

namespace BayesSfh.Sampling.Metrics;

/// <summary>The identity metric M = M⁻¹ = I (Stan <c>unit_e</c>): T(p) = ½|p|², p ~ N(0, I), p♯ = p.</summary>
public sealed class UnitMetric : IMetric
{
    /// <summary>Creates the identity metric on ℝ^<paramref name="dimension"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> &lt; 1.</exception>
    public UnitMetric(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public MetricKind Kind => MetricKind.Unit;

    /// <inheritdoc/>
    public void SampleMomentum(Xoshiro256StarStar random, Span<double> momentum)
    {
        MetricChecks.Length(momentum.Length, Dimension);
        random.FillStandardNormal(momentum);
    }

    /// <inheritdoc/>
    public void MultiplyByInverseMetric(ReadOnlySpan<double> momentum, Span<double> velocity)
    {
        MetricChecks.Length(momentum.Length, Dimension);
        MetricChecks.Length(velocity.Length, Dimension);
        momentum.CopyTo(velocity);
    }

    /// <inheritdoc/>
    public double[] ToInverseMetricArray()
    {
        var ones = new double[Dimension];
        Array.Fill(ones, 1.0);
        return ones;
    }
}
