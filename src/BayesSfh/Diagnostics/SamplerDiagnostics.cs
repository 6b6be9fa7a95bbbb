namespace BayesSfh.Diagnostics;

/// <summary>
/// Per-chain checks of the sampler's own columns (<c>energy__</c>, <c>divergent__</c>, <c>treedepth__</c>), which
/// posterior does not provide.
/// </summary>
public static class SamplerDiagnostics
{
    /// <summary>
    /// Energy Bayesian fraction of missing information of one chain, E-BFMI = Σᵢ(Eᵢ − Eᵢ₋₁)² / Σᵢ(Eᵢ − Ē)²
    /// (Betancourt 2016, “Diagnosing suboptimal cotangent disintegrations”, estimated as in ArviZ <c>bfmi</c> and DynamicHMC <c>EBFMI</c>:
    /// mean(diff(E)²)/var(E) with both normalised by N − 1).
    /// </summary>
    /// <remarks>
    /// cmdstanr's <c>ebfmi</c> and rstan's <c>get_bfmi</c> divide the squared differences by N instead, giving
    /// (N − 1)/N times this value; CmdStan's <c>diagnose</c> pools all chains. Values below 0.3 indicate that momentum
    /// resampling explores the energy distribution poorly.
    /// </remarks>
    /// <param name="energy">The post-warm-up <c>energy__</c> values of one chain, in order.</param>
    /// <returns>E-BFMI; NaN with fewer than 2 values, any non-finite value, or constant energy.</returns>
    public static double Ebfmi(ReadOnlySpan<double> energy)
    {
        if (energy.Length < 2) return double.NaN;
        foreach (double e in energy)
            if (!double.IsFinite(e)) return double.NaN;
        double mean = SampleStatistics.Mean(energy);
        double squaredSteps = 0, squaredDeviations = 0;
        for (int i = 0; i < energy.Length; i++)
        {
            double d = energy[i] - mean;
            squaredDeviations += d * d;
            if (i > 0)
            {
                double step = energy[i] - energy[i - 1];
                squaredSteps += step * step;
            }
        }
        return squaredDeviations == 0 ? double.NaN : squaredSteps / squaredDeviations;
    }

    /// <summary>Number of divergent transitions: values of <c>divergent__</c> that are neither 0 nor NaN.</summary>
    public static int CountDivergences(ReadOnlySpan<double> divergent)
    {
        int count = 0;
        foreach (double d in divergent)
            if (d != 0 && !double.IsNaN(d)) count++;
        return count;
    }

    /// <summary>
    /// Number of transitions that stopped at the maximum tree depth: values of <c>treedepth__</c> ≥
    /// <paramref name="maxTreeDepth"/> (as CmdStan's <c>diagnose</c>).
    /// </summary>
    /// <param name="treeDepth">The <c>treedepth__</c> values of one chain.</param>
    /// <param name="maxTreeDepth">The sampler's maximum depth (CmdStan <c>max_depth</c>, default 10). Range: ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTreeDepth"/> is less than 1.</exception>
    public static int CountAtMaxTreeDepth(ReadOnlySpan<double> treeDepth, int maxTreeDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTreeDepth, 1);
        int count = 0;
        foreach (double d in treeDepth)
            if (d >= maxTreeDepth) count++;
        return count;
    }
}
