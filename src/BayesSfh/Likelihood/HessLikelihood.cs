using System.Numerics.Tensors;
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
/// since such bins must be empty (checked here), they contribute nothing. Active bins without stars (n_i = 0) add
/// m_i to F and c_t,i to ∂F/∂r_t, both linear in r, so they are folded into per-template sums s_t = Σ_{i: n_i = 0} c_t,i
/// fixed at construction: F gains r·s and ∂F/∂r_t gains s_t. The per-evaluation passes over the templates
/// (<see cref="Matrix"/>) therefore touch only the bins that hold stars.
/// </remarks>
public sealed class HessLikelihood
{
    private readonly int[] _activeBins, _occupiedBins, _emptyBins;
    private readonly double[] _counts, _inverseCounts, _zeroMask, _emptyBinSums;
    private readonly BlockSparseTemplates _emptyBinMatrix;
    private readonly int[] _column;
    private readonly bool[] _isOccupied;

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
        var countsArray = counts.ToArray();
        _occupiedBins = [.. _activeBins.Where(i => countsArray[i] > 0)];
        _emptyBins = [.. _activeBins.Where(i => !(countsArray[i] > 0))];
        // Column of each bin in its matrix: occupied bins in Matrix, empty active bins in _emptyBinMatrix.
        _column = new int[binCount];
        _isOccupied = new bool[binCount];
        for (int a = 0; a < _occupiedBins.Length; a++) (_column[_occupiedBins[a]], _isOccupied[_occupiedBins[a]]) = (a, true);
        for (int a = 0; a < _emptyBins.Length; a++) _column[_emptyBins[a]] = a;
        var (occupiedRows, emptyRows) = SplitRows();
        Matrix = new BlockSparseTemplates(occupiedRows, _occupiedBins.Length, ColumnCopyMaxBytes);
        _emptyBinMatrix = new BlockSparseTemplates(emptyRows, _emptyBins.Length);
        // s_t from the stored (single-precision) values, as the composite uses them.
        _emptyBinSums = [.. emptyRows.Select(row => row.Item2.Sum(v => (double)(float)v))];
        int padded = Matrix.PaddedColumnCount;
        _counts = new double[padded];
        _inverseCounts = new double[padded];
        _zeroMask = new double[padded];
        for (int a = 0; a < padded; a++)
        {
            double n = a < _occupiedBins.Length ? counts[_occupiedBins[a]] : 0;
            _counts[a] = n;
            _inverseCounts[a] = n > 0 ? 1 / n : 0;
            _zeroMask[a] = n > 0 ? 0 : 1;
        }
        TotalCount = observed.Total;
    }

    // Each template row (SSP templates, then backgrounds) split into its occupied-bin and empty-bin parts, as
    // (column, value) lists in the column numbering of Matrix and _emptyBinMatrix.
    private (List<(int[], double[])> Occupied, List<(int[], double[])> Empty) SplitRows()
    {
        var occupiedRows = new List<(int[], double[])>();
        var emptyRows = new List<(int[], double[])>();
        foreach (var (bins, values) in Templates.Templates.Select(t => (t.Bins, t.Values)).Concat(Templates.Backgrounds.Select(t => (t.Bins, t.Values))))
        {
            List<int> occupiedColumns = [], emptyColumns = [];
            List<double> occupiedValues = [], emptyValues = [];
            for (int e = 0; e < bins.Length; e++)
            {
                (_isOccupied[bins[e]] ? occupiedColumns : emptyColumns).Add(_column[bins[e]]);
                (_isOccupied[bins[e]] ? occupiedValues : emptyValues).Add(values[e]);
            }
            occupiedRows.Add(([.. occupiedColumns], [.. occupiedValues]));
            emptyRows.Add(([.. emptyColumns], [.. emptyValues]));
        }
        return (occupiedRows, emptyRows);
    }

    /// <summary>
    /// The same likelihood evaluated in one pass for coefficients given in groups (<see cref="GroupedHessLikelihood"/>):
    /// <paramref name="groupOfRow"/> gives the group of every coefficient (SSP templates, then backgrounds).
    /// Builds a second, column-major copy of the templates; build it once and share it.
    /// </summary>
    public GroupedHessLikelihood Grouped(IReadOnlyList<int> groupOfRow, int groupCount)
    {
        var (occupiedRows, _) = SplitRows();
        return new GroupedHessLikelihood(new GroupedBlockTemplates(occupiedRows, _occupiedBins.Length, groupOfRow, groupCount),
            _counts, _inverseCounts, _zeroMask, _emptyBinSums, TotalCount, _occupiedBins.Length);
    }

    /// <summary>
    /// The largest <see cref="Matrix"/> (bytes per pass) that also keeps a column-major copy for the composite
    /// (<see cref="BlockSparseTemplates.HasColumnCopy"/>): 1 MiB, so small problems, whose two copies stay in L2/L3,
    /// gain a faster composite, and large ones do not double their memory (docs/performance.md).
    /// </summary>
    public const long ColumnCopyMaxBytes = 1 << 20;

    /// <summary>The templates.</summary>
    public TemplateSet Templates { get; }

    /// <summary>The observed diagram.</summary>
    public HessDiagram Observed { get; }

    /// <summary>
    /// The packed template matrix read by every evaluation (rows: SSP templates then backgrounds; columns: the active
    /// bins that hold stars, in increasing bin order).
    /// </summary>
    public BlockSparseTemplates Matrix { get; }

    /// <summary>Number of coefficients: SSP templates plus backgrounds.</summary>
    public int CoefficientCount => Matrix.RowCount;

    /// <summary>Σ n_i.</summary>
    public double TotalCount { get; }

    /// <summary>Number of bins where some template is non-zero.</summary>
    public int ActiveBinCount => _activeBins.Length;

    /// <summary>Number of active bins that hold stars (the columns of <see cref="Matrix"/>).</summary>
    public int OccupiedBinCount => _occupiedBins.Length;

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
        int n = _occupiedBins.Length;
        double value = PoissonRatio.Evaluate(
            model[..n], _counts.AsSpan(0, n), _inverseCounts.AsSpan(0, n), _zeroMask.AsSpan(0, n),
            TotalCount, residual[..n], workspace.Scratch[..n]);
        Matrix.RowDots(residual, gradient);
        TensorPrimitives.Add(gradient, _emptyBinSums, gradient);
        return WithEmptyBins(value, coefficients);
    }

    /// <summary>Returns F(r) without the gradient.</summary>
    public double Value(ReadOnlySpan<double> coefficients, LikelihoodWorkspace workspace)
    {
        var model = workspace.Model;
        Matrix.Composite(coefficients, model);
        int n = _occupiedBins.Length;
        return WithEmptyBins(PoissonRatio.Value(model[..n], _counts.AsSpan(0, n), _inverseCounts.AsSpan(0, n), _zeroMask.AsSpan(0, n), TotalCount, workspace.Scratch[..n]), coefficients);
    }

    /// <summary>Writes the expected counts m_i for every bin of the full diagram (zero outside the active bins).</summary>
    public void ExpectedCounts(ReadOnlySpan<double> coefficients, Span<double> destination)
    {
        if (destination.Length != Templates.BinCount) throw new ArgumentException($"Destination must have {Templates.BinCount} elements.", nameof(destination));
        var occupied = new double[Matrix.PaddedColumnCount];
        var empty = new double[_emptyBinMatrix.PaddedColumnCount];
        Matrix.Composite(coefficients, occupied);
        _emptyBinMatrix.Composite(coefficients, empty);
        destination.Clear();
        for (int a = 0; a < _occupiedBins.Length; a++) destination[_occupiedBins[a]] = occupied[a];
        for (int a = 0; a < _emptyBins.Length; a++) destination[_emptyBins[a]] = empty[a];
    }

    // F over the occupied bins plus Σ_{i: n_i = 0} m_i = r·s (keeps +∞ and maps NaN to +∞, as PoissonRatio does).
    private double WithEmptyBins(double occupiedValue, ReadOnlySpan<double> coefficients)
    {
        double value = occupiedValue + TensorPrimitives.Dot(coefficients, _emptyBinSums);
        return double.IsNaN(value) ? double.PositiveInfinity : value;
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
