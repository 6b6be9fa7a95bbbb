using System.Collections.Immutable;
using BayesSfh.Diagnostics;

namespace BayesSfh.Products;

/// <summary>
/// Posterior draws of named natural parameters (for an <see cref="Modelling.SfhModel"/>: <c>R.1</c> … <c>R.J</c>,
/// <c>alpha</c>, <c>mh0</c>, <c>sigma</c>, <c>bg.NAME</c> …), pooled over chains: draw s of the pool is row s. Immutable;
/// stored row by row.
/// </summary>
public sealed class PosteriorDraws
{
    private readonly double[] _values;
    private readonly Dictionary<string, int> _index;

    private PosteriorDraws(ImmutableArray<string> names, double[] values, ImmutableArray<int> chainLengths)
    {
        Names = names;
        _values = values;
        ChainLengths = chainLengths;
        Count = names.Length == 0 ? 0 : values.Length / names.Length;
        _index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Parameter names, in column order.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>Number of draws S (all chains).</summary>
    public int Count { get; }

    /// <summary>Number of draws contributed by each chain, in pool order (their sum is <see cref="Count"/>).</summary>
    public ImmutableArray<int> ChainLengths { get; }

    /// <summary>The values of draw <paramref name="draw"/> (0-based), in the order of <see cref="Names"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such draw.</exception>
    public ReadOnlySpan<double> Draw(int draw)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(draw);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(draw, Count);
        return _values.AsSpan(draw * Names.Length, Names.Length);
    }

    /// <summary>0-based column of <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i : -1;

    /// <summary>A copy of every draw of the parameter <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    public double[] Column(string name)
    {
        int column = IndexOf(name);
        if (column < 0) throw new KeyNotFoundException($"no parameter '{name}' in the draws");
        var result = new double[Count];
        for (int s = 0; s < Count; s++) result[s] = _values[s * Names.Length + column];
        return result;
    }

    /// <summary>Creates draws from rows of values.</summary>
    /// <param name="names">Parameter names; unique, at least one.</param>
    /// <param name="rows">One array per draw, each with one value per name; at least one draw.</param>
    /// <exception cref="ArgumentException">No names or draws, a repeated name, or a row of the wrong length.</exception>
    public static PosteriorDraws Create(IReadOnlyList<string> names, IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(rows);
        CheckNames(names);
        if (rows.Count == 0) throw new ArgumentException("at least one draw is needed", nameof(rows));
        var values = new double[rows.Count * names.Count];
        for (int s = 0; s < rows.Count; s++)
        {
            if (rows[s].Length != names.Count) throw new ArgumentException($"draw {s} has {rows[s].Length} values for {names.Count} names", nameof(rows));
            rows[s].CopyTo(values, s * names.Count);
        }
        return new PosteriorDraws([.. names], values, [rows.Count]);
    }

    /// <summary>A single "draw" at a point (for example the truth of a simulation): summaries then equal the point's values.</summary>
    /// <exception cref="ArgumentException">Names and values differ in number, or a name repeats.</exception>
    public static PosteriorDraws FromPoint(IReadOnlyList<string> names, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Create(names, [[.. values]]);
    }

    /// <summary>
    /// Pools the post-warm-up draws of CmdStan-format chains (<see cref="IO.StanCsvFile.Draws"/>): every column whose name
    /// does not end in <c>__</c> (the sampler columns <c>lp__</c>, <c>accept_stat__</c> … are left out), chains in the
    /// given order. Chains may differ in length.
    /// </summary>
    /// <exception cref="ArgumentException">No chains, chains with different variable columns, or no draws at all.</exception>
    public static PosteriorDraws FromChains(IReadOnlyList<DrawsTable> chains)
    {
        ArgumentNullException.ThrowIfNull(chains);
        if (chains.Count == 0) throw new ArgumentException("at least one chain is needed", nameof(chains));
        var names = chains[0].ColumnNames.Where(n => !n.EndsWith("__", StringComparison.Ordinal)).ToArray();
        CheckNames(names);
        for (int c = 1; c < chains.Count; c++)
            if (!chains[c].ColumnNames.Where(n => !n.EndsWith("__", StringComparison.Ordinal)).SequenceEqual(names, StringComparer.Ordinal))
                throw new ArgumentException($"chain {c + 1} has other variable columns than chain 1", nameof(chains));
        int total = chains.Sum(c => c.RowCount);
        if (total == 0) throw new ArgumentException("the chains have no post-warm-up draws", nameof(chains));
        var values = new double[total * names.Length];
        int row = 0;
        foreach (var chain in chains)
        {
            var columns = names.Select(n => chain.IndexOf(n)).ToArray();
            for (int s = 0; s < chain.RowCount; s++, row++)
                for (int p = 0; p < names.Length; p++) values[row * names.Length + p] = chain[s, columns[p]];
        }
        return new PosteriorDraws([.. names], values, [.. chains.Select(c => c.RowCount)]);
    }

    private static void CheckNames(IReadOnlyList<string> names)
    {
        if (names.Count == 0) throw new ArgumentException("at least one parameter name is needed", nameof(names));
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"parameter name '{duplicate.Key}' appears twice", nameof(names));
    }
}
