using BayesSfh.Metallicity;
using BayesSfh.Parameters;
using BayesSfh.Sampling;

namespace BayesSfh.Modelling;

/// <summary>
/// A reparameterised view of the power-law-MZR posterior over θ = (ln R_1 … ln R_J, ln α, mh0, …) in which the MZR
/// intercept mh0 is replaced by ν = Σ_k π_k μ_k, the π-weighted mean metallicity of the bins (with π_k fixed weights,
/// e.g. each bin's share of the expected stars at the MAP): the combination of the metallicities that the CMD measures
/// best, which does not slide along the curved ridge mh0 + α·log10 M*(R) ≈ const as the masses move.
/// </summary>
/// <remarks>
/// μ_k = mh0 + α (log10 M*_k − log10 M_0) with M*_k = Σ_{j ≥ k} R_j (bins in increasing age), so ν = mh0 + α c(R),
/// c(R) = Σ_k π_k (log10 M*_k − log10 M_0), and mh0 = ν − α c(R). The map changes only the mh0 coordinate by a function of
/// the others, so its Jacobian is unit triangular: volume-preserving, log-Jacobian 0. Gradient (g = ∂ln p/∂θ):
/// ∂/∂ν = g_mh0, ∂/∂ln α = g_lnα − g_mh0 α c, ∂/∂ln R_j = g_j − g_mh0 α R_j Σ_{k ≤ j} π_k / (M*_k ln 10).
/// One instance per chain (owns buffers); allocation-free per evaluation.
/// </remarks>
public sealed class MzrPivotLogDensity : ILogDensity
{
    private readonly ILogDensity _inner;
    private readonly double[] _weights, _theta, _gradient, _cumulative;
    private readonly int _bins, _alphaIndex, _mh0Index;
    private readonly double _fixedAlpha, _log10ReferenceMass;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">Density over θ whose first <c>weights.Count</c> coordinates are ln R_j (bins in increasing age).</param>
    /// <param name="weights">π_k ≥ 0, normalised here to sum 1.</param>
    /// <param name="alphaIndex">θ index of ln α, or −1 when α is fixed at <paramref name="fixedAlpha"/>.</param>
    /// <param name="fixedAlpha">α when it is fixed.</param>
    /// <param name="mh0Index">θ index of mh0 (must be free).</param>
    /// <param name="log10ReferenceMass">log10 M_0/M☉ of the MZR.</param>
    public MzrPivotLogDensity(ILogDensity inner, IReadOnlyList<double> weights, int alphaIndex, double fixedAlpha, int mh0Index, double log10ReferenceMass)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count < 1 || weights.Count >= inner.Dimension) throw new ArgumentException("Need 1 ≤ J < dimension.", nameof(weights));
        if (weights.Any(w => !(w >= 0) || !double.IsFinite(w)) || !(weights.Sum() > 0))
            throw new ArgumentException("Weights must be non-negative, finite and not all zero.", nameof(weights));
        if (mh0Index < weights.Count || mh0Index >= inner.Dimension) throw new ArgumentOutOfRangeException(nameof(mh0Index));
        if (alphaIndex >= 0 && (alphaIndex < weights.Count || alphaIndex >= inner.Dimension || alphaIndex == mh0Index))
            throw new ArgumentOutOfRangeException(nameof(alphaIndex));
        if (alphaIndex < 0 && !(fixedAlpha >= 0)) throw new ArgumentOutOfRangeException(nameof(fixedAlpha));
        _inner = inner;
        _bins = weights.Count;
        double sum = weights.Sum();
        _weights = [.. weights.Select(w => w / sum)];
        _alphaIndex = alphaIndex;
        _fixedAlpha = fixedAlpha;
        _mh0Index = mh0Index;
        _log10ReferenceMass = log10ReferenceMass;
        _theta = new double[inner.Dimension];
        _gradient = new double[inner.Dimension];
        _cumulative = new double[_bins];
    }

    /// <summary>
    /// The pivot view of <paramref name="model"/>'s posterior, or null when the model has no power-law MZR with free
    /// masses and a free mh0 (nothing to pivot).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="inner">Its density over θ (e.g. <see cref="SfhModel.CreateLogDensity"/>).</param>
    /// <param name="weights">π_k per age bin.</param>
    public static MzrPivotLogDensity? ForModel(SfhModel model, ILogDensity inner, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Options.Model != MetallicityModelKind.PowerLawMzr) return null;
        var layout = model.Layout;
        int bins = model.Ages.Count;
        if (Enumerable.Range(0, bins).Any(j => layout.IsFixed[j] || layout.FreeIndices[j] != j)) return null;
        int mh0 = layout.IndexOf("mh0"), alpha = layout.IndexOf("alpha");
        if (layout.IsFixed[mh0]) return null;
        int mh0Theta = layout.FreeIndices.IndexOf(mh0);
        int alphaTheta = layout.IsFixed[alpha] ? -1 : layout.FreeIndices.IndexOf(alpha);
        double fixedAlpha = layout.IsFixed[alpha] ? model.InitialNatural[alpha] : 0;
        return new MzrPivotLogDensity(inner, weights, alphaTheta, fixedAlpha, mh0Theta, model.Options.MzrLog10ReferenceMass);
    }

    /// <inheritdoc/>
    public int Dimension => _inner.Dimension;

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
    {
        if (position.Length != Dimension || gradient.Length != Dimension)
            throw new ArgumentException($"Position and gradient must have {Dimension} elements.");
        position.CopyTo(_theta);
        double alpha = Alpha(position);
        double pivot = Pivot(position);
        _theta[_mh0Index] = position[_mh0Index] - alpha * pivot;
        double value = _inner.ValueAndGradient(_theta, _gradient);
        if (!double.IsFinite(value))
        {
            gradient.Clear();
            return value;
        }
        _gradient.CopyTo(gradient);
        double gMh0 = _gradient[_mh0Index];
        if (_alphaIndex >= 0) gradient[_alphaIndex] -= gMh0 * alpha * pivot;
        double prefix = 0, scale = gMh0 * alpha / Math.Log(10);
        for (int j = 0; j < _bins; j++)
        {
            prefix += _weights[j] / _cumulative[j];
            gradient[j] -= scale * Math.Exp(position[j]) * prefix;
        }
        return value;
    }

    /// <summary>θ(ψ): mh0 = ν − α c(R).</summary>
    public void ToTheta(ReadOnlySpan<double> psi, Span<double> theta)
    {
        psi.CopyTo(theta);
        theta[_mh0Index] = psi[_mh0Index] - Alpha(psi) * Pivot(psi);
    }

    /// <summary>ψ(θ): ν = mh0 + α c(R).</summary>
    public void ToPsi(ReadOnlySpan<double> theta, Span<double> psi)
    {
        theta.CopyTo(psi);
        psi[_mh0Index] = theta[_mh0Index] + Alpha(theta) * Pivot(theta);
    }

    /// <summary>∂ψ/∂θ at θ, row-major d × d (identity except the ν row).</summary>
    public double[] JacobianPsiByTheta(ReadOnlySpan<double> theta)
    {
        int d = Dimension;
        var jac = new double[d * d];
        for (int i = 0; i < d; i++) jac[i * d + i] = 1;
        double alpha = Alpha(theta), pivot = Pivot(theta), prefix = 0;
        if (_alphaIndex >= 0) jac[_mh0Index * d + _alphaIndex] = alpha * pivot;
        for (int j = 0; j < _bins; j++)
        {
            prefix += _weights[j] / _cumulative[j];
            jac[_mh0Index * d + j] = alpha * Math.Exp(theta[j]) * prefix / Math.Log(10);
        }
        return jac;
    }

    private double Alpha(ReadOnlySpan<double> position) => _alphaIndex >= 0 ? Math.Exp(position[_alphaIndex]) : _fixedAlpha;

    /// <summary>c(R) = Σ_k π_k (log10 M*_k − log10 M_0); fills the cumulative masses.</summary>
    private double Pivot(ReadOnlySpan<double> position)
    {
        double total = 0, pivot = 0;
        for (int j = _bins - 1; j >= 0; j--)
        {
            total += Math.Exp(position[j]);
            _cumulative[j] = total;
            pivot += _weights[j] * (Math.Log10(total) - _log10ReferenceMass);
        }
        return pivot;
    }
}
