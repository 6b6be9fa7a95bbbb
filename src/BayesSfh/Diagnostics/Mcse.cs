using MathNet.Numerics.Distributions;

namespace BayesSfh.Diagnostics;

/// <summary>
/// Monte Carlo standard errors, as posterior's <c>mcse_mean</c>, <c>mcse_sd</c>, <c>mcse_quantile</c> and
/// <c>mcse_median</c> (Vehtari et al. 2021, “Monte Carlo error estimates”).
/// </summary>
/// <remarks>Every function returns NaN when the ESS it uses is NaN (see <see cref="NaRules"/>).</remarks>
public static class Mcse
{
    /// <summary>
    /// Lower and upper probabilities Φ(∓1) of a ±1σ interval as posterior hard-codes them (0.1586553, 0.8413447).
    /// </summary>
    public const double LowerProbability = 0.1586553, UpperProbability = 0.8413447;

    /// <summary>MCSE of the mean, sd(x)/√ESS_mean(x), sd over all draws (posterior <c>mcse_mean</c>).</summary>
    public static double Mean(DrawsMatrix draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        return SampleStatistics.StandardDeviation(draws.Values) / Math.Sqrt(Ess.Mean(draws));
    }

    /// <summary>
    /// MCSE of the standard deviation (posterior <c>mcse_sd</c>, unchanged since 1.4.0): with c = x − x̄,
    /// e = ESS_mean(c²), E = mean(c²), var(var) = (mean(c⁴) − E²)/e (Kenney &amp; Keeping 1951, p. 141) and, by the
    /// first-order Taylor (delta) step, MCSE = √(var(var)/E/4).
    /// </summary>
    public static double Sd(DrawsMatrix draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        double mean = SampleStatistics.Mean(draws.Values);
        DrawsMatrix squared = draws.Select(x => (x - mean) * (x - mean));
        double ess = Ess.Mean(squared);
        double expectedVariance = SampleStatistics.Mean(squared.Values);
        double fourth = SampleStatistics.Mean(squared.Select(s => s * s).Values);
        double varianceOfVariance = (fourth - expectedVariance * expectedVariance) / ess;
        return Math.Sqrt(varianceOfVariance / expectedVariance / 4);
    }

    /// <summary>
    /// MCSE of the quantile Q(p) (Vehtari et al. 2021, MCSE of quantiles; posterior <c>mcse_quantile</c>): with e = ESS of Q(p)
    /// (<see cref="Ess.Quantile"/>), a₁,₂ = qbeta(0.1586553, 0.8413447; ep + 1, e(1 − p) + 1) and the sorted draws
    /// s₍₁₎ ≤ … ≤ s₍S₎ (1-based), MCSE = (s₍min(⌈a₂S⌉, S)₎ − s₍max(⌊a₁S⌋, 1)₎)/2.
    /// </summary>
    /// <remarks>
    /// qbeta is MathNet's <see cref="Beta.InvCDF"/> (root finding to 1e-12 in x), R's is Algorithm AS 109; the
    /// order-statistic index can only differ when a·S lies within ~1e-12·S of an integer.
    /// </remarks>
    /// <param name="draws">The draws.</param>
    /// <param name="probability">p. Range: 0 ≤ p ≤ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1].</exception>
    public static double Quantile(DrawsMatrix draws, double probability)
    {
        double ess = Ess.Quantile(draws, probability);
        if (double.IsNaN(ess)) return double.NaN;
        double a1 = Beta.InvCDF(ess * probability + 1, ess * (1 - probability) + 1, LowerProbability);
        double a2 = Beta.InvCDF(ess * probability + 1, ess * (1 - probability) + 1, UpperProbability);
        double[] sorted = SampleStatistics.Sorted(draws.Values);
        int count = sorted.Length;
        double lower = sorted[(int)Math.Max(Math.Floor(a1 * count), 1) - 1];
        double upper = sorted[(int)Math.Min(Math.Ceiling(a2 * count), count) - 1];
        return (upper - lower) / 2;
    }

    /// <summary>MCSE of the median, <see cref="Quantile"/>(x, 0.5) (posterior <c>mcse_median</c>).</summary>
    public static double Median(DrawsMatrix draws) => Quantile(draws, 0.5);
}
