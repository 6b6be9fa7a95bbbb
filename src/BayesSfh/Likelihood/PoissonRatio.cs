using System.Numerics.Tensors;

namespace BayesSfh.Likelihood;

/// <summary>The Poisson likelihood-ratio statistic of a model Hess diagram against observed counts, and its gradient.</summary>
public static class PoissonRatio
{
    /// <summary>Floor on m_i in the gradient only, so that n_i/m_i stays finite (n_i ≤ 10^8 gives ≤ 10^308).</summary>
    public const double ModelFloor = 1e-300;

    /// <summary>
    /// F = −ln L = Σ_i [m_i − n_i + n_i ln(n_i/m_i)] (Dolphin 2002, eq. 10, halved), and ∂F/∂m_i = 1 − n_i/m_i
    /// (Dolphin 2002, eq. 21).
    /// </summary>
    /// <remarks>
    /// Computed as Σ m − Σ n − Σ n_i ln(m_i/n_i) with ln(m/n) evaluated per bin (bins with n_i = 0 use the ratio 1),
    /// so that near the optimum the sum does not lose digits to cancellation. Bins with n_i = 0 contribute m_i.
    /// A bin with m_i = 0 and n_i &gt; 0 gives F = +∞ (never NaN); its gradient entry is then finite but meaningless
    /// (m_i is floored at <see cref="ModelFloor"/> in the gradient).
    /// Allocation-free; all passes use TensorPrimitives.
    /// </remarks>
    /// <param name="model">m_i ≥ 0.</param>
    /// <param name="counts">n_i ≥ 0.</param>
    /// <param name="inverseCounts">1/n_i where n_i &gt; 0, else 0.</param>
    /// <param name="zeroCountMask">1 where n_i = 0, else 0.</param>
    /// <param name="totalCount">Σ n_i.</param>
    /// <param name="dFdModel">Destination for ∂F/∂m_i.</param>
    /// <param name="scratch">Scratch buffer of the same length.</param>
    /// <exception cref="ArgumentException">Lengths disagree.</exception>
    public static double Evaluate(
        ReadOnlySpan<double> model, ReadOnlySpan<double> counts, ReadOnlySpan<double> inverseCounts,
        ReadOnlySpan<double> zeroCountMask, double totalCount, Span<double> dFdModel, Span<double> scratch)
    {
        int n = model.Length;
        if (counts.Length != n || inverseCounts.Length != n || zeroCountMask.Length != n || dFdModel.Length != n || scratch.Length != n)
            throw new ArgumentException("All spans must have the same length.");
        // ratio = m/n (1 where n = 0); ln ratio; Σ n ln(m/n)
        TensorPrimitives.FusedMultiplyAdd(model, inverseCounts, zeroCountMask, scratch);
        TensorPrimitives.Log(scratch, scratch);
        double logTerm = TensorPrimitives.Dot(counts, scratch);
        double value = TensorPrimitives.Sum(model) - totalCount - logTerm;
        // ∂F/∂m = 1 − n / max(m, 1e-300): the floor keeps n/m finite (no 0·∞ = NaN in the template products).
        TensorPrimitives.Max(model, ModelFloor, scratch);
        TensorPrimitives.Divide(counts, scratch, dFdModel);
        TensorPrimitives.Subtract(1.0, dFdModel, dFdModel);
        return double.IsNaN(value) ? double.PositiveInfinity : value;
    }

    /// <summary>The value F alone (see <see cref="Evaluate"/>).</summary>
    public static double Value(
        ReadOnlySpan<double> model, ReadOnlySpan<double> counts, ReadOnlySpan<double> inverseCounts,
        ReadOnlySpan<double> zeroCountMask, double totalCount, Span<double> scratch)
    {
        int n = model.Length;
        if (counts.Length != n || inverseCounts.Length != n || zeroCountMask.Length != n || scratch.Length != n)
            throw new ArgumentException("All spans must have the same length.");
        TensorPrimitives.FusedMultiplyAdd(model, inverseCounts, zeroCountMask, scratch);
        TensorPrimitives.Log(scratch, scratch);
        double value = TensorPrimitives.Sum(model) - totalCount - TensorPrimitives.Dot(counts, scratch);
        return double.IsNaN(value) ? double.PositiveInfinity : value;
    }
}
