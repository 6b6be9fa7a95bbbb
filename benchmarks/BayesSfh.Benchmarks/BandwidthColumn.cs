using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace BayesSfh.Benchmarks;

/// <summary>
/// Effective bandwidth 2 × BytesPerPass / mean time (GB/s): the stored template bytes of two passes (Composite and
/// RowDots) over the time of the benchmark, so every row of a size is on the same scale as the streaming baseline.
/// </summary>
public sealed class BandwidthColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(BandwidthColumn);

    /// <inheritdoc/>
    public string ColumnName => "GB/s (2×pass)";

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
    public string Legend => "2 × BytesPerPass of the stored templates / mean time";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is not { } ns || benchmarkCase.Parameters["Size"] is not ProblemSize size) return "-";
        double bytes = 2.0 * BenchmarkProblem.Get(size).Matrix.BytesPerPass;
        return (bytes / ns).ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>Adds <see cref="BandwidthColumn"/>.</summary>
public sealed class BandwidthConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public BandwidthConfig() => AddColumn(new BandwidthColumn());
}
