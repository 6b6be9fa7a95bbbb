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
}
