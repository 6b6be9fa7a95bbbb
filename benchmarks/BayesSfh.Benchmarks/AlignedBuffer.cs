using System.Runtime.InteropServices;

namespace BayesSfh.Benchmarks;

/// <summary>
/// Zeroed double buffers that start on a 64-byte boundary (pinned, over-allocated), as the library's own workspaces
/// do, so that piece benchmarks do not depend on where the GC happened to place an array.
/// </summary>
public static class AlignedBuffer
{
    /// <summary>A buffer of <paramref name="length"/> doubles starting on a cache line.</summary>
    public static ArraySegment<double> Create(int length)
    {
        var array = GC.AllocateArray<double>(length + 8, pinned: true);
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        long misalignment = (long)handle.AddrOfPinnedObject() % 64;
        handle.Free();
        return new ArraySegment<double>(array, (int)((64 - misalignment) % 64) / sizeof(double), length);
    }
}
