using BayesSfh.Products;
using Xunit;

namespace BayesSfh.Tests.Products;

public class CredibleIntervalTests
{
    [Fact]
    public void Of_ZeroToHundred_QuantilesAreThePercentages()
    {
        // Type 7 on 0, 1, …, 100: h = 1 + 100 p, so Q(p) = 100 p exactly, whatever the input order.
        var values = Enumerable.Range(0, 101).Select(i => (double)((i * 37) % 101)).ToArray();

        var interval = CredibleInterval.Of(values);

        Assert.Equal(50, interval.Mean, 12);
        Assert.Equal(50, interval.Median, 12);
        Assert.Equal(16, interval.Low68, 12);
        Assert.Equal(84, interval.High68, 12);
        Assert.Equal(2.5, interval.Low95, 12);
        Assert.Equal(97.5, interval.High95, 12);
    }

    [Fact]
    public void Of_NaNOrEmpty_IsAllNaN()
    {
        Assert.Equal(CredibleInterval.NaN, CredibleInterval.Of([1.0, double.NaN, 3.0]));
        Assert.Equal(CredibleInterval.NaN, CredibleInterval.Of([]));
        Assert.True(double.IsNaN(CredibleInterval.NaN.Median));
    }

    [Fact]
    public void Band_FromIntervals_IndexesBack()
    {
        var a = new CredibleInterval(1, 2, 3, 4, 5, 6);
        var b = new CredibleInterval(7, 8, 9, 10, 11, 12);

        var band = CredibleBand.FromIntervals([a, b]);

        Assert.Equal(2, band.Length);
        Assert.Equal(a, band[0]);
        Assert.Equal(b, band[1]);
        Assert.Equal([2.0, 8.0], band.Median);
        Assert.Equal([5.0, 11.0], band.Low95);
    }
}
