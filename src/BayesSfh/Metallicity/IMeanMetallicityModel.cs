using BayesSfh.Parameters;

namespace BayesSfh.Metallicity;

/// <summary>
/// The mean metallicity μ_j of stars formed in age bin j, as a function of lookback time (an age–metallicity relation)
/// or of the cumulative stellar mass formed by then (a mass–metallicity relation). One small class per form.
/// </summary>
public interface IMeanMetallicityModel
{
    /// <summary>The model's parameters, in the order of the parameter spans.</summary>
    IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <summary>True when μ depends on the cumulative stellar mass (so ∂μ/∂R flows to older bins).</summary>
    bool UsesStellarMass { get; }

    /// <summary>Returns μ and writes ∂μ/∂parameters.</summary>
    /// <param name="parameters">Natural parameter values.</param>
    /// <param name="lookbackGyr">Lookback time t_j of the bin's template age, Gyr.</param>
    /// <param name="log10StellarMass">log10 of the birth stellar mass M*(t_j) formed up to and including bin j, M☉.</param>
    /// <param name="dMeanDParameters">Destination for ∂μ/∂p.</param>
    /// <param name="dMeanDLog10Mass">∂μ/∂log10 M* (zero for age–metallicity relations).</param>
    /// <returns>μ_j in dex; NaN outside the model's domain (the caller treats it as zero density).</returns>
    double Mean(ReadOnlySpan<double> parameters, double lookbackGyr, double log10StellarMass, Span<double> dMeanDParameters, out double dMeanDLog10Mass);

    /// <summary>A sensible starting point for an optimiser, given the grid.</summary>
    void InitialGuess(in MetallicityGuessContext context, Span<double> parameters);
}

/// <summary>
/// The dispersion of metallicity at fixed age: an unnormalised log-weight ln A(MH_k; μ, p). Weights are normalised over
/// the metallicity grid by the caller with a log-sum-exp, so any μ (even far outside the grid) is safe.
/// </summary>
public interface IMetallicityDispersion
{
    /// <summary>The model's parameters.</summary>
    IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <summary>Returns ln A(<paramref name="metallicity"/>; μ, p), writing ∂lnA/∂p and ∂lnA/∂μ.</summary>
    double LogWeight(ReadOnlySpan<double> parameters, double metallicity, double mean, Span<double> dLogWeightDParameters, out double dLogWeightDMean);

    /// <summary>
    /// ln A_k = ln A(MH_k; μ, p) for every metallicity of the grid at one mean μ, with ∂lnA_k/∂μ and ∂lnA_k/∂p_d: the
    /// one call per age bin of the coefficient map. The default calls <see cref="LogWeight"/> per metallicity; a model
    /// overrides it only for speed, and must then give the same values.
    /// </summary>
    /// <param name="parameters">Natural parameter values p.</param>
    /// <param name="metallicities">The grid MH_k (K values, dex).</param>
    /// <param name="mean">μ, dex.</param>
    /// <param name="logWeights">Destination for ln A_k (K values).</param>
    /// <param name="dLogWeightDMean">Destination for ∂lnA_k/∂μ (K values).</param>
    /// <param name="dLogWeightDParameters">Destination for ∂lnA_k/∂p_d at index d·K + k (one run of K per parameter).</param>
    void LogWeights(ReadOnlySpan<double> parameters, ReadOnlySpan<double> metallicities, double mean,
        Span<double> logWeights, Span<double> dLogWeightDMean, Span<double> dLogWeightDParameters)
    {
        int count = metallicities.Length, parameterCount = parameters.Length;
        Span<double> derivatives = parameterCount <= 16 ? stackalloc double[parameterCount] : new double[parameterCount];
        for (int k = 0; k < count; k++)
        {
            logWeights[k] = LogWeight(parameters, metallicities[k], mean, derivatives, out dLogWeightDMean[k]);
            for (int d = 0; d < parameterCount; d++) dLogWeightDParameters[d * count + k] = derivatives[d];
        }
    }

    /// <summary>A sensible starting point for an optimiser, given the grid.</summary>
    void InitialGuess(in MetallicityGuessContext context, Span<double> parameters);
}

/// <summary>What an initial guess may depend on.</summary>
/// <param name="MinMH">Lowest template [M/H].</param>
/// <param name="MaxMH">Highest template [M/H].</param>
/// <param name="MaxAgeGyr">T_max, Gyr.</param>
/// <param name="TotalMass">Rough total stellar mass formed, M☉.</param>
public readonly record struct MetallicityGuessContext(double MinMH, double MaxMH, double MaxAgeGyr, double TotalMass);
