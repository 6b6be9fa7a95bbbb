using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    /// <remarks>Four metallicities per Vector256 step with the same operations as <see cref="LogWeight"/>, so the same bits.</remarks>
    public void LogWeights(ReadOnlySpan<double> parameters, ReadOnlySpan<double> metallicities, double mean,
        Span<double> logWeights, Span<double> dLogWeightDMean, Span<double> dLogWeightDParameters)
    {
        int count = metallicities.Length;
        if (logWeights.Length < count || dLogWeightDMean.Length < count || dLogWeightDParameters.Length < count)
            throw new ArgumentException($"The destinations need {count} elements.");
        double sigma = parameters[0];
        var mh = MemoryMarshal.Cast<double, Vector256<double>>(metallicities);
        var lnA = MemoryMarshal.Cast<double, Vector256<double>>(logWeights);
        var dMean = MemoryMarshal.Cast<double, Vector256<double>>(dLogWeightDMean);
        var dSigma = MemoryMarshal.Cast<double, Vector256<double>>(dLogWeightDParameters);
        var meanVector = Vector256.Create(mean);
        var sigmaVector = Vector256.Create(sigma);
        var minusHalf = Vector256.Create(-0.5);
        for (int v = 0; v < mh.Length; v++)
        {
            var z = (mh[v] - meanVector) / sigmaVector;
            var zz = z * z;
            dMean[v] = z / sigmaVector;
            dSigma[v] = zz / sigmaVector;
            lnA[v] = minusHalf * zz;
        }
        for (int k = mh.Length * Vector256<double>.Count; k < count; k++)
        {
            double z = (metallicities[k] - mean) / sigma;
            dLogWeightDMean[k] = z / sigma;
            dLogWeightDParameters[k] = z * z / sigma;
            logWeights[k] = -0.5 * z * z;
        }
    }

    /// <inheritdoc/>
    public void InitialGuess(in MetallicityGuessContext context, Span<double> parameters) => parameters[0] = 0.2;
}
