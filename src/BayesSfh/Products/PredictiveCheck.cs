using BayesSfh.Hess;

namespace BayesSfh.Products;

/// <summary>
/// Posterior predictive check of the Hess diagram: the posterior-mean model, a residual significance map and the
/// posterior predictive p-value of the Poisson likelihood-ratio statistic.
/// </summary>
/// <remarks>
/// <para>Mean model: m̄_i = (1/S) Σ_s m_i(θ_s) over every draw.</para>
/// <para>Residuals: the signed Poisson deviance residual of the observed counts against the mean model,
/// d_i = sign(n_i − m̄_i) √(2 [m̄_i − n_i + n_i ln(n_i/m̄_i)]) (the term n ln(n/m) is 0 for n = 0; d_i = 0 where
/// n_i = m̄_i = 0; +∞ where n_i &gt; 0 = m̄_i). Σ_i d_i² = T(n, m̄); |d_i| is roughly a number of standard deviations.</para>
/// <para>p-value: T(n, m) = 2 Σ_i [m_i − n_i + n_i ln(n_i/m_i)] (twice Dolphin 2002 eq. 10). For each of a thinned set of
/// draws s (draw ⌊i S/N⌋ for i = 0 … N − 1), replicated counts n_rep,i ~ Poisson(m_i(θ_s)) are drawn with
/// <see cref="Randomness.Xoshiro256StarStar.ForStream"/>(seed, i), bins in order, and
/// p = (1/N) #{s : T(n_rep, m_s) ≥ T(n_obs, m_s)} (Gelman, Meng &amp; Stern 1996). p near 0 means the data fit worse than
/// data the model itself would produce; for a well-specified model p is roughly uniform over data sets, not near 0 or 1.
/// Deterministic for a given seed and draws.</para>
/// </remarks>
/// <param name="Observed">Observed counts n_i, every bin of the flattened diagram.</param>
/// <param name="MeanModel">Posterior-mean expected counts m̄_i.</param>
/// <param name="Residuals">Signed deviance residuals d_i.</param>
/// <param name="Grid">Bin edges when known (bin = y · colour bins + x), for maps.</param>
/// <param name="PValue">Posterior predictive p-value of T.</param>
/// <param name="DrawsUsed">N, the number of draws replicated.</param>
/// <param name="Seed">The seed of the replications.</param>
/// <param name="ObservedStatistic">T(n_obs, m_s) over the replicated draws.</param>
/// <param name="ReplicatedStatistic">T(n_rep, m_s) over the replicated draws.</param>
public sealed record PredictiveCheck(
    double[] Observed,
    double[] MeanModel,
    double[] Residuals,
    HessGrid? Grid,
    double PValue,
    int DrawsUsed,
    ulong Seed,
    CredibleInterval ObservedStatistic,
    CredibleInterval ReplicatedStatistic)
{
    /// <summary>T(n, m) = 2 Σ_i [m_i − n_i + n_i ln(n_i/m_i)], the Poisson likelihood-ratio (deviance) statistic.</summary>
    /// <param name="counts">n_i ≥ 0.</param>
    /// <param name="model">m_i ≥ 0, same length.</param>
    /// <returns>T ≥ 0; +∞ when some n_i &gt; 0 has m_i = 0.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double Statistic(ReadOnlySpan<double> counts, ReadOnlySpan<double> model)
    {
        if (counts.Length != model.Length) throw new ArgumentException($"{counts.Length} counts but {model.Length} model values.", nameof(model));
        double sum = 0;
        for (int i = 0; i < counts.Length; i++) sum += Deviance(counts[i], model[i]);
        return 2 * sum;
    }

    /// <summary>The signed deviance residual d = sign(n − m) √(2 [m − n + n ln(n/m)]) of one bin (see the remarks).</summary>
    public static double SignedDevianceResidual(double count, double model)
    {
        double d = Math.Sqrt(2 * Math.Max(Deviance(count, model), 0));
        return count > model ? d : count < model ? -d : 0;
    }

    /// <summary>m − n + n ln(n/m), 0 for n = m = 0, +∞ for n &gt; 0 = m.</summary>
    private static double Deviance(double n, double m)
    {
        if (n > 0) return m > 0 ? m - n + n * Math.Log(n / m) : double.PositiveInfinity;
        return m;
    }
}
