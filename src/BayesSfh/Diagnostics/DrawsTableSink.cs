using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Nuts;
using BayesSfh.Sampling.Running;

namespace BayesSfh.Diagnostics;

/// <summary>
/// Keeps one chain's post-warm-up draws as a <see cref="DrawsTable"/> with the CmdStan sampler columns
/// (<c>lp__, accept_stat__, stepsize__, treedepth__, n_leapfrog__, divergent__, energy__</c>) followed by output columns
/// computed from each position by a caller-supplied transform: the in-memory twin of a CmdStan CSV file.
/// </summary>
/// <remarks>Preallocated; <see cref="Write"/> allocates nothing. One sink per chain, called from that chain's thread.</remarks>
public sealed class DrawsTableSink : IDrawSink
{
    /// <summary>The sampler columns, in CmdStan order.</summary>
    public static readonly IReadOnlyList<string> SamplerColumns =
        ["lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__"];

    private readonly string[] _names;
    private readonly double[][] _columns;
    private readonly double[] _values;
    private readonly Action<ReadOnlySpan<double>, Span<double>> _transform;
    private int _count;

    /// <summary>Creates a sink for <paramref name="draws"/> sampling iterations.</summary>
    /// <param name="outputNames">Output column names (unique, not clashing with the sampler columns).</param>
    /// <param name="transform">Writes the outputs (length = names) for a position; must not keep the spans.</param>
    /// <param name="draws">Sampling iterations of the chain (≥ 0).</param>
    public DrawsTableSink(IReadOnlyList<string> outputNames, Action<ReadOnlySpan<double>, Span<double>> transform, int draws)
    {
        ArgumentNullException.ThrowIfNull(outputNames);
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentOutOfRangeException.ThrowIfNegative(draws);
        _names = [.. SamplerColumns, .. outputNames];
        if (_names.Distinct(StringComparer.Ordinal).Count() != _names.Length) throw new ArgumentException("Column names must be unique.", nameof(outputNames));
        _columns = [.. _names.Select(_ => new double[draws])];
        _values = new double[outputNames.Count];
        _transform = transform;
    }

    /// <summary>The adaptation reported, or null before warm-up ends.</summary>
    public AdaptationResult? Adaptation { get; private set; }

    /// <summary>The statistics reported, or null before the chain completes.</summary>
    public ChainStatistics? Statistics { get; private set; }

    /// <inheritdoc/>
    public void Write(int iteration, bool isWarmup, in NutsInfo info, ReadOnlySpan<double> position)
    {
        if (isWarmup) return;
        if (_count >= _columns[0].Length) throw new InvalidOperationException("More sampling draws than the sink was created for.");
        int row = _count++;
        _columns[0][row] = info.LogDensity;
        _columns[1][row] = info.AcceptStat;
        _columns[2][row] = info.StepSize;
        _columns[3][row] = info.TreeDepth;
        _columns[4][row] = info.LeapfrogSteps;
        _columns[5][row] = info.Divergent ? 1 : 0;
        _columns[6][row] = info.Energy;
        _transform(position, _values);
        for (int j = 0; j < _values.Length; j++) _columns[SamplerColumns.Count + j][row] = _values[j];
    }

    /// <inheritdoc/>
    public void AdaptationComplete(AdaptationResult adaptation) => Adaptation = adaptation;

    /// <inheritdoc/>
    public void Complete(ChainStatistics statistics) => Statistics = statistics;

    /// <summary>The draws written so far as a table (copies).</summary>
    public DrawsTable ToTable() => DrawsTable.Create(_names, [.. _columns.Select(c => c[.._count])]);
}
