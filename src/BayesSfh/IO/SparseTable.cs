namespace BayesSfh.IO;

/// <summary>
/// Reads long-format sparse tables — rows of (key columns, bin column(s), value) — into one sparse series per key, as
/// used by the template and background files. Rows of one key need not be contiguous or sorted.
/// </summary>
/// <remarks>
/// Memory is proportional to the number of non-zero entries (12 bytes each) plus one bit per bin and key for the
/// duplicate check; zero values are checked and dropped.
/// </remarks>
internal static class SparseTable
{
    /// <summary>The rule for value fields, ending messages about them.</summary>
    public const string ValueRule = "values must be finite and ≥ 0";

    /// <summary>Reads every row of <paramref name="rows"/> into series, in order of first appearance of each key.</summary>
    /// <param name="rows">The open file, positioned after the header.</param>
    /// <param name="bins">The bin column(s).</param>
    /// <param name="binCount">Number of bins N; bins are already range-checked by <paramref name="bins"/>.</param>
    /// <param name="valueColumn">Field index of the value column.</param>
    /// <param name="scale">Every value is divided by this (finite, &gt; 0).</param>
    /// <param name="readKey">Reads (and checks) the key fields of the current row.</param>
    /// <param name="label">Names a key for messages, e.g. <c>template (log_age 9.5, mh -1.2)</c>.</param>
    /// <exception cref="InputException">A bad field, a key listing a bin twice, or a key whose values are all zero.</exception>
    public static List<SparseSeries<TKey>> Read<TKey>(
        CsvRows rows, BinColumns bins, int binCount, int valueColumn, double scale,
        Func<CsvRows, TKey> readKey, Func<TKey, string> label)
        where TKey : IEquatable<TKey>
    {
        var byKey = new Dictionary<TKey, SparseSeries<TKey>>();
        var series = new List<SparseSeries<TKey>>();
        SparseSeries<TKey>? current = null;
        while (rows.Read())
        {
            TKey key = readKey(rows);
            int bin = bins.Read(rows);
            double value = rows.NonNegative(valueColumn, ValueRule) / scale;
            if (double.IsInfinity(value))
                throw rows.Error(valueColumn, $"value {rows.Text(valueColumn)} divided by the template scale {scale} is too large");
            if (current is null || !current.Key.Equals(key))
            {
                if (!byKey.TryGetValue(key, out current))
                {
                    current = new SparseSeries<TKey>(key, rows.Line, binCount);
                    byKey.Add(key, current);
                    series.Add(current);
                }
            }
            if (!current.TryAdd(bin, value))
            {
                int line = rows.Line;
                int? first = rows.FindLine(r => readKey(r).Equals(key) && bins.Read(r) == bin);
                throw rows.Error(null, $"{label(key)} lists {bins.Describe(bin)} twice (lines {first} and {line})");
            }
        }
        foreach (var s in series)
            if (s.IsZero)
                throw rows.ErrorAt(s.FirstLine, null, $"{label(s.Key)} is zero everywhere; remove it or give it some expected stars");
        return series;
    }
}

/// <summary>The non-zero entries of one key of a <see cref="SparseTable"/>, with a bitmap of the bins seen so far.</summary>
/// <typeparam name="TKey">The key (template age and metallicity, or background name).</typeparam>
internal sealed class SparseSeries<TKey>(TKey key, int firstLine, int binCount)
{
    private readonly ulong[] _seen = new ulong[(binCount + 63) >> 6];
    private int[] _bins = new int[16];
    private double[] _values = new double[16];
    private int _count, _lastBin = -1;
    private bool _sorted = true;

    /// <summary>The key.</summary>
    public TKey Key { get; } = key;

    /// <summary>Line of the key's first row.</summary>
    public int FirstLine { get; } = firstLine;

    /// <summary>True while every value added was zero.</summary>
    public bool IsZero => _count == 0;

    /// <summary>Records <paramref name="value"/> in <paramref name="bin"/> (zeros are only marked as seen).</summary>
    /// <returns>False when the bin was seen before.</returns>
    public bool TryAdd(int bin, double value)
    {
        ref ulong word = ref _seen[bin >> 6];
        ulong bit = 1UL << bin;
        if ((word & bit) != 0) return false;
        word |= bit;
        if (value == 0) return true;
        if (_count == _bins.Length)
        {
            Array.Resize(ref _bins, 2 * _count);
            Array.Resize(ref _values, 2 * _count);
        }
        _sorted &= bin > _lastBin;
        _lastBin = bin;
        _bins[_count] = bin;
        _values[_count++] = value;
        return true;
    }

    /// <summary>The non-zero entries sorted by bin, as exact-length arrays; the series must not be used afterwards.</summary>
    public (int[] Bins, double[] Values) TakeSorted()
    {
        Array.Resize(ref _bins, _count);
        Array.Resize(ref _values, _count);
        if (!_sorted) Array.Sort(_bins, _values);
        return (_bins, _values);
    }
}
