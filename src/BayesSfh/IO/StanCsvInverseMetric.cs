using System.Collections.Immutable;

namespace BayesSfh.IO;

/// <summary>The inverse metric M⁻¹ of the adaptation block of a CmdStan CSV file.</summary>
public sealed class StanCsvInverseMetric
{
    private StanCsvInverseMetric(StanCsvMetric kind, int dimension, ImmutableArray<double> values)
    {
        Kind = kind;
        Dimension = dimension;
        Values = values;
    }

    /// <summary>Unit, diagonal or dense.</summary>
    public StanCsvMetric Kind { get; }

    /// <summary>The dimension d (0 for a unit metric, whose dimension the file does not state).</summary>
    public int Dimension { get; }

    /// <summary>The d diagonal elements (diagonal), the d² elements row by row (dense), or nothing (unit).</summary>
    public ImmutableArray<double> Values { get; }

    /// <summary>The element M⁻¹[row, column] (0-based); off-diagonal elements of a diagonal metric are 0.</summary>
    /// <exception cref="InvalidOperationException">The metric is a unit metric.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0 … d − 1.</exception>
    public double this[int row, int column]
    {
        get
        {
            if (Kind == StanCsvMetric.Unit) throw new InvalidOperationException("a unit metric has no stored elements");
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Dimension);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Dimension);
            return Kind == StanCsvMetric.Dense ? Values[row * Dimension + column] : row == column ? Values[row] : 0.0;
        }
    }

    /// <summary>The unit metric (<c>unit_e</c>).</summary>
    public static StanCsvInverseMetric Unit { get; } = new(StanCsvMetric.Unit, 0, []);

    /// <summary>A diagonal inverse metric (<c>diag_e</c>) with the given d ≥ 1 elements.</summary>
    /// <exception cref="ArgumentException">No element is given.</exception>
    public static StanCsvInverseMetric Diagonal(ReadOnlySpan<double> diagonal)
    {
        if (diagonal.IsEmpty) throw new ArgumentException("the diagonal is empty", nameof(diagonal));
        return new(StanCsvMetric.Diagonal, diagonal.Length, [.. diagonal]);
    }

    /// <summary>A dense inverse metric (<c>dense_e</c>) from its d² elements row by row, d ≥ 1.</summary>
    /// <exception cref="ArgumentException">The number of elements is not a positive square.</exception>
    public static StanCsvInverseMetric Dense(ReadOnlySpan<double> rowMajor)
    {
        int d = (int)Math.Round(Math.Sqrt(rowMajor.Length));
        if (d == 0 || d * d != rowMajor.Length) throw new ArgumentException($"{rowMajor.Length} elements do not form a square matrix", nameof(rowMajor));
        return new(StanCsvMetric.Dense, d, [.. rowMajor]);
    }
}
