using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace BayesSfh.Benchmarks;

/// <summary>
/// Effective bandwidth 2 × BytesPerPass / median time (GB/s): the stored template bytes of two passes (Composite and
/// RowDots) over the time of the benchmark, so every row of a size is on the same scale as the streaming baseline.
/// The median, because the benchmark machine is shared and its noise is one-sided.
/// </summary>
public sealed class BandwidthColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(BandwidthColumn);

    /// <inheritdoc/>
    public string ColumnName => "GB/s";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "2 × BytesPerPass of the stored templates / median time";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var median = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (median is not { } ns || benchmarkCase.Parameters["Size"] is not ProblemSize size) return "-";
        double bytes = 2.0 * BenchmarkProblem.Get(size).Matrix.BytesPerPass;
        return (bytes / ns).ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>Adds the median and minimum (robust on a shared machine) and <see cref="BandwidthColumn"/>.</summary>
public sealed class BandwidthConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public BandwidthConfig() => AddColumn(StatisticColumn.Median, StatisticColumn.Min, new BandwidthColumn());
}
