using BayesSfh.Randomness;
using Xunit;
using Xunit.Abstractions;

namespace BayesSfh.Tests.Randomness;

/// <summary>
/// Reference vectors, reproducibility, stream separation and seeded statistical checks. The statistical checks use two
/// thresholds: beyond 3 standard errors a line is written to the test output (alert), beyond 5 the test fails; with a
/// fixed seed the outcome never changes, and for a correct generator a 5σ failure has probability ≈ 6·10⁻⁷ per check.
/// </summary>
public class Xoshiro256StarStarTests(ITestOutputHelper output)
{
    private const int Draws = 100_000;
    private const double AlertSigma = 3, FailSigma = 5;

    /// <summary>Independent reference implementation of xoshiro256** 1.0 (Blackman &amp; Vigna), from the paper.</summary>
    private sealed class Reference(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        private ulong _s0 = s0, _s1 = s1, _s2 = s2, _s3 = s3;

        public ulong Next()
        {
            ulong result = Rotl(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = Rotl(_s3, 45);
            return result;
        }

        private static ulong Rotl(ulong x, int k) => (x << k) | (x >> (64 - k));
    }

    private static ulong[] ReferenceSplitMix(ulong state, int count)
    {
        var result = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            result[i] = z ^ (z >> 31);
        }
        return result;
    }

    private void Check(string label, double estimate, double expected, double standardError)
    {
        double sigmas = Math.Abs(estimate - expected) / standardError;
        string line = $"{label}: {estimate:G8} vs {expected:G8} ({sigmas:F2} standard errors)";
        if (sigmas > AlertSigma) output.WriteLine("ALERT " + line);
        Assert.True(sigmas <= FailSigma, "FAIL " + line);
    }

    [Fact]
    public void ReferenceImplementation_PublishedVectors_Reproduced()
    {
        // Published first outputs of xoshiro256** from state {1, 2, 3, 4}, and of SplitMix64 seeded with 0.
        var reference = new Reference(1, 2, 3, 4);
        Assert.Equal([11520UL, 0UL, 1509978240UL, 1215971899390074240UL], Enumerable.Range(0, 4).Select(_ => reference.Next()));
        Assert.Equal([0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL, 0xF88BB8A8724C81ECUL], ReferenceSplitMix(0, 4));
    }

    [Fact]
    public void SplitMix64_SeedZero_MatchesPublishedVector()
    {
        var mixer = new SplitMix64(0);

        Assert.Equal(ReferenceSplitMix(0, 4), Enumerable.Range(0, 4).Select(_ => mixer.Next()));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(12345UL)]
    [InlineData(ulong.MaxValue)]
    public void NextUInt64_AnySeed_MatchesReferenceSeededBySplitMix64(ulong seed)
    {
        var state = ReferenceSplitMix(seed, 4);
        var reference = new Reference(state[0], state[1], state[2], state[3]);
        var rng = new Xoshiro256StarStar(seed);

        for (int i = 0; i < 1000; i++) Assert.Equal(reference.Next(), rng.NextUInt64());
    }

    [Fact]
    public void NextUInt64_SameSeed_SameStream()
    {
        var a = new Xoshiro256StarStar(42);
        var b = new Xoshiro256StarStar(42);
        var c = new Xoshiro256StarStar(43);

        var first = Enumerable.Range(0, 1000).Select(_ => a.NextUInt64()).ToArray();

        Assert.Equal(first, Enumerable.Range(0, 1000).Select(_ => b.NextUInt64()));
        Assert.NotEqual(first, Enumerable.Range(0, 1000).Select(_ => c.NextUInt64()));
    }

    [Fact]
    public void ForStream_SameSeedAndId_SameStream()
    {
        var a = Xoshiro256StarStar.ForStream(7, 3);
        var b = Xoshiro256StarStar.ForStream(7, 3);

        for (int i = 0; i < 1000; i++) Assert.Equal(a.NextDouble(), b.NextDouble());
    }

    [Fact]
    public void ForStream_DifferentIdsOrSeeds_GiveDifferentStreams()
    {
        var firstWords = new HashSet<(ulong, ulong)>();
        foreach (ulong seed in new ulong[] { 0, 1, 2, 1000 })
            for (int id = 0; id < 64; id++)
            {
                var rng = Xoshiro256StarStar.ForStream(seed, id);
                Assert.True(firstWords.Add((rng.NextUInt64(), rng.NextUInt64())), $"stream (seed {seed}, id {id}) repeats another");
            }
    }

    [Fact]
    public void ForStream_NeighbouringIds_Uncorrelated()
    {
        var a = Xoshiro256StarStar.ForStream(2026, 0);
        var b = Xoshiro256StarStar.ForStream(2026, 1);
        double sum = 0;
        for (int i = 0; i < Draws; i++) sum += (a.NextDouble() - 0.5) * (b.NextDouble() - 0.5);

        // Each product has mean 0 and variance 1/144.
        Check("covariance of streams 0 and 1", sum / Draws, 0, Math.Sqrt(1.0 / 144 / Draws));
    }

    [Fact]
    public void NextDouble_ManyDraws_InUnitIntervalWithUniformMoments()
    {
        var rng = new Xoshiro256StarStar(99);
        double sum = 0, sumSquares = 0, min = 1, max = 0;
        int belowTenth = 0, outside = 0, offGrid = 0;
        for (int i = 0; i < Draws; i++)
        {
            double u = rng.NextDouble();
            if (!(u >= 0 && u < 1)) outside++;
            double scaled = u * (1UL << 53);
            if (scaled != Math.Floor(scaled)) offGrid++; // every draw is a multiple of 2⁻⁵³
            sum += u;
            sumSquares += u * u;
            min = Math.Min(min, u);
            max = Math.Max(max, u);
            if (u < 0.1) belowTenth++;
        }
        double mean = sum / Draws, variance = sumSquares / Draws - mean * mean;

        Assert.Equal(0, outside);
        Assert.Equal(0, offGrid);
        Check("uniform mean", mean, 0.5, Math.Sqrt(1.0 / 12 / Draws));
        Check("uniform variance", variance, 1.0 / 12, Math.Sqrt(1.0 / 180 / Draws)); // Var(u²-type estimator) = 1/180
        Check("P(u < 0.1)", (double)belowTenth / Draws, 0.1, Math.Sqrt(0.09 / Draws));
        Assert.True(min < 1e-3 && max > 1 - 1e-3);
    }

    [Fact]
    public void NextDouble_AllBitsSet_StaysBelowOne()
    {
        // The largest value the mapping can produce is (2⁵³ − 1)/2⁵³.
        Assert.True((ulong.MaxValue >> 11) * (1.0 / (1UL << 53)) < 1.0);
    }

    [Fact]
    public void NextStandardNormal_ManyDraws_MomentsOfStandardNormal()
    {
        var rng = new Xoshiro256StarStar(314);
        var x = new double[Draws];
        rng.FillStandardNormal(x);
        double mean = x.Average();
        double variance = x.Select(v => (v - mean) * (v - mean)).Sum() / (Draws - 1);
        double skewness = x.Select(v => Math.Pow(v - mean, 3)).Average() / Math.Pow(variance, 1.5);
        double kurtosis = x.Select(v => Math.Pow(v - mean, 4)).Average() / (variance * variance);
        double withinOne = x.Count(v => Math.Abs(v) < 1) / (double)Draws;

        Check("normal mean", mean, 0, Math.Sqrt(1.0 / Draws));
        Check("normal variance", variance, 1, Math.Sqrt(2.0 / Draws));
        Check("normal skewness", skewness, 0, Math.Sqrt(6.0 / Draws));
        Check("normal kurtosis", kurtosis, 3, Math.Sqrt(24.0 / Draws));
        Check("P(|z| < 1)", withinOne, 0.682689492137086, Math.Sqrt(0.682689492137086 * 0.317310507862914 / Draws));
    }

    [Fact]
    public void FillStandardNormal_SameSeed_EqualsRepeatedNextStandardNormal()
    {
        var a = new Xoshiro256StarStar(5);
        var b = new Xoshiro256StarStar(5);
        var filled = new double[101];

        a.FillStandardNormal(filled);

        Assert.Equal(Enumerable.Range(0, 101).Select(_ => b.NextStandardNormal()), filled);
    }

    [Theory]
    [InlineData(3.5)]   // multiplication method
    [InlineData(29.9)]  // multiplication method, just below the switch
    [InlineData(30.0)]  // PTRS from here on
    [InlineData(200.0)]
    public void NextPoisson_ManyDraws_MeanVarianceAndFrequenciesOfPoisson(double lambda)
    {
        var rng = new Xoshiro256StarStar((ulong)(lambda * 10));
        var draws = new long[Draws];
        for (int i = 0; i < Draws; i++) draws[i] = rng.NextPoisson(lambda);
        double mean = draws.Average();
        double variance = draws.Select(k => (k - mean) * (k - mean)).Sum() / (Draws - 1);

        Assert.All(draws, k => Assert.True(k >= 0));
        Check($"Poisson({lambda}) mean", mean, lambda, Math.Sqrt(lambda / Draws));
        // Var(s²) ≈ (μ₄ − σ⁴)/N with μ₄ = λ(1 + 3λ) for a Poisson variable.
        Check($"Poisson({lambda}) variance", variance, lambda, Math.Sqrt((lambda + 2 * lambda * lambda) / Draws));

        // Pearson χ² over the central cells (expected count ≥ 50 each), the two tails pooled into end cells.
        var pmf = new List<double>();
        double p = Math.Exp(-lambda);
        for (int k = 0; k < 10 * lambda + 50; k++, p *= lambda / k) pmf.Add(p);
        int low = pmf.FindIndex(q => q * Draws >= 50), high = pmf.FindLastIndex(q => q * Draws >= 50);
        var histogram = new long[pmf.Count + 1];
        foreach (long d in draws) histogram[Math.Min(d, pmf.Count)]++;
        double chi2 = 0;
        int cells = 0;
        for (int k = low - 1; k <= high + 1; k++)
        {
            double expected = k < low ? pmf.Take(low).Sum() : k > high ? 1 - pmf.Take(high + 1).Sum() : pmf[k];
            expected *= Draws;
            if (expected <= 0) continue;
            long observed = k < low ? histogram.Take(low).Sum() : k > high ? Draws - histogram.Take(high + 1).Sum() : histogram[k];
            chi2 += (observed - expected) * (observed - expected) / expected;
            cells++;
        }
        // χ² with ν = cells − 1 has mean ν and sd √(2ν); judge it on that scale.
        Check($"Poisson({lambda}) χ² over {cells} cells", chi2, cells - 1, Math.Sqrt(2.0 * (cells - 1)));
    }

    [Fact]
    public void NextPoisson_ZeroMean_ReturnsZeroWithoutDrawing()
    {
        var a = new Xoshiro256StarStar(1);
        var b = new Xoshiro256StarStar(1);

        Assert.Equal(0, a.NextPoisson(0));
        Assert.Equal(b.NextUInt64(), a.NextUInt64());
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NextPoisson_InvalidMean_ThrowsArgumentOutOfRangeException(double mean)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Xoshiro256StarStar(1).NextPoisson(mean));
    }
}
