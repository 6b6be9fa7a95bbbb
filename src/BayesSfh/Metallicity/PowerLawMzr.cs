using BayesSfh.Parameters;

namespace BayesSfh.Metallicity;

/// <summary>
/// Power-law mass–metallicity relation μ_j = [M/H]_0 + α (log10 M*(t_j) − log10 M_0), α ≥ 0, with M_0 fixed
/// (default 10^6 M☉; it is degenerate with [M/H]_0). M*(t_j) is the birth mass formed in bin j and all older bins.
/// Parameters: <c>alpha</c> (dex per dex), <c>mh0</c> (dex at M_0). As PowerLawMZR of StarFormationHistories.jl.
/// </summary>
/// <param name="Log10ReferenceMass">log10 M_0 / M☉.</param>
public sealed record PowerLawMzr(double Log10ReferenceMass = 6.0) : IMeanMetallicityModel
{
    /// <inheritdoc/>
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("alpha", ParameterConstraint.Positive, "MZR power-law slope α ≥ 0 (dex of [M/H] per dex of stellar mass)"),
        new("mh0", ParameterConstraint.Real, "mean [M/H] at the reference stellar mass M_0 (dex)"),
    ];

    /// <inheritdoc/>
    public bool UsesStellarMass => true;

    /// <inheritdoc/>
    public double Mean(ReadOnlySpan<double> parameters, double lookbackGyr, double log10StellarMass, Span<double> dMeanDParameters, out double dMeanDLog10Mass)
    {
        double alpha = parameters[0], mh0 = parameters[1];
        double x = log10StellarMass - Log10ReferenceMass;
        dMeanDParameters[0] = x;
        dMeanDParameters[1] = 1;
        dMeanDLog10Mass = alpha;
        return mh0 + alpha * x;
    }

    /// <inheritdoc/>
    public void InitialGuess(in MetallicityGuessContext context, Span<double> parameters)
    {
        const double alpha = 0.3;
        double final = context.MinMH + 0.7 * (context.MaxMH - context.MinMH);
        parameters[0] = alpha;
        parameters[1] = final - alpha * (Math.Log10(Math.Max(context.TotalMass, 1)) - Log10ReferenceMass);
    }
}
