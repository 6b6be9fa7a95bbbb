using BayesSfh.Hess;
using BayesSfh.Templates;

namespace BayesSfh.Likelihood;

/// <summary>
/// F(r) = −ln L of an observed Hess diagram given template coefficients r (SSP templates in <see cref="TemplateSet"/>
/// order, then background amplitudes), and ∂F/∂r_t = Σ_i c_t,i (1 − n_i/m_i). Read-only and thread-safe; each caller
/// brings its own <see cref="LikelihoodWorkspace"/>.
/// </summary>
/// <remarks>
/// Only "active" bins, where at least one template is non-zero, enter the sums: elsewhere m_i = 0 for every r and,
/// since such bins must be empty (checked here), they contribute nothing.
/// </remarks>
public sealed class HessLikelihood
{
    private readonly int[] _activeBins;
    private readonly double[] _counts, _inverseCounts, _zeroMask;

    /// <summary>Builds the likelihood of <paramref name="observed"/> under <paramref name="templates"/>.</summary>
    /// <exception cref="ArgumentException">Bin counts disagree, or a bin with stars lies where no template reaches.</exception>
    public HessLikelihood(TemplateSet templates, HessDiagram observed)
    {
        if (templates.BinCount != observed.BinCount)
            throw new ArgumentException($"The templates have {templates.BinCount} bins but the observed diagram has {observed.BinCount}.");
        Templates = templates;
        Observed = observed;
        int binCount = templates.BinCount;
        var active = new bool[binCount];
        foreach (var t in templates.Templates) foreach (int b in t.Bins) active[b] = true;
        foreach (var t in templates.Backgrounds) foreach (int b in t.Bins) active[b] = true;
        var counts = observed.Counts;
        for (int i = 0; i < binCount; i++)
            if (!active[i] && counts[i] > 0)
                throw new UncoveredBinException(i, counts[i]);
        _activeBins = [.. Enumerable.Range(0, binCount).Where(i => active[i])];
        var compact = new int[binCount];
        for (int a = 0; a < _activeBins.Length; a++) compact[_activeBins[a]] = a;
        var rows = new List<(int[], double[])>();
        foreach (var t in templates.Templates) rows.Add(([.. t.Bins.Select(b => compact[b])], t.Values));
        foreach (var t in templates.Backgrounds) rows.Add(([.. t.Bins.Select(b => compact[b])], t.Values));
        Matrix = new BlockSparseTemplates(rows, _activeBins.Length);
        int padded = Matrix.PaddedColumnCount;
        _counts = new double[padded];
        _inverseCounts = new double[padded];
        _zeroMask = new double[padded];
        for (int a = 0; a < padded; a++)
        {
            double n = a < _activeBins.Length ? counts[_activeBins[a]] : 0;
            _counts[a] = n;
            _inverseCounts[a] = n > 0 ? 1 / n : 0;
            _zeroMask[a] = n > 0 ? 0 : 1;
        }
        TotalCount = observed.Total;
    }

    /// <summary>The templates.</summary>
    public TemplateSet Templates { get; }

    /// <summary>The observed diagram.</summary>
    public HessDiagram Observed { get; }

    /// <summary>The packed template matrix (rows: SSP templates then backgrounds; columns: active bins).</summary>
    public BlockSparseTemplates Matrix { get; }

    /// <summary>Number of coefficients: SSP templates plus backgrounds.</summary>
    public int CoefficientCount => Matrix.RowCount;

    /// <summary>Σ n_i.</summary>
    public double TotalCount { get; }

    /// <summary>Number of bins where some template is non-zero.</summary>
    public int ActiveBinCount => _activeBins.Length;

    /// <summary>Creates scratch buffers for one caller (one chain or thread).</summary>
    public LikelihoodWorkspace CreateWorkspace() => new(Matrix.PaddedColumnCount);

    /// <summary>Returns F(r) and writes ∂F/∂r into <paramref name="gradient"/>. Allocation-free.</summary>
    /// <returns>F ≥ 0, or +∞ when a bin with stars has zero model (never NaN).</returns>
    /// <exception cref="ArgumentException">Wrong span lengths.</exception>
    public double Evaluate(ReadOnlySpan<double> coefficients, Span<double> gradient, LikelihoodWorkspace workspace)
    {
        var model = workspace.Model;
        var residual = workspace.Residual;
        Matrix.Composite(coefficients, model);
        int n = _activeBins.Length;
        double value = PoissonRatio.Evaluate(
            model[..n], _counts.AsSpan(0, n), _inverseCounts.AsSpan(0, n), _zeroMask.AsSpan(0, n),
            TotalCount, residual[..n], workspace.Scratch[..n]);
        Matrix.RowDots(residual, gradient);
        return value;
    }

    /// <summary>Returns F(r) without the gradient.</summary>
    public double Value(ReadOnlySpan<double> coefficients, LikelihoodWorkspace workspace)
    {
        var model = workspace.Model;
        Matrix.Composite(coefficients, model);
        int n = _activeBins.Length;
        return PoissonRatio.Value(model[..n], _counts.AsSpan(0, n), _inverseCounts.AsSpan(0, n), _zeroMask.AsSpan(0, n), TotalCount, workspace.Scratch[..n]);
    }

    /// <summary>Writes the expected counts m_i for every bin of the full diagram (zero outside the active bins).</summary>
    public void ExpectedCounts(ReadOnlySpan<double> coefficients, Span<double> destination)
    {
        if (destination.Length != Templates.BinCount) throw new ArgumentException($"Destination must have {Templates.BinCount} elements.", nameof(destination));
        var model = new double[Matrix.PaddedColumnCount];
        Matrix.Composite(coefficients, model);
        destination.Clear();
        for (int a = 0; a < _activeBins.Length; a++) destination[_activeBins[a]] = model[a];
    }
}

/// <summary>Per-caller scratch buffers of a <see cref="HessLikelihood"/>; never share one between threads.</summary>
/// <remarks>The buffers start on a cache-line boundary, which the block kernels of <see cref="BlockSparseTemplates"/> need to run at full speed.</remarks>
public sealed class LikelihoodWorkspace
{
    private readonly CacheAlignedArray<double> _model, _residual, _scratch;

    internal LikelihoodWorkspace(int paddedBins)
    {
        _model = new CacheAlignedArray<double>(paddedBins);
        _residual = new CacheAlignedArray<double>(paddedBins);
        _scratch = new CacheAlignedArray<double>(paddedBins);
    }

    internal Span<double> Model => _model.Span;
    internal Span<double> Residual => _residual.Span;
    internal Span<double> Scratch => _scratch.Span;
}

/// <summary>A bin holds observed stars but no template reaches it, so no model can explain it.</summary>
public sealed class UncoveredBinException(int bin, double count)
    : ArgumentException($"Bin {bin} has {count} observed stars but every template is zero there; no model can populate it.")
{
    /// <summary>The flattened bin index.</summary>
    public int Bin { get; } = bin;
}
