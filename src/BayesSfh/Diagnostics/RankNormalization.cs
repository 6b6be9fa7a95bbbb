using MathNet.Numerics.Distributions;

namespace BayesSfh.Diagnostics;

/// <summary>
/// Rank normalisation (Vehtari et al. 2021, “rank normalization”; posterior <c>z_scale</c>, <c>backtransform_ranks</c>): pooled
/// ranks with ties averaged, mapped to normal scores z = Φ⁻¹((r − 3/8)/(S − 3/4 + 1)).
/// </summary>
public static class RankNormalization
{
    /// <summary>Blom's offset c = 3/8 used by posterior's <c>backtransform_ranks</c>.</summary>
    public const double BlomOffset = 0.375;

    /// <summary>
    /// Writes the 1-based ranks of <paramref name="values"/> into <paramref name="ranks"/>, averaging tied values
    /// (R's <c>rank(x, ties.method = "average")</c>). NaN values get NaN and are ranked after every other value, as R's
    /// default <c>na.last = TRUE</c> (their rank is not reported); ±∞ are ordinary values.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="ranks"/> has a different length.</exception>
    public static void AverageRanks(ReadOnlySpan<double> values, Span<double> ranks)
    {
        if (ranks.Length != values.Length) throw new ArgumentException("ranks must have the length of values", nameof(ranks));
        int count = 0;
        foreach (double v in values) if (!double.IsNaN(v)) count++;
        var keys = new double[count];
        var order = new int[count];
        for (int i = 0, k = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i])) { ranks[i] = double.NaN; continue; }
            keys[k] = values[i];
            order[k++] = i;
        }
        Array.Sort(keys, order);
        for (int start = 0; start < count;)
        {
            int end = start + 1;
            while (end < count && keys[end] == keys[start]) end++;
            double average = (start + 1 + end) / 2.0; // mean of the 1-based ranks start+1 … end
            for (int k = start; k < end; k++) ranks[order[k]] = average;
            start = end;
        }
    }

    /// <summary>
    /// Fractional rank u = (r − c)/(S − 2c + 1) of a 1-based rank r among S values (posterior
    /// <c>backtransform_ranks</c>, Blom 1958 with c = 3/8).
    /// </summary>
    public static double BacktransformRank(double rank, int count, double offset = BlomOffset) =>
        (rank - offset) / (count - 2 * offset + 1);

    /// <summary>
    /// Rank-normalised draws z = Φ⁻¹(u(rank)) over all S cells of <paramref name="draws"/> jointly, keeping the
    /// chains × draws layout (posterior <c>z_scale</c>). NaN cells stay NaN (and count in S, as in R).
    /// </summary>
    public static DrawsMatrix ZScale(DrawsMatrix draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        var z = new double[draws.Count];
        AverageRanks(draws.Values, z);
        for (int i = 0; i < z.Length; i++)
            if (!double.IsNaN(z[i])) z[i] = Normal.InvCDF(0, 1, BacktransformRank(z[i], z.Length));
        return DrawsMatrix.Wrap(z, draws.Chains, draws.DrawsPerChain);
    }
}
