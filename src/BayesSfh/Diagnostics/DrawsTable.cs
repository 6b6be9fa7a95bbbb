using System.Collections.Immutable;

namespace BayesSfh.Diagnostics;

/// <summary>
/// The draws of one chain for many named columns (sampler columns such as <c>lp__</c> and model variables such as
/// <c>theta.1</c>), immutable and stored column by column.
/// </summary>
public sealed class DrawsTable
{
    private readonly double[][] _columns;
    private readonly Dictionary<string, int> _index;

    private DrawsTable(ImmutableArray<string> names, double[][] columns, int rows)
    {
        ColumnNames = names;
        _columns = columns;
        RowCount = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < names.Length; j++) _index.TryAdd(names[j], j);
    }

    /// <summary>The column names, in order.</summary>
    public ImmutableArray<string> ColumnNames { get; }

    /// <summary>Number of draws (rows).</summary>
    public int RowCount { get; }

    /// <summary>Number of columns.</summary>
    public int ColumnCount => ColumnNames.Length;

    /// <summary>The draws of column <paramref name="column"/> (0-based) in order.</summary>
    /// <exception cref="IndexOutOfRangeException">No such column.</exception>
    public ReadOnlySpan<double> Column(int column) => _columns[column];

    /// <summary>The draws of the column called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public ReadOnlySpan<double> Column(string name) =>
        _columns[IndexOf(name) is var j and >= 0 ? j : throw new KeyNotFoundException($"no column '{name}'")];

    /// <summary>The 0-based index of the column called <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out int j) ? j : -1;

    /// <summary>The value in row <paramref name="row"/> and column <paramref name="column"/> (both 0-based).</summary>
    public double this[int row, int column] => _columns[column][row];

    /// <summary>Creates a table from copies of the given columns.</summary>
    /// <param name="names">Column names; unique.</param>
    /// <param name="columns">One array per name, all of the same length (which may be 0).</param>
    /// <exception cref="ArgumentException">The counts or lengths disagree, or a name repeats.</exception>
    public static DrawsTable Create(IReadOnlyList<string> names, IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        if (names.Count != columns.Count) throw new ArgumentException($"{names.Count} names but {columns.Count} columns", nameof(columns));
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count) throw new ArgumentException("column names must be unique", nameof(names));
        int rows = columns.Count == 0 ? 0 : columns[0].Length;
        var copies = new double[columns.Count][];
        for (int j = 0; j < columns.Count; j++)
        {
            if (columns[j].Length != rows) throw new ArgumentException($"column '{names[j]}' has {columns[j].Length} rows, expected {rows}", nameof(columns));
            copies[j] = (double[])columns[j].Clone();
        }
        return new DrawsTable([.. names], copies, rows);
    }

    /// <summary>Takes ownership of <paramref name="columns"/> (no copy); names already checked unique.</summary>
    internal static DrawsTable Wrap(ImmutableArray<string> names, double[][] columns, int rows) => new(names, columns, rows);

    /// <summary>
    /// The column <paramref name="name"/> of every chain as one <see cref="DrawsMatrix"/> (chains in the given order).
    /// </summary>
    /// <exception cref="ArgumentException">No chain is given, or the chains differ in draw count or lack the column.</exception>
    public static DrawsMatrix Gather(IReadOnlyList<DrawsTable> chains, string name)
    {
        ArgumentNullException.ThrowIfNull(chains);
        if (chains.Count == 0) throw new ArgumentException("at least one chain is needed", nameof(chains));
        var columns = new double[chains.Count][];
        for (int c = 0; c < chains.Count; c++)
        {
            int j = chains[c].IndexOf(name);
            if (j < 0) throw new ArgumentException($"chain {c + 1} has no column '{name}'", nameof(name));
            columns[c] = chains[c]._columns[j];
        }
        return DrawsMatrix.FromChains(columns);
    }
}
