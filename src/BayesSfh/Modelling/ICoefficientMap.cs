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

/// <summary>
/// A coefficient map whose coefficients come in groups, r_t = s_g v_t,0 for the coefficients t of group g, and whose
/// pullback needs ∂F/∂r only along a few directions per coefficient, γ_g,l = Σ_{t∈g} v_t,l ∂F/∂r_t
/// (l &lt; <see cref="DirectionCount"/>). With three directions the likelihood evaluates F and the γ in one pass over
/// the templates (<see cref="Likelihood.GroupedHessLikelihood"/>).
/// </summary>
public interface IGroupedCoefficientMap : ICoefficientMap
{
    /// <summary>Number of groups.</summary>
    int GroupCount { get; }

    /// <summary>Number of directions L per coefficient.</summary>
    int DirectionCount { get; }

    /// <summary>The group of every coefficient, in coefficient order.</summary>
    IReadOnlyList<int> CoefficientGroups { get; }

    /// <summary>Creates an evaluator with its own buffers.</summary>
    IGroupedCoefficientEvaluator CreateGroupedEvaluator();
}

/// <summary>A single-caller evaluator of an <see cref="IGroupedCoefficientMap"/>.</summary>
public interface IGroupedCoefficientEvaluator : ICoefficientEvaluator
{
    /// <summary>
    /// Writes the group scales s_g and the directions v_t,l (at t·L + l) at the point of the last
    /// <see cref="ICoefficientEvaluator.Coefficients"/> call; r_t = s_g v_t,0.
    /// </summary>
    void Directions(Span<double> groupScales, Span<double> directions);

    /// <summary>Writes ∂F/∂x given γ_g,l (at g·L + l), at the point of the last Coefficients call.</summary>
    void GroupPullback(ReadOnlySpan<double> groupGradients, Span<double> dFdParameters);
}
