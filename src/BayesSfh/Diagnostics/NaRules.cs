namespace BayesSfh.Diagnostics;

/// <summary>
/// The rules that turn degenerate input into NaN (R's NA), kept in one place and shared by every diagnostic:
/// posterior's <c>should_return_NA</c> (convergence.R) and the draw-count check of <c>.ess</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>R̂, ESS and MCSE are NaN when a value of the matrix they analyse is NaN or ±∞, or when all its values are equal
/// to within <see cref="ConstantTolerance"/> (max − min &lt; 2.220446e-16, absolute, as posterior's <c>is_constant</c>;
/// the whole matrix, not each chain, whatever posterior's documentation says). The matrix analysed is not always the
/// draws: the rank-normalised measures (<c>rhat</c>, <c>ess_bulk</c>) see finite normal scores, so ±∞ draws (but not
/// NaN) still give a number there, exactly as in posterior; <c>ess_tail</c>, <c>ess_quantile</c>, <c>ess_mean</c>,
/// <c>rhat_basic</c> and the MCSEs check the draws themselves and give NaN.</item>
/// <item>ESS is NaN with fewer than <see cref="MinimumDrawsForEss"/> draws per (split) chain.</item>
/// <item>Order statistics (median, mad, quantiles) are NaN when any draw is NaN, as R's <c>median</c> and posterior's
/// <c>quantile2</c> with <c>na.rm = FALSE</c>; ±∞ take part in the ordering.</item>
/// <item>Means and standard deviations follow IEEE arithmetic (NaN in ⇒ NaN out, ∞ ⇒ ±∞ or NaN), as R's.</item>
/// </list>
/// </remarks>
public static class NaRules
{
    /// <summary>R's <c>.Machine$double.eps</c> = 2⁻⁵², the absolute range below which draws count as constant.</summary>
    public const double ConstantTolerance = 2.220446049250313e-16;

    /// <summary>The smallest number of draws per (split) chain for which ESS is computed (posterior <c>.ess</c>: 3).</summary>
    public const int MinimumDrawsForEss = 3;

    /// <summary>
    /// True when a convergence diagnostic of <paramref name="values"/> must be NaN: some value is NaN or ±∞, or
    /// max − min &lt; <see cref="ConstantTolerance"/> (posterior <c>should_return_NA</c>).
    /// </summary>
    /// <param name="values">The draws analysed, in any order; an empty span counts as degenerate.</param>
    public static bool ShouldReturnNaN(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return true;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) return true;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return Math.Abs(max - min) < ConstantTolerance;
    }

    /// <summary>
    /// True when a convergence diagnostic of <paramref name="draws"/> must be NaN; see
    /// <see cref="ShouldReturnNaN(ReadOnlySpan{double})"/>.
    /// </summary>
    public static bool ShouldReturnNaN(DrawsMatrix draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        return ShouldReturnNaN(draws.Values);
    }

    /// <summary>True when an order statistic (median, mad, quantile) of <paramref name="values"/> must be NaN: some value is NaN.</summary>
    public static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
            if (double.IsNaN(v)) return true;
        return false;
    }
}
