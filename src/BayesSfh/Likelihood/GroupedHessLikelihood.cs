namespace BayesSfh.Likelihood;

/// <summary>
/// <see cref="HessLikelihood"/> for coefficients given in groups, r_t = s_g v_t,0 (t in group g), when only the
/// directional gradients γ_g,l = Σ_{t∈g} v_t,l ∂F/∂r_t (l &lt; 3) are needed: one pass over the templates instead of
/// two (<see cref="GroupedBlockTemplates"/>). Same F and, up to rounding, the same gradient as
/// <see cref="HessLikelihood.Evaluate"/> contracted along the directions. Read-only and thread-safe; each caller brings
/// its own <see cref="GroupedWorkspace"/>.
/// </summary>
public sealed class GroupedHessLikelihood
{
    private readonly double[] _counts, _inverseCounts, _zeroMask, _emptyBinSums;
    private readonly double _totalCount;
    private readonly int _occupied;

    internal GroupedHessLikelihood(GroupedBlockTemplates matrix, double[] counts, double[] inverseCounts, double[] zeroMask,
        double[] emptyBinSums, double totalCount, int occupied)
    {
        Matrix = matrix;
        (_counts, _inverseCounts, _zeroMask, _emptyBinSums, _totalCount, _occupied) = (counts, inverseCounts, zeroMask, emptyBinSums, totalCount, occupied);
    }

    /// <summary>The column-major templates read by every evaluation.</summary>
    public GroupedBlockTemplates Matrix { get; }

    /// <summary>Number of coefficients (rows).</summary>
    public int CoefficientCount => Matrix.RowCount;

    /// <summary>Number of groups.</summary>
    public int GroupCount => Matrix.GroupCount;

    /// <summary>Creates scratch buffers for one caller.</summary>
    public GroupedWorkspace CreateWorkspace() => new(Matrix);

    /// <summary>
    /// Returns F(r) for r_t = s_g v_t,0 and writes γ_g,l = Σ_{t∈g} v_t,l ∂F/∂r_t at g·3 + l. Bins without stars enter
    /// through the per-row sums s_t of <see cref="HessLikelihood"/>: F gains Σ_t r_t s_t and γ_g,l gains Σ_{t∈g} v_t,l s_t.
    /// Allocation-free.
    /// </summary>
    /// <returns>F ≥ 0, or +∞ when a bin with stars has zero model (never NaN).</returns>
    /// <exception cref="ArgumentException">Wrong span lengths.</exception>
    public double Evaluate(ReadOnlySpan<double> groupScales, ReadOnlySpan<double> directions, Span<double> groupGradients, GroupedWorkspace workspace)
    {
        var model = workspace.Model;
        Matrix.Evaluate(groupScales, directions, _counts, model, groupGradients, workspace.Scratch);
        int n = _occupied;
        double value = PoissonRatio.Value(model[..n], _counts.AsSpan(0, n), _inverseCounts.AsSpan(0, n), _zeroMask.AsSpan(0, n),
            _totalCount, workspace.Buffer[..n]);
        var groupOfRow = Matrix.GroupOfRow;
        const int L = GroupedBlockTemplates.DirectionCount;
        for (int t = 0; t < _emptyBinSums.Length; t++)
        {
            double sum = _emptyBinSums[t];
            if (sum == 0) continue;
            int g = groupOfRow[t];
            value += groupScales[g] * directions[t * L] * sum;
            for (int l = 0; l < L; l++) groupGradients[g * L + l] += directions[t * L + l] * sum;
        }
        return double.IsNaN(value) ? double.PositiveInfinity : value;
    }
}

/// <summary>Per-caller buffers of a <see cref="GroupedHessLikelihood"/>; never share one between threads.</summary>
public sealed class GroupedWorkspace
{
    private readonly CacheAlignedArray<double> _model, _buffer;

    internal GroupedWorkspace(GroupedBlockTemplates matrix)
    {
        _model = new CacheAlignedArray<double>(matrix.PaddedColumnCount);
        _buffer = new CacheAlignedArray<double>(matrix.PaddedColumnCount);
        Scratch = matrix.CreateScratch();
    }

    internal Span<double> Model => _model.Span;
    internal Span<double> Buffer => _buffer.Span;
    internal GroupedScratch Scratch { get; }
}
