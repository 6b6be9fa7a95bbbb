using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
/// arithmetic. Immutable after construction, so one instance is shared safely by parallel chains.
/// </remarks>
public sealed class BlockSparseTemplates
{
    /// <summary>Bins per block.</summary>
    public const int BlockWidth = 8;

    private readonly int[] _rowStart;
    private readonly int[] _blockOffset;
    private readonly float[] _values;

    /// <summary>Packs sparse rows into blocks.</summary>
    /// <param name="rows">Per row, strictly increasing column indices and their values.</param>
    /// <param name="columnCount">Number of columns before padding.</param>
    public BlockSparseTemplates(IReadOnlyList<(int[] Columns, double[] Values)> rows, int columnCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columnCount, 1);
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
        _values = [.. values];
        NonZeros = nonZeros;
    }

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

    /// <summary>The stored (single-precision) value of row <paramref name="row"/> at <paramref name="column"/>.</summary>
    public double ValueAt(int row, int column)
    {
        for (int b = _rowStart[row]; b < _rowStart[row + 1]; b++)
        {
            int offset = _blockOffset[b];
            if (column >= offset && column < offset + BlockWidth) return _values[b * BlockWidth + column - offset];
        }
        return 0;
    }

    /// <summary>Composite model m = Σ_t r_t c_t (Dolphin 2002, eq. 1).</summary>
    /// <remarks>Effectively computes <c>destination[i] = Σ_t coefficients[t] · c[t, i]</c>, overwriting destination.</remarks>
    /// <param name="coefficients">r_t, one per row.</param>
    /// <param name="destination">m_i, length <see cref="PaddedColumnCount"/>.</param>
    /// <exception cref="ArgumentException">Wrong span lengths.</exception>
    public void Composite(ReadOnlySpan<double> coefficients, Span<double> destination)
    {
        if (coefficients.Length != RowCount) throw new ArgumentException($"Expected {RowCount} coefficients, got {coefficients.Length}.", nameof(coefficients));
        if (destination.Length != PaddedColumnCount) throw new ArgumentException($"Destination must have {PaddedColumnCount} elements.", nameof(destination));
        destination.Clear();
        ref float values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref double dest = ref MemoryMarshal.GetReference(destination);
        for (int t = 0; t < RowCount; t++)
        {
            double r = coefficients[t];
            if (r == 0) continue;
            var coefficient = Vector256.Create(r);
            int end = _rowStart[t + 1];
            for (int b = _rowStart[t]; b < end; b++)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref values, (nuint)(b * BlockWidth)));
                ref double target = ref Unsafe.Add(ref dest, _blockOffset[b]);
                Vector256.FusedMultiplyAdd(low, coefficient, Vector256.LoadUnsafe(ref target)).StoreUnsafe(ref target);
                Vector256.FusedMultiplyAdd(high, coefficient, Vector256.LoadUnsafe(ref target, 4)).StoreUnsafe(ref target, 4);
            }
        }
    }

    /// <summary>Row dot products g_t = Σ_i c_t,i v_i (the transposed product used by the gradient).</summary>
    /// <param name="vector">v_i, length <see cref="PaddedColumnCount"/>.</param>
    /// <param name="destination">g_t, one per row.</param>
    /// <exception cref="ArgumentException">Wrong span lengths.</exception>
    public void RowDots(ReadOnlySpan<double> vector, Span<double> destination)
    {
        if (vector.Length != PaddedColumnCount) throw new ArgumentException($"Vector must have {PaddedColumnCount} elements.", nameof(vector));
        if (destination.Length != RowCount) throw new ArgumentException($"Expected {RowCount} outputs, got {destination.Length}.", nameof(destination));
        ref float values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref double source = ref MemoryMarshal.GetReference(vector);
        for (int t = 0; t < RowCount; t++)
        {
            var sumLow = Vector256<double>.Zero;
            var sumHigh = Vector256<double>.Zero;
            int end = _rowStart[t + 1];
            for (int b = _rowStart[t]; b < end; b++)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref values, (nuint)(b * BlockWidth)));
                ref double v = ref Unsafe.Add(ref source, _blockOffset[b]);
                sumLow = Vector256.FusedMultiplyAdd(low, Vector256.LoadUnsafe(ref v), sumLow);
                sumHigh = Vector256.FusedMultiplyAdd(high, Vector256.LoadUnsafe(ref v, 4), sumHigh);
            }
            destination[t] = Vector256.Sum(sumLow + sumHigh);
        }
    }
}
