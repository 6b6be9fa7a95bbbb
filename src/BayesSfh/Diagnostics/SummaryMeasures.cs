using System.Collections.Immutable;
using System.Globalization;

namespace BayesSfh.Diagnostics;

/// <summary>
/// The named measures of posterior's <c>summarise_draws</c>, and the standard sets of them
/// (<c>default_summary_measures</c>, <c>default_convergence_measures</c>).
/// </summary>
public static class SummaryMeasures
{
    /// <summary><c>mean</c>: <see cref="SampleStatistics.Mean"/> of all draws.</summary>
    public static SummaryMeasure Mean { get; } = new("mean", d => SampleStatistics.Mean(d.Values));

    /// <summary><c>median</c>: <see cref="SampleStatistics.Median"/> of all draws.</summary>
    public static SummaryMeasure Median { get; } = new("median", d => SampleStatistics.Median(d.Values));

    /// <summary><c>sd</c>: <see cref="SampleStatistics.StandardDeviation"/> of all draws.</summary>
    public static SummaryMeasure Sd { get; } = new("sd", d => SampleStatistics.StandardDeviation(d.Values));

    /// <summary><c>mad</c>: <see cref="SampleStatistics.Mad"/> of all draws (scaled by 1.4826).</summary>
    public static SummaryMeasure Mad { get; } = new("mad", d => SampleStatistics.Mad(d.Values));

    /// <summary><c>q5</c>: type-7 5 % quantile.</summary>
    public static SummaryMeasure Q5 { get; } = Quantile(0.05);

    /// <summary><c>q95</c>: type-7 95 % quantile.</summary>
    public static SummaryMeasure Q95 { get; } = Quantile(0.95);

    /// <summary><c>rhat</c>: <see cref="Diagnostics.Rhat.RankNormalized"/>.</summary>
    public static SummaryMeasure Rhat { get; } = new("rhat", Diagnostics.Rhat.RankNormalized);

    /// <summary><c>rhat_basic</c>: <see cref="Diagnostics.Rhat.Basic"/> of split chains.</summary>
    public static SummaryMeasure RhatBasic { get; } = new("rhat_basic", d => Diagnostics.Rhat.Basic(d));

    /// <summary><c>ess_bulk</c>: <see cref="Ess.Bulk"/>.</summary>
    public static SummaryMeasure EssBulk { get; } = new("ess_bulk", Ess.Bulk);

    /// <summary><c>ess_tail</c>: <see cref="Ess.Tail"/>.</summary>
    public static SummaryMeasure EssTail { get; } = new("ess_tail", Ess.Tail);

    /// <summary><c>ess_mean</c>: <see cref="Ess.Mean"/>.</summary>
    public static SummaryMeasure EssMean { get; } = new("ess_mean", Ess.Mean);

    /// <summary><c>ess_basic</c>: <see cref="Ess.Basic"/> of split chains.</summary>
    public static SummaryMeasure EssBasic { get; } = new("ess_basic", d => Ess.Basic(d));

    /// <summary><c>ess_sd</c>: <see cref="Ess.Sd"/>.</summary>
    public static SummaryMeasure EssSd { get; } = new("ess_sd", Ess.Sd);

    /// <summary><c>ess_median</c>: <see cref="Ess.Median"/>.</summary>
    public static SummaryMeasure EssMedian { get; } = new("ess_median", Ess.Median);

    /// <summary><c>mcse_mean</c>: <see cref="Mcse.Mean"/>.</summary>
    public static SummaryMeasure McseMean { get; } = new("mcse_mean", Mcse.Mean);

    /// <summary><c>mcse_sd</c>: <see cref="Mcse.Sd"/>.</summary>
    public static SummaryMeasure McseSd { get; } = new("mcse_sd", Mcse.Sd);

    /// <summary><c>mcse_median</c>: <see cref="Mcse.Median"/>.</summary>
    public static SummaryMeasure McseMedian { get; } = new("mcse_median", Mcse.Median);

    /// <summary>
    /// posterior's <c>default_summary_measures()</c> as columns: mean, median, sd, mad, q5, q95.
    /// </summary>
    public static ImmutableArray<SummaryMeasure> Default { get; } = [Mean, Median, Sd, Mad, Q5, Q95];

    /// <summary>posterior's <c>default_convergence_measures()</c>: rhat, ess_bulk, ess_tail.</summary>
    public static ImmutableArray<SummaryMeasure> Convergence { get; } = [Rhat, EssBulk, EssTail];

    /// <summary>
    /// The columns of posterior's default <c>summarise_draws</c> (<see cref="Default"/> then <see cref="Convergence"/>)
    /// followed by mcse_mean and mcse_sd: the summary <c>bayessfh diagnose</c> prints.
    /// </summary>
    public static ImmutableArray<SummaryMeasure> Standard { get; } = [.. Default, .. Convergence, McseMean, McseSd];

    /// <summary><c>q{100p}</c>: the type-7 quantile <see cref="SampleStatistics.Quantile"/> (posterior <c>quantile2</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1].</exception>
    public static SummaryMeasure Quantile(double probability)
    {
        SampleStatistics.CheckProbability(probability);
        return new("q" + Percent(probability), d => SampleStatistics.Quantile(d.Values, probability));
    }

    /// <summary><c>ess_q{100p}</c>: <see cref="Ess.Quantile"/> (posterior <c>ess_quantile</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1].</exception>
    public static SummaryMeasure EssQuantile(double probability)
    {
        SampleStatistics.CheckProbability(probability);
        return new("ess_q" + Percent(probability), d => Ess.Quantile(d, probability));
    }

    /// <summary><c>mcse_q{100p}</c>: <see cref="Mcse.Quantile"/> (posterior <c>mcse_quantile</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1].</exception>
    public static SummaryMeasure McseQuantile(double probability)
    {
        SampleStatistics.CheckProbability(probability);
        return new("mcse_q" + Percent(probability), d => Mcse.Quantile(d, probability));
    }

    /// <summary>100p with up to 15 significant digits, as R's <c>paste0("q", probs * 100)</c> prints it.</summary>
    private static string Percent(double probability) => (probability * 100).ToString("G15", CultureInfo.InvariantCulture);
}
