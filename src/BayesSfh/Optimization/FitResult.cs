using System.Collections.Immutable;
using BayesSfh.Modelling;

namespace BayesSfh.Optimization;

/// <summary>Why an optimisation stopped.</summary>
public enum FitStatus
{
    /// <summary>The gradient is below tolerance.</summary>
    Converged,

    /// <summary>No further decrease could be found before the gradient tolerance was met (a flat or bounded direction).</summary>
    Stalled,

    /// <summary>The iteration limit was reached.</summary>
    IterationLimit,
}

/// <summary>
/// The optimum of an <see cref="SfhModel"/>: natural values with delta-method standard errors from the Laplace
/// approximation in θ (Σ_θ = (−∇² ln p)⁻¹; SE = x·√Σ_ii for positive parameters, √Σ_ii for real ones; fixed
/// parameters have SE 0). When the Hessian is not negative definite the covariance is null and the SEs NaN, and
/// <see cref="Warnings"/> says so.
/// </summary>
public sealed record FitResult
{
    /// <summary>MAP or MLE.</summary>
    public required Objective Objective { get; init; }

    /// <summary>Why the optimiser stopped.</summary>
    public required FitStatus Status { get; init; }

    /// <summary>Parameter names, natural order.</summary>
    public required ImmutableArray<string> Names { get; init; }

    /// <summary>Optimum, natural units.</summary>
    public required ImmutableArray<double> Values { get; init; }

    /// <summary>Standard errors, natural units.</summary>
    public required ImmutableArray<double> StandardErrors { get; init; }

    /// <summary>Whether each parameter was fixed.</summary>
    public required ImmutableArray<bool> IsFixed { get; init; }

    /// <summary>The optimum in θ (free parameters).</summary>
    public required ImmutableArray<double> Theta { get; init; }

    /// <summary>Laplace covariance of θ, row-major d × d; null when the Hessian is not negative definite.</summary>
    public double[,]? ThetaCovariance { get; init; }

    /// <summary>F = −ln L at the optimum.</summary>
    public required double NegativeLogLikelihood { get; init; }

    /// <summary>The objective ln p(θ) at the optimum.</summary>
    public required double LogDensity { get; init; }

    /// <summary>max_i |∂ln p/∂θ_i| at the optimum.</summary>
    public required double GradientNorm { get; init; }

    /// <summary>L-BFGS iterations plus Newton steps.</summary>
    public required int Iterations { get; init; }

    /// <summary>Log density evaluations.</summary>
    public required long Evaluations { get; init; }

    /// <summary>Human-readable warnings (empty when all is well).</summary>
    public required ImmutableArray<string> Warnings { get; init; }

    /// <summary>Value of the named parameter.</summary>
    public double this[string name] => Values[Names.IndexOf(name)];
}
