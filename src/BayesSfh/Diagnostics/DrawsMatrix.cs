namespace BayesSfh.Diagnostics;

/// <summary>
/// The draws of one scalar quantity as an immutable chains × draws matrix, stored contiguously chain by chain: the
/// input of every diagnostic in this namespace (posterior's iterations × chains matrix, transposed).
/// </summary>
/// <remarks>
/// Values are kept as given, including NaN and ±∞; each diagnostic applies <see cref="NaRules"/> itself. The order of
/// chains and of draws within a chain matters (autocorrelation, splitting); the pooled order does not matter for
/// ranks and quantiles.
/// </remarks>
public sealed class DrawsMatrix
{
    private readonly double[] _values;

    private DrawsMatrix(double[] values, int chains, int drawsPerChain)
    {
        _values = values;
        Chains = chains;
        DrawsPerChain = drawsPerChain;
    }

    /// <summary>Number of chains m. Range: m ≥ 1.</summary>
    public int Chains { get; }

    /// <summary>Number of draws n in every chain. Range: n ≥ 1.</summary>
    public int DrawsPerChain { get; }

    /// <summary>Total number of draws S = m·n.</summary>
    public int Count => _values.Length;

    /// <summary>All draws, chain after chain (chain 0 first).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The draws of chain <paramref name="chain"/> in sampling order.</summary>
    /// <param name="chain">0-based chain index. Range: 0 ≤ chain &lt; <see cref="Chains"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The chain index is out of range.</exception>
    public ReadOnlySpan<double> Chain(int chain)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chain);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chain, Chains);
        return new ReadOnlySpan<double>(_values, chain * DrawsPerChain, DrawsPerChain);
    }

    /// <summary>The draw <paramref name="draw"/> of chain <paramref name="chain"/> (both 0-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public double this[int chain, int draw]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(draw);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(draw, DrawsPerChain);
            return Chain(chain)[draw];
        }
    }

    /// <summary>Copies <paramref name="values"/> (chain after chain) into a new matrix.</summary>
    /// <param name="chains">Number of chains m. Range: m ≥ 1.</param>
    /// <param name="drawsPerChain">Draws per chain n. Range: n ≥ 1.</param>
    /// <param name="values">m·n values, chain 0 first.</param>
    /// <exception cref="ArgumentOutOfRangeException">m or n is less than 1.</exception>
    /// <exception cref="ArgumentException">The length of <paramref name="values"/> is not m·n.</exception>
    public static DrawsMatrix Create(int chains, int drawsPerChain, ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chains, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(drawsPerChain, 1);
        if (values.Length != (long)chains * drawsPerChain)
            throw new ArgumentException($"expected {chains} × {drawsPerChain} = {(long)chains * drawsPerChain} values, got {values.Length}", nameof(values));
        return new DrawsMatrix(values.ToArray(), chains, drawsPerChain);
    }

    /// <summary>Copies one array per chain into a new matrix.</summary>
    /// <param name="chains">The draws of each chain in sampling order; all of the same, non-zero length.</param>
    /// <exception cref="ArgumentException">No chain is given, or the chains differ in length or are empty.</exception>
    public static DrawsMatrix FromChains(IReadOnlyList<double[]> chains)
    {
        ArgumentNullException.ThrowIfNull(chains);
        if (chains.Count == 0) throw new ArgumentException("at least one chain is needed", nameof(chains));
        int n = chains[0].Length;
        if (n == 0) throw new ArgumentException("chains must not be empty", nameof(chains));
        var values = new double[(long)chains.Count * n];
        for (int c = 0; c < chains.Count; c++)
        {
            if (chains[c].Length != n)
                throw new ArgumentException($"chain {c} has {chains[c].Length} draws, chain 0 has {n}", nameof(chains));
            chains[c].CopyTo(values, c * n);
        }
        return new DrawsMatrix(values, chains.Count, n);
    }

    /// <summary>Returns a new matrix with <c>f</c> applied to every draw, keeping the chains × draws layout.</summary>
    /// <param name="f">Function applied element-wise (for example folding |x − median| or squaring).</param>
    public DrawsMatrix Select(Func<double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var result = new double[_values.Length];
        for (int i = 0; i < result.Length; i++) result[i] = f(_values[i]);
        return new DrawsMatrix(result, Chains, DrawsPerChain);
    }

    /// <summary>Wraps an array the caller gives up (no copy).</summary>
    internal static DrawsMatrix Wrap(double[] values, int chains, int drawsPerChain) => new(values, chains, drawsPerChain);
}
