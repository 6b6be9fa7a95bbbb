using BayesSfh.Sampling;

namespace BayesSfh.Modelling;

/// <summary>
/// A reparameterised view of a log density over θ = (ln R_1 … ln R_J, rest…) for sampling (prototype): the first J
/// coordinates are replaced by φ = (u, v_1 … v_{J−1}) with
/// u = ln Σ_j s_j R_j (the log of the expected number of stars, for fixed star yields s_j &gt; 0 per unit mass) and
/// v_j = ln(R_j / R_J) (additive log-ratios); the remaining coordinates are passed through unchanged.
/// </summary>
/// <remarks>
/// <para>
/// Inverse map: with v_J = 0 and π_k = s_k e^{v_k} / Σ_l s_l e^{v_l} (the share of expected stars in bin k),
/// θ_j = u + v_j − ln Σ_k s_k e^{v_k}. The Jacobian ∂θ/∂φ has columns 1 (for u) and e_k − π_k·1 (for v_k), and
/// ∂φ/∂θ has rows πᵀ and e_k − e_J; replacing the last column of ∂φ/∂θ by the sum of all columns gives (1, 0 …, 0)ᵀ,
/// so |det ∂φ/∂θ| = |det ∂θ/∂φ| = 1 for every s and φ: the change of variables preserves volume, the log-Jacobian is 0
/// and ln p_φ(φ) = ln p_θ(θ(φ)) exactly. Gradient: ∂/∂u = Σ_j g_j, ∂/∂v_k = g_k − π_k Σ_j g_j (g = ∂ln p/∂θ).
/// </para>
/// <para>One instance per chain (owns scratch buffers). Allocation-free per evaluation.</para>
/// </remarks>
public sealed class StarShareLogDensity : ILogDensity
{
    private readonly ILogDensity _inner;
    private readonly double[] _logYield, _theta, _gradient, _share;
    private readonly int _bins;

    /// <summary>Wraps <paramref name="inner"/>, whose first <c>yields.Length</c> coordinates are ln R_j.</summary>
    /// <param name="inner">A density over θ.</param>
    /// <param name="yields">s_j &gt; 0 (J ≥ 2), e.g. expected observed stars per M☉ in bin j at the MAP metallicity weights, or all ones for u = ln Σ R_j.</param>
    /// <exception cref="ArgumentException">Fewer than 2 bins, more bins than coordinates, or a yield not positive and finite.</exception>
    public StarShareLogDensity(ILogDensity inner, IReadOnlyList<double> yields)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(yields);
        if (yields.Count < 2 || yields.Count > inner.Dimension) throw new ArgumentException("Need 2 ≤ J ≤ dimension.", nameof(yields));
        if (yields.Any(s => !(s > 0) || !double.IsFinite(s))) throw new ArgumentException("Yields must be positive and finite.", nameof(yields));
        _inner = inner;
        _bins = yields.Count;
        _logYield = new double[yields.Count];
        for (int j = 0; j < yields.Count; j++) _logYield[j] = Math.Log(yields[j]);
        _theta = new double[inner.Dimension];
        _gradient = new double[inner.Dimension];
        _share = new double[_bins];
    }

    /// <inheritdoc/>
    public int Dimension => _inner.Dimension;

    /// <summary>Number of mass bins J.</summary>
    public int BinCount => _bins;

    /// <summary>The inner density over θ.</summary>
    public ILogDensity Inner => _inner;

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
    {
        if (position.Length != Dimension || gradient.Length != Dimension)
            throw new ArgumentException($"Position and gradient must have {Dimension} elements.");
        ToTheta(position, _theta, _share);
        double value = _inner.ValueAndGradient(_theta, _gradient);
        if (!double.IsFinite(value))
        {
            gradient.Clear();
            return value;
        }
        double total = 0;
        for (int j = 0; j < _bins; j++) total += _gradient[j];
        gradient[0] = total;
        for (int k = 0; k < _bins - 1; k++) gradient[k + 1] = _gradient[k] - _share[k] * total;
        for (int i = _bins; i < Dimension; i++) gradient[i] = _gradient[i];
        return value; // + log-Jacobian 0 (volume-preserving)
    }

    /// <summary>θ(φ).</summary>
    public void ToTheta(ReadOnlySpan<double> phi, Span<double> theta) => ToTheta(phi, theta, stackalloc double[_bins]);

    /// <summary>φ(θ).</summary>
    public void ToPhi(ReadOnlySpan<double> theta, Span<double> phi)
    {
        Check(phi.Length, theta.Length);
        int last = _bins - 1;
        double max = double.NegativeInfinity;
        for (int j = 0; j < _bins; j++) max = Math.Max(max, _logYield[j] + theta[j]);
        double sum = 0;
        for (int j = 0; j < _bins; j++) sum += Math.Exp(_logYield[j] + theta[j] - max);
        double u = max + Math.Log(sum);
        double thetaLast = theta[last];
        for (int k = 0; k < last; k++) phi[k + 1] = theta[k] - thetaLast;
        phi[0] = u;
        for (int i = _bins; i < Dimension; i++) phi[i] = theta[i];
    }

    /// <summary>The Jacobian ∂φ/∂θ at θ, row-major d × d (to carry a covariance over: Σ_φ = J Σ_θ Jᵀ).</summary>
    public double[] JacobianPhiByTheta(ReadOnlySpan<double> theta)
    {
        int d = Dimension, last = _bins - 1;
        var phi = new double[d];
        ToPhi(theta, phi);
        var jac = new double[d * d];
        for (int j = 0; j < _bins; j++) jac[j] = Math.Exp(_logYield[j] + theta[j] - phi[0]); // π_j
        for (int k = 0; k < last; k++)
        {
            jac[(k + 1) * d + k] = 1;
            jac[(k + 1) * d + last] = -1;
        }
        for (int i = _bins; i < d; i++) jac[i * d + i] = 1;
        return jac;
    }

    private void ToTheta(ReadOnlySpan<double> phi, Span<double> theta, Span<double> share)
    {
        Check(phi.Length, theta.Length);
        int last = _bins - 1;
        // ln Σ_k s_k e^{v_k}, v_J = 0, stably.
        double max = _logYield[last];
        for (int k = 0; k < last; k++) max = Math.Max(max, _logYield[k] + phi[k + 1]);
        double sum = 0;
        for (int k = 0; k < _bins; k++)
        {
            double e = Math.Exp(_logYield[k] + (k < last ? phi[k + 1] : 0) - max);
            share[k] = e;
            sum += e;
        }
        double logNorm = max + Math.Log(sum);
        double u = phi[0];
        for (int k = 0; k < _bins; k++)
        {
            share[k] /= sum;
            theta[k] = u + (k < last ? phi[k + 1] : 0) - logNorm;
        }
        for (int i = _bins; i < Dimension; i++) theta[i] = phi[i];
    }

    private void Check(int phi, int theta)
    {
        if (phi != Dimension || theta != Dimension) throw new ArgumentException($"φ and θ must have {Dimension} elements.");
    }
}
