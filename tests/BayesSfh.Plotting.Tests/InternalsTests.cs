using Xunit;

namespace BayesSfh.Plotting.Tests;

/// <summary>Tick labels, unit powers, summaries, rank counts and the Hess raster.</summary>
public sealed class InternalsTests
{
    private static List<(double Position, string? Label)> Majors(double low, double high) =>
        [.. Canvas.LogTickList(Math.Log10(low), Math.Log10(high)).Where(t => t.Label is not null)];

    [Fact]
    public void LogTicks_OverFourDecades_LabelPowersOfTen()
    {
        var majors = Majors(0.004, 13.5);

        Assert.Equal(["0.01", "0.1", "1", "10"], majors.Select(t => t.Label));
        Assert.Equal(1.0, majors[3].Position, 12);
        // Minor ticks at the other integers: 4 … 9 × 10⁻³, then 2 … 9 × 10⁻², 10⁻¹ and 10⁰ (none above 10 up to 13.5).
        Assert.Equal(6 + 8 + 8 + 8, Canvas.LogTickList(Math.Log10(0.004), Math.Log10(13.5)).Count(t => t.Label is null));
    }

    [Fact]
    public void LogTicks_OverTwoDecades_Label125()
    {
        Assert.Equal(["0.5", "1", "2", "5", "10"], Majors(0.3, 13.5).Select(t => t.Label));
    }

    [Fact]
    public void LogTicks_WithinOneFactorOfThree_LabelEveryInteger()
    {
        Assert.Equal(["4", "5", "6", "7", "8", "9"], Majors(3.5, 9.5).Select(t => t.Label));
    }

    [Theory]
    [InlineData(-1.045, -0.972, "−1.04 −1.02 −1.00 −0.98")]
    [InlineData(0.25, 0.47, "0.3 0.4")]
    [InlineData(0.134, 0.188, "0.14 0.16 0.18")]
    [InlineData(-12, 130, "0 50 100")]
    [InlineData(0.1, 0.9, "0.2 0.4 0.6 0.8")]
    [InlineData(0.1, 0.8, "0.25 0.50 0.75", 3)]
    public void NiceTicks_PutAFewLabelledTicksInRange(double low, double high, string labels, int maxTicks = 4)
    {
        var ticks = Canvas.NiceTickList(low, high, maxTicks);

        Assert.Equal(labels, string.Join(' ', ticks.Where(t => t.Label is not null).Select(t => t.Label)));
        Assert.All(ticks, t => Assert.InRange(t.Position, low - 1e-12, high + 1e-12));
    }

    [Theory]
    [InlineData(0.0003, -4)]
    [InlineData(0.05, 0)]
    [InlineData(9999, 0)]
    [InlineData(25000, 4)]
    [InlineData(0, 0)]
    public void UnitPower_KeepsTickLabelsShort(double max, int power) => Assert.Equal(power, Figures.UnitPower(max));

    [Fact]
    public void Superscript_WritesSignAndDigits() => Assert.Equal("⁻¹²", Figures.Superscript(-12));

    [Theory]
    [InlineData(0.35212, 0.0211, 0.0193, "0.352 (+0.021 −0.019)")]
    [InlineData(-1.0, 0.2, 0.3, "−1.00 (+0.20 −0.30)")]
    [InlineData(120345, 1500, 1400, "120345 (+1500 −1400)")]
    public void Summary_RoundsToTwoSignificantDigitsOfTheError(double value, double up, double down, string expected) =>
        Assert.Equal(expected, Figures.Summary(value, up, down));

    [Fact]
    public void FormatNumber_UsesTheMinusSign() => Assert.Equal("−0.5", Canvas.FormatNumber(-0.5));

    [Fact]
    public void RankCounts_SeparatedChains_FillOppositeHalves()
    {
        // Chain 0 holds the 100 smallest values, chain 1 the 100 largest: chain 0's ranks fill the lower half only.
        double[] low = [.. Enumerable.Range(0, 100).Select(i => (double)i)];
        double[] high = [.. Enumerable.Range(100, 100).Select(i => (double)i)];

        var counts = Figures.RankCounts([high, low], bins: 10);

        Assert.Equal([0, 0, 0, 0, 0, 20, 20, 20, 20, 20], counts[0]);
        Assert.Equal([20, 20, 20, 20, 20, 0, 0, 0, 0, 0], counts[1]);
    }

    [Fact]
    public void RankCounts_CountEveryDrawOnce()
    {
        var draws = TestData.Draws(chains: 4, draws: 123);

        var counts = Figures.RankCounts(draws[0].Chains, bins: 7);

        Assert.All(counts, c => Assert.Equal(123, c.Sum()));
    }

    [Fact]
    public void HessRaster_UnevenBins_MapRasterCellsToTheirBins()
    {
        // Bins [0, 1) and [1, 3): a raster of 300 cells, the first third in bin 0.
        var raster = HessRaster.Create([0, 1, 3], [0, 1, 2]);

        Assert.Equal(300, raster.ColourRaster.Length);
        Assert.Equal(100, raster.ColourRaster.Count(b => b == 0));
        Assert.Equal(200, raster.ColourRaster.Count(b => b == 1));
        Assert.Equal([0, 1], raster.MagnitudeRaster);
    }

    [Fact]
    public void TemplateEdges_AreHalfwayBetweenMetallicities()
    {
        Assert.Equal([-2.25, -1.75, -1.0, 0.0, 1.0], SfhFigures.TemplateEdges([-2.0, -1.5, -0.5, 0.5]));
        Assert.Equal([-1.1, -0.9], SfhFigures.TemplateEdges([-1.0]));
    }
}
