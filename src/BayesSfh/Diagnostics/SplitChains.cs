namespace BayesSfh.Diagnostics;

/// <summary>Chain splitting for split-R̂ and split-ESS (posterior <c>.split_chains</c>, Vehtari et al. 2021 “split-R̂”).</summary>
public static class SplitChains
{
    /// <summary>
    /// Splits each of the m chains of n draws into its first and second half, giving 2m chains of ⌊n/2⌋ draws: the m
    /// first halves, then the m second halves. When n is odd the middle draw is dropped; a single draw per chain is
    /// returned unchanged.
    /// </summary>
    /// <remarks>
    /// Effectively computes posterior's <c>cbind(x[1:floor(n/2), ], x[ceiling(n/2 + 1):n, ])</c>. (For n = 2 or 3 R's
    /// <c>x[1, ]</c> drops to a vector and posterior's result is transposed; this implementation keeps the intended
    /// layout. Every ESS is NaN there anyway, see <see cref="NaRules.MinimumDrawsForEss"/>.) NaN values are copied.
    /// </remarks>
    public static DrawsMatrix Split(DrawsMatrix draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        int n = draws.DrawsPerChain, m = draws.Chains;
        if (n == 1) return draws;
        int half = n / 2, secondStart = n - half;
        var result = new double[2 * m * half];
        for (int c = 0; c < m; c++)
        {
            ReadOnlySpan<double> chain = draws.Chain(c);
            chain[..half].CopyTo(result.AsSpan(c * half, half));
            chain[secondStart..].CopyTo(result.AsSpan((m + c) * half, half));
        }
        return DrawsMatrix.Wrap(result, 2 * m, half);
    }
}
