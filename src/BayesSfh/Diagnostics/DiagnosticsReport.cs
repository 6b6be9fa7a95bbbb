using System.Collections.Immutable;

namespace BayesSfh.Diagnostics;

/// <summary>
/// Everything <c>bayessfh diagnose</c> reports for a set of chains: the per-variable summary, the per-chain sampler
/// checks and the warnings.
/// </summary>
public sealed class DiagnosticsReport
{
    private DiagnosticsReport(PosteriorSummary summary, ImmutableArray<ChainSamplerDiagnostics> chains, ImmutableArray<DiagnosticWarning> warnings,
        int drawsPerChain, int maxTreeDepth)
    {
        Summary = summary;
        Chains = chains;
        Warnings = warnings;
        DrawsPerChain = drawsPerChain;
        MaxTreeDepth = maxTreeDepth;
    }

    /// <summary>One row per variable: <c>lp__</c> and every column whose name does not end in <c>__</c>.</summary>
    public PosteriorSummary Summary { get; }

    /// <summary>Sampler checks per chain, in input order.</summary>
    public ImmutableArray<ChainSamplerDiagnostics> Chains { get; }

    /// <summary>Failed checks (<see cref="DiagnosticWarnings.Check"/>).</summary>
    public ImmutableArray<DiagnosticWarning> Warnings { get; }

    /// <summary>Post-warm-up draws per chain.</summary>
    public int DrawsPerChain { get; }

    /// <summary>The maximum tree depth the tree-depth check used.</summary>
    public int MaxTreeDepth { get; }

    /// <summary>
    /// Summarises the variables of <paramref name="chains"/> and checks the sampler columns <c>divergent__</c>,
    /// <c>treedepth__</c> and <c>energy__</c> where present (old CmdStan files lack some; those checks are then null/NaN).
    /// </summary>
    /// <param name="chains">Post-warm-up draws of each chain: same columns, same number of draws (at least 1).</param>
    /// <param name="maxTreeDepth">The sampler's maximum tree depth (CmdStan <c>max_depth</c>). Range: ≥ 1.</param>
    /// <param name="measures">Summary columns; <see cref="SummaryMeasures.Standard"/> when null.</param>
    /// <param name="thresholds">Warning limits; the defaults when null.</param>
    /// <exception cref="ArgumentException">No chains, or chains with different columns or draw counts, or no draws.</exception>
    public static DiagnosticsReport Create(IReadOnlyList<DrawsTable> chains, int maxTreeDepth = 10, IReadOnlyList<SummaryMeasure>? measures = null,
        DiagnosticThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTreeDepth, 1);
        if (chains.Count == 0) throw new ArgumentException("at least one chain is needed", nameof(chains));
        DrawsTable first = chains[0];
        for (int c = 1; c < chains.Count; c++)
        {
            if (!chains[c].ColumnNames.SequenceEqual(first.ColumnNames, StringComparer.Ordinal))
                throw new ArgumentException($"chain {c + 1} has other columns than chain 1", nameof(chains));
            if (chains[c].RowCount != first.RowCount)
                throw new ArgumentException($"chain {c + 1} has {chains[c].RowCount} draws, chain 1 has {first.RowCount}", nameof(chains));
        }
        if (first.RowCount == 0) throw new ArgumentException("the chains have no draws", nameof(chains));

        var variables = first.ColumnNames.Where(IsVariable).Select(name => new KeyValuePair<string, DrawsMatrix>(name, DrawsTable.Gather(chains, name)));
        var summary = PosteriorSummary.Create(variables, measures);
        var sampler = chains.Select((chain, c) => new ChainSamplerDiagnostics(
            c + 1,
            chain.RowCount,
            chain.IndexOf("divergent__") >= 0 ? SamplerDiagnostics.CountDivergences(chain.Column("divergent__")) : null,
            chain.IndexOf("treedepth__") >= 0 ? SamplerDiagnostics.CountAtMaxTreeDepth(chain.Column("treedepth__"), maxTreeDepth) : null,
            chain.IndexOf("energy__") >= 0 ? SamplerDiagnostics.Ebfmi(chain.Column("energy__")) : double.NaN)).ToImmutableArray();
        var warnings = DiagnosticWarnings.Check(summary, chains.Count, sampler, maxTreeDepth, thresholds);
        return new DiagnosticsReport(summary, sampler, warnings, first.RowCount, maxTreeDepth);
    }

    /// <summary>
    /// True for the columns that are summarised as variables: <c>lp__</c> and every name not ending in <c>__</c>
    /// (cmdstanr's split between variables and sampler diagnostics).
    /// </summary>
    public static bool IsVariable(string columnName)
    {
        ArgumentNullException.ThrowIfNull(columnName);
        return columnName == "lp__" || !columnName.EndsWith("__", StringComparison.Ordinal);
    }
}
