using BayesSfh.Modelling;

namespace BayesSfh.Optimization;

/// <summary>Settings of <see cref="SfhFitter"/>. Immutable; <see cref="Validate"/> checks it.</summary>
public sealed record FitOptions
{
    /// <summary>Posterior (MAP, with priors and Jacobian) or Likelihood (MLE). Default MAP.</summary>
    public Objective Objective { get; init; } = Objective.Posterior;

    /// <summary>Maximum L-BFGS iterations. Default 5000.</summary>
    public int MaxIterations { get; init; } = 5000;

    /// <summary>Convergence when max_i |∂ln p/∂θ_i| ≤ this. Default 1e-6.</summary>
    public double GradientTolerance { get; init; } = 1e-6;

    /// <summary>Maximum Newton refinement steps after L-BFGS (each costs 2d gradients). Default 50.</summary>
    public int MaxNewtonSteps { get; init; } = 50;

    /// <summary>Starting point in natural units (all parameters, natural order); null = the model's default.</summary>
    public IReadOnlyList<double>? StartNatural { get; init; }

    /// <summary>Checks the options and returns them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range.</exception>
    public FitOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxNewtonSteps);
        if (!(GradientTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(GradientTolerance), GradientTolerance, "Must be positive.");
        return this;
    }
}
