using BayesSfh.Parameters;

namespace BayesSfh.Metallicity;

/// <summary>
/// Gaussian metallicity spread at fixed age: ln A_jk = −½ ((MH_k − μ_j)/σ)², so σ (parameter <c>sigma</c>, dex) is a
/// standard deviation, as in StarFormationHistories.jl's code. The SFH.jl MZR derivation writes exp(−((MH−μ)/σ)²)
/// without the ½, i.e. its σ is √2 times ours. ∂lnA/∂μ = z/σ and ∂lnA/∂σ = z²/σ with z = (MH − μ)/σ.
/// </summary>
public sealed record GaussianDispersion : IMetallicityDispersion
{
    /// <inheritdoc/>
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [new("sigma", ParameterConstraint.Positive, "Gaussian [M/H] standard deviation at fixed age σ > 0 (dex)")];

    /// <inheritdoc/>
    public double LogWeight(ReadOnlySpan<double> parameters, double metallicity, double mean, Span<double> dLogWeightDParameters, out double dLogWeightDMean)
    {
        double sigma = parameters[0];
        double z = (metallicity - mean) / sigma;
        dLogWeightDMean = z / sigma;
        dLogWeightDParameters[0] = z * z / sigma;
        return -0.5 * z * z;
    }

    /// <inheritdoc/>
    public void InitialGuess(in MetallicityGuessContext context, Span<double> parameters) => parameters[0] = 0.2;
}
