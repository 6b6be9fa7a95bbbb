namespace BayesSfh.Diagnostics;

/// <summary>
/// Autocovariance of one chain as posterior's <c>autocovariance</c> computes it (FFT of the centred, zero-padded
/// series; Geyer 1992's biased estimator).
/// </summary>
public static class Autocovariance
{
    /// <summary>
    /// Writes γ̂ₖ = (1/N) Σ_{i=0}^{N−1−k} (xᵢ − x̄)(xᵢ₊ₖ − x̄) for every lag k = 0 … N − 1 into
    /// <paramref name="destination"/>.
    /// </summary>
    /// <remarks>
    /// Computed as posterior does: Re(IFFT(|FFT(y)|²)) of the centred series y zero-padded to at least 2N, then scaled
    /// so that γ̂₀ = var(x)·(N − 1)/N exactly (<c>ac / ac[1] * var(x) * (N - 1) / N</c>). Here the padding is the next
    /// power of two ≥ 2N (posterior: 2·nextn(N)); both give the linear, not circular, correlation, so results agree to
    /// rounding. When var(x) = 0 every γ̂ₖ is 0. NaN or ±∞ anywhere, or a single draw, makes every γ̂ₖ NaN.
    /// O(N log N).
    /// </remarks>
    /// <param name="chain">The draws x of one chain in order; N ≥ 1.</param>
    /// <param name="destination">Destination for γ̂₀ … γ̂_{N−1}; length N.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has a different length, or the chain is empty.</exception>
    public static void Compute(ReadOnlySpan<double> chain, Span<double> destination)
    {
        int n = chain.Length;
        if (n == 0) throw new ArgumentException("the chain is empty", nameof(chain));
        if (destination.Length != n) throw new ArgumentException("destination must have the length of the chain", nameof(destination));
        double variance = n > 1 ? SampleStatistics.Variance(chain) : double.NaN;
        if (variance == 0)
        {
            destination.Clear();
            return;
        }
        if (!double.IsFinite(variance))
        {
            destination.Fill(double.NaN);
            return;
        }
        double mean = SampleStatistics.Mean(chain);
        int size = Fft.PowerOfTwoAtLeast(2 * n);
        var re = new double[size];
        var im = new double[size];
        for (int i = 0; i < n; i++) re[i] = chain[i] - mean;
        Fft.Transform(re, im, inverse: false);
        for (int i = 0; i < size; i++)
        {
            re[i] = re[i] * re[i] + im[i] * im[i];
            im[i] = 0;
        }
        Fft.Transform(re, im, inverse: true);
        double scale = variance * (n - 1) / n / re[0];
        for (int k = 0; k < n; k++) destination[k] = re[k] * scale;
    }
}
