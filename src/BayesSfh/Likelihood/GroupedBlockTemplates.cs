using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace BayesSfh.Likelihood;

/// <summary>
/// Templates stored for a one-pass evaluation of F and its gradient when the coefficients come in groups,
/// r_t = s_g v_t,0 for the rows t of group g, and the gradient is only needed along a few per-row directions v_t,l
/// (l &lt; <see cref="DirectionCount"/>): γ_g,l = Σ_{t∈g} v_t,l ∂F/∂r_t.
/// </summary>
/// <remarks>
/// Blocks of 8 bins in single precision, stored column-major; within a block column the entries are ordered by group,
/// so each group's entries form one run. A run is summed along the three directions in registers
/// (A_g,l = Σ_{t∈g} v_t,l c_t over the column's 8 bins), the run sums give m = Σ_g s_g A_g,0, then ∂F/∂m = 1 − n/m
/// for those 8 bins, and γ_g,l += Σ_i (∂F/∂m_i) A_g,l,i. The templates are thus read once per evaluation instead of
/// twice (model sum, then row dot products), at the price of three multiply–adds per stored value instead of two.
/// Immutable after construction; one instance serves parallel callers, each with its own <see cref="GroupedScratch"/>.
/// </remarks>
public sealed class GroupedBlockTemplates
{
    /// <summary>Bins per block.</summary>
    public const int BlockWidth = 8;

    /// <summary>Directions per row.</summary>
    public const int DirectionCount = 3;

    private readonly int[] _columnRunStart; // per block column: its first run; length blockColumns + 1
    private readonly int[] _runEnd;         // per run: one past its last entry (runs of a column are consecutive)
    private readonly int[] _runGroup;
    private readonly int[] _entryRow;
    private readonly int[] _groupOfRow;
    private readonly CacheAlignedArray<float> _values;

    /// <summary>Packs sparse rows into block columns, each column's entries ordered by group.</summary>
    /// <param name="rows">Per row, strictly increasing column indices and their values.</param>
    /// <param name="columnCount">Number of columns before padding.</param>
    /// <param name="groupOfRow">The group of each row, in 0 … <paramref name="groupCount"/> − 1.</param>
    /// <param name="groupCount">Number of groups.</param>
    public GroupedBlockTemplates(IReadOnlyList<(int[] Columns, double[] Values)> rows, int columnCount, IReadOnlyList<int> groupOfRow, int groupCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columnCount);
        if (groupOfRow.Count != rows.Count) throw new ArgumentException($"{groupOfRow.Count} groups given for {rows.Count} rows.", nameof(groupOfRow));
        foreach (int g in groupOfRow)
            if (g < 0 || g >= groupCount) throw new ArgumentOutOfRangeException(nameof(groupOfRow), $"Group {g} is outside 0 … {groupCount - 1}.");
        RowCount = rows.Count;
        _groupOfRow = [.. groupOfRow];
        GroupCount = groupCount;
        ColumnCount = columnCount;
        PaddedColumnCount = (columnCount + BlockWidth - 1) / BlockWidth * BlockWidth;
        int blockColumns = PaddedColumnCount / BlockWidth;
        // Entries per block column as (group, row, the block's 8 values).
        var entries = new List<(int Group, int Row, float[] Values)>[blockColumns];
        for (int c = 0; c < blockColumns; c++) entries[c] = [];
        for (int t = 0; t < RowCount; t++)
        {
            var (cols, vals) = rows[t];
            float[]? block = null;
            int previous = -1;
            for (int e = 0; e < cols.Length; e++)
            {
                int b = cols[e] / BlockWidth;
                if (b != previous)
                {
                    block = new float[BlockWidth];
                    entries[b].Add((groupOfRow[t], t, block));
                    previous = b;
                }
                block![cols[e] % BlockWidth] = (float)vals[e];
            }
        }
        int total = entries.Sum(list => list.Count);
        _values = new CacheAlignedArray<float>(total * BlockWidth);
        _entryRow = new int[total];
        _columnRunStart = new int[blockColumns + 1];
        var runEnd = new List<int>();
        var runGroup = new List<int>();
        int next = 0;
        var values = _values.Span;
        for (int c = 0; c < blockColumns; c++)
        {
            _columnRunStart[c] = runEnd.Count;
            foreach (var (group, row, block) in entries[c].OrderBy(x => x.Group).ThenBy(x => x.Row))
            {
                if (runGroup.Count == _columnRunStart[c] || runGroup[^1] != group)
                {
                    runGroup.Add(group);
                    runEnd.Add(0);
                }
                _entryRow[next] = row;
                block.CopyTo(values.Slice(next * BlockWidth, BlockWidth));
                runEnd[^1] = ++next;
            }
        }
        _columnRunStart[blockColumns] = runEnd.Count;
        _runEnd = [.. runEnd];
        _runGroup = [.. runGroup];
        MaximumRunsPerColumn = blockColumns == 0 ? 0 : Enumerable.Range(0, blockColumns).Max(c => _columnRunStart[c + 1] - _columnRunStart[c]);
        BlockCount = total;
    }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Number of groups.</summary>
    public int GroupCount { get; }

    /// <summary>The group of each row.</summary>
    public ReadOnlySpan<int> GroupOfRow => _groupOfRow;

    /// <summary>Number of columns before padding.</summary>
    public int ColumnCount { get; }

    /// <summary>Columns rounded up to whole blocks: the length of every column-space span.</summary>
    public int PaddedColumnCount { get; }

    /// <summary>Number of stored blocks.</summary>
    public int BlockCount { get; }

    /// <summary>Bytes read by one evaluation: the stored values and each entry's row index.</summary>
    public long BytesPerPass => (long)BlockCount * (BlockWidth * sizeof(float) + sizeof(int));

    /// <summary>The largest number of groups in one block column (sizes <see cref="GroupedScratch"/>).</summary>
    public int MaximumRunsPerColumn { get; }

    /// <summary>Creates scratch space for one caller.</summary>
    public GroupedScratch CreateScratch() => new(MaximumRunsPerColumn, GroupCount);

    /// <summary>
    /// Writes m = Σ_g s_g Σ_{t∈g} v_t,0 c_t into <paramref name="model"/> and γ_g,l = Σ_i (1 − n_i/m_i) Σ_{t∈g} v_t,l c_t,i
    /// into <paramref name="groupGradients"/> (g·3 + l), in one pass over the templates. m_i is floored at
    /// <see cref="PoissonRatio.ModelFloor"/> in the ratio, as in <see cref="PoissonRatio.Evaluate"/>. Allocation-free.
    /// </summary>
    /// <param name="groupScales">s_g, one per group.</param>
    /// <param name="directions">v_t,l at t·3 + l, one triple per row.</param>
    /// <param name="counts">n_i, length <see cref="PaddedColumnCount"/> (0 in the padding).</param>
    /// <param name="model">m_i, length <see cref="PaddedColumnCount"/>.</param>
    /// <param name="groupGradients">γ_g,l, length 3 × <see cref="GroupCount"/>.</param>
    /// <param name="scratch">This caller's scratch.</param>
    /// <exception cref="ArgumentException">Wrong span lengths.</exception>
    public void Evaluate(ReadOnlySpan<double> groupScales, ReadOnlySpan<double> directions, ReadOnlySpan<double> counts,
        Span<double> model, Span<double> groupGradients, GroupedScratch scratch)
    {
        if (groupScales.Length != GroupCount) throw new ArgumentException($"Expected {GroupCount} group scales.", nameof(groupScales));
        if (directions.Length != RowCount * DirectionCount) throw new ArgumentException($"Expected {RowCount * DirectionCount} direction values.", nameof(directions));
        if (counts.Length != PaddedColumnCount || model.Length != PaddedColumnCount)
            throw new ArgumentException($"Counts and model must have {PaddedColumnCount} elements.");
        if (groupGradients.Length != GroupCount * DirectionCount) throw new ArgumentException($"Expected {GroupCount * DirectionCount} group gradients.", nameof(groupGradients));
        var gamma = scratch.Gamma;
        gamma.Clear();
        var runs = scratch.Runs;
        ref float values = ref MemoryMarshal.GetReference(_values.Span);
        ref int entryRow = ref MemoryMarshal.GetArrayDataReference(_entryRow);
        ref int runEnd = ref MemoryMarshal.GetArrayDataReference(_runEnd);
        ref int runGroup = ref MemoryMarshal.GetArrayDataReference(_runGroup);
        ref double v = ref MemoryMarshal.GetReference(directions);
        ref double s = ref MemoryMarshal.GetReference(groupScales);
        ref Vector256<double> run = ref MemoryMarshal.GetReference(runs);
        ref Vector256<double> g = ref MemoryMarshal.GetReference(gamma);
        var floor = Vector256.Create(PoissonRatio.ModelFloor);
        var one = Vector256.Create(1.0);
        int blockColumns = _columnRunStart.Length - 1;
        nint e = 0;
        for (int c = 0; c < blockColumns; c++)
        {
            int firstRun = _columnRunStart[c], lastRun = _columnRunStart[c + 1];
            var mLow = Vector256<double>.Zero;
            var mHigh = Vector256<double>.Zero;
            for (int r = firstRun; r < lastRun; r++)
            {
                Vector256<double> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default;
                for (nint end = Unsafe.Add(ref runEnd, r); e < end; e++)
                {
                    ref double vt = ref Unsafe.Add(ref v, Unsafe.Add(ref entryRow, e) * DirectionCount);
                    var low = BlockSparseTemplates.Widen(ref values, (nuint)(e * BlockWidth));
                    var high = BlockSparseTemplates.Widen(ref values, (nuint)(e * BlockWidth + 4));
                    var w0 = Vector256.Create(vt);
                    var w1 = Vector256.Create(Unsafe.Add(ref vt, 1));
                    var w2 = Vector256.Create(Unsafe.Add(ref vt, 2));
                    a0 = Vector256.FusedMultiplyAdd(low, w0, a0);
                    b0 = Vector256.FusedMultiplyAdd(high, w0, b0);
                    a1 = Vector256.FusedMultiplyAdd(low, w1, a1);
                    b1 = Vector256.FusedMultiplyAdd(high, w1, b1);
                    a2 = Vector256.FusedMultiplyAdd(low, w2, a2);
                    b2 = Vector256.FusedMultiplyAdd(high, w2, b2);
                }
                var scale = Vector256.Create(Unsafe.Add(ref s, Unsafe.Add(ref runGroup, r)));
                mLow = Vector256.FusedMultiplyAdd(a0, scale, mLow);
                mHigh = Vector256.FusedMultiplyAdd(b0, scale, mHigh);
                ref var slot = ref Unsafe.Add(ref run, (r - firstRun) * 2 * DirectionCount);
                slot = a0;
                Unsafe.Add(ref slot, 1) = b0;
                Unsafe.Add(ref slot, 2) = a1;
                Unsafe.Add(ref slot, 3) = b1;
                Unsafe.Add(ref slot, 4) = a2;
                Unsafe.Add(ref slot, 5) = b2;
            }
            int bin = c * BlockWidth;
            mLow.StoreUnsafe(ref MemoryMarshal.GetReference(model), (nuint)bin);
            mHigh.StoreUnsafe(ref MemoryMarshal.GetReference(model), (nuint)(bin + 4));
            var rhoLow = one - Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(counts), (nuint)bin) / Vector256.Max(mLow, floor);
            var rhoHigh = one - Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(counts), (nuint)(bin + 4)) / Vector256.Max(mHigh, floor);
            for (int r = firstRun; r < lastRun; r++)
            {
                ref var slot = ref Unsafe.Add(ref run, (r - firstRun) * 2 * DirectionCount);
                ref var target = ref Unsafe.Add(ref g, Unsafe.Add(ref runGroup, r) * DirectionCount);
                target = Vector256.FusedMultiplyAdd(Unsafe.Add(ref slot, 1), rhoHigh, Vector256.FusedMultiplyAdd(slot, rhoLow, target));
                Unsafe.Add(ref target, 1) = Vector256.FusedMultiplyAdd(Unsafe.Add(ref slot, 3), rhoHigh, Vector256.FusedMultiplyAdd(Unsafe.Add(ref slot, 2), rhoLow, Unsafe.Add(ref target, 1)));
                Unsafe.Add(ref target, 2) = Vector256.FusedMultiplyAdd(Unsafe.Add(ref slot, 5), rhoHigh, Vector256.FusedMultiplyAdd(Unsafe.Add(ref slot, 4), rhoLow, Unsafe.Add(ref target, 2)));
            }
        }
        for (int i = 0; i < groupGradients.Length; i++) groupGradients[i] = Vector256.Sum(gamma[i]);
    }
}

/// <summary>Per-caller scratch of <see cref="GroupedBlockTemplates.Evaluate"/>; never share one between threads.</summary>
public sealed class GroupedScratch
{
    private readonly Vector256<double>[] _runs, _gamma;

    internal GroupedScratch(int maximumRunsPerColumn, int groupCount)
    {
        _runs = new Vector256<double>[Math.Max(1, maximumRunsPerColumn) * 2 * GroupedBlockTemplates.DirectionCount];
        _gamma = new Vector256<double>[Math.Max(1, groupCount) * GroupedBlockTemplates.DirectionCount];
    }

    internal Span<Vector256<double>> Runs => _runs;
    internal Span<Vector256<double>> Gamma => _gamma;
}
