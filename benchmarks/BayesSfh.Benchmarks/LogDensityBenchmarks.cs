using BayesSfh.Likelihood;
using BayesSfh.Modelling;
using BenchmarkDotNet.Attributes;

namespace BayesSfh.Benchmarks;

/// <summary>
/// One evaluation of the SFH log density and its gradient (power-law MZR, at the model's starting point), its pieces,
/// and the memory-streaming floor (<see cref="StreamingBaseline"/>), for each <see cref="ProblemSize"/>.
/// </summary>
/// <remarks>
/// Pieces, in evaluation order: <see cref="CoefficientMap"/> (x → r and the pullback ∂F/∂r → ∂F/∂x, over J × K cells),
/// <see cref="Composite"/> (m = Σ r_t c_t), <see cref="PoissonRatioPass"/> (F and ∂F/∂m over the active bins),
/// <see cref="RowDots"/> (∂F/∂r_t = Σ_i c_ti ∂F/∂m_i). <see cref="LikelihoodEvaluate"/> is the last three together.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(BandwidthConfig))]
public class LogDensityBenchmarks
{
    private BenchmarkProblem _problem = null!;
    private SfhLogDensity _density = null!, _twoPass = null!, _onePass = null!;
    private double[] _gradient = null!, _coefficientGradient = null!;
    private ArraySegment<double> _model, _residual, _scratch;
    private double[] _natural = null!, _mapCoefficients = null!, _dNatural = null!, _dCoefficients = null!;
    private ICoefficientEvaluator _evaluator = null!;
    private LikelihoodWorkspace _workspace = null!;
    private StreamingBaseline _baseline = null!;
    private GroupedHessLikelihood _grouped = null!;
    private GroupedWorkspace _groupedWorkspace = null!;
    private double[] _groupScales = null!, _directions = null!, _groupGradients = null!;
    private int _mapCount;

    /// <summary>The problem size.</summary>
    [Params(ProblemSize.Small, ProblemSize.Large)]
    public ProblemSize Size { get; set; }

    /// <summary>Builds the problem and every buffer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _problem = BenchmarkProblem.Get(Size);
        var model = _problem.Model;
        _density = model.CreateLogDensity();
        _twoPass = model.CreateLogDensity(Objective.Posterior, onePass: false);
        _onePass = model.CreateLogDensity(Objective.Posterior, onePass: true);
        _gradient = new double[_density.Dimension];
        _workspace = model.Likelihood.CreateWorkspace();
        _coefficientGradient = new double[model.Likelihood.CoefficientCount];
        int padded = _problem.Matrix.PaddedColumnCount, active = _problem.MatrixBins.Length;
        _model = AlignedBuffer.Create(padded);
        _residual = AlignedBuffer.Create(padded);
        _scratch = AlignedBuffer.Create(active);
        _problem.Matrix.Composite(_problem.Coefficients, _model.AsSpan());
        PoissonRatio.Evaluate(_model.AsSpan(0, active), _problem.Counts, _problem.InverseCounts, _problem.ZeroMask, _problem.TotalCount,
            _residual.AsSpan(0, active), _scratch.AsSpan());
        _mapCount = model.Map.Parameters.Count;
        _evaluator = model.Map.CreateEvaluator();
        _natural = [.. model.InitialNatural];
        _mapCoefficients = new double[model.Map.CoefficientCount];
        _dNatural = new double[_mapCount];
        _dCoefficients = new double[model.Map.CoefficientCount];
        model.Likelihood.Evaluate(_problem.Coefficients, _coefficientGradient, _workspace);
        _coefficientGradient.AsSpan(0, _dCoefficients.Length).CopyTo(_dCoefficients);
        _baseline = new StreamingBaseline(_problem.Matrix);
        _grouped = model.GroupedLikelihood ?? throw new InvalidOperationException("The benchmark model has no one-pass likelihood.");
        _groupedWorkspace = _grouped.CreateWorkspace();
        var groupedEvaluator = ((IGroupedCoefficientMap)model.Map).CreateGroupedEvaluator();
        groupedEvaluator.Coefficients(_natural.AsSpan(0, _mapCount), _mapCoefficients);
        _groupScales = new double[_grouped.GroupCount];
        _directions = new double[_grouped.CoefficientCount * GroupedBlockTemplates.DirectionCount];
        _groupGradients = new double[_grouped.GroupCount * GroupedBlockTemplates.DirectionCount];
        groupedEvaluator.Directions(_groupScales, _directions);
        if (!double.IsFinite(LogDensityAndGradient())) throw new InvalidOperationException("The log density is not finite at the starting point.");
    }

    /// <summary>The floor: two Vector256 passes over as many bytes as the stored templates.</summary>
    [Benchmark(Baseline = true)]
    public double StreamTwice() => _baseline.SumTwice();

    /// <summary>The floor with the float → double widening every kernel needs: two widened passes.</summary>
    [Benchmark]
    public double StreamTwiceWidened() => _baseline.SumWidenedTwice();

    /// <summary>SfhLogDensity.ValueAndGradient: the whole evaluation a sampler pays per leapfrog step.</summary>
    [Benchmark]
    public double LogDensityAndGradient() => _density.ValueAndGradient(_problem.Theta, _gradient);

    /// <summary>LogDensityAndGradient with the two-pass likelihood (HessLikelihood.Evaluate) whatever the size.</summary>
    [Benchmark]
    public double LogDensityTwoPass() => _twoPass.ValueAndGradient(_problem.Theta, _gradient);

    /// <summary>LogDensityAndGradient with the one-pass likelihood (GroupedHessLikelihood.Evaluate) whatever the size.</summary>
    [Benchmark]
    public double LogDensityOnePass() => _onePass.ValueAndGradient(_problem.Theta, _gradient);

    /// <summary>HessLikelihood.Evaluate: Composite + PoissonRatio + RowDots.</summary>
    [Benchmark]
    public double LikelihoodEvaluate() => _problem.Model.Likelihood.Evaluate(_problem.Coefficients, _coefficientGradient, _workspace);

    /// <summary>GroupedHessLikelihood.Evaluate: F and the directional gradients in one template pass.</summary>
    [Benchmark]
    public double GroupedEvaluate() => _grouped.Evaluate(_groupScales, _directions, _groupGradients, _groupedWorkspace);

    /// <summary>BlockSparseTemplates.Composite: m = Σ_t r_t c_t.</summary>
    [Benchmark]
    public double Composite()
    {
        _problem.Matrix.Composite(_problem.Coefficients, _model.AsSpan());
        return _model[0];
    }

    /// <summary>PoissonRatio.Evaluate over the matrix columns.</summary>
    [Benchmark]
    public double PoissonRatioPass()
    {
        int n = _problem.MatrixBins.Length;
        return PoissonRatio.Evaluate(_model.AsSpan(0, n), _problem.Counts, _problem.InverseCounts, _problem.ZeroMask, _problem.TotalCount,
            _residual.AsSpan(0, n), _scratch.AsSpan());
    }

    /// <summary>BlockSparseTemplates.RowDots: g_t = Σ_i c_ti v_i.</summary>
    [Benchmark]
    public double RowDots()
    {
        _problem.Matrix.RowDots(_residual.AsSpan(), _coefficientGradient);
        return _coefficientGradient[0];
    }

    /// <summary>The metallicity model: coefficients r(x) and the pullback of ∂F/∂r (J × K cells each).</summary>
    [Benchmark]
    public double CoefficientMap()
    {
        _evaluator.Coefficients(_natural.AsSpan(0, _mapCount), _mapCoefficients);
        _evaluator.Pullback(_dCoefficients, _dNatural);
        return _dNatural[0];
    }
}
