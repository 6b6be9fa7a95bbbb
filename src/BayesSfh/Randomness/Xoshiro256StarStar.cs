namespace BayesSfh.Randomness;

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna 2018): the project's own pseudo-random generator, so that a seeded run gives
/// the same numbers on every runtime. Not thread-safe: one instance per chain or task.
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Creates a generator whose 256-bit state is filled from <paramref name="seed"/> by SplitMix64.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        var mixer = new SplitMix64(seed);
        _s0 = mixer.Next();
        _s1 = mixer.Next();
        _s2 = mixer.Next();
        _s3 = mixer.Next();
    }

    /// <summary>
    /// An independent stream for chain <paramref name="streamId"/> of a run seeded with <paramref name="runSeed"/>:
    /// the pair is hashed through SplitMix64 so that nearby seeds and ids give unrelated states.
    /// </summary>
    public static Xoshiro256StarStar ForStream(ulong runSeed, int streamId)
    {
        var mixer = new SplitMix64(runSeed);
        ulong a = mixer.Next();
        var second = new SplitMix64(a ^ (0xD1B54A32D192ED03UL * (ulong)(uint)(streamId + 1)));
        return new Xoshiro256StarStar(second.Next());
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextUniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Standard normal deviate (Marsaglia polar method; the second deviate of each pair is cached).</summary>
    public double NextStandardNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);
        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    /// <summary>Fills <paramref name="destination"/> with independent standard normal deviates.</summary>
    public void FillStandardNormal(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = NextStandardNormal();
    }

    /// <summary>
    /// Poisson deviate with mean <paramref name="mean"/> ≥ 0: multiplication method below 30, otherwise the
    /// PTRS transformed-rejection method (Hörmann 1993).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The mean is negative or not finite.</exception>
    public long NextPoisson(double mean)
    {
        if (!(mean >= 0) || double.IsInfinity(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "Poisson mean must be finite and ≥ 0.");
        if (mean == 0) return 0;
        if (mean < 30)
        {
            double limit = Math.Exp(-mean), product = NextDouble();
            long k = 0;
            while (product > limit)
            {
                k++;
                product *= NextDouble();
            }
            return k;
        }
        double slam = Math.Sqrt(mean), logLam = Math.Log(mean);
        double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b, invAlpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = NextDouble() - 0.5, v = NextDouble(), us = 0.5 - Math.Abs(u);
            long k = (long)Math.Floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            double lhs = Math.Log(v * invAlpha / (a / (us * us) + b));
            double rhs = -mean + k * logLam - MathNet.Numerics.SpecialFunctions.GammaLn(k + 1.0);
            if (lhs <= rhs) return k;
        }
    }
}
