using BayesSfh.Diagnostics;
using Xunit;

namespace BayesSfh.Tests.Diagnostics;

/// <summary>Hand-checked values and edge contracts of the individual diagnostics.</summary>
public class DiagnosticsFunctionTests
{
    private static DrawsMatrix Matrix(params double[][] chains) => DrawsMatrix.FromChains(chains);

    [Fact]
    public void ShouldReturnNaN_ConstantNonFiniteOrTinyRange_True()
    {
        Assert.True(NaRules.ShouldReturnNaN([2.0, 2.0, 2.0]));
        Assert.True(NaRules.ShouldReturnNaN([1.0, double.NaN, 3.0]));
        Assert.True(NaRules.ShouldReturnNaN([1.0, double.PositiveInfinity, 3.0]));
        Assert.True(NaRules.ShouldReturnNaN([1.0, 1.0 + 1e-16]));
        Assert.True(NaRules.ShouldReturnNaN(ReadOnlySpan<double>.Empty));
        Assert.False(NaRules.ShouldReturnNaN([1.0, 1.0 + 1e-15]));
    }

    [Fact]
    public void Split_OddLength_DropsMiddleDrawAndStacksFirstHalvesThenSecondHalves()
    {
        var split = SplitChains.Split(Matrix([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]));
        Assert.Equal(4, split.Chains);
        Assert.Equal(2, split.DrawsPerChain);
        Assert.Equal([1.0, 2, 6, 7, 4, 5, 9, 10], split.Values.ToArray());
    }

    [Fact]
    public void Split_SingleDraw_ReturnsInputUnchanged()
    {
        var draws = Matrix([1], [2]);
        Assert.Same(draws, SplitChains.Split(draws));
    }

    [Fact]
    public void AverageRanks_Ties_AreAveragedAndNaNStaysNaN()
    {
        var ranks = new double[6];
        RankNormalization.AverageRanks([3.0, 1.0, 2.0, 2.0, double.NaN, double.NegativeInfinity], ranks);
        Assert.Equal([5.0, 2.0, 3.5, 3.5, double.NaN, 1.0], ranks);
    }

    [Fact]
    public void ZScale_SymmetricRanks_GiveSymmetricNormalScores()
    {
        var z = RankNormalization.ZScale(Matrix([10, 30], [20, 40]));
        // u = (r − 3/8)/(4 + 1/4): ranks 1..4 → Φ⁻¹(0.147059), Φ⁻¹(0.382353), …
        Assert.Equal(-1.0491314, z[0, 0], 6);
        Assert.Equal(-0.2993069, z[1, 0], 6);
        Assert.Equal(-z[0, 0], z[1, 1], 12);
        Assert.Equal(-z[1, 0], z[0, 1], 12);
    }

    [Fact]
    public void Autocovariance_EqualsDirectBiasedSums()
    {
        var x = new double[37];
        ulong state = 12345;
        for (int i = 0; i < x.Length; i++)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            x[i] = (state >> 11) * (1.0 / (1UL << 53)) + 0.3 * (i > 0 ? x[i - 1] : 0);
        }
        var acov = new double[x.Length];
        Autocovariance.Compute(x, acov);
        double mean = x.Average();
        for (int k = 0; k < x.Length; k++)
        {
            double direct = 0;
            for (int i = 0; i + k < x.Length; i++) direct += (x[i] - mean) * (x[i + k] - mean);
            direct /= x.Length;
            Assert.True(Math.Abs(acov[k] - direct) < 1e-14, $"lag {k}: {acov[k]} vs {direct}");
        }
    }

    [Fact]
    public void Autocovariance_ConstantChain_IsZero()
    {
        var acov = new double[4];
        Autocovariance.Compute([5.0, 5.0, 5.0, 5.0], acov);
        Assert.All(acov, a => Assert.Equal(0.0, a));
    }

    [Theory]
    [InlineData(0.05, 1.45)]
    [InlineData(0.5, 5.5)]
    [InlineData(0.95, 9.55)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 10.0)]
    public void Quantile_Type7_MatchesR(double p, double expected)
    {
        double[] x = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
        Assert.Equal(expected, SampleStatistics.Quantile(x, p), 12);
    }

    [Fact]
    public void OrderStatistics_WithNaN_AreNaN()
    {
        double[] x = [1, double.NaN, 3];
        Assert.True(double.IsNaN(SampleStatistics.Median(x)));
        Assert.True(double.IsNaN(SampleStatistics.Mad(x)));
        Assert.True(double.IsNaN(SampleStatistics.Quantile(x, 0.5)));
    }

    [Fact]
    public void MedianAndMad_MatchR()
    {
        Assert.Equal(2.5, SampleStatistics.Median([4.0, 1, 3, 2]));
        Assert.Equal(1.4826, SampleStatistics.Mad([1.0, 2, 3, 4, 100]), 12); // R: mad(c(1,2,3,4,100)) = 1.4826
        Assert.Equal(Math.Sqrt(2.5), SampleStatistics.StandardDeviation([1.0, 2, 3, 4, 5]), 14);
    }

    [Fact]
    public void Quantile_ProbabilityOutsideUnitInterval_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleStatistics.Quantile([1.0, 2.0], 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ess.Quantile(Matrix([1, 2, 3, 4]), -0.1));
    }

    [Fact]
    public void EssAndRhat_ConstantDraws_AreNaN()
    {
        var constant = Matrix([1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1]);
        Assert.True(double.IsNaN(Rhat.RankNormalized(constant)));
        Assert.True(double.IsNaN(Ess.Bulk(constant)));
        Assert.True(double.IsNaN(Ess.Tail(constant)));
        Assert.True(double.IsNaN(Mcse.Mean(constant)));
        Assert.True(double.IsNaN(Mcse.Sd(constant)));
        Assert.True(double.IsNaN(Mcse.Quantile(constant, 0.05)));
    }

    [Fact]
    public void Ess_FewerThanThreeDrawsPerSplitChain_IsNaN()
    {
        Assert.True(double.IsNaN(Ess.Bulk(Matrix([1, 2, 3, 4, 5], [2, 4, 1, 3, 5]))));
        Assert.False(double.IsNaN(Ess.Bulk(Matrix([1, 2, 3, 4, 5, 6], [2, 4, 1, 3, 6, 5]))));
    }

    [Fact]
    public void Ess_InfiniteDraw_IsNaN()
    {
        var draws = Matrix([1, 2, 3, 4, 5, 6, 7, 8], [2, 4, 1, 3, 6, 5, 8, double.PositiveInfinity]);
        Assert.True(double.IsNaN(Ess.Mean(draws)));
        Assert.True(double.IsNaN(Rhat.Basic(draws)));
    }

    [Fact]
    public void Ebfmi_HandComputed()
    {
        // ΔE = 2, −1, 3 → Σ = 14; Ē = 2.75 → Σ(E − Ē)² = 8.75.
        Assert.Equal(1.6, SamplerDiagnostics.Ebfmi([1.0, 3, 2, 5]), 14);
        Assert.True(double.IsNaN(SamplerDiagnostics.Ebfmi([4.0, 4, 4])));
        Assert.True(double.IsNaN(SamplerDiagnostics.Ebfmi([4.0])));
        Assert.True(double.IsNaN(SamplerDiagnostics.Ebfmi([1.0, double.NaN, 3])));
    }

    [Fact]
    public void Counts_DivergencesAndMaxTreeDepth()
    {
        Assert.Equal(2, SamplerDiagnostics.CountDivergences([0.0, 1, 0, 1, double.NaN]));
        Assert.Equal(3, SamplerDiagnostics.CountAtMaxTreeDepth([3.0, 10, 9, 10, 11], 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplerDiagnostics.CountAtMaxTreeDepth([1.0], 0));
    }

    [Fact]
    public void DrawsMatrix_RaggedChains_Throw()
    {
        Assert.Throws<ArgumentException>(() => DrawsMatrix.FromChains([[1.0, 2.0], [1.0]]));
        Assert.Throws<ArgumentException>(() => DrawsMatrix.Create(2, 2, [1.0, 2.0, 3.0]));
    }

    [Fact]
    public void SummaryMeasureNames_FollowPosterior()
    {
        Assert.Equal("q2.5", SummaryMeasures.Quantile(0.025).Name);
        Assert.Equal("ess_q5", SummaryMeasures.EssQuantile(0.05).Name);
        Assert.Equal("mcse_q95", SummaryMeasures.McseQuantile(0.95).Name);
    }
}
