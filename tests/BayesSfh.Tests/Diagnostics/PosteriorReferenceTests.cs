using BayesSfh.Diagnostics;
using Xunit;

namespace BayesSfh.Tests.Diagnostics;

/// <summary>
/// Agreement with R's posterior on our own fixture chains (Fixtures/Diagnostics: draws, make_fixtures.R, posterior's
/// numbers, README with versions): every measure to a relative 1e-6.
/// </summary>
public class PosteriorReferenceTests
{
    private const double RelativeTolerance = 1e-6;
    private const double AbsoluteTolerance = 1e-12;

    private static readonly Dictionary<string, SummaryMeasure> Measures = new[]
    {
        SummaryMeasures.Mean, SummaryMeasures.Median, SummaryMeasures.Sd, SummaryMeasures.Mad, SummaryMeasures.Q5,
        SummaryMeasures.Q95, SummaryMeasures.Rhat, SummaryMeasures.EssBulk, SummaryMeasures.EssTail, SummaryMeasures.McseMean,
        SummaryMeasures.McseSd, SummaryMeasures.EssMean, SummaryMeasures.EssBasic, SummaryMeasures.RhatBasic, SummaryMeasures.EssSd,
        SummaryMeasures.EssMedian, SummaryMeasures.McseMedian, SummaryMeasures.EssQuantile(0.05), SummaryMeasures.EssQuantile(0.95),
        SummaryMeasures.McseQuantile(0.05), SummaryMeasures.McseQuantile(0.95),
    }.ToDictionary(m => m.Name);

    public static TheoryData<string> Shapes => new() { "4x500", "4x11", "1x200" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Summary_FixtureChains_MatchesPosterior(string shape)
    {
        var draws = DiagnosticsFixtures.ReadDraws($"draws_{shape}.csv");
        var (columns, rows) = DiagnosticsFixtures.ReadTable($"summary_{shape}.csv");
        var measures = columns.Skip(1).Select(name => Measures[name]).ToList();
        var summary = PosteriorSummary.Create(draws, measures);

        var failures = new List<string>();
        int compared = 0;
        foreach (var row in rows)
        {
            var actual = summary[row[0]];
            for (int j = 1; j < columns.Count; j++)
            {
                double expected = DiagnosticsFixtures.ParseR(row[j]);
                double value = actual[columns[j]];
                compared++;
                if (!Agrees(expected, value))
                    failures.Add($"{row[0]}.{columns[j]}: posterior {expected:R}, ours {value:R}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(rows.Count * (columns.Count - 1), compared);
    }

    [Fact]
    public void Summary_StandardMeasures_HavePosteriorColumnNames()
    {
        Assert.Equal(
            ["mean", "median", "sd", "mad", "q5", "q95", "rhat", "ess_bulk", "ess_tail", "mcse_mean", "mcse_sd"],
            SummaryMeasures.Standard.Select(m => m.Name));
    }

    internal static bool Agrees(double expected, double actual) =>
        double.IsNaN(expected) ? double.IsNaN(actual) : Math.Abs(actual - expected) <= Math.Max(RelativeTolerance * Math.Abs(expected), AbsoluteTolerance);
}
