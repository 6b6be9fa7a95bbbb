using BayesSfh.Likelihood;
using BayesSfh.Randomness;
using BayesSfh.Tests.TestSupport;
using Xunit;

namespace BayesSfh.Tests.Likelihood;

public class BlockSparseTemplatesTests
{
    /// <summary>Column counts 1..40, then counts around the next block boundaries.</summary>
    public static TheoryData<int> ColumnCounts()
    {
        var data = new TheoryData<int>();
        foreach (int c in Enumerable.Range(1, 40).Concat([47, 48, 49, 63, 64, 65])) data.Add(c);
        return data;
    }

    /// <summary>
    /// Rows covering every length 0..min(40, columns): for each length one contiguous run at a random offset (so runs
    /// start and end on and off block boundaries), one run aligned to a block start, one run ending at the last column,
    /// and one random scattered subset, plus columns mod 4 scattered rows; values random in (−1, 1) with some that are
    /// not exact in single precision.
    /// </summary>
    private static List<(int[] Columns, double[] Values)> Rows(Xoshiro256StarStar rng, int columns)
    {
        var rows = new List<(int[], double[])>();
        double[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => rng.NextUniform(-1, 1))];
        for (int length = 0; length <= Math.Min(40, columns); length++)
        {
            int start = (int)(rng.NextUInt64() % (ulong)(columns - length + 1));
            rows.Add(([.. Enumerable.Range(start, length)], Values(length)));
            int aligned = Math.Min(start / BlockSparseTemplates.BlockWidth * BlockSparseTemplates.BlockWidth, columns - length);
            rows.Add(([.. Enumerable.Range(aligned, length)], Values(length)));
            rows.Add(([.. Enumerable.Range(columns - length, length)], Values(length)));
            var scattered = Enumerable.Range(0, columns).Where(_ => rng.NextDouble() < (double)length / columns).ToArray();
            rows.Add((scattered, Values(scattered.Length)));
        }
        // 0–3 more rows, so that the row count is not always a multiple of the kernels' 4-row groups.
        for (int extra = 0; extra < columns % 4; extra++)
        {
            var scattered = Enumerable.Range(0, columns).Where(_ => rng.NextDouble() < 0.5).ToArray();
            rows.Add((scattered, Values(scattered.Length)));
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(ColumnCounts))]
    public void Composite_EveryRowLengthAndColumnCount_MatchesNaiveDenseLoop(int columns)
    {
        var rng = new Xoshiro256StarStar((ulong)columns);
        var rows = Rows(rng, columns);
        var matrix = new BlockSparseTemplates(rows, columns);
        var coefficients = rows.Select(_ => rng.NextUniform(0, 3)).ToArray();
        coefficients[0] = 0;
        var destination = new double[matrix.PaddedColumnCount];
        Array.Fill(destination, double.NaN);

        matrix.Composite(coefficients, destination);

        for (int i = 0; i < matrix.PaddedColumnCount; i++)
        {
            double expected = 0, scale = 0;
            for (int t = 0; t < rows.Count; t++)
            {
                double term = coefficients[t] * (i < columns ? matrix.ValueAt(t, i) : 0);
                expected += term;
                scale += Math.Abs(term);
            }
            Assert.True(Math.Abs(destination[i] - expected) <= 1e-12 * scale, $"column {i}: {destination[i]:R} vs naive {expected:R}");
            if (i >= columns) Assert.Equal(0.0, destination[i]);
        }
    }

    [Theory]
    [MemberData(nameof(ColumnCounts))]
    public void Composite_ColumnCopy_SameBitsAsRowMajor(int columns)
    {
        var rng = new Xoshiro256StarStar(500 + (ulong)columns);
        var rows = Rows(rng, columns);
        var rowMajor = new BlockSparseTemplates(rows, columns);
        var withCopy = new BlockSparseTemplates(rows, columns, columnCopyMaxBytes: long.MaxValue);
        var coefficients = rows.Select(_ => rng.NextUniform(0, 3)).ToArray();
        coefficients[0] = 0;
        coefficients[^1] = 0;
        var expected = new double[rowMajor.PaddedColumnCount];
        var actual = new double[withCopy.PaddedColumnCount];
        Array.Fill(actual, double.NaN);

        rowMajor.Composite(coefficients, expected);
        withCopy.Composite(coefficients, actual);

        Assert.False(rowMajor.HasColumnCopy);
        Assert.True(withCopy.HasColumnCopy);
        Assert.Equal(2 * withCopy.BytesPerPass, withCopy.StoredBytes);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]), $"column {i}: {actual[i]:R} vs {expected[i]:R}");
    }

    [Fact]
    public void Constructor_ColumnCopyLimit_CopiesOnlyUpToTheLimit()
    {
        var rows = new List<(int[], double[])> { ([0, 9], [1.0, 2.0]) };
        var probe = new BlockSparseTemplates(rows, 10);

        Assert.True(new BlockSparseTemplates(rows, 10, probe.BytesPerPass).HasColumnCopy);
        Assert.False(new BlockSparseTemplates(rows, 10, probe.BytesPerPass - 1).HasColumnCopy);
        Assert.Equal(probe.BytesPerPass, probe.StoredBytes);
    }

    [Theory]
    [MemberData(nameof(ColumnCounts))]
    public void RowDots_EveryRowLengthAndColumnCount_MatchesNaiveDenseLoop(int columns)
    {
        var rng = new Xoshiro256StarStar(1000 + (ulong)columns);
        var rows = Rows(rng, columns);
        var matrix = new BlockSparseTemplates(rows, columns);
        var vector = new double[matrix.PaddedColumnCount];
        for (int i = 0; i < columns; i++) vector[i] = rng.NextUniform(-2, 2);
        var destination = new double[rows.Count];
        Array.Fill(destination, double.NaN);

        matrix.RowDots(vector, destination);

        for (int t = 0; t < rows.Count; t++)
        {
            double expected = 0, scale = 0;
            for (int i = 0; i < columns; i++)
            {
                double term = matrix.ValueAt(t, i) * vector[i];
                expected += term;
                scale += Math.Abs(term);
            }
            Assert.True(Math.Abs(destination[t] - expected) <= 1e-12 * scale, $"row {t}: {destination[t]:R} vs naive {expected:R}");
        }
    }

    [Fact]
    public void ValueAt_StoredValues_AreTheSinglePrecisionRoundingOfTheInput()
    {
        var rng = new Xoshiro256StarStar(3);
        var rows = Rows(rng, 37);
        var matrix = new BlockSparseTemplates(rows, 37);

        for (int t = 0; t < rows.Count; t++)
        {
            var (cols, vals) = rows[t];
            var dense = new double[37];
            for (int e = 0; e < cols.Length; e++) dense[cols[e]] = (float)vals[e];
            for (int i = 0; i < 37; i++) Assert.Equal(dense[i], matrix.ValueAt(t, i));
        }
    }

    [Fact]
    public void Constructor_RowsCrossingBlocks_CountsNonZerosAndBlocks()
    {
        // Row 0: columns 6, 7 | 8 → blocks 0 and 1; row 1: empty; row 2: column 16 → block 2.
        var matrix = new BlockSparseTemplates([([6, 7, 8], [1.0, 2.0, 3.0]), ([], []), ([16], [4.0])], 17);

        Assert.Equal(3, matrix.RowCount);
        Assert.Equal(17, matrix.ColumnCount);
        Assert.Equal(24, matrix.PaddedColumnCount);
        Assert.Equal(4, matrix.NonZeros);
        Assert.Equal(3, matrix.BlockCount);
        Assert.Equal(3 * (8 * sizeof(float) + sizeof(int)), matrix.BytesPerPass);
    }

    [Fact]
    public void Composite_WrongSpanLengths_ThrowsArgumentException()
    {
        var matrix = new BlockSparseTemplates([([0, 3], [1.0, 2.0])], 5);

        Assert.Throws<ArgumentException>(() => matrix.Composite(new double[2], new double[8]));
        Assert.Throws<ArgumentException>(() => matrix.Composite(new double[1], new double[5]));
    }

    [Fact]
    public void RowDots_WrongSpanLengths_ThrowsArgumentException()
    {
        var matrix = new BlockSparseTemplates([([0, 3], [1.0, 2.0])], 5);

        Assert.Throws<ArgumentException>(() => matrix.RowDots(new double[5], new double[1]));
        Assert.Throws<ArgumentException>(() => matrix.RowDots(new double[8], new double[2]));
    }

    [Fact]
    public void Composite_DestinationHoldsOldValues_IsOverwritten()
    {
        var matrix = new BlockSparseTemplates([([1, 9], [0.5, 0.25])], 10);
        var destination = Enumerable.Repeat(7.0, matrix.PaddedColumnCount).ToArray();

        matrix.Composite([4.0], destination);

        var expected = new double[16];
        expected[1] = 2;
        expected[9] = 1;
        Assert.Equal(expected, destination);
    }
}
