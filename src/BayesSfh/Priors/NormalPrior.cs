namespace BayesSfh.Priors;

/// <summary>
/// Normal prior N(mean, sd²) on one natural parameter (for a positive parameter, truncated at 0; the truncation constant
/// does not depend on x and is dropped). ln p = −½((x − mean)/sd)².
/// </summary>
public sealed record NormalPrior : IPrior
{
    /// <summary>Creates the prior on natural parameter <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">sd not positive and finite, or mean not finite.</exception>
    public NormalPrior(int index, double mean, double standardDeviation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (!double.IsFinite(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "The prior mean must be finite.");
        if (!(standardDeviation > 0) || !double.IsFinite(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The prior standard deviation must be finite and positive.");
        Index = index;
        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    /// <summary>Natural parameter index.</summary>
    public int Index { get; }

    /// <summary>Prior mean.</summary>
    public double Mean { get; }

    /// <summary>Prior standard deviation.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc/>
    public double LogDensity(ReadOnlySpan<double> natural, Span<double> gradient)
    {
        double z = (natural[Index] - Mean) / StandardDeviation;
        gradient[Index] -= z / StandardDeviation;
        return -0.5 * z * z;
    }
}
