namespace BayesSfh.Diagnostics;

/// <summary>
/// Potential scale reduction R̂ (Gelman &amp; Rubin 1992; Vehtari et al. 2021), as posterior's <c>rhat</c>,
/// <c>rhat_basic</c> and internal <c>.rhat</c>.
/// </summary>
/// <remarks>Every function returns NaN under <see cref="NaRules"/> (non-finite or constant draws).</remarks>
public static class Rhat
{
    /// <summary>
    /// R̂ of the given chains without splitting or ranks (posterior <c>.rhat</c>; Gelman et al. BDA3 §11.4, Vehtari et al. 2021 “split-R̂”):
    /// with n draws per chain, B = n·var(chain means) (denominator m − 1), W = mean of the chain variances
    /// (denominator n − 1), R̂ = √((B/W + n − 1)/n).
    /// </summary>
    /// <returns>R̂; NaN under <see cref="NaRules.ShouldReturnNaN(DrawsMatrix)"/> or with fewer than 2 draws per chain or
    /// 2 chains (R's <c>var</c> of one value is NA).</returns>
    public static double OfChains(DrawsMatrix draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        if (NaRules.ShouldReturnNaN(draws)) return double.NaN;
        int m = draws.Chains, n = draws.DrawsPerChain;
        var chainMeans = new double[m];
        double withinSum = 0;
        for (int c = 0; c < m; c++)
        {
            ReadOnlySpan<double> chain = draws.Chain(c);
            chainMeans[c] = SampleStatistics.Mean(chain);
            withinSum += SampleStatistics.Variance(chain);
        }
        double varianceBetween = n * SampleStatistics.Variance(chainMeans);
        double varianceWithin = withinSum / m;
        return Math.Sqrt((varianceBetween / varianceWithin + n - 1) / n);
    }

    /// <summary>
    /// Basic R̂ on split (default) or unsplit chains, without rank normalisation (posterior <c>rhat_basic</c>;
    /// Vehtari et al. 2021 “split-R̂”): <see cref="OfChains"/>(<see cref="SplitChains.Split"/>(x)).
    /// </summary>
    public static double Basic(DrawsMatrix draws, bool split = true)
    {
        ArgumentNullException.ThrowIfNull(draws);
        return OfChains(split ? SplitChains.Split(draws) : draws);
    }

    /// <summary>Bulk R̂: R̂ of the rank-normalised split chains (Vehtari et al. 2021, “rank normalization”).</summary>
    public static double Bulk(DrawsMatrix draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        return OfChains(RankNormalization.ZScale(SplitChains.Split(draws)));
    }

    /// <summary>
    /// Folded (tail) R̂: bulk R̂ of ζ = |x − median(x)|, the median taken over all draws of the unsplit chains
    /// (Vehtari et al. 2021, “folding”; posterior <c>fold_draws</c>).
    /// </summary>
    public static double Folded(DrawsMatrix draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        double median = SampleStatistics.Median(draws.Values);
        return Bulk(draws.Select(x => Math.Abs(x - median)));
    }

    /// <summary>
    /// Rank-normalised split R̂ = max(bulk R̂, folded R̂) (Vehtari et al. 2021, recommended R̂; posterior <c>rhat</c>, the
    /// <c>rhat</c> column of <c>summarise_draws</c>). NaN when either part is NaN.
    /// </summary>
    public static double RankNormalized(DrawsMatrix draws)
    {
        double bulk = Bulk(draws);
        double folded = Folded(draws);
        return double.IsNaN(bulk) || double.IsNaN(folded) ? double.NaN : Math.Max(bulk, folded);
    }
}
