namespace BayesSfh.Diagnostics;

/// <summary>
/// Effective sample size (Geyer 1992; Vehtari et al. 2021, section “effective sample size”), as posterior's <c>ess_bulk</c>, <c>ess_tail</c>,
/// <c>ess_quantile</c>, <c>ess_mean</c>, <c>ess_basic</c>, <c>ess_sd</c> and internal <c>.ess</c>.
/// </summary>
/// <remarks>
/// Every function returns NaN under <see cref="NaRules"/>: non-finite or constant draws (checked on the matrix that is
/// analysed, so an indicator that is always 1 gives NaN), or fewer than <see cref="NaRules.MinimumDrawsForEss"/> draws
/// per split chain.
/// </remarks>
public static class Ess
{
    /// <summary>
    /// ESS of the given chains as they are, without splitting or ranks (posterior <c>.ess</c>; Vehtari et al. 2021's
    /// multi-chain estimator with Geyer's initial positive and initial monotone sequences).
    /// </summary>
    /// <remarks>
    /// With m chains of n draws, γ̂ⱼ the <see cref="Autocovariance"/> of chain j and Γₖ = mean over chains of γ̂ⱼ,ₖ:
    /// W = Γ₀·n/(n − 1), var⁺ = W·(n − 1)/n + var(chain means) (the last term only when m &gt; 1),
    /// ρ̂ₖ = 1 − (W − Γₖ)/var⁺. Pairs (ρ̂ₜ, ρ̂ₜ₊₁), t = 2, 4, …, are accepted while t &lt; n − 5 and their sum is positive
    /// (a pair with a negative sum is computed but not stored); the last even ρ̂ is kept if positive (Geyer's improved
    /// antithetic estimate); pair sums are then made non-increasing. τ̂ = −1 + 2·Σ_{k&lt;T} ρ̂ₖ + ρ̂_T, where T is the
    /// last t reached (posterior's R indexing <c>rho[1:0]</c> makes the sum ρ̂₀ when T = 0), bounded below by
    /// 1/log₁₀(mn), so ESS = mn/τ̂ ≤ mn·log₁₀(mn). This follows posterior's loop bounds exactly (Stan C++ and ArviZ
    /// differ slightly when the sequence is never truncated).
    /// </remarks>
    public static double OfChains(DrawsMatrix draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        int m = draws.Chains, n = draws.DrawsPerChain;
        if (n < NaRules.MinimumDrawsForEss || NaRules.ShouldReturnNaN(draws)) return double.NaN;

        var meanAcov = new double[n];
        var acov = new double[n];
        var chainMeans = new double[m];
        for (int c = 0; c < m; c++)
        {
            ReadOnlySpan<double> chain = draws.Chain(c);
            Autocovariance.Compute(chain, acov);
            for (int k = 0; k < n; k++) meanAcov[k] += acov[k];
            chainMeans[c] = SampleStatistics.Mean(chain);
        }
        for (int k = 0; k < n; k++) meanAcov[k] /= m;

        double meanVar = meanAcov[0] * n / (n - 1);
        double varPlus = meanVar * (n - 1) / n;
        if (m > 1) varPlus += SampleStatistics.Variance(chainMeans);

        var rho = new double[n];
        rho[0] = 1;
        double even = 1, odd = 1 - (meanVar - meanAcov[1]) / varPlus;
        rho[1] = odd;
        int t = 0;
        while (t < n - 5 && !double.IsNaN(even + odd) && even + odd > 0)
        {
            t += 2;
            even = 1 - (meanVar - meanAcov[t]) / varPlus;
            odd = 1 - (meanVar - meanAcov[t + 1]) / varPlus;
            if (even + odd >= 0)
            {
                rho[t] = even;
                rho[t + 1] = odd;
            }
        }
        int maxT = t;
        if (even > 0) rho[maxT] = even;

        for (t = 2; t <= maxT - 2; t += 2)
        {
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1])
            {
                rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
                rho[t + 1] = rho[t];
            }
        }

        double total = (double)n * m;
        double sum = 0;
        if (maxT == 0) sum = rho[0];
        else for (int k = 0; k < maxT; k++) sum += rho[k];
        double tau = -1 + 2 * sum + rho[maxT];
        tau = Math.Max(tau, 1 / Math.Log10(total));
        return total / tau;
    }

    /// <summary>
    /// Basic ESS of split (default) or unsplit chains without rank normalisation (posterior <c>ess_basic</c>):
    /// <see cref="OfChains"/>(<see cref="SplitChains.Split"/>(x)). With <paramref name="split"/> = true it equals
    /// <see cref="Mean"/>.
    /// </summary>
    public static double Basic(DrawsMatrix draws, bool split = true)
    {
        ArgumentNullException.ThrowIfNull(draws);
        return OfChains(split ? SplitChains.Split(draws) : draws);
    }

    /// <summary>
    /// ESS for the mean, <see cref="OfChains"/> of the split chains (posterior <c>ess_mean</c>; the ESS that
    /// <see cref="Mcse.Mean"/> divides by).
    /// </summary>
    public static double Mean(DrawsMatrix draws) => Basic(draws, split: true);

    /// <summary>
    /// Bulk ESS: ESS of the rank-normalised split chains (Vehtari et al. 2021, “rank normalization”; posterior <c>ess_bulk</c>).
    /// </summary>
    public static double Bulk(DrawsMatrix draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        return OfChains(RankNormalization.ZScale(SplitChains.Split(draws)));
    }

    /// <summary>
    /// ESS of the quantile Q(p): ESS of the split indicator chains I(x ≤ Q(p)), Q the type-7 quantile of all draws
    /// (Vehtari et al. 2021, “localization”; posterior <c>ess_quantile</c>). For p = 1, p is replaced by (S − 0.5)/S.
    /// </summary>
    /// <param name="draws">The draws.</param>
    /// <param name="probability">p. Range: 0 ≤ p ≤ 1.</param>
    /// <returns>The ESS; NaN under <see cref="NaRules"/> applied to the draws and to the indicator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1].</exception>
    public static double Quantile(DrawsMatrix draws, double probability)
    {
        ArgumentNullException.ThrowIfNull(draws);
        SampleStatistics.CheckProbability(probability);
        if (NaRules.ShouldReturnNaN(draws)) return double.NaN;
        if (probability == 1) probability = (draws.Count - 0.5) / draws.Count;
        double q = SampleStatistics.QuantileOfSorted(SampleStatistics.Sorted(draws.Values), probability);
        return OfChains(SplitChains.Split(draws.Select(x => x <= q ? 1.0 : 0.0)));
    }

    /// <summary>ESS of the median, <see cref="Quantile"/>(x, 0.5) (posterior <c>ess_median</c>).</summary>
    public static double Median(DrawsMatrix draws) => Quantile(draws, 0.5);

    /// <summary>
    /// Tail ESS = min(ESS of Q(0.05), ESS of Q(0.95)) (Vehtari et al. 2021, tail-ESS; posterior <c>ess_tail</c>). NaN when
    /// either is NaN (R's <c>min</c>).
    /// </summary>
    public static double Tail(DrawsMatrix draws)
    {
        double lower = Quantile(draws, 0.05), upper = Quantile(draws, 0.95);
        return double.IsNaN(lower) || double.IsNaN(upper) ? double.NaN : Math.Min(lower, upper);
    }

    /// <summary>
    /// ESS for the standard deviation: <see cref="OfChains"/> of the split chains of (x − x̄)², x̄ over all draws
    /// (posterior ≥ 1.6.1 <c>ess_sd</c>; posterior ≤ 1.6.0 used |x − x̄|).
    /// </summary>
    public static double Sd(DrawsMatrix draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        double mean = SampleStatistics.Mean(draws.Values);
        return OfChains(SplitChains.Split(draws.Select(x => (x - mean) * (x - mean))));
    }
}
