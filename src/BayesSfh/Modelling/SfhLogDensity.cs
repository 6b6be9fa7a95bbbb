using BayesSfh.Likelihood;
using BayesSfh.Sampling;

namespace BayesSfh.Modelling;

/// <summary>
/// The log density of an <see cref="SfhModel"/> over the unconstrained free parameters θ, with its analytic gradient:
/// ln p(θ) = −F(r(x(θ))) [+ Σ ln prior(x) + ln|∂x/∂θ| for <see cref="Objective.Posterior"/>]. Owns its buffers: one
/// instance per chain or thread. Allocation-free per evaluation.
/// </summary>
public sealed class SfhLogDensity : ILogDensity
{
    private readonly SfhModel _model;
    private readonly ICoefficientEvaluator _evaluator;
    private readonly LikelihoodWorkspace _workspace;
    private readonly double[] _natural, _coefficients, _dFdCoefficients, _dNatural;
    private readonly int _mapCount, _sspCount;

    internal SfhLogDensity(SfhModel model, Objective objective)
    {
        _model = model;
        Objective = objective;
        _evaluator = model.Map.CreateEvaluator();
        _workspace = model.Likelihood.CreateWorkspace();
        _natural = new double[model.Layout.NaturalCount];
        _coefficients = new double[model.Likelihood.CoefficientCount];
        _dFdCoefficients = new double[model.Likelihood.CoefficientCount];
        _dNatural = new double[model.Layout.NaturalCount];
        _mapCount = model.Map.Parameters.Count;
        _sspCount = model.Map.CoefficientCount;
    }

    /// <summary>What this density measures.</summary>
    public Objective Objective { get; }

    /// <summary>The model.</summary>
    public SfhModel Model => _model;

    /// <inheritdoc/>
    public int Dimension => _model.Layout.FreeCount;

    /// <summary>The natural parameters x of the last evaluation.</summary>
    public ReadOnlySpan<double> LastNatural => _natural;

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
    {
        if (position.Length != Dimension || gradient.Length != Dimension)
            throw new ArgumentException($"Position and gradient must have {Dimension} elements.");
        var layout = _model.Layout;
        double logJacobian = layout.ToNatural(position, _natural);
        _evaluator.Coefficients(_natural.AsSpan(0, _mapCount), _coefficients.AsSpan(0, _sspCount));
        _natural.AsSpan(_mapCount).CopyTo(_coefficients.AsSpan(_sspCount));
        if (!AllFinite(_coefficients)) return Outside(gradient);
        double f = _model.Likelihood.Evaluate(_coefficients, _dFdCoefficients, _workspace);
        if (!double.IsFinite(f)) return Outside(gradient);
        _evaluator.Pullback(_dFdCoefficients.AsSpan(0, _sspCount), _dNatural.AsSpan(0, _mapCount));
        _dFdCoefficients.AsSpan(_sspCount).CopyTo(_dNatural.AsSpan(_mapCount));
        System.Numerics.Tensors.TensorPrimitives.Negate(_dNatural, _dNatural);
        double value = -f;
        bool posterior = Objective == Objective.Posterior;
        if (posterior)
        {
            foreach (var prior in _model.Priors) value += prior.LogDensity(_natural, _dNatural);
            value += logJacobian;
        }
        layout.PullbackToTheta(_natural, _dNatural, posterior, gradient);
        if (!double.IsFinite(value) || !AllFinite(gradient)) return Outside(gradient);
        return value;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values) if (!double.IsFinite(v)) return false;
        return true;
    }

    private static double Outside(Span<double> gradient)
    {
        gradient.Clear();
        return double.NegativeInfinity;
    }
}
