namespace BayesSfh.Priors;

/// <summary>
/// The continuity prior on an SFH (Leja et al. 2019, ApJ 876, 3, §2.2.3): the log10 ratios of adjacent star-formation
/// rates Δ_j = log10(SFR_j / SFR_{j+1}), SFR_j = R_j/Δt_j, are independent Student-t with ν degrees of freedom
/// (default 2) and scale s (default 0.3 dex); the overall scale is log-uniform. In natural coordinates
/// ln p(R) = Σ_j ln t_ν(Δ_j/s) − Σ_j ln R_j, so in θ = ln R the density is just the product of the t terms.
/// </summary>
public sealed record ContinuityPrior : IPrior
{
    private readonly double[] _logWidthRatio;

    /// <summary>Creates the prior.</summary>
    /// <param name="massIndices">Natural indices of R_1 … R_J, youngest first.</param>
    /// <param name="widths">Bin widths Δt_j (yr), youngest first.</param>
    /// <param name="degreesOfFreedom">ν &gt; 0.</param>
    /// <param name="scale">s &gt; 0, dex.</param>
    /// <exception cref="ArgumentException">Lengths differ, or fewer than two bins.</exception>
    /// <exception cref="ArgumentOutOfRangeException">ν or s not positive.</exception>
    public ContinuityPrior(IReadOnlyList<int> massIndices, IReadOnlyList<double> widths, double degreesOfFreedom = 2, double scale = 0.3)
    {
        if (massIndices.Count != widths.Count) throw new ArgumentException("One width per mass index is needed.");
        if (massIndices.Count < 2) throw new ArgumentException("The continuity prior needs at least two age bins.");
        if (!(degreesOfFreedom > 0) || !double.IsFinite(degreesOfFreedom)) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "ν must be positive.");
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be positive.");
        MassIndices = [.. massIndices];
        DegreesOfFreedom = degreesOfFreedom;
        Scale = scale;
        _logWidthRatio = [.. Enumerable.Range(0, widths.Count - 1).Select(j => Math.Log10(widths[j] / widths[j + 1]))];
    }

    /// <summary>Natural indices of R_j, youngest first.</summary>
    public IReadOnlyList<int> MassIndices { get; }

    /// <summary>Student-t degrees of freedom ν.</summary>
    public double DegreesOfFreedom { get; }

    /// <summary>Student-t scale s (dex).</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public double LogDensity(ReadOnlySpan<double> natural, Span<double> gradient)
    {
        double value = 0, nu = DegreesOfFreedom, s = Scale, ln10 = Math.Log(10);
        for (int j = 0; j < MassIndices.Count; j++)
        {
            double r = natural[MassIndices[j]];
            if (!(r > 0)) return double.NegativeInfinity;
            value -= Math.Log(r);
            gradient[MassIndices[j]] -= 1 / r;
        }
        for (int j = 0; j + 1 < MassIndices.Count; j++)
        {
            int young = MassIndices[j], old = MassIndices[j + 1];
            double delta = Math.Log10(natural[young] / natural[old]) - _logWidthRatio[j];
            double u = delta / s;
            value -= 0.5 * (nu + 1) * Math.Log(1 + u * u / nu);
            double dDelta = -(nu + 1) / nu * u / s / (1 + u * u / nu);
            gradient[young] += dDelta / (natural[young] * ln10);
            gradient[old] -= dDelta / (natural[old] * ln10);
        }
        return value;
    }
}
