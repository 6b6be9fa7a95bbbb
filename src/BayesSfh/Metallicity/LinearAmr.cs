using BayesSfh.Parameters;

namespace BayesSfh.Metallicity;

/// <summary>
/// Linear age–metallicity relation μ_j = β + α (T_max − t_j), with t_j the lookback time (Gyr) of bin j and α ≥ 0 in dex
/// per Gyr; β is the mean [M/H] at T_max. As LinearAMR of StarFormationHistories.jl.
/// </summary>
/// <param name="MaxAgeGyr">T_max, Gyr.</param>
public sealed record LinearAmr(double MaxAgeGyr) : IMeanMetallicityModel
{
    /// <inheritdoc/>
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("alpha", ParameterConstraint.Positive, "AMR slope α ≥ 0 (dex per Gyr)"),
        new("beta", ParameterConstraint.Real, "mean [M/H] at lookback time T_max (dex)"),
    ];

    /// <inheritdoc/>
    public bool UsesStellarMass => false;

    /// <inheritdoc/>
    public double Mean(ReadOnlySpan<double> parameters, double lookbackGyr, double log10StellarMass, Span<double> dMeanDParameters, out double dMeanDLog10Mass)
    {
        double elapsed = MaxAgeGyr - lookbackGyr;
        dMeanDParameters[0] = elapsed;
        dMeanDParameters[1] = 1;
        dMeanDLog10Mass = 0;
        return parameters[1] + parameters[0] * elapsed;
    }

    /// <inheritdoc/>
    public void InitialGuess(in MetallicityGuessContext context, Span<double> parameters)
    {
        double range = context.MaxMH - context.MinMH;
        parameters[0] = Math.Max(0.6 * range / context.MaxAgeGyr, 1e-3);
        parameters[1] = context.MinMH + 0.2 * range;
    }
}
