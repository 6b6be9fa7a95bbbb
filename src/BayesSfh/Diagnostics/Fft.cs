namespace BayesSfh.Diagnostics;

/// <summary>Iterative radix-2 complex FFT on split real/imaginary arrays (unnormalised in both directions).</summary>
internal static class Fft
{
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
        double sign = inverse ? 1 : -1;
        for (int length = 2; length <= n; length <<= 1)
        {
            int halfLength = length >> 1;
            double angle = sign * 2 * Math.PI / length;
            for (int k = 0; k < halfLength; k++)
            {
                double wr = Math.Cos(angle * k), wi = Math.Sin(angle * k);
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
