using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BayesSfh.Likelihood;

/// <summary>
/// Templates stored block-sparse: each template (row) keeps only the aligned blocks of <see cref="BlockWidth"/> bins
/// that hold a non-zero value, in single precision; products accumulate in double precision.
/// </summary>
/// <remarks>
/// Hess templates of isochrones are sparse and locally contiguous (a smoothed track crosses each magnitude row in a
/// few adjacent colour bins), so fixed aligned blocks keep the work proportional to the non-zeros while every block
/// is one 8-wide SIMD load. The two kernels are hand-written with <see cref="Vector256"/> because each is a fused
/// gather-free loop over many very short rows, where a call per row into TensorPrimitives would cost more than the
/// arithmetic. The values start on a cache-line boundary so that no block straddles two lines. Immutable after
/// construction, so one instance is shared safely by parallel chains.
/// </remarks>
public sealed class BlockSparseTemplates
{
    /// <summary>Bins per block.</summary>
    public const int BlockWidth = 8;

    private readonly int[] _rowStart;
    private readonly int[] _blockOffset;
    private readonly CacheAlignedArray<float> _values;

    // Optional column-major copy for Composite. Block columns are stored in slots ordered by decreasing entry count
    // (ties by column), so that the four columns the kernel sums side by side have nearly equal lengths. Slot s holds
    // block column _slotColumn[s]: entries _columnStart[s] … _columnStart[s+1] − 1 in increasing row order, each the
    // row index and the same 8 values as the row-major block.
    private readonly int[]? _columnStart, _columnRow, _slotColumn;
    private readonly CacheAlignedArray<float>? _columnValues;

    /// <summary>Packs sparse rows into blocks.</summary>
    /// <param name="rows">Per row, strictly increasing column indices and their values.</param>
    /// <param name="columnCount">Number of columns before padding (may be 0, with empty rows).</param>
    /// <param name="columnCopyMaxBytes">
    /// Also keep a column-major copy of the blocks for <see cref="Composite"/> when it takes at most this many bytes
    /// (<see cref="BytesPerPass"/>; 0, the default, never). The copy makes Composite faster while the two copies
    /// stay cache-resident, and doubles the stored matrix.
    /// </param>
    public BlockSparseTemplates(IReadOnlyList<(int[] Columns, double[] Values)> rows, int columnCount, long columnCopyMaxBytes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columnCount);
        ArgumentOutOfRangeException.ThrowIfNegative(columnCopyMaxBytes);
        RowCount = rows.Count;
        ColumnCount = columnCount;
        PaddedColumnCount = (columnCount + BlockWidth - 1) / BlockWidth * BlockWidth;
        _rowStart = new int[RowCount + 1];
        var offsets = new List<int>();
        var values = new List<float>();
        long nonZeros = 0;
        for (int t = 0; t < RowCount; t++)
        {
            var (cols, vals) = rows[t];
            int previousBlock = -1;
            for (int e = 0; e < cols.Length; e++)
            {
                int block = cols[e] / BlockWidth;
                if (block != previousBlock)
                {
                    offsets.Add(block * BlockWidth);
                    for (int i = 0; i < BlockWidth; i++) values.Add(0f);
                    previousBlock = block;
                }
                values[values.Count - BlockWidth + cols[e] % BlockWidth] = (float)vals[e];
                nonZeros++;
            }
            _rowStart[t + 1] = offsets.Count;
        }
        _blockOffset = [.. offsets];
        _values = new CacheAlignedArray<float>(values.Count);
        values.CopyTo(_values.Span);
        NonZeros = nonZeros;
        if (BlockCount > 0 && BytesPerPass <= columnCopyMaxBytes)
        {
            int blockColumns = PaddedColumnCount / BlockWidth;
            var entries = new int[blockColumns];
            foreach (int offset in _blockOffset) entries[offset / BlockWidth]++;
            _slotColumn = [.. Enumerable.Range(0, blockColumns).OrderByDescending(c => entries[c]).ThenBy(c => c)];
            _columnStart = new int[blockColumns + 1];
            var next = new int[blockColumns];
            for (int slot = 0; slot < blockColumns; slot++)
            {
                next[_slotColumn[slot]] = _columnStart[slot];
                _columnStart[slot + 1] = _columnStart[slot] + entries[_slotColumn[slot]];
            }
            _columnRow = new int[BlockCount];
            _columnValues = new CacheAlignedArray<float>(_values.Length);
            // Rows in increasing order, so each column's entries are too.
            for (int t = 0; t < RowCount; t++)
                for (int b = _rowStart[t]; b < _rowStart[t + 1]; b++)
                {
                    int e = next[_blockOffset[b] / BlockWidth]++;
                    _columnRow[e] = t;
                    _values.Span.Slice(b * BlockWidth, BlockWidth).CopyTo(_columnValues.Span.Slice(e * BlockWidth, BlockWidth));
                }
        }
    }

    /// <summary>True when a column-major copy serves <see cref="Composite"/> (see the constructor).</summary>
    public bool HasColumnCopy => _columnValues is not null;

    /// <summary>Number of templates.</summary>
    public int RowCount { get; }

    /// <summary>Number of bins before padding.</summary>
    public int ColumnCount { get; }

    /// <summary>Number of bins rounded up to a whole block: the length of every bin-space span.</summary>
    public int PaddedColumnCount { get; }

    /// <summary>Number of non-zero template values.</summary>
    public long NonZeros { get; }

    /// <summary>Number of stored blocks.</summary>
    public int BlockCount => _blockOffset.Length;

    /// <summary>Bytes read by one pass over the stored values and block offsets.</summary>
    public long BytesPerPass => (long)_values.Length * sizeof(float) + (long)_blockOffset.Length * sizeof(int);

    /// <summary>Bytes stored: <see cref="BytesPerPass"/>, twice when there is a column-major copy.</summary>
    public long StoredBytes => HasColumnCopy ? 2 * BytesPerPass : BytesPerPass;

    /// <summary>The stored (single-precision) value of row <paramref name="row"/> at <paramref name="column"/>.</summary>
    public double ValueAt(int row, int column)
    {
        for (int b = _rowStart[row]; b < _rowStart[row + 1]; b++)
        {
            int offset = _blockOffset[b];
            if (column >= offset && column < offset + BlockWidth) return _values.Span[b * BlockWidth + column - offset];
        }
        return 0;
    }

    /// <summary>Composite model m = Σ_t r_t c_t (Dolphin 2002, eq. 1).</summary>
    /// <remarks>
    /// Effectively computes <c>destination[i] = Σ_t coefficients[t] · c[t, i]</c>, overwriting destination; each m_i is
    /// accumulated with one fused multiply–add per template in increasing t. Fastest when destination starts on a
    /// 64-byte boundary (as the buffers of <see cref="LikelihoodWorkspace"/> do). With a column-major copy, each block
    /// column is summed in registers (four columns side by side, as in <see cref="RowDots"/>) and stored once, instead of a load and a store of the
    /// destination per block; the FMA chain of every m_i is the same, so the result is the same bits.
    /// </remarks>
    /// <param name="coefficients">r_t, one per row.</param>
    /// <param name="destination">m_i, length <see cref="PaddedColumnCount"/>.</param>
    /// <exception cref="ArgumentException">Wrong span lengths.</exception>
    public void Composite(ReadOnlySpan<double> coefficients, Span<double> destination)
    {
        if (coefficients.Length != RowCount) throw new ArgumentException($"Expected {RowCount} coefficients, got {coefficients.Length}.", nameof(coefficients));
        if (destination.Length != PaddedColumnCount) throw new ArgumentException($"Destination must have {PaddedColumnCount} elements.", nameof(destination));
        if (_columnValues is not null)
        {
            CompositeByColumns(coefficients, destination);
            return;
        }
        destination.Clear();
        ref float values = ref MemoryMarshal.GetReference(_values.Span);
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(_blockOffset);
        ref int rowStart = ref MemoryMarshal.GetArrayDataReference(_rowStart);
        ref double dest = ref MemoryMarshal.GetReference(destination);
        for (int t = 0; t < coefficients.Length; t++)
        {
            double r = coefficients[t];
            if (r == 0) continue;
            var coefficient = Vector256.Create(r);
            nint end = Unsafe.Add(ref rowStart, t + 1);
            for (nint b = Unsafe.Add(ref rowStart, t); b < end; b++)
            {
                ref double target = ref Unsafe.Add(ref dest, Unsafe.Add(ref offsets, b));
                Vector256.FusedMultiplyAdd(LoadLow(ref values, b), coefficient, Vector256.LoadUnsafe(ref target)).StoreUnsafe(ref target);
                Vector256.FusedMultiplyAdd(LoadHigh(ref values, b), coefficient, Vector256.LoadUnsafe(ref target, 4)).StoreUnsafe(ref target, 4);
            }
        }
    }

    private void CompositeByColumns(ReadOnlySpan<double> coefficients, Span<double> destination)
    {
        ref float values = ref MemoryMarshal.GetReference(_columnValues!.Span);
        ref int rows = ref MemoryMarshal.GetArrayDataReference(_columnRow!);
        ref int columnStart = ref MemoryMarshal.GetArrayDataReference(_columnStart!);
        ref int slotColumn = ref MemoryMarshal.GetArrayDataReference(_slotColumn!);
        ref double r = ref MemoryMarshal.GetReference(coefficients);
        ref double dest = ref MemoryMarshal.GetReference(destination);
        int blockColumns = _columnStart!.Length - 1, c = 0;
        for (; c + 3 < blockColumns; c += 4)
        {
            nint a = Unsafe.Add(ref columnStart, c), aEnd = Unsafe.Add(ref columnStart, c + 1);
            nint b = aEnd, bEnd = Unsafe.Add(ref columnStart, c + 2);
            nint e = bEnd, eEnd = Unsafe.Add(ref columnStart, c + 3);
            nint f = eEnd, fEnd = Unsafe.Add(ref columnStart, c + 4);
            Vector256<double> aLow = default, aHigh = default, bLow = default, bHigh = default;
            Vector256<double> eLow = default, eHigh = default, fLow = default, fHigh = default;
            for (nint common = Math.Min(Math.Min(aEnd - a, bEnd - b), Math.Min(eEnd - e, fEnd - f)); common > 0; common--, a++, b++, e++, f++)
            {
                var ra = Vector256.Create(Unsafe.Add(ref r, Unsafe.Add(ref rows, a)));
                var rb = Vector256.Create(Unsafe.Add(ref r, Unsafe.Add(ref rows, b)));
                var re = Vector256.Create(Unsafe.Add(ref r, Unsafe.Add(ref rows, e)));
                var rf = Vector256.Create(Unsafe.Add(ref r, Unsafe.Add(ref rows, f)));
                aLow = Vector256.FusedMultiplyAdd(LoadLow(ref values, a), ra, aLow);
                aHigh = Vector256.FusedMultiplyAdd(LoadHigh(ref values, a), ra, aHigh);
                bLow = Vector256.FusedMultiplyAdd(LoadLow(ref values, b), rb, bLow);
                bHigh = Vector256.FusedMultiplyAdd(LoadHigh(ref values, b), rb, bHigh);
                eLow = Vector256.FusedMultiplyAdd(LoadLow(ref values, e), re, eLow);
                eHigh = Vector256.FusedMultiplyAdd(LoadHigh(ref values, e), re, eHigh);
                fLow = Vector256.FusedMultiplyAdd(LoadLow(ref values, f), rf, fLow);
                fHigh = Vector256.FusedMultiplyAdd(LoadHigh(ref values, f), rf, fHigh);
            }
            AccumulateColumn(ref values, ref rows, ref r, a, aEnd, ref aLow, ref aHigh);
            AccumulateColumn(ref values, ref rows, ref r, b, bEnd, ref bLow, ref bHigh);
            AccumulateColumn(ref values, ref rows, ref r, e, eEnd, ref eLow, ref eHigh);
            AccumulateColumn(ref values, ref rows, ref r, f, fEnd, ref fLow, ref fHigh);
            Store(ref dest, Unsafe.Add(ref slotColumn, c), aLow, aHigh);
            Store(ref dest, Unsafe.Add(ref slotColumn, c + 1), bLow, bHigh);
            Store(ref dest, Unsafe.Add(ref slotColumn, c + 2), eLow, eHigh);
            Store(ref dest, Unsafe.Add(ref slotColumn, c + 3), fLow, fHigh);
        }
        for (; c + 1 < blockColumns; c += 2)
        {
            nint a = Unsafe.Add(ref columnStart, c), aEnd = Unsafe.Add(ref columnStart, c + 1);
            nint b = aEnd, bEnd = Unsafe.Add(ref columnStart, c + 2);
            var aLow = Vector256<double>.Zero;
            var aHigh = Vector256<double>.Zero;
            var bLow = Vector256<double>.Zero;
            var bHigh = Vector256<double>.Zero;
            for (nint common = Math.Min(aEnd - a, bEnd - b); common > 0; common--, a++, b++)
            {
                var ra = Vector256.Create(Unsafe.Add(ref r, Unsafe.Add(ref rows, a)));
                var rb = Vector256.Create(Unsafe.Add(ref r, Unsafe.Add(ref rows, b)));
                aLow = Vector256.FusedMultiplyAdd(LoadLow(ref values, a), ra, aLow);
                aHigh = Vector256.FusedMultiplyAdd(LoadHigh(ref values, a), ra, aHigh);
                bLow = Vector256.FusedMultiplyAdd(LoadLow(ref values, b), rb, bLow);
                bHigh = Vector256.FusedMultiplyAdd(LoadHigh(ref values, b), rb, bHigh);
            }
            AccumulateColumn(ref values, ref rows, ref r, a, aEnd, ref aLow, ref aHigh);
            AccumulateColumn(ref values, ref rows, ref r, b, bEnd, ref bLow, ref bHigh);
            Store(ref dest, Unsafe.Add(ref slotColumn, c), aLow, aHigh);
            Store(ref dest, Unsafe.Add(ref slotColumn, c + 1), bLow, bHigh);
        }
        if (c < blockColumns)
        {
            var low = Vector256<double>.Zero;
            var high = Vector256<double>.Zero;
            AccumulateColumn(ref values, ref rows, ref r, Unsafe.Add(ref columnStart, c), Unsafe.Add(ref columnStart, c + 1), ref low, ref high);
            Store(ref dest, Unsafe.Add(ref slotColumn, c), low, high);
        }
    }

    // Writes one block column's sums to bins 8·column … 8·column + 7.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref double destination, int column, Vector256<double> low, Vector256<double> high)
    {
        ref double target = ref Unsafe.Add(ref destination, column * BlockWidth);
        low.StoreUnsafe(ref target);
        high.StoreUnsafe(ref target, 4);
    }

    // Entries [from, to) of one block column into its two accumulators.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateColumn(ref float values, ref int rows, ref double r, nint from, nint to, ref Vector256<double> low, ref Vector256<double> high)
    {
        for (nint e = from; e < to; e++)
        {
            var coefficient = Vector256.Create(Unsafe.Add(ref r, Unsafe.Add(ref rows, e)));
            low = Vector256.FusedMultiplyAdd(LoadLow(ref values, e), coefficient, low);
            high = Vector256.FusedMultiplyAdd(LoadHigh(ref values, e), coefficient, high);
        }
    }

    /// <summary>Row dot products g_t = Σ_i c_t,i v_i (the transposed product used by the gradient).</summary>
    /// <remarks>
    /// Each row sums its blocks in order into two 4-wide accumulators (bins 0–3 and 4–7 of each block), which are added
    /// and reduced at the end. Four rows are processed side by side (the last 0–3 in a pair and alone), each with its
    /// own accumulators, so that the fused multiply–add latency of one row hides behind the others (8 independent
    /// chains keep both FMA units busy); every row's result is the same as alone.
    /// </remarks>
    /// <param name="vector">v_i, length <see cref="PaddedColumnCount"/>.</param>
    /// <param name="destination">g_t, one per row.</param>
    /// <exception cref="ArgumentException">Wrong span lengths.</exception>
    public void RowDots(ReadOnlySpan<double> vector, Span<double> destination)
    {
        if (vector.Length != PaddedColumnCount) throw new ArgumentException($"Vector must have {PaddedColumnCount} elements.", nameof(vector));
        if (destination.Length != RowCount) throw new ArgumentException($"Expected {RowCount} outputs, got {destination.Length}.", nameof(destination));
        ref float values = ref MemoryMarshal.GetReference(_values.Span);
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(_blockOffset);
        ref int rowStart = ref MemoryMarshal.GetArrayDataReference(_rowStart);
        ref double source = ref MemoryMarshal.GetReference(vector);
        int t = 0;
        for (; t + 3 < destination.Length; t += 4)
        {
            nint a = Unsafe.Add(ref rowStart, t), aEnd = Unsafe.Add(ref rowStart, t + 1);
            nint b = aEnd, bEnd = Unsafe.Add(ref rowStart, t + 2);
            nint c = bEnd, cEnd = Unsafe.Add(ref rowStart, t + 3);
            nint d = cEnd, dEnd = Unsafe.Add(ref rowStart, t + 4);
            Vector256<double> aLow = default, aHigh = default, bLow = default, bHigh = default;
            Vector256<double> cLow = default, cHigh = default, dLow = default, dHigh = default;
            for (nint common = Math.Min(Math.Min(aEnd - a, bEnd - b), Math.Min(cEnd - c, dEnd - d)); common > 0; common--, a++, b++, c++, d++)
            {
                ref double va = ref Unsafe.Add(ref source, Unsafe.Add(ref offsets, a));
                ref double vb = ref Unsafe.Add(ref source, Unsafe.Add(ref offsets, b));
                ref double vc = ref Unsafe.Add(ref source, Unsafe.Add(ref offsets, c));
                ref double vd = ref Unsafe.Add(ref source, Unsafe.Add(ref offsets, d));
                aLow = Vector256.FusedMultiplyAdd(LoadLow(ref values, a), Vector256.LoadUnsafe(ref va), aLow);
                aHigh = Vector256.FusedMultiplyAdd(LoadHigh(ref values, a), Vector256.LoadUnsafe(ref va, 4), aHigh);
                bLow = Vector256.FusedMultiplyAdd(LoadLow(ref values, b), Vector256.LoadUnsafe(ref vb), bLow);
                bHigh = Vector256.FusedMultiplyAdd(LoadHigh(ref values, b), Vector256.LoadUnsafe(ref vb, 4), bHigh);
                cLow = Vector256.FusedMultiplyAdd(LoadLow(ref values, c), Vector256.LoadUnsafe(ref vc), cLow);
                cHigh = Vector256.FusedMultiplyAdd(LoadHigh(ref values, c), Vector256.LoadUnsafe(ref vc, 4), cHigh);
                dLow = Vector256.FusedMultiplyAdd(LoadLow(ref values, d), Vector256.LoadUnsafe(ref vd), dLow);
                dHigh = Vector256.FusedMultiplyAdd(LoadHigh(ref values, d), Vector256.LoadUnsafe(ref vd, 4), dHigh);
            }
            AccumulateRow(ref values, ref offsets, ref source, a, aEnd, ref aLow, ref aHigh);
            AccumulateRow(ref values, ref offsets, ref source, b, bEnd, ref bLow, ref bHigh);
            AccumulateRow(ref values, ref offsets, ref source, c, cEnd, ref cLow, ref cHigh);
            AccumulateRow(ref values, ref offsets, ref source, d, dEnd, ref dLow, ref dHigh);
            destination[t] = Vector256.Sum(aLow + aHigh);
            destination[t + 1] = Vector256.Sum(bLow + bHigh);
            destination[t + 2] = Vector256.Sum(cLow + cHigh);
            destination[t + 3] = Vector256.Sum(dLow + dHigh);
        }
        for (; t + 1 < destination.Length; t += 2)
        {
            nint a = Unsafe.Add(ref rowStart, t), aEnd = Unsafe.Add(ref rowStart, t + 1);
            nint c = aEnd, cEnd = Unsafe.Add(ref rowStart, t + 2);
            var aLow = Vector256<double>.Zero;
            var aHigh = Vector256<double>.Zero;
            var cLow = Vector256<double>.Zero;
            var cHigh = Vector256<double>.Zero;
            for (nint common = Math.Min(aEnd - a, cEnd - c); common > 0; common--, a++, c++)
            {
                ref double va = ref Unsafe.Add(ref source, Unsafe.Add(ref offsets, a));
                ref double vc = ref Unsafe.Add(ref source, Unsafe.Add(ref offsets, c));
                aLow = Vector256.FusedMultiplyAdd(LoadLow(ref values, a), Vector256.LoadUnsafe(ref va), aLow);
                aHigh = Vector256.FusedMultiplyAdd(LoadHigh(ref values, a), Vector256.LoadUnsafe(ref va, 4), aHigh);
                cLow = Vector256.FusedMultiplyAdd(LoadLow(ref values, c), Vector256.LoadUnsafe(ref vc), cLow);
                cHigh = Vector256.FusedMultiplyAdd(LoadHigh(ref values, c), Vector256.LoadUnsafe(ref vc, 4), cHigh);
            }
            AccumulateRow(ref values, ref offsets, ref source, a, aEnd, ref aLow, ref aHigh);
            AccumulateRow(ref values, ref offsets, ref source, c, cEnd, ref cLow, ref cHigh);
            destination[t] = Vector256.Sum(aLow + aHigh);
            destination[t + 1] = Vector256.Sum(cLow + cHigh);
        }
        if (t < destination.Length)
        {
            var low = Vector256<double>.Zero;
            var high = Vector256<double>.Zero;
            AccumulateRow(ref values, ref offsets, ref source, Unsafe.Add(ref rowStart, t), Unsafe.Add(ref rowStart, t + 1), ref low, ref high);
            destination[t] = Vector256.Sum(low + high);
        }
    }

    // Blocks [from, to) of one row into its two accumulators.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateRow(ref float values, ref int offsets, ref double source, nint from, nint to, ref Vector256<double> low, ref Vector256<double> high)
    {
        for (nint b = from; b < to; b++)
        {
            ref double v = ref Unsafe.Add(ref source, Unsafe.Add(ref offsets, b));
            low = Vector256.FusedMultiplyAdd(LoadLow(ref values, b), Vector256.LoadUnsafe(ref v), low);
            high = Vector256.FusedMultiplyAdd(LoadHigh(ref values, b), Vector256.LoadUnsafe(ref v, 4), high);
        }
    }

    // Bins 0–3 of block b, widened to double. With AVX the conversion reads memory directly (vcvtps2pd ymm, m128),
    // which is about a third cheaper than widening a 256-bit load (an extra lane extract per block).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LoadLow(ref float values, nint block) => Widen(ref values, (nuint)(block * BlockWidth));

    // Bins 4–7 of block b, widened to double.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LoadHigh(ref float values, nint block) => Widen(ref values, (nuint)(block * BlockWidth + 4));

    // Four floats at values[index] widened to double (also used by GroupedBlockTemplates).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Widen(ref float values, nuint index)
    {
        var four = Vector128.LoadUnsafe(ref values, index);
        if (Avx.IsSupported) return Avx.ConvertToVector256Double(four);
        var (low, high) = Vector128.Widen(four);
        return Vector256.Create(low, high);
    }
}
