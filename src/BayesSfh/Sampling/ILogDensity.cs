namespace BayesSfh.Sampling;

/// <summary>
/// An unnormalised log density on ℝ^d with its gradient: the one seam between a model and a sampler or optimiser.
/// </summary>
/// <remarks>
/// Implementations own their scratch buffers and are therefore not thread-safe; create one instance per chain.
/// </remarks>
public interface ILogDensity
{
    /// <summary>Number of unconstrained coordinates d.</summary>
    int Dimension { get; }

    /// <summary>Returns log p(<paramref name="position"/>) and writes ∇log p into <paramref name="gradient"/>.</summary>
    /// <param name="position">Point in ℝ^d (length <see cref="Dimension"/>).</param>
    /// <param name="gradient">Destination for the gradient (length <see cref="Dimension"/>).</param>
    /// <returns>
    /// The log density, or <see cref="double.NegativeInfinity"/> outside the support or where the model cannot be
    /// evaluated; never NaN. When the value is −∞ the gradient content is unspecified but finite.
    /// </returns>
    /// <exception cref="ArgumentException">A span length differs from <see cref="Dimension"/>.</exception>
    double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient);
}
