using BayesSfh.Diagnostics;

namespace BayesSfh.Products;

/// <summary>
/// The posterior of one scalar quantity summarised by its mean and five quantiles: the median, the central 68 % interval
/// (16th and 84th percentiles, ≈ ±1σ for a normal posterior) and the central 95 % interval (2.5th and 97.5th).
/// </summary>
/// <remarks>
/// Quantiles are of type 7 (R's default, linear interpolation between order statistics; see
/// <see cref="SampleStatistics.Quantile"/>). Any NaN draw makes every quantile NaN (and the mean NaN); infinite draws are
/// ordered as IEEE numbers.
/// </remarks>
/// <param name="Mean">Posterior mean.</param>
/// <param name="Median">50th percentile.</param>
/// <param name="Low68">16th percentile.</param>
/// <param name="High68">84th percentile.</param>
/// <param name="Low95">2.5th percentile.</param>
/// <param name="High95">97.5th percentile.</param>
public readonly record struct CredibleInterval(double Mean, double Median, double Low68, double High68, double Low95, double High95)
{
    /// <summary>Probability of <see cref="Low68"/>: 0.16.</summary>
    public const double Low68Probability = 0.16;

    /// <summary>Probability of <see cref="High68"/>: 0.84.</summary>
    public const double High68Probability = 0.84;

    /// <summary>Probability of <see cref="Low95"/>: 0.025.</summary>
    public const double Low95Probability = 0.025;

    /// <summary>Probability of <see cref="High95"/>: 0.975.</summary>
    public const double High95Probability = 0.975;

    /// <summary>All NaN: the summary of no draws.</summary>
    public static CredibleInterval NaN { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>Summarises <paramref name="draws"/> (any order).</summary>
    /// <returns>The summary; <see cref="NaN"/> when there are no draws or any draw is NaN.</returns>
    public static CredibleInterval Of(ReadOnlySpan<double> draws)
    {
        if (draws.IsEmpty || NaRules.HasNaN(draws)) return NaN;
        double[] sorted = SampleStatistics.Sorted(draws);
        return new CredibleInterval(SampleStatistics.Mean(draws),
            SampleStatistics.QuantileOfSorted(sorted, 0.5),
            SampleStatistics.QuantileOfSorted(sorted, Low68Probability), SampleStatistics.QuantileOfSorted(sorted, High68Probability),
            SampleStatistics.QuantileOfSorted(sorted, Low95Probability), SampleStatistics.QuantileOfSorted(sorted, High95Probability));
    }
}
