using System.Numerics.Tensors;
using BayesSfh.Randomness;

namespace BayesSfh.Sampling.Metrics;

/// <summary>
/// A dense metric given by a symmetric positive-definite inverse metric M⁻¹ = Σ (Stan <c>dense_e</c>), e.g. a
/// posterior covariance or the Laplace covariance of a MAP fit.
/// </summary>
/// <remarks>
/// <para>
/// The constructor computes once the Cholesky factorisation Σ = L Lᵀ (L lower triangular) and keeps U = Lᵀ.
/// Momentum: draw u ~ N(0, I) and solve U p = u, i.e. p = L⁻ᵀu, so Cov(p) = L⁻ᵀL⁻¹ = (L Lᵀ)⁻¹ = Σ⁻¹ = M, as Hamiltonian
/// Monte Carlo requires (Stan <c>dense_e_metric.hpp</c> draws p = U⁻¹u with Σ = UᵀU, the same thing).
/// Velocity p♯ = Σ p; kinetic energy T = ½ pᵀΣp = ½ p·p♯. The factor of M itself is never needed.
/// </para>
/// <para>Cost: O(d²) per momentum draw and per velocity, O(d³/3) once per metric. No method allocates.</para>
/// </remarks>
public sealed class DenseMetric : IMetric
{
    private readonly int _dimension;
    private readonly double[] _inverseMetric;   // Σ, row-major d×d
    private readonly double[] _upperFactor;     // U = Lᵀ, row-major d×d (entries below the diagonal are 0)

    /// <summary>Creates the metric from the d×d inverse metric Σ in row-major order.</summary>
    /// <param name="inverseMetric">Σ, row-major, length d²; must be symmetric (relative tolerance 1e-10) and positive definite; copied.</param>
    /// <exception cref="ArgumentException">The length is not a positive perfect square, an element is not finite (NaN included), Σ is not symmetric or not positive definite.</exception>
    public DenseMetric(ReadOnlySpan<double> inverseMetric)
    {
        int d = (int)Math.Round(Math.Sqrt(inverseMetric.Length));
        if (d < 1 || d * d != inverseMetric.Length)
            throw new ArgumentException($"A dense inverse metric needs d² elements with d ≥ 1; got {inverseMetric.Length}.", nameof(inverseMetric));
        _dimension = d;
        _inverseMetric = inverseMetric.ToArray();
        for (int i = 0; i < _inverseMetric.Length; i++)
        {
            if (!double.IsFinite(_inverseMetric[i]))
                throw new ArgumentException($"Inverse metric element ({i / d}, {i % d}) is {_inverseMetric[i]}; it must be finite.", nameof(inverseMetric));
        }
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double a = _inverseMetric[i * d + j], b = _inverseMetric[j * d + i];
                double scale = Math.Sqrt(Math.Abs(_inverseMetric[i * d + i] * _inverseMetric[j * d + j]));
                if (Math.Abs(a - b) > 1e-10 * Math.Max(scale, double.Epsilon))
                    throw new ArgumentException($"The inverse metric is not symmetric at ({i}, {j}): {a} vs {b}.", nameof(inverseMetric));
            }
        }
        _upperFactor = new double[d * d];
        if (!TryCholeskyUpper(_inverseMetric, d, _upperFactor))
            throw new ArgumentException("The inverse metric is not positive definite.", nameof(inverseMetric));
    }

    /// <summary>Creates the metric from a d×d inverse metric Σ.</summary>
    /// <exception cref="ArgumentException">As for the span constructor, or the array is not square.</exception>
    public DenseMetric(double[,] inverseMetric) : this(Flatten(inverseMetric))
    {
    }

    /// <inheritdoc/>
    public int Dimension => _dimension;

    /// <inheritdoc/>
    public MetricKind Kind => MetricKind.Dense;

    /// <summary>Σ = M⁻¹, row-major d×d.</summary>
    public ReadOnlySpan<double> InverseMetric => _inverseMetric;

    /// <summary>The upper Cholesky factor U = Lᵀ of Σ (Σ = UᵀU), row-major d×d.</summary>
    public ReadOnlySpan<double> UpperCholeskyFactor => _upperFactor;

    /// <inheritdoc/>
    public void SampleMomentum(Xoshiro256StarStar random, Span<double> momentum)
    {
        MetricChecks.Length(momentum.Length, _dimension);
        random.FillStandardNormal(momentum);
        // Back substitution U p = u in place: pᵢ = (uᵢ − Σ_{j>i} Uᵢⱼ pⱼ) / Uᵢᵢ, from the last row up.
        int d = _dimension;
        for (int i = d - 1; i >= 0; i--)
        {
            ReadOnlySpan<double> row = _upperFactor.AsSpan(i * d, d);
            double s = momentum[i] - TensorPrimitives.Dot(row[(i + 1)..], (ReadOnlySpan<double>)momentum[(i + 1)..]);
            momentum[i] = s / row[i];
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Also when <paramref name="velocity"/> overlaps <paramref name="momentum"/>.</exception>
    public void MultiplyByInverseMetric(ReadOnlySpan<double> momentum, Span<double> velocity)
    {
        MetricChecks.Length(momentum.Length, _dimension);
        MetricChecks.Length(velocity.Length, _dimension);
        if (momentum.Overlaps(velocity)) throw new ArgumentException("A dense metric cannot write the velocity over the momentum.", nameof(velocity));
        int d = _dimension;
        for (int i = 0; i < d; i++) velocity[i] = TensorPrimitives.Dot(_inverseMetric.AsSpan(i * d, d), momentum);
    }

    /// <inheritdoc/>
    public double[] ToInverseMetricArray() => (double[])_inverseMetric.Clone();

    /// <summary>
    /// Cholesky–Banachiewicz factorisation A = UᵀU of a symmetric matrix (only the upper triangle of A is read).
    /// Returns false when a pivot is not positive and finite.
    /// </summary>
    internal static bool TryCholeskyUpper(ReadOnlySpan<double> a, int d, Span<double> upper)
    {
        upper.Clear();
        for (int i = 0; i < d; i++)
        {
            // Uᵢᵢ = sqrt(Aᵢᵢ − Σ_{k<i} Uₖᵢ²); Uᵢⱼ = (Aᵢⱼ − Σ_{k<i} Uₖᵢ Uₖⱼ)/Uᵢᵢ for j > i.
            double diagonal = a[i * d + i];
            for (int k = 0; k < i; k++) diagonal -= upper[k * d + i] * upper[k * d + i];
            if (!(diagonal > 0) || !double.IsFinite(diagonal)) return false;
            double pivot = Math.Sqrt(diagonal);
            upper[i * d + i] = pivot;
            for (int j = i + 1; j < d; j++)
            {
                double s = a[i * d + j];
                for (int k = 0; k < i; k++) s -= upper[k * d + i] * upper[k * d + j];
                upper[i * d + j] = s / pivot;
            }
        }
        return true;
    }

    private static double[] Flatten(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        if (rows != columns) throw new ArgumentException($"The inverse metric must be square; got {rows}×{columns}.", nameof(matrix));
        var flat = new double[rows * columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) flat[i * columns + j] = matrix[i, j];
        return flat;
    }
}
