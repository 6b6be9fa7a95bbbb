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
    private readonly double[] _natural, _coefficients, _dNatural;
    // Two-pass path only (null with the one-pass likelihood).
    private readonly LikelihoodWorkspace? _workspace;
    private readonly double[]? _dFdCoefficients;
    private readonly int _mapCount, _sspCount;
    // One-pass path (SfhModel.GroupedLikelihood), when the map supports it.
    private readonly GroupedHessLikelihood? _grouped;
    private readonly IGroupedCoefficientEvaluator? _groupedEvaluator;
    private readonly GroupedWorkspace? _groupedWorkspace;
    private readonly double[] _groupScales = [], _directions = [], _groupGradients = [];
    private readonly int _groupCount;

    // onePass: evaluate through model.GroupedLikelihood (must exist) instead of the two-pass HessLikelihood.
    internal SfhLogDensity(SfhModel model, Objective objective, bool onePass)
    {
        _model = model;
        Objective = objective;
        _grouped = onePass ? model.GroupedLikelihood ?? throw new ArgumentException("The model has no one-pass likelihood.", nameof(onePass)) : null;
        if (_grouped is not null)
        {
            var map = (IGroupedCoefficientMap)model.Map;
            _groupedEvaluator = map.CreateGroupedEvaluator();
            _evaluator = _groupedEvaluator;
            _groupedWorkspace = _grouped.CreateWorkspace();
            _groupCount = map.GroupCount;
            const int L = GroupedBlockTemplates.DirectionCount;
            _groupScales = new double[_grouped.GroupCount];
            _directions = new double[_grouped.CoefficientCount * L];
            _groupGradients = new double[_grouped.GroupCount * L];
            // Backgrounds: r = amplitude × 1 along the first direction only.
            for (int t = map.CoefficientCount; t < _grouped.CoefficientCount; t++) _directions[t * L] = 1;
        }
        else
        {
            _evaluator = model.Map.CreateEvaluator();
            _workspace = model.Likelihood.CreateWorkspace();
            _dFdCoefficients = new double[model.Likelihood.CoefficientCount];
        }
        _natural = new double[model.Layout.NaturalCount];
        _coefficients = new double[model.Likelihood.CoefficientCount];
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
        double f = _grouped is not null ? GroupedNegativeLogLikelihood() : NegativeLogLikelihood();
        if (!double.IsFinite(f)) return Outside(gradient);
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

    // F at _coefficients, and ∂F/∂x into _dNatural when F is finite: template rows dotted with ∂F/∂m, then the map's pullback.
    private double NegativeLogLikelihood()
    {
        double f = _model.Likelihood.Evaluate(_coefficients, _dFdCoefficients!, _workspace!);
        if (!double.IsFinite(f)) return f;
        _evaluator.Pullback(_dFdCoefficients.AsSpan(0, _sspCount), _dNatural.AsSpan(0, _mapCount));
        _dFdCoefficients.AsSpan(_sspCount).CopyTo(_dNatural.AsSpan(_mapCount));
        return f;
    }

    // As NegativeLogLikelihood in one template pass: scales and directions from the map (backgrounds after its
    // groups), the directional gradients γ pulled back.
    private double GroupedNegativeLogLikelihood()
    {
        const int L = GroupedBlockTemplates.DirectionCount;
        _groupedEvaluator!.Directions(_groupScales.AsSpan(0, _groupCount), _directions.AsSpan(0, _sspCount * L));
        _natural.AsSpan(_mapCount).CopyTo(_groupScales.AsSpan(_groupCount));
        double f = _grouped!.Evaluate(_groupScales, _directions, _groupGradients, _groupedWorkspace!);
        if (!double.IsFinite(f)) return f;
        _groupedEvaluator.GroupPullback(_groupGradients.AsSpan(0, _groupCount * L), _dNatural.AsSpan(0, _mapCount));
        for (int b = 0; b < _groupScales.Length - _groupCount; b++) _dNatural[_mapCount + b] = _groupGradients[(_groupCount + b) * L];
        return f;
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
