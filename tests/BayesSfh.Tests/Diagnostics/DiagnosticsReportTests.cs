using BayesSfh.Diagnostics;
using Xunit;

namespace BayesSfh.Tests.Diagnostics;

public class DiagnosticsReportTests
{
    /// <summary>Four chains of the fixture's 4 × 500 draws plus hand-made sampler columns.</summary>
    private static List<DrawsTable> Chains(Func<int, int, double> divergent, Func<int, int, double> treeDepth, Func<int, int, double> energy)
    {
        var fixture = DiagnosticsFixtures.ReadDraws("draws_4x500.csv").Where(v => v.Key is "normal" or "shifted" or "ar1" or "constant").ToList();
        var tables = new List<DrawsTable>();
        for (int c = 0; c < 4; c++)
        {
            var names = new List<string> { "lp__", "accept_stat__", "treedepth__", "divergent__", "energy__" };
            var columns = new List<double[]>
            {
                fixture[0].Value.Chain(c).ToArray(),
                Enumerable.Repeat(0.8, 500).ToArray(),
                Enumerable.Range(0, 500).Select(i => treeDepth(c, i)).ToArray(),
                Enumerable.Range(0, 500).Select(i => divergent(c, i)).ToArray(),
                Enumerable.Range(0, 500).Select(i => energy(c, i)).ToArray(),
            };
            foreach (var (name, draws) in fixture)
            {
                names.Add(name);
                columns.Add(draws.Chain(c).ToArray());
            }
            tables.Add(DrawsTable.Create(names, columns));
        }
        return tables;
    }

    [Fact]
    public void Create_SummarisesLpAndVariablesButNotSamplerColumns()
    {
        var report = DiagnosticsReport.Create(Chains((_, _) => 0, (_, _) => 3, (c, i) => Math.Sin(i * (c + 1))));
        Assert.Equal(["lp__", "normal", "ar1", "shifted", "constant"], report.Summary.Rows.Select(r => r.Variable));
        Assert.Equal(500, report.DrawsPerChain);
        Assert.All(report.Chains, c => Assert.Equal(0, c.Divergences));
        Assert.All(report.Chains, c => Assert.Equal(0, c.AtMaxTreeDepth));
    }

    [Fact]
    public void Create_FlagsRhatEssDivergencesTreeDepthAndEbfmi()
    {
        var report = DiagnosticsReport.Create(Chains(
            divergent: (c, i) => c == 1 && i % 100 == 0 ? 1 : 0,
            treeDepth: (c, i) => c == 2 && i < 7 ? 10 : 4,
            energy: (c, i) => c == 3 ? i * 0.01 : Math.Sin(i * 2.0)));
        var kinds = report.Warnings.Select(w => (w.Kind, w.Subject)).ToList();

        Assert.Contains((DiagnosticWarningKind.HighRhat, "shifted"), kinds);
        Assert.Contains((DiagnosticWarningKind.LowEssBulk, "ar1"), kinds);
        Assert.Contains((DiagnosticWarningKind.LowEssBulk, "shifted"), kinds);
        Assert.DoesNotContain(kinds, k => k.Subject is "normal" or "constant");
        Assert.Contains((DiagnosticWarningKind.Divergences, "chain 2"), kinds);
        Assert.Equal(5, report.Chains[1].Divergences);
        Assert.Contains((DiagnosticWarningKind.MaxTreeDepth, "chain 3"), kinds);
        Assert.Equal(7, report.Chains[2].AtMaxTreeDepth);
        Assert.Contains((DiagnosticWarningKind.LowEbfmi, "chain 4"), kinds);
        Assert.DoesNotContain((DiagnosticWarningKind.LowEbfmi, "chain 1"), kinds);
        var rhat = report.Warnings.First(w => w.Kind == DiagnosticWarningKind.HighRhat && w.Subject == "shifted");
        Assert.Equal(report.Summary["shifted"]["rhat"], rhat.Value);
        Assert.Equal(1.01, rhat.Threshold);
        Assert.Equal(400, report.Warnings.First(w => w.Kind == DiagnosticWarningKind.LowEssBulk).Threshold);
    }

    [Fact]
    public void Create_ThresholdsAreConfigurable()
    {
        var chains = Chains((_, _) => 0, (_, _) => 3, (_, i) => Math.Sin(i * 2.0));
        var lenient = DiagnosticsReport.Create(chains, thresholds: new DiagnosticThresholds { MaxRhat = 2, MinEssPerChain = 1 });
        Assert.Empty(lenient.Warnings);
    }

    [Fact]
    public void Create_MismatchedChains_Throw()
    {
        var a = DrawsTable.Create(["lp__", "x"], [[1.0, 2.0], [3.0, 4.0]]);
        var b = DrawsTable.Create(["lp__", "y"], [[1.0, 2.0], [3.0, 4.0]]);
        var c = DrawsTable.Create(["lp__", "x"], [[1.0], [3.0]]);
        Assert.Throws<ArgumentException>(() => DiagnosticsReport.Create([a, b]));
        Assert.Throws<ArgumentException>(() => DiagnosticsReport.Create([a, c]));
    }

    [Fact]
    public void Create_WithoutSamplerColumns_LeavesChecksEmpty()
    {
        var table = DrawsTable.Create(["lp__", "x"], [[1.0, 2.0, 0.5, 3.0], [3.0, 4.0, 2.0, 1.0]]);
        var report = DiagnosticsReport.Create([table, table]);
        Assert.All(report.Chains, c =>
        {
            Assert.Null(c.Divergences);
            Assert.Null(c.AtMaxTreeDepth);
            Assert.True(double.IsNaN(c.Ebfmi));
        });
    }
}
