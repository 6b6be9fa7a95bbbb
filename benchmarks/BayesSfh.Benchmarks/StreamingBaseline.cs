using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BayesSfh.Likelihood;

namespace BayesSfh.Benchmarks;

/// <summary>
/// The memory-streaming floor of one log-density evaluation: the same number of stored floats and block offsets as a
/// <see cref="BlockSparseTemplates"/>, read twice (Composite and RowDots each make one pass) and summed with
/// <see cref="Vector256"/>. No evaluation can read the templates twice with less work.
/// </summary>
public sealed class StreamingBaseline
{
    private readonly float[] _values;
    private readonly int[] _offsets;

    /// <summary>Creates arrays of the size stored by <paramref name="matrix"/> (BlockCount × 8 floats, BlockCount ints).</summary>
    public StreamingBaseline(BlockSparseTemplates matrix)
    {
        int blocks = matrix.BlockCount;
        _values = new float[blocks * BlockSparseTemplates.BlockWidth];
        _offsets = new int[blocks];
        for (int i = 0; i < _values.Length; i++) _values[i] = i % 251 * 0.01f;
        for (int i = 0; i < _offsets.Length; i++) _offsets[i] = i % 97 * 8;
        if (BytesPerPass != matrix.BytesPerPass) throw new InvalidOperationException("The baseline must stream exactly the stored bytes.");
    }

    /// <summary>Bytes of one pass (must equal <see cref="BlockSparseTemplates.BytesPerPass"/>).</summary>
    public long BytesPerPass => (long)_values.Length * sizeof(float) + (long)_offsets.Length * sizeof(int);

    /// <summary>Two passes over every stored value and offset; returns their sum so the JIT cannot drop the reads.</summary>
    public double SumTwice() => Sum() + Sum();

    /// <summary>
    /// As <see cref="SumTwice"/>, but every value is widened to double before it is added, as the kernels must do
    /// (templates are stored in single precision, products accumulate in double): the floor of a float-stored,
    /// double-accumulated evaluation.
    /// </summary>
    public double SumWidenedTwice() => SumWidened() + SumWidened();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Sum()
    {
        ref float values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(_offsets);
        var a0 = Vector256<float>.Zero;
        var a1 = Vector256<float>.Zero;
        var a2 = Vector256<float>.Zero;
        var a3 = Vector256<float>.Zero;
        var offsetSum = Vector256<int>.Zero;
        int blocks = _offsets.Length, b = 0;
        // Eight blocks (64 floats, 8 offsets) per iteration, four independent accumulators.
        for (; b + 8 <= blocks; b += 8)
        {
            nuint v = (nuint)(b * BlockSparseTemplates.BlockWidth);
            a0 += Vector256.LoadUnsafe(ref values, v);
            a1 += Vector256.LoadUnsafe(ref values, v + 8);
            a2 += Vector256.LoadUnsafe(ref values, v + 16);
            a3 += Vector256.LoadUnsafe(ref values, v + 24);
            a0 += Vector256.LoadUnsafe(ref values, v + 32);
            a1 += Vector256.LoadUnsafe(ref values, v + 40);
            a2 += Vector256.LoadUnsafe(ref values, v + 48);
            a3 += Vector256.LoadUnsafe(ref values, v + 56);
            offsetSum += Vector256.LoadUnsafe(ref offsets, (nuint)b);
        }
        int scalarOffsets = 0;
        for (; b < blocks; b++)
        {
            a0 += Vector256.LoadUnsafe(ref values, (nuint)(b * BlockSparseTemplates.BlockWidth));
            scalarOffsets += Unsafe.Add(ref offsets, b);
        }
        return Vector256.Sum((a0 + a1) + (a2 + a3)) + Vector256.Sum(offsetSum) + scalarOffsets;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double SumWidened()
    {
        ref float values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(_offsets);
        var a0 = Vector256<double>.Zero;
        var a1 = Vector256<double>.Zero;
        var a2 = Vector256<double>.Zero;
        var a3 = Vector256<double>.Zero;
        var offsetSum = Vector256<int>.Zero;
        int blocks = _offsets.Length, b = 0;
        // Two blocks (16 floats) per iteration, four independent accumulators; offsets read 8 at a time.
        for (; b + 8 <= blocks; b += 8)
        {
            for (int pair = 0; pair < 8; pair += 2)
            {
                nuint v = (nuint)((b + pair) * BlockSparseTemplates.BlockWidth);
                a0 += Widen(ref values, v);
                a1 += Widen(ref values, v + 4);
                a2 += Widen(ref values, v + 8);
                a3 += Widen(ref values, v + 12);
            }
            offsetSum += Vector256.LoadUnsafe(ref offsets, (nuint)b);
        }
        int scalarOffsets = 0;
        for (; b < blocks; b++)
        {
            nuint v = (nuint)(b * BlockSparseTemplates.BlockWidth);
            a0 += Widen(ref values, v);
            a1 += Widen(ref values, v + 4);
            scalarOffsets += Unsafe.Add(ref offsets, b);
        }
        return Vector256.Sum((a0 + a1) + (a2 + a3)) + Vector256.Sum(offsetSum) + scalarOffsets;
    }

    // Four floats widened to double the way the library kernels do it (vcvtps2pd from memory under AVX).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Widen(ref float values, nuint index)
    {
        var four = Vector128.LoadUnsafe(ref values, index);
        if (Avx.IsSupported) return Avx.ConvertToVector256Double(four);
        var (low, high) = Vector128.Widen(four);
        return Vector256.Create(low, high);
    }
}
