namespace BayesSfh.Priors;

/// <summary>
/// A log prior density over the natural parameters x (on top of the default improper flat prior), up to a constant.
/// </summary>
public interface IPrior
{
    /// <summary>Returns ln p(x) and adds ∂ln p/∂x into <paramref name="gradient"/>.</summary>
    /// <returns>The log density; −∞ outside the support.</returns>
    double LogDensity(ReadOnlySpan<double> natural, Span<double> gradient);
}
