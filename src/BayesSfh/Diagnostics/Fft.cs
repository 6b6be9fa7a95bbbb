using System.Collections.Concurrent;

namespace BayesSfh.Diagnostics;

/// <summary>Iterative radix-2 complex FFT on split real/imaginary arrays (unnormalised in both directions).</summary>
internal static class Fft
{
    /// <summary>cos(2πk/N) and sin(2πk/N), k &lt; N/2, per power-of-two size N (computed once; read-only afterwards).</summary>
    private static readonly ConcurrentDictionary<int, (double[] Cos, double[] Sin)> Twiddles = new();

    /// <summary>The smallest power of two ≥ <paramref name="n"/> (n ≥ 1).</summary>
    internal static int PowerOfTwoAtLeast(int n)
    {
        int size = 1;
        while (size < n) size <<= 1;
        return size;
    }

    /// <summary>
    /// In-place DFT X_k = Σ_j x_j e^{∓2πijk/N} (minus sign forward, plus sign inverse, no 1/N factor) of a
    /// power-of-two length N.
    /// </summary>
    internal static void Transform(double[] re, double[] im, bool inverse)
    {
        int n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        if (n < 2) return;
        var (cos, sin) = Twiddles.GetOrAdd(n, static size =>
        {
            var c = new double[size / 2];
            var s = new double[size / 2];
            for (int k = 0; k < c.Length; k++)
            {
                c[k] = Math.Cos(2 * Math.PI * k / size);
                s[k] = Math.Sin(2 * Math.PI * k / size);
            }
            return (c, s);
        });
        double sign = inverse ? 1 : -1;
        for (int length = 2; length <= n; length <<= 1)
        {
            int halfLength = length >> 1, stride = n / length;
            for (int k = 0; k < halfLength; k++)
            {
                double wr = cos[k * stride], wi = sign * sin[k * stride];
                for (int start = 0; start < n; start += length)
                {
                    int a = start + k, b = a + halfLength;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
