using Xunit;

namespace BayesSfh.Plotting.Tests;

/// <summary>Bad input fails early with an <see cref="ArgumentException"/> that says what is wrong, and writes nothing.</summary>
public sealed class InputValidationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bayessfh-badinput-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static double[] Ones(int n) => [.. Enumerable.Repeat(1.0, n)];

    [Fact]
    public void Band_MismatchedLengths_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new Band([1, 2, 3], Ones(3), Ones(2), Ones(3), Ones(3), Ones(3)));
        Assert.Contains("lo68 has 2 values", e.Message);
    }

    [Fact]
    public void Band_NaN_ThrowsNamingTheIndex()
    {
        double[] median = [1, double.NaN, 1];
        var e = Assert.Throws<ArgumentException>(() => new Band([1, 2, 3], median, Ones(3), Ones(3), Ones(3), Ones(3)));
        Assert.Contains("median[1] is NaN", e.Message);
    }

    [Fact]
    public void Band_NonIncreasingX_Throws() =>
        Assert.Contains("increase strictly", Assert.Throws<ArgumentException>(() => new Band([1, 3, 2], Ones(3), Ones(3), Ones(3), Ones(3), Ones(3))).Message);

    [Fact]
    public void Band_UnorderedQuantiles_Throws() =>
        Assert.Contains("not ordered", Assert.Throws<ArgumentException>(() => new Band([1, 2], [1, 1], [1, 1], [1, 1], [2, 0], [2, 2])).Message);

    [Fact]
    public void Band_TruthOfOtherLength_Throws() =>
        Assert.Contains("truth", Assert.Throws<ArgumentException>(() => new Band([1, 2], Ones(2), Ones(2), Ones(2), Ones(2), Ones(2), Ones(3))).Message);

    [Fact]
    public void StepBand_EdgesNotBinsPlusOne_Throws() =>
        Assert.Throws<ArgumentException>(() => new StepBand([0, 1, 2], Ones(3), Ones(3), Ones(3), Ones(3), Ones(3)));

    [Fact]
    public void StepBand_InfiniteValue_Throws() =>
        Assert.Throws<ArgumentException>(() => new StepBand([0, 1], [double.PositiveInfinity], Ones(1), Ones(1), Ones(1), Ones(1)));

    [Fact]
    public void ParameterDraws_NaNDraw_ThrowsNamingChainAndDraw()
    {
        var e = Assert.Throws<ArgumentException>(() => new ParameterDraws("alpha", [Ones(5), [1, 2, double.NaN]]));
        Assert.Contains("chain 1, draw 2", e.Message);
    }

    [Fact]
    public void ParameterDraws_NoNameOrNoChains_Throw()
    {
        Assert.Throws<ArgumentException>(() => new ParameterDraws(" ", [Ones(5)]));
        Assert.Throws<ArgumentException>(() => new ParameterDraws("a", []));
        Assert.Throws<ArgumentException>(() => new ParameterDraws("a", [Ones(1)]));
        Assert.Throws<ArgumentException>(() => new ParameterDraws("a", [Ones(5)], double.NaN));
    }

    [Fact]
    public void Corner_ChainsOfDifferentLengths_Throws()
    {
        var a = new ParameterDraws("a", [Ones(10), Ones(10)]);
        var b = new ParameterDraws("b", [Ones(10), Ones(9)]);
        Assert.Contains("joint draws", Assert.Throws<ArgumentException>(() => Figures.Corner(Path.Combine(_folder, "c.png"), [a, b])).Message);
        Assert.False(Directory.Exists(_folder));
    }

    [Fact]
    public void Rank_FewerDrawsThanBins_Throws() =>
        Assert.Throws<ArgumentException>(() => Figures.Rank(Path.Combine(_folder, "r.png"), [new ParameterDraws("a", [Ones(10)])], bins: 20));

    [Fact]
    public void Diagnostics_NoOrRepeatedParameters_Throw()
    {
        var a = new ParameterDraws("a", [Ones(10)]);
        Assert.Throws<ArgumentException>(() => Figures.Trace(Path.Combine(_folder, "t.png"), []));
        Assert.Throws<ArgumentException>(() => Figures.Trace(Path.Combine(_folder, "t.png"), [a, a]));
    }

    [Fact]
    public void LogTimeAxis_WithZeroTime_ThrowsSuggestingLinear()
    {
        var sfr = new StepBand([0, 1, 2], Ones(2), Ones(2), Ones(2), Ones(2), Ones(2));
        var e = Assert.Throws<ArgumentException>(() => Figures.StarFormationHistory(Path.Combine(_folder, "s.png"), sfr));
        Assert.Contains("TimeScale.Linear", e.Message);
        Assert.False(Directory.Exists(_folder));
    }

    [Fact]
    public void Mdf_WithNeitherBand_Throws() =>
        Assert.Throws<ArgumentException>(() => Figures.MetallicityDistribution(Path.Combine(_folder, "m.png"), null, null));

    [Fact]
    public void Hess_MapOfWrongShape_Throws()
    {
        double[] edges = [0, 1, 2, 3];
        var e = Assert.Throws<ArgumentException>(() => Figures.HessDiagram(Path.Combine(_folder, "h.png"), new double[3, 2], edges, edges));
        Assert.Contains("3 × 2", e.Message);
    }

    [Fact]
    public void Hess_NegativeOrNaNCounts_Throw()
    {
        double[] edges = [0, 1, 2];
        Assert.Throws<ArgumentException>(() => Figures.HessDiagram(Path.Combine(_folder, "h.png"), new double[,] { { 1, -1 }, { 0, 0 } }, edges, edges));
        Assert.Throws<ArgumentException>(() => Figures.HessComparison(Path.Combine(_folder, "h.png"), new double[2, 2],
            new double[,] { { 1, double.NaN }, { 0, 0 } }, null, edges, edges));
        Assert.Throws<ArgumentException>(() => Figures.HessComparison(Path.Combine(_folder, "h.png"), new double[2, 2], new double[2, 2],
            new double[,] { { 1, double.NaN }, { 0, 0 } }, edges, edges));
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentException>(() => new FigureOptions { Size = new PlotSize(50, 400) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FigureOptions { Scale = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new HessStyle { ResidualLimit = -1 });
    }

    [Fact]
    public void Path_ThatIsAFolder_Throws()
    {
        Directory.CreateDirectory(_folder);
        Assert.Throws<ArgumentException>(() => Figures.MassMetallicity(_folder, TestData.Mzr()));
        Assert.Throws<ArgumentException>(() => Figures.MassMetallicity(" ", TestData.Mzr()));
    }
}
