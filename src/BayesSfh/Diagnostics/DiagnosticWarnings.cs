using System.Collections.Immutable;
using System.Globalization;

namespace BayesSfh.Diagnostics;

/// <summary>The convergence and sampler checks of a run, in one place.</summary>
public static class DiagnosticWarnings
{
    /// <summary>
    /// Checks every variable's <c>rhat</c>, <c>ess_bulk</c> and <c>ess_tail</c> (when the summary has those columns) and
    /// every chain's divergences, draws at maximum tree depth and E-BFMI against <paramref name="thresholds"/>.
    /// </summary>
    /// <remarks>
    /// NaN values (constant or non-finite draws, missing sampler columns) raise no warning: a constant quantity is not a
    /// convergence failure. Warnings come in the order: per variable (R̂, bulk ESS, tail ESS), then per chain
    /// (divergences, tree depth, E-BFMI).
    /// </remarks>
    /// <param name="summary">Per-variable summary, typically with <see cref="SummaryMeasures.Standard"/>.</param>
    /// <param name="chainCount">Number of (unsplit) chains m; the ESS limit is m × <see cref="DiagnosticThresholds.MinEssPerChain"/>.</param>
    /// <param name="samplerChains">Per-chain sampler checks (may be empty).</param>
    /// <param name="maxTreeDepth">The maximum tree depth, quoted in messages.</param>
    /// <param name="thresholds">Limits; the defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chainCount"/> is less than 1.</exception>
    public static ImmutableArray<DiagnosticWarning> Check(PosteriorSummary summary, int chainCount, IReadOnlyList<ChainSamplerDiagnostics> samplerChains,
        int maxTreeDepth, DiagnosticThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(samplerChains);
        ArgumentOutOfRangeException.ThrowIfLessThan(chainCount, 1);
        thresholds ??= new DiagnosticThresholds();
        double minEss = thresholds.MinEssPerChain * chainCount;
        string essLimit = $"{F(minEss)} ({F(thresholds.MinEssPerChain)} per chain × {chainCount} chains)";
        var warnings = ImmutableArray.CreateBuilder<DiagnosticWarning>();
        foreach (var row in summary.Rows)
        {
            if (row.TryGet("rhat") is { } rhat && rhat > thresholds.MaxRhat)
                warnings.Add(new(DiagnosticWarningKind.HighRhat, row.Variable, rhat, thresholds.MaxRhat,
                    $"{row.Variable}: R-hat = {F(rhat)} > {F(thresholds.MaxRhat)}; the chains have not mixed."));
            if (row.TryGet("ess_bulk") is { } bulk && bulk < minEss)
                warnings.Add(new(DiagnosticWarningKind.LowEssBulk, row.Variable, bulk, minEss,
                    $"{row.Variable}: ess_bulk = {F(bulk)} < {essLimit}; means and medians are unreliable."));
            if (row.TryGet("ess_tail") is { } tail && tail < minEss)
                warnings.Add(new(DiagnosticWarningKind.LowEssTail, row.Variable, tail, minEss,
                    $"{row.Variable}: ess_tail = {F(tail)} < {essLimit}; 5 % and 95 % quantiles are unreliable."));
        }
        foreach (var chain in samplerChains)
        {
            string subject = $"chain {chain.Chain}";
            if (chain.Divergences is int divergences && divergences > 0)
                warnings.Add(new(DiagnosticWarningKind.Divergences, subject, divergences, 0,
                    $"{subject}: {divergences} of {chain.Draws} transitions diverged; the posterior may be biased."));
            if (chain.AtMaxTreeDepth is int saturated && saturated > 0)
                warnings.Add(new(DiagnosticWarningKind.MaxTreeDepth, subject, saturated, 0,
                    $"{subject}: {saturated} of {chain.Draws} transitions hit the maximum tree depth {maxTreeDepth}."));
            if (chain.Ebfmi < thresholds.MinEbfmi)
                warnings.Add(new(DiagnosticWarningKind.LowEbfmi, subject, chain.Ebfmi, thresholds.MinEbfmi,
                    $"{subject}: E-BFMI = {F(chain.Ebfmi)} < {F(thresholds.MinEbfmi)}; momentum resampling explores the energy poorly."));
        }
        return warnings.ToImmutable();
    }

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
