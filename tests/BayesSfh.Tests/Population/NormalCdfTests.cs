using BayesSfh.Population;
using MathNet.Numerics;
using Xunit;

namespace BayesSfh.Tests.Population;

/// <summary>The tabulated normal CDF against MathNet's erfc on a dense, irregular set of points.</summary>
public class NormalCdfTests
{
    [Fact]
    public void MatchesErfcToOneInABillion()
    {
        double worst = 0;
        for (int k = -1_000_000; k <= 1_000_000; k++)
        {
            double z = k * 1.0e-5 * Math.PI;  // ±31.4, steps incommensurate with the table
            double exact = 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
            worst = Math.Max(worst, Math.Abs(NormalCdf.Lower(z) - exact));
        }
        Assert.True(worst < 1e-9, $"max error {worst}");
        Assert.True(worst > 0);  // it is an approximation: a zero would mean the comparison is vacuous
        Assert.True(double.IsNaN(NormalCdf.Lower(double.NaN)));
        Assert.Equal(0.0, NormalCdf.Lower(double.NegativeInfinity));
        Assert.Equal(1.0, NormalCdf.Lower(double.PositiveInfinity));
    }

    [Fact]
    public void SpanVersionMatchesScalarVersion()
    {
        // 1001 edges (not a multiple of the vector width) crossing both ends of the table.
        var edges = new double[1001];
        for (int k = 0; k < edges.Length; k++) edges[k] = -3.7 + k * 0.0123 * Math.E;
        var result = new double[edges.Length];
        const double mean = 12.1, sigma = 0.7;
        NormalCdf.Lower(edges, mean, 1 / sigma, result);
        double worst = 0;
        for (int k = 0; k < edges.Length; k++)
        {
            worst = Math.Max(worst, Math.Abs(result[k] - NormalCdf.Lower((edges[k] - mean) / sigma)));
            worst = Math.Max(worst, Math.Abs(result[k] - 0.5 * SpecialFunctions.Erfc(-(edges[k] - mean) / sigma / Math.Sqrt(2))) * 1e-6);
        }
        // Beyond ±9 the span version clamps (Φ(±9) differs from 0 or 1 by 1e-19); inside it is the same interpolant.
        Assert.True(worst < 1e-15, $"max difference {worst}");
        Assert.True(edges[0] < mean - 9 * sigma && edges[^1] > mean + 9 * sigma);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(13)]
    public void AddScaledDifferences_EveryLengthAroundTheVectorWidth_AddsWeightedDifferences(int n)
    {
        var values = Enumerable.Range(0, n + 3).Select(k => Math.Sin(0.7 * k) + 0.01 * k * k).ToArray();
        var destination = Enumerable.Range(0, n).Select(k => 0.5 * k).ToArray();
        var expected = destination.Select((d, k) => d + 1.75 * (values[k + 1] - values[k])).ToArray();

        NormalCdf.AddScaledDifferences(values.AsSpan(0, n + 1), 1.75, destination);

        Assert.Equal(expected, destination);
    }

    [Fact]
    public void AddScaledDifferences_TooFewValues_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => NormalCdf.AddScaledDifferences(new double[4], 1, new double[4]));
        Assert.Contains("values needs 5 entries, got 4", error.Message);
    }
}
