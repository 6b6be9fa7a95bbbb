using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BayesSfh.Likelihood;

/// <summary>
/// A fixed-length buffer whose first element sits on a 64-byte cache-line boundary, so that the 8-wide blocks of
/// <see cref="BlockSparseTemplates"/> (32 bytes of floats, 64 bytes of doubles) never straddle two cache lines.
/// </summary>
/// <remarks>
/// Backed by an over-allocated array on the pinned object heap, which never moves, so the offset found at construction
/// stays valid. Ordinary arrays are only 8-byte aligned, and a split 32-byte load or store costs about twice as much.
/// </remarks>
internal sealed class CacheAlignedArray<T> where T : unmanaged
{
    private const int LineBytes = 64;
    private readonly T[] _array;
    private readonly int _start;

    /// <summary>Allocates <paramref name="length"/> zeroed elements.</summary>
    public CacheAlignedArray(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int size = Unsafe.SizeOf<T>();
        _array = GC.AllocateArray<T>(length + LineBytes / size, pinned: true);
        var handle = GCHandle.Alloc(_array, GCHandleType.Pinned);
        try
        {
            long misalignment = (long)handle.AddrOfPinnedObject() % LineBytes;
            _start = (int)((LineBytes - misalignment) % LineBytes) / size;
        }
        finally
        {
            handle.Free();
        }
        Length = length;
    }

    /// <summary>Number of usable elements.</summary>
    public int Length { get; }

    /// <summary>The usable elements.</summary>
    public Span<T> Span => _array.AsSpan(_start, Length);
}
