using BayesSfh.Parameters;

namespace BayesSfh.Modelling;

/// <summary>
/// Maps natural model parameters x to SSP template coefficients r (stellar mass formed per template, M☉) and pulls
/// ∂F/∂r back to ∂F/∂x. The definition is read-only; each caller uses its own <see cref="ICoefficientEvaluator"/>.
/// </summary>
public interface ICoefficientMap
{
    /// <summary>Natural parameters in order.</summary>
    IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <summary>Number of leading parameters that are stellar masses (they scale with the population's size).</summary>
    int MassParameterCount { get; }

    /// <summary>Number of SSP template coefficients produced.</summary>
    int CoefficientCount { get; }

    /// <summary>Creates an evaluator with its own buffers.</summary>
    ICoefficientEvaluator CreateEvaluator();

    /// <summary>A starting point: constant SFR with total mass <paramref name="totalMass"/> (M☉) and model defaults.</summary>
    void InitialGuess(double totalMass, Span<double> parameters);

    /// <summary>Total stellar mass formed per age bin R_j (youngest first), from the natural parameters.</summary>
    void MassPerAgeBin(ReadOnlySpan<double> parameters, Span<double> destination);
}

/// <summary>A single-caller evaluator of an <see cref="ICoefficientMap"/>.</summary>
public interface ICoefficientEvaluator
{
    /// <summary>Writes r(x). Non-finite r signals a point outside the model's domain.</summary>
    void Coefficients(ReadOnlySpan<double> parameters, Span<double> coefficients);

    /// <summary>Writes ∂F/∂x given ∂F/∂r, at the point of the last <see cref="Coefficients"/> call.</summary>
    void Pullback(ReadOnlySpan<double> dFdCoefficients, Span<double> dFdParameters);
}
