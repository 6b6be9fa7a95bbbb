using BayesSfh.Diagnostics;
using BayesSfh.Hess;
using BayesSfh.Modelling;
using BayesSfh.Products;
using BayesSfh.Randomness;
using BayesSfh.Synthetic;
using SkiaSharp;
using Xunit;

namespace BayesSfh.Plotting.Tests;

/// <summary>Every figure renders a PNG of the requested size with real content, atomically; bad input is rejected.</summary>
public class SfhFiguresTests : IDisposable
{
    private static readonly Lazy<MockGalaxy> Mock = new(() => MockGalaxy.Create(new MockGalaxyOptions
    {
        Alpha = 0.35, Intercept = -1.0, Sigma = 0.2, TotalMass = 2e6, Seed = 5,
        Templates = new SyntheticTemplateOptions { Ages = 5, MinLogAge = 8.5, MaxLogAge = 10.05, Metallicities = 5, MinMH = -2.2, MaxMH = 0.0, ColourBins = 30, MagnitudeBins = 20 },
    }));

    /// <summary>
    /// Products of stand-in chains (no sampling, to keep the tests fast): 2 chains × 150 draws scattered around the truth,
    /// positive parameters by a log-normal factor of 5 % scatter, the others by ±0.02.
    /// </summary>
    private static readonly Lazy<(PosteriorProducts Products, IReadOnlyList<DrawsTable> Chains, PosteriorProducts Truth)> Run = new(() =>
    {
        var mock = Mock.Value;
        var model = SfhModel.Create(mock.Templates, mock.Observed, new SfhModelOptions { Model = MetallicityModelKind.PowerLawMzr });
        var names = model.OutputNames;
        var chains = new List<DrawsTable>();
        for (int c = 0; c < 2; c++)
        {
            var rng = Xoshiro256StarStar.ForStream(11, c);
            var columns = names.Select(_ => new double[150]).ToArray();
            for (int i = 0; i < 150; i++)
                for (int p = 0; p < names.Length; p++)
                {
                    double truth = mock.Truth[names[p]], z = rng.NextStandardNormal();
                    columns[p][i] = truth > 0 ? truth * Math.Exp(0.05 * z) : truth + 0.02 * z;
                }
            chains.Add(DrawsTable.Create(names, columns));
        }
        var products = PosteriorProducts.Compute(model, PosteriorDraws.FromChains(chains), new ProductOptions { PredictiveDraws = 20 });
        var truthProducts = PosteriorProducts.Compute(model, PosteriorDraws.FromPoint(names, [.. names.Select(n => mock.Truth[n])]),
            new ProductOptions { PredictiveDraws = 0 });
        return (products, chains, truthProducts);
    });

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bayessfh-plot-" + Guid.NewGuid().ToString("N"));

    public SfhFiguresTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void WriteAll_EveryFigure_IsAPngOfItsSizeWithFarMoreContentThanABlankImage()
    {
        var (products, chains, truth) = Run.Value;

        var paths = SfhFigures.WriteAll(_folder, products, chains, truth, new PlotSize(640, 480));

        Assert.Equal(SfhFigures.FileNames.ToHashSet(), paths.Select(p => Path.GetFileName(p)!).ToHashSet());
        Assert.Empty(Directory.GetFiles(_folder, "*.partial"));
        foreach (string path in paths)
        {
            var (width, height) = PngSize(path);
            Assert.True(width >= 640 && height >= 480, $"{path}: {width} × {height}");
            long blank = BlankPngLength(width, height);
            Assert.True(new FileInfo(path).Length > 5 * blank, $"{path}: {new FileInfo(path).Length} bytes, a blank image {blank}");
        }
        foreach (string single in new[] { "sfr.png", "cumulative_sfh.png", "mdf.png", "amr.png", "mzr.png" })
            Assert.Equal((640, 480), PngSize(Path.Combine(_folder, single)));
        Assert.Equal((1280, 480), PngSize(Path.Combine(_folder, "hess.png")));
    }

    [Fact]
    public void EachMethod_WritesExactlyTheRequestedSize()
    {
        var (products, chains, truth) = Run.Value;
        var size = new PlotSize(701, 433);
        var written = new[]
        {
            SfhFigures.StarFormationRate(P("a.png"), products.Sfh, truth.Sfh, size),
            SfhFigures.CumulativeSfh(P("b.png"), products.Sfh, truth.Sfh, size),
            SfhFigures.Mdf(P("c.png"), products.Mdf, truth.Mdf, size),
            SfhFigures.AgeMetallicity(P("d.png"), products.Metallicity!, truth.Metallicity, size),
            SfhFigures.MassMetallicity(P("e.png"), products.Metallicity!, truth.Metallicity, size),
            SfhFigures.Corner(P("f.png"), chains, ["alpha", "sigma"], null, size),
            SfhFigures.Trace(P("g.png"), chains, ["alpha"], size),
            SfhFigures.Rank(P("h.png"), chains, ["alpha", "R.1"], size),
            SfhFigures.HessPanels(P("i.png"), products.Check!, size: size),
        };

        foreach (string path in written) Assert.Equal((701, 433), PngSize(path));
        Assert.Empty(Directory.GetFiles(_folder, "*.partial"));
    }

    [Fact]
    public void TemplateGridMdf_WithoutFineGrid_Renders()
    {
        var mdf = Run.Value.Products.Mdf with { FineMetallicities = null, FineMassWeighted = null };

        string path = SfhFigures.Mdf(P("mdf.png"), mdf, Run.Value.Truth.Mdf with { FineMetallicities = null, FineMassWeighted = null });

        Assert.True(new FileInfo(path).Length > 5 * BlankPngLength(800, 600));
    }

    [Fact]
    public void WriteAll_FreeModelWithoutChainsOrCheck_SkipsTheFiguresThatDoNotApply()
    {
        // A free model has no metallicity products; a point "posterior" without replications has no predictive check.
        var model = SfhModel.Create(Mock.Value.Templates, Mock.Value.Observed, new SfhModelOptions { Model = MetallicityModelKind.Free });
        var products = PosteriorProducts.Compute(model, PosteriorDraws.FromPoint(model.OutputNames, [.. model.OutputNames.Select(_ => 1e4)]),
            new ProductOptions { PredictiveDraws = 0 });
        Assert.Null(products.Metallicity);

        var paths = SfhFigures.WriteAll(_folder, products);

        Assert.Equal(["sfr.png", "cumulative_sfh.png", "mdf.png"], paths.Select(p => Path.GetFileName(p)!).ToArray());
        Assert.Equal(paths.Order(), Directory.GetFiles(_folder).Order());
    }

    [Fact]
    public void AxisLabels_AreDrawnWithAFontThatHasTheirGlyphs()
    {
        // The label strip under the x axis holds only "Lookback time [Gyr]": dark pixels there mean text rendered.
        string path = SfhFigures.StarFormationRate(P("sfr.png"), Run.Value.Products.Sfh, size: new PlotSize(800, 600));
        using var bitmap = SKBitmap.Decode(path);
        int dark = 0;
        for (int y = 570; y < 598; y++)
            for (int x = 250; x < 650; x++)
                if (bitmap.GetPixel(x, y).Red < 128) dark++;

        Assert.True(dark > 200, $"only {dark} dark pixels where the x label should be");
        using var font = new SKFont(FigureStyle.Typeface(), 12);
        Assert.True(font.ContainsGlyphs("M⊙ yr⁻¹ log₁₀ m̄ − σ →"), $"font {FigureStyle.FontName} lacks glyphs of the labels");
    }

    [Fact]
    public void HessPanels_BrightestBluestBin_IsDrawnTopLeftOfTheObservedPanel()
    {
        // Stars only in bin (colour 0, magnitude 0) = bluest colour, brightest (smallest) magnitude.
        var grid = HessGrid.Uniform(0, 2, 10, 10, 20, 10);
        double[] observed = new double[grid.BinCount];
        observed[grid.Flatten(0, 0)] = 1000;
        double[] model = [.. Enumerable.Repeat(0.0, grid.BinCount)];
        var check = new PredictiveCheck(observed, model, new double[grid.BinCount], grid, 0.5, 10, 1, CredibleInterval.NaN, CredibleInterval.NaN);

        string path = SfhFigures.HessPanels(P("hess.png"), check, size: new PlotSize(1500, 500));

        var (meanX, meanY) = YellowCentroid(path, 0, 330); // first panel only (its colour bar starts further right)
        // The data area spans x ≈ 80 … 375 and y ≈ 76 … 440: one cell of 10 × 10 must sit in its upper left corner.
        Assert.InRange(meanX, 80, 140);
        Assert.InRange(meanY, 70, 130);
    }

    [Fact]
    public void HessPanels_UnequalBins_DrawEachCellOnItsOwnEdges()
    {
        var grid = new HessGrid([0, 0.1, 0.3, 0.6, 1.0], [10, 11, 13, 16]);
        double[] observed = [.. Enumerable.Range(0, grid.BinCount).Select(i => (double)(i % 3))];
        observed[grid.Flatten(0, 0)] = 1000;
        double[] model = [.. observed.Select(v => v + 0.5)];
        double[] residuals = [.. observed.Select((n, i) => PredictiveCheck.SignedDevianceResidual(n, model[i]))];
        var check = new PredictiveCheck(observed, model, residuals, grid, 0.5, 10, 1, CredibleInterval.NaN, CredibleInterval.NaN);

        string path = SfhFigures.HessPanels(P("hess.png"), check, "g − r [mag]", "r [mag]", new PlotSize(1200, 450));

        Assert.Equal((1200, 450), PngSize(path));
        Assert.True(new FileInfo(path).Length > 5 * BlankPngLength(1200, 450));
        // First panel's data area: x 80 … 275 for colour 0 … 1, y 76 … 390 for r 10 … 16; the bright cell
        // (colour 0 … 0.1, r 10 … 11) is x 80 … 99.5, y 76 … 128.3, centroid (90, 102).
        var (meanX, meanY) = YellowCentroid(path, 0, 260);
        Assert.InRange(meanX, 85, 95);
        Assert.InRange(meanY, 96, 108);
    }

    [Fact]
    public void StarFormationRate_NaNInTheBand_ThrowsAndLeavesNoFile()
    {
        var sfh = Run.Value.Products.Sfh;
        var broken = sfh with { Sfr = sfh.Sfr with { Median = [.. sfh.Sfr.Median.Select((v, i) => i == 0 ? double.NaN : v)] } };

        Assert.Throws<ArgumentException>(() => SfhFigures.StarFormationRate(P("x.png"), broken));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void BadInputs_ThrowArgumentException()
    {
        var (products, chains, _) = Run.Value;
        var noGrid = products.Check! with { Grid = null };
        var shortSfr = products.Sfh with { Sfr = products.Sfh.Sfr with { Median = products.Sfh.Sfr.Median[1..] } };

        Assert.Throws<ArgumentException>(() => SfhFigures.Trace(P("t.png"), chains, ["nope"]));
        Assert.Throws<ArgumentException>(() => SfhFigures.Rank(P("t.png"), chains, ["alpha"], bins: 1));
        Assert.Throws<ArgumentException>(() => SfhFigures.Corner(P("t.png"), [], ["alpha"]));
        Assert.Throws<ArgumentException>(() => SfhFigures.Corner(P("t.png"), chains, []));
        Assert.Throws<ArgumentException>(() => SfhFigures.HessPanels(P("t.png"), noGrid));
        Assert.Throws<ArgumentException>(() => SfhFigures.StarFormationRate(P("t.png"), shortSfr));
        Assert.Throws<ArgumentException>(() => SfhFigures.StarFormationRate(P("t.png"), products.Sfh, size: new PlotSize(99, 500)));
        Assert.Throws<ArgumentException>(() => SfhFigures.StarFormationRate(P("t.pdf"), products.Sfh));
        Assert.Throws<ArgumentException>(() => SfhFigures.MassMetallicity(P("t.png"), products.Metallicity! with { MzrBand = null }));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Trace_ChainWithNaN_Throws()
    {
        var nan = DrawsTable.Create(["alpha"], [[0.1, double.NaN, 0.3]]);

        Assert.Throws<ArgumentException>(() => SfhFigures.Trace(P("t.png"), [nan], ["alpha"]));
    }

    private string P(string name) => Path.Combine(_folder, name);

    /// <summary>Mean pixel position of the viridis maximum (yellow) between columns <paramref name="fromX"/> and <paramref name="toX"/>.</summary>
    private static (double X, double Y) YellowCentroid(string path, int fromX, int toX)
    {
        using var bitmap = SKBitmap.Decode(path);
        var bright = new List<(int X, int Y)>();
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = fromX; x < toX; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red > 220 && c.Green > 200 && c.Blue < 80) bright.Add((x, y));
            }
        Assert.NotEmpty(bright);
        return (bright.Average(p => p.X), bright.Average(p => p.Y));
    }

    /// <summary>Length of a PNG of a white image of this size, encoded as the figures are.</summary>
    private static long BlankPngLength(int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(SKColors.White);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.Size;
    }

    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        int Read(int offset) => (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
        return (Read(16), Read(20));
    }
}
