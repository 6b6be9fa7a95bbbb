using System.Text.Json;
using Xunit;

namespace BayesSfh.Cli.Tests;

/// <summary>The library example in examples/QuickStart runs end to end and writes every product.</summary>
public class ExamplesTests
{
    [Fact]
    public void QuickStart_ShortRun_WritesProductsThatRecoverTheTotalMass()
    {
        using var folder = new TempFolder();
        string input = QuickStart.Program.WriteBuiltInMock(folder.File("input"));

        var products = QuickStart.Program.Run(input, folder.File("out"), warmup: 200, draws: 200);

        foreach (var file in new[] { "sfh.csv", "cumulative_sfh.csv", "mzr_parameters.csv", "mzr_band.csv", "amr_band.csv", "mdf.csv",
                     "light_weighted.csv", "ppc_residuals.csv", "summary.json", Path.Combine("plots", "sfr.png"), Path.Combine("plots", "corner.png") })
            Assert.True(File.Exists(folder.File(Path.Combine("out", file))), file);
        using var summary = JsonDocument.Parse(File.ReadAllText(folder.File(Path.Combine("out", "summary.json"))));
        // The built-in mock formed 10⁶ M☉; its stars pin the total to ≈ 1 %.
        Assert.InRange(products.Sfh.TotalMass.Median, 0.95e6, 1.05e6);
        Assert.InRange(products.Parameter("alpha")!.Interval.Median, 0.25, 0.45);
    }
}
