using BayesSfh.Likelihood;
using BayesSfh.Randomness;
using Xunit;

namespace BayesSfh.Tests.Likelihood;

public class GroupedBlockTemplatesTests
{
    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        foreach (int columns in new[] { 1, 7, 8, 9, 23, 64, 65 })
            foreach (int groups in new[] { 1, 3, 7 })
                data.Add(columns, groups);
        return data;
    }

    /// <summary>Random sparse rows (contiguous runs and scattered subsets, some empty), random groups in any order.</summary>
    private static (List<(int[] Columns, double[] Values)> Rows, int[] Groups) Problem(Xoshiro256StarStar rng, int columns, int groups)
    {
        var rows = new List<(int[], double[])>();
        var groupOfRow = new List<int>();
        for (int t = 0; t < 5 * groups + 3; t++)
        {
            int[] cols = t % 3 == 0
                ? [.. Enumerable.Range(0, columns).Where(_ => rng.NextDouble() < 0.4)]
                : [.. Enumerable.Range((int)(rng.NextUInt64() % (ulong)columns), Math.Min(columns, 1 + t % 11)).Where(c => c < columns)];
            rows.Add((cols, [.. cols.Select(_ => rng.NextUniform(0.01, 2))]));
            groupOfRow.Add((int)(rng.NextUInt64() % (ulong)groups));
        }
        return (rows, [.. groupOfRow]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Evaluate_RandomGroupsAndDirections_MatchesNaiveSums(int columns, int groups)
    {
        var rng = new Xoshiro256StarStar((ulong)(1000 * columns + groups));
        var (rows, groupOfRow) = Problem(rng, columns, groups);
        var matrix = new GroupedBlockTemplates(rows, columns, groupOfRow, groups);
        var reference = new BlockSparseTemplates(rows, columns); // the single-precision values
        const int L = GroupedBlockTemplates.DirectionCount;
        var scales = Enumerable.Range(0, groups).Select(_ => rng.NextUniform(0.5, 3)).ToArray();
        var directions = Enumerable.Range(0, rows.Count * L).Select(i => i % L == 0 ? rng.NextUniform(0, 1) : rng.NextUniform(-2, 2)).ToArray();
        var counts = new double[matrix.PaddedColumnCount];
        for (int i = 0; i < columns; i++) counts[i] = rng.NextDouble() < 0.3 ? 0 : 1 + (int)(rng.NextUInt64() % 20);
        var model = Enumerable.Repeat(double.NaN, matrix.PaddedColumnCount).ToArray();
        var gamma = new double[groups * L];

        matrix.Evaluate(scales, directions, counts, model, gamma, matrix.CreateScratch());

        var expectedModel = new double[matrix.PaddedColumnCount];
        for (int i = 0; i < columns; i++)
            for (int t = 0; t < rows.Count; t++) expectedModel[i] += scales[groupOfRow[t]] * directions[t * L] * reference.ValueAt(t, i);
        for (int i = 0; i < matrix.PaddedColumnCount; i++)
            Assert.True(Math.Abs(model[i] - expectedModel[i]) <= 1e-13 * Math.Max(1, expectedModel[i]), $"m[{i}] {model[i]:R} vs {expectedModel[i]:R}");
        var expectedGamma = new double[groups * L];
        double scale = 0;
        for (int i = 0; i < columns; i++)
        {
            double rho = 1 - counts[i] / Math.Max(expectedModel[i], PoissonRatio.ModelFloor);
            for (int t = 0; t < rows.Count; t++)
                for (int l = 0; l < L; l++)
                {
                    double term = rho * directions[t * L + l] * reference.ValueAt(t, i);
                    expectedGamma[groupOfRow[t] * L + l] += term;
                    scale += Math.Abs(term);
                }
        }
        for (int k = 0; k < gamma.Length; k++)
            Assert.True(Math.Abs(gamma[k] - expectedGamma[k]) <= 1e-12 * Math.Max(1, scale), $"γ[{k}] {gamma[k]:R} vs {expectedGamma[k]:R}");
    }

    [Fact]
    public void Evaluate_CalledTwice_GivesTheSameBits()
    {
        var rng = new Xoshiro256StarStar(5);
        var (rows, groupOfRow) = Problem(rng, 40, 4);
        var matrix = new GroupedBlockTemplates(rows, 40, groupOfRow, 4);
        var scales = new[] { 1.0, 2, 3, 4 };
        var directions = Enumerable.Range(0, rows.Count * 3).Select(i => 0.1 * (i % 7)).ToArray();
        var counts = Enumerable.Range(0, matrix.PaddedColumnCount).Select(i => i < 40 ? (double)(i % 5) : 0).ToArray();
        var scratch = matrix.CreateScratch();
        var first = new double[12];
        var second = new double[12];
        var model = new double[matrix.PaddedColumnCount];

        matrix.Evaluate(scales, directions, counts, model, first, scratch);
        matrix.Evaluate(scales, directions, counts, model, second, scratch);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Constructor_BadGroups_ThrowsNamingTheProblem()
    {
        List<(int[], double[])> rows = [([0, 1], [1.0, 2.0]), ([2], [3.0])];

        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => new GroupedBlockTemplates(rows, 3, [0, 2], 2));
        Assert.Contains("Group 2", outside.Message);
        var count = Assert.Throws<ArgumentException>(() => new GroupedBlockTemplates(rows, 3, [0], 2));
        Assert.Contains("1 groups given for 2 rows", count.Message);
    }

    [Fact]
    public void Evaluate_WrongSpanLengths_ThrowsArgumentException()
    {
        List<(int[], double[])> rows = [([0, 1], [1.0, 2.0]), ([2], [3.0])];
        var matrix = new GroupedBlockTemplates(rows, 3, [0, 1], 2);
        var scratch = matrix.CreateScratch();
        var padded = new double[matrix.PaddedColumnCount];

        Assert.Throws<ArgumentException>(() => matrix.Evaluate(new double[1], new double[6], padded, new double[8], new double[6], scratch));
        Assert.Throws<ArgumentException>(() => matrix.Evaluate(new double[2], new double[5], padded, new double[8], new double[6], scratch));
        Assert.Throws<ArgumentException>(() => matrix.Evaluate(new double[2], new double[6], new double[3], new double[8], new double[6], scratch));
        Assert.Throws<ArgumentException>(() => matrix.Evaluate(new double[2], new double[6], padded, new double[8], new double[5], scratch));
    }
}
