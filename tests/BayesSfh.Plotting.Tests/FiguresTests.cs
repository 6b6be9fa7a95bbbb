using SkiaSharp;
using Xunit;

namespace BayesSfh.Plotting.Tests;

/// <summary>Every figure renders a PNG of the requested size with real content, atomically, with visible text.</summary>
public sealed class FiguresTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bayessfh-figures-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string P(string name) => Path.Combine(_folder, name);

    private static FigureOptions Sized(int width, int height) => new() { Size = new PlotSize(width, height) };

    [Fact]
    public void StarFormationHistory_LogAndLinearTime_RenderAtTheRequestedSize()
    {
        Assert.Equal(P("sfr.png"), Figures.StarFormationHistory(P("sfr.png"), TestData.Sfr(), options: Sized(640, 480)));
        Png.AssertFigure(P("sfr.png"), 640, 480);

        Figures.StarFormationHistory(P("sfr_linear.png"), TestData.Sfr(truth: false), TimeScale.Linear, olderToTheLeft: true, Sized(500, 400));
        Png.AssertFigure(P("sfr_linear.png"), 500, 400);
    }

    [Fact]
    public void BandFigures_RenderAtTheRequestedSize()
    {
        Figures.CumulativeSfh(P("cumulative.png"), TestData.Cumulative(), options: Sized(600, 450));
        Figures.MetallicityDistribution(P("mdf_both.png"), TestData.BinnedMdf(), TestData.SmoothMdf(), Sized(600, 450));
        Figures.MetallicityDistribution(P("mdf_binned.png"), TestData.BinnedMdf(), null, Sized(600, 450));
        Figures.MetallicityDistribution(P("mdf_smooth.png"), null, TestData.SmoothMdf(), Sized(600, 450));
        Figures.AgeMetallicity(P("amr.png"), TestData.Amr(), options: Sized(600, 450));
        Figures.MassMetallicity(P("mzr.png"), TestData.Mzr(), Sized(600, 450));

        foreach (string name in new[] { "cumulative", "mdf_both", "mdf_binned", "mdf_smooth", "amr", "mzr" }) Png.AssertFigure(P(name + ".png"), 600, 450);
    }

    [Fact]
    public void DiagnosticFigures_RenderAtTheRequestedOrDefaultSize()
    {
        var draws = TestData.Draws();

        Figures.Corner(P("corner.png"), draws, Sized(700, 700));
        Figures.Trace(P("trace.png"), draws);
        Figures.Rank(P("rank.png"), draws, bins: 10, Sized(800, 500));

        Png.AssertFigure(P("corner.png"), 700, 700);
        var trace = Png.Read(P("trace.png"));
        Assert.Equal(900, trace.Width);
        Png.AssertFigure(P("trace.png"), 900, trace.Height);
        Png.AssertFigure(P("rank.png"), 800, 500);
    }

    [Fact]
    public void HessFigures_RenderAtTheRequestedSize()
    {
        var (observed, model, ce, me) = TestData.Hess();
        var style = new HessStyle { ColourLabel = "B − V", MagnitudeLabel = "V" };

        Figures.HessComparison(P("hess.png"), observed, model, null, ce, me, style, Sized(1200, 500));
        Figures.HessDiagram(P("hess_one.png"), observed, ce, me, style with { LogCounts = false }, Sized(500, 560));

        Png.AssertFigure(P("hess.png"), 1200, 500);
        Png.AssertFigure(P("hess_one.png"), 500, 560);
    }

    [Fact]
    public void Scale_GrowsTheDefaultSize()
    {
        Figures.MassMetallicity(P("mzr2.png"), TestData.Mzr(), new FigureOptions { Scale = 1.5 });

        Png.AssertFigure(P("mzr2.png"), 1200, 900);
    }

    [Fact]
    public void HessDiagram_MagnitudeIncreasesDownwards()
    {
        // One populated bin: the bluest colour and the brightest (smallest) magnitude. It must be drawn top left.
        var counts = new double[10, 10];
        counts[0, 0] = 100;
        double[] edges = [.. Enumerable.Range(0, 11).Select(i => (double)i)];
        Figures.HessDiagram(P("orientation.png"), counts, edges, [.. edges.Select(e => 15 + e)], options: Sized(600, 680));

        var png = Png.Read(P("orientation.png"));
        // Data area: fixed paddings 72 (left), 118 (right), 38 (top) and 62 (bottom) pixels inside a 6-pixel header.
        int left = 72, right = 600 - 118, top = 6 + 38, bottom = 680 - 62;
        int cellW = (right - left) / 10, cellH = (bottom - top) / 10;
        Assert.True(png.DarkFraction(left + 3, top + 3, left + cellW - 3, top + cellH - 3) > 0.9, "the bright-blue bin is not at the top left");
        Assert.True(png.DarkFraction(left + 3, bottom - cellH + 3, left + cellW - 3, bottom - 3) < 0.05, "something dark at the bottom left");
    }

    [Fact]
    public void HessComparison_ResidualColoursAreSymmetricAboutZero()
    {
        // Residual −3 in the blue half, +3 in the red half: a diverging map centred on 0 shows blue, then red.
        var (observed, model) = (new double[8, 8], new double[8, 8]);
        var residual = new double[8, 8];
        for (int x = 0; x < 8; x++)
            for (int y = 0; y < 8; y++) (observed[x, y], model[x, y], residual[x, y]) = (5, 5, x < 4 ? -3 : 3);
        double[] edges = [.. Enumerable.Range(0, 9).Select(i => (double)i)];
        Figures.HessComparison(P("residual.png"), observed, model, residual, edges, edges, options: Sized(1560, 640));

        var png = Png.Read(P("residual.png"));
        int left = 2 * 520 + 72, right = 1560 - 118, middle = (6 + 38 + 640 - 62) / 2;
        var blue = png.Bitmap.GetPixel(left + (right - left) / 4, middle);
        var red = png.Bitmap.GetPixel(left + 3 * (right - left) / 4, middle);
        Assert.True(blue.Blue > blue.Red + 40, $"−3 drawn as {blue}");
        Assert.True(red.Red > red.Blue + 40, $"+3 drawn as {red}");
        // Symmetric: the two colours are equally far from white.
        double Distance(SKColor c) => Math.Sqrt(Math.Pow(255 - c.Red, 2) + Math.Pow(255 - c.Green, 2) + Math.Pow(255 - c.Blue, 2));
        Assert.InRange(Distance(blue) / Distance(red), 0.7, 1.4);
    }

    [Fact]
    public void Text_RendersWithTheEmbeddedFont()
    {
        Assert.True(FigureFont.CanRender("SFR [M☉ yr⁻¹] log₁₀ M* B − V α σ μ ≥ ×"));
        Assert.Equal("DejaVu Sans", ScottPlot.Fonts.GetTypeface(FigureFont.Name, false, false).FamilyName);
        Assert.Equal("DejaVu Sans", ScottPlot.Fonts.GetTypeface(FigureFont.Name, true, false).FamilyName);

        // The same figure with its x-axis label and with a blank one of the same height: the text adds dark pixels.
        Figures.MassMetallicity(P("label.png"), TestData.Mzr(), new FigureOptions { Size = new PlotSize(600, 450), XLabel = "Stellar mass ☉" });
        Figures.MassMetallicity(P("blank.png"), TestData.Mzr(), new FigureOptions { Size = new PlotSize(600, 450), XLabel = " " });
        var (with, without) = (Png.Read(P("label.png")), Png.Read(P("blank.png")));
        double inked = (with.InkFraction() - without.InkFraction()) * 600 * 450;
        Assert.True(inked > 400, $"the label inked only {inked:F0} pixels");
    }

    [Fact]
    public void AtomicWrite_ReplacesAnOldFileAndLeavesNoPartial()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(P("old.png"), "not a png");
        File.WriteAllText(P("old.png.partial"), "debris of a crash");

        Figures.AgeMetallicity(P("old.png"), TestData.Amr());

        Png.AssertFigure(P("old.png"), 800, 600);
        Assert.False(File.Exists(P("old.png.partial")));
    }

    [Fact]
    public void AtomicWrite_FailingRender_LeavesNeitherFileNorPartial()
    {
        Directory.CreateDirectory(_folder);

        Assert.ThrowsAny<Exception>(() => Canvas.WriteAtomically(P("broken.png"), partial =>
        {
            File.WriteAllText(partial, "half");
            throw new IOException("disk full");
        }));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Figure_IntoAMissingFolder_CreatesIt()
    {
        string path = Path.Combine(_folder, "a", "b", "sfr.png");

        Figures.StarFormationHistory(path, TestData.Sfr());

        Png.AssertFigure(path, 800, 600);
    }
}
