namespace BayesSfh.Diagnostics;

/// <summary>
/// Location and scale statistics of pooled draws exactly as R computes them (the first six of posterior's
/// <c>summarise_draws</c> defaults: <c>base::mean</c>, <c>stats::median</c>, <c>stats::sd</c>, <c>stats::mad</c>,
/// <c>quantile2</c>).
/// </summary>
/// <remarks>
/// All functions take the draws in any order. NaN handling follows <see cref="NaRules"/>: order statistics are NaN when
/// any draw is NaN; mean and variance follow IEEE arithmetic. An empty input gives NaN.
/// </remarks>
public static class SampleStatistics
{
    /// <summary>R's <c>mad</c> consistency constant 1.4826 (≈ 1/Φ⁻¹(3/4)).</summary>
    public const double MadConstant = 1.4826;

    /// <summary>Arithmetic mean x̄ = Σxᵢ/S, refined by a second pass x̄ += Σ(xᵢ − x̄)/S as R's <c>mean</c>.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return double.NaN;
        double sum = 0;
        foreach (double v in values) sum += v;
        double mean = sum / values.Length;
        if (!double.IsFinite(mean)) return mean;
        double correction = 0;
        foreach (double v in values) correction += v - mean;
        return mean + correction / values.Length;
    }

    /// <summary>Sample variance Σ(xᵢ − x̄)²/(S − 1) (R's <c>var</c>); NaN when S &lt; 2.</summary>
    public static double Variance(ReadOnlySpan<double> values)
    {
        if (values.Length < 2) return double.NaN;
        double mean = Mean(values);
        double sum = 0;
        foreach (double v in values)
        {
            double d = v - mean;
            sum += d * d;
        }
        return sum / (values.Length - 1);
    }

    /// <summary>Sample standard deviation √(Σ(xᵢ − x̄)²/(S − 1)) (R's <c>sd</c>); NaN when S &lt; 2.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> values) => Math.Sqrt(Variance(values));

    /// <summary>Median (R's <c>median</c>: the middle order statistic, or the mean of the two middle ones).</summary>
    /// <returns>The median, or NaN when any draw is NaN or there are none.</returns>
    public static double Median(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty || NaRules.HasNaN(values)) return double.NaN;
        double[] sorted = Sorted(values);
        int half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : Mean(sorted.AsSpan(half - 1, 2));
    }

    /// <summary>
    /// Median absolute deviation scaled for consistency with the normal standard deviation:
    /// 1.4826 · median|xᵢ − median(x)| (R's <c>mad</c> with default arguments).
    /// </summary>
    /// <returns>The scaled MAD, or NaN when any draw is NaN or there are none.</returns>
    public static double Mad(ReadOnlySpan<double> values)
    {
        double center = Median(values);
        if (double.IsNaN(center)) return double.NaN;
        var deviations = new double[values.Length];
        for (int i = 0; i < values.Length; i++) deviations[i] = Math.Abs(values[i] - center);
        return MadConstant * Median(deviations);
    }

    /// <summary>
    /// Sample quantile of type 7 (R's default, Hyndman &amp; Fan 1996): with h = 1 + (S − 1)p, lo = ⌊h⌋ and the sorted
    /// draws x₍₁₎ ≤ … ≤ x₍S₎ (1-based), Q(p) = (1 − (h − lo))·x₍lo₎ + (h − lo)·x₍lo+1₎, and Q(p) = x₍lo₎ when h = lo or
    /// the two order statistics are equal — the same floating-point operations as R's <c>quantile.default</c>.
    /// </summary>
    /// <param name="values">The draws, in any order.</param>
    /// <param name="probability">p. Range: 0 ≤ p ≤ 1.</param>
    /// <returns>Q(p), or NaN when any draw is NaN or there are none (posterior <c>quantile2</c>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1] or NaN.</exception>
    public static double Quantile(ReadOnlySpan<double> values, double probability)
    {
        CheckProbability(probability);
        if (values.IsEmpty || NaRules.HasNaN(values)) return double.NaN;
        return QuantileOfSorted(Sorted(values), probability);
    }

    /// <summary>Type-7 quantile of draws already sorted ascending and free of NaN; see <see cref="Quantile"/>.</summary>
    internal static double QuantileOfSorted(ReadOnlySpan<double> sorted, double probability)
    {
        double index = 1 + Math.Max(sorted.Length - 1, 0) * probability;
        double lo = Math.Floor(index), hi = Math.Ceiling(index);
        double qs = sorted[(int)lo - 1];
        double upper = sorted[(int)hi - 1];
        if (index > lo && upper != qs)
        {
            double h = index - lo;
            qs = (1 - h) * qs + h * upper;
        }
        return qs;
    }

    /// <summary>A sorted copy; the caller has excluded NaN (IEEE order of ±∞ and finite values).</summary>
    internal static double[] Sorted(ReadOnlySpan<double> values)
    {
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    internal static void CheckProbability(double probability)
    {
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "a probability must lie in [0, 1]");
    }
}
