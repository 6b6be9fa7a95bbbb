using BayesSfh.Sampling;
using Xunit;

namespace BayesSfh.Tests.TestSupport;

/// <summary>Finite differences and tolerance assertions written independently of the library's own helpers.</summary>
internal static class Numeric
{
    /// <summary>
    /// Five-point central difference f′(x) ≈ [f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)] / (12h); truncation error
    /// h⁴ f⁽⁵⁾/30, rounding error about 1.5 ε |f| / h.
    /// </summary>
    public static double Derivative(Func<double, double> f, double x, double h) =>
        (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h);

    /// <summary>Five-point finite-difference gradient of <paramref name="density"/> with absolute step <paramref name="h"/>.</summary>
    public static double[] Gradient(ILogDensity density, ReadOnlySpan<double> theta, double h)
    {
        int d = density.Dimension;
        var point = theta.ToArray();
        var scratch = new double[d];
        var result = new double[d];
        for (int i = 0; i < d; i++)
        {
            double centre = point[i];
            result[i] = Derivative(v =>
            {
                point[i] = v;
                return density.ValueAndGradient(point, scratch);
            }, centre, h);
            point[i] = centre;
        }
        return result;
    }

    /// <summary>Asserts |actual − expected| ≤ relative · max(|expected|, |actual|, floor).</summary>
    public static void AssertRelative(double expected, double actual, double relative, double floor, string label)
    {
        Assert.False(double.IsNaN(actual), $"{label}: actual is NaN");
        double scale = Math.Max(Math.Max(Math.Abs(expected), Math.Abs(actual)), floor);
        double error = Math.Abs(actual - expected) / scale;
        Assert.True(error <= relative, $"{label}: expected {expected:R}, actual {actual:R}, scaled error {error:E3} > {relative:E1}");
    }
}
