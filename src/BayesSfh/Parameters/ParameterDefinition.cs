namespace BayesSfh.Parameters;

/// <summary>The support of a natural parameter, which selects its bijector to the unconstrained space.</summary>
public enum ParameterConstraint
{
    /// <summary>x ∈ ℝ; θ = x.</summary>
    Real,

    /// <summary>x &gt; 0; θ = ln x, log-Jacobian θ.</summary>
    Positive,
}

/// <summary>A named natural parameter of a model.</summary>
/// <param name="Name">Name used on the command line and in outputs (for example <c>alpha</c>, <c>R.3</c>).</param>
/// <param name="Constraint">Support of the parameter.</param>
/// <param name="Description">Meaning and units, for help texts.</param>
public sealed record ParameterDefinition(string Name, ParameterConstraint Constraint, string Description);
