using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MathNet.Numerics;

namespace BayesSfh.Population;

/// <summary>
/// Fast standard normal CDF Φ(z) by cubic Hermite interpolation of a table of Φ and φ = Φ′ on z ∈ [−9, 9] with step
/// h = 1/64 (values from MathNet's erfc). The interpolation error is at most h⁴ max|Φ⁗| / 384 ≈ 1e-10 (absolute);
/// outside the table Φ is 0 or 1 (Φ(−9) ≈ 1.1e-19). NaN gives NaN.
/// </summary>
internal static class NormalCdf
{
    private const double Limit = 9;
    private const int PerUnit = 64;
    private const double Step = 1.0 / PerUnit;
    private static readonly double[] Table = Build();

    // Interleaved (Φ_k, h·φ_k) pairs so that one interval's data share a cache line.
    private static double[] Build()
    {
        int n = (int)(2 * Limit * PerUnit) + 1;
        var t = new double[2 * n + 2];
        for (int k = 0; k < n; k++)
        {
            double z = -Limit + k * Step;
            t[2 * k] = 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
            t[2 * k + 1] = Step * Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
        }
        (t[2 * n], t[2 * n + 1]) = (1, 0);
        return t;
    }

    /// <summary>Φ(z) with absolute error ≤ 1e-9.</summary>
    public static double Lower(double z)
    {
        if (!(z > -Limit)) return double.IsNaN(z) ? double.NaN : 0;
        if (z >= Limit) return 1;
        double u = (z + Limit) * PerUnit;
        int k = (int)u;
        double t = u - k;
        var table = Table;
        int i = 2 * k;
        double p0 = table[i], d0 = table[i + 1], p1 = table[i + 2], d1 = table[i + 3];
        // Hermite basis on [0, 1]: p(t) = h00 p0 + h10 d0 + h01 p1 + h11 d1.
        double t2 = t * t, t3 = t2 * t;
        double h01 = 3 * t2 - 2 * t3;
        return p0 + h01 * (p1 - p0) + (t3 - 2 * t2 + t) * d0 + (t3 - t2) * d1;
    }

    /// <summary>
    /// result[i] = Φ((edges[i] − mean) · inverse) for every i (same interpolant as <see cref="Lower(double)"/>, four
    /// lanes at a time; arguments are clamped to [−9, 9], where Φ differs from 0 or 1 by ~1e-19). Finite inputs only.
    /// </summary>
    public static void Lower(ReadOnlySpan<double> edges, double mean, double inverse, Span<double> result)
    {
        var table = Table;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vMean = Vector256.Create(mean);
            var vInverse = Vector256.Create(inverse);
            var low = Vector256.Create(-Limit);
            var high = Vector256.Create(Limit);
            var perUnit = Vector256.Create((double)PerUnit);
            for (; i < edges.Length && edges.Length >= 4; i += 4)
            {
                // A last partial group is redone as the final four (lanes are independent), not by scalar calls.
                if (i + 4 > edges.Length) i = edges.Length - 4;
                var z = (Vector256.Create(edges.Slice(i, 4)) - vMean) * vInverse;
                z = Vector256.Min(Vector256.Max(z, low), high);
                var u = (z + high) * perUnit;
                var k = Vector256.Floor(u);
                var t = u - k;
                Vector256<double> p0, d0, p1, d1;
                if (Avx.IsSupported)
                {
                    // Each lane's interval is four consecutive doubles (Φ_k, hφ_k, Φ_k+1, hφ_k+1): one load per lane,
                    // then a 4 × 4 transpose. k ∈ [0, 1152] for finite arguments (clamped above); callers pass no NaN.
                    var index = Avx.ConvertToVector128Int32WithTruncation(k);
                    ref double origin = ref MemoryMarshal.GetArrayDataReference(table);
                    var r0 = Vector256.LoadUnsafe(ref origin, (nuint)(2 * index.GetElement(0)));
                    var r1 = Vector256.LoadUnsafe(ref origin, (nuint)(2 * index.GetElement(1)));
                    var r2 = Vector256.LoadUnsafe(ref origin, (nuint)(2 * index.GetElement(2)));
                    var r3 = Vector256.LoadUnsafe(ref origin, (nuint)(2 * index.GetElement(3)));
                    var low01 = Avx.UnpackLow(r0, r1);
                    var high01 = Avx.UnpackHigh(r0, r1);
                    var low23 = Avx.UnpackLow(r2, r3);
                    var high23 = Avx.UnpackHigh(r2, r3);
                    p0 = Avx.Permute2x128(low01, low23, 0x20);
                    p1 = Avx.Permute2x128(low01, low23, 0x31);
                    d0 = Avx.Permute2x128(high01, high23, 0x20);
                    d1 = Avx.Permute2x128(high01, high23, 0x31);
                }
                else
                {
                    int k0 = 2 * (int)k.GetElement(0), k1 = 2 * (int)k.GetElement(1), k2 = 2 * (int)k.GetElement(2), k3 = 2 * (int)k.GetElement(3);
                    p0 = Vector256.Create(table[k0], table[k1], table[k2], table[k3]);
                    d0 = Vector256.Create(table[k0 + 1], table[k1 + 1], table[k2 + 1], table[k3 + 1]);
                    p1 = Vector256.Create(table[k0 + 2], table[k1 + 2], table[k2 + 2], table[k3 + 2]);
                    d1 = Vector256.Create(table[k0 + 3], table[k1 + 3], table[k2 + 3], table[k3 + 3]);
                }
                var t2 = t * t;
                var t3 = t2 * t;
                var h01 = Vector256.Create(3.0) * t2 - Vector256.Create(2.0) * t3;
                var value = p0 + h01 * (p1 - p0) + (t3 - Vector256.Create(2.0) * t2 + t) * d0 + (t3 - t2) * d1;
                value.CopyTo(result.Slice(i, 4));
            }
        }
        for (; i < edges.Length; i++) result[i] = Lower((edges[i] - mean) * inverse);
    }

    /// <summary>
    /// destination[i] += weight · (Φ((edges[i + 1] − mean) · inverse) − Φ((edges[i] − mean) · inverse)) for every i;
    /// <paramref name="edges"/> has one entry more than <paramref name="destination"/>, <paramref name="scratch"/> at least
    /// as many as <paramref name="edges"/>. Same interpolant as <see cref="Lower(ReadOnlySpan{double}, double, double, Span{double})"/>.
    /// </summary>
    public static void AddDifferences(ReadOnlySpan<double> edges, double mean, double inverse, double weight, Span<double> destination, Span<double> scratch)
    {
        var cdf = scratch[..edges.Length];
        Lower(edges, mean, inverse, cdf);
        AddScaledDifferences(cdf, weight, destination);
    }

    /// <summary>destination[i] += weight · (values[i + 1] − values[i]); <paramref name="values"/> has one entry more.</summary>
    public static void AddScaledDifferences(ReadOnlySpan<double> values, double weight, Span<double> destination)
    {
        int i = 0, n = destination.Length;
        if (values.Length < n + 1) throw new ArgumentException($"values needs {n + 1} entries, got {values.Length}.", nameof(values));
        ref double v = ref MemoryMarshal.GetReference(values);
        ref double d = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated)
        {
            var w = Vector256.Create(weight);
            for (; i + 4 <= n; i += 4)
            {
                var difference = Vector256.LoadUnsafe(ref v, (nuint)i + 1) - Vector256.LoadUnsafe(ref v, (nuint)i);
                (Vector256.LoadUnsafe(ref d, (nuint)i) + w * difference).StoreUnsafe(ref d, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref d, i) += weight * (Unsafe.Add(ref v, i + 1) - Unsafe.Add(ref v, i));
    }
}
