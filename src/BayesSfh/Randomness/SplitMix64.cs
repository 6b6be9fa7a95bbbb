namespace BayesSfh.Randomness;

/// <summary>SplitMix64 (Steele, Lea &amp; Flood 2014): a 64-bit mixer used only to seed <see cref="Xoshiro256StarStar"/>.</summary>
public struct SplitMix64(ulong state)
{
    private ulong _state = state;

    /// <summary>Advances the state by the golden-ratio increment and returns the mixed value.</summary>
    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
