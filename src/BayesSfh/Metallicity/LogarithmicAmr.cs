using BayesSfh.Parameters;

namespace BayesSfh.Metallicity;

/// <summary>
/// Logarithmic age–metallicity relation: the metal mass fraction grows linearly in time, Z_j = β + α (T_max − t_j)
/// (α ≥ 0 per Gyr, β ≥ 0 = Z at T_max), and μ_j = [M/H](Z_j) through <see cref="SolarScaling"/>. Outside the physical
/// range of Z the mean is NaN, which the model treats as zero density. As LogarithmicAMR of StarFormationHistories.jl.
/// </summary>
/// <param name="MaxAgeGyr">T_max, Gyr.</param>
public sealed record LogarithmicAmr(double MaxAgeGyr) : IMeanMetallicityModel
{
    /// <inheritdoc/>
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("alpha", ParameterConstraint.Positive, "rate of increase of the metal mass fraction Z, α ≥ 0 (per Gyr)"),
        new("beta", ParameterConstraint.Positive, "metal mass fraction Z at lookback time T_max, β ≥ 0"),
    ];

    /// <inheritdoc/>
    public bool UsesStellarMass => false;

    /// <inheritdoc/>
    public double Mean(ReadOnlySpan<double> parameters, double lookbackGyr, double log10StellarMass, Span<double> dMeanDParameters, out double dMeanDLog10Mass)
    {
        double elapsed = MaxAgeGyr - lookbackGyr;
        double z = parameters[1] + parameters[0] * elapsed;
        double slope = SolarScaling.DMetallicityDZ(z);
        dMeanDParameters[0] = slope * elapsed;
        dMeanDParameters[1] = slope;
        dMeanDLog10Mass = 0;
        return SolarScaling.MetallicityFromZ(z);
    }

    /// <inheritdoc/>
    public void InitialGuess(in MetallicityGuessContext context, Span<double> parameters)
    {
        double zLow = SolarScaling.ZFromMetallicity(context.MinMH + 0.1 * (context.MaxMH - context.MinMH));
        double zHigh = SolarScaling.ZFromMetallicity(context.MinMH + 0.7 * (context.MaxMH - context.MinMH));
        parameters[0] = Math.Max((zHigh - zLow) / context.MaxAgeGyr, 1e-9);
        parameters[1] = zLow;
    }
}
