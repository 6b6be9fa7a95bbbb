using BayesSfh.Modelling;
using BayesSfh.Products;
using BayesSfh.Synthetic;
using Xunit;

namespace BayesSfh.Plotting.Tests;

/// <summary>Every figure renders a PNG of the requested size with real content, atomically; bad input is rejected.</summary>
public class SfhFiguresTests : IDisposable
{
    private static readonly Lazy<(PosteriorProducts Products, SfhPosterior Posterior, PosteriorProducts Truth)> Run = new(() =>
    {
        var mock = MockGalaxy.Create(new MockGalaxyOptions
        {
            Alpha = 0.35, Intercept = -1.0, Sigma = 0.2, TotalMass = 2e6, Seed = 5,
            Templates = new SyntheticTemplateOptions { Ages = 5, MinLogAge = 8.5, MaxLogAge = 10.05, Metallicities = 5, MinMH = -2.2, MaxMH = 0.0, ColourBins = 30, MagnitudeBins = 20 },
        });
        var model = SfhModel.Create(mock.Templates, mock.Observed, new SfhModelOptions { Model = MetallicityModelKind.PowerLawMzr });
        var posterior = SfhSampler.Sample(model, new SfhSamplingOptions { Chains = 2, Warmup = 150, Draws = 150, Seed = 3 });
        var products = PosteriorProducts.Compute(model, PosteriorDraws.FromChains(posterior.Chains), new ProductOptions { PredictiveDraws = 100 });
        var truth = PosteriorProducts.Compute(model, PosteriorDraws.FromPoint(model.OutputNames, [.. model.OutputNames.Select(n => mock.Truth[n])]),
            new ProductOptions { PredictiveDraws = 0 });
        return (products, posterior, truth);
    });

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bayessfh-plot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void WriteAll_EveryFigure_IsAPngOfTheRequestedSizeWithContent()
    {
        var (products, posterior, truth) = Run.Value;

        var paths = SfhFigures.WriteAll(_folder, products, posterior.Chains, truth, new PlotSize(640, 480));

        Assert.Equal(SfhFigures.FileNames.ToHashSet(), paths.Select(p => Path.GetFileName(p)!).ToHashSet());
        Assert.Empty(Directory.GetFiles(_folder, "*.partial"));
        foreach (string path in paths)
        {
            var (width, height) = PngSize(path);
            Assert.True(width >= 640 && height >= 400, $"{path}: {width} × {height}");
            // A blank PNG of this size compresses to a few kB; a figure with bands, text and ticks is much larger.
            Assert.True(new FileInfo(path).Length > 15_000, $"{path}: only {new FileInfo(path).Length} bytes");
        }
        var (w, h) = PngSize(Path.Combine(_folder, "sfr.png"));
        Assert.Equal((640, 480), (w, h));
    }

    [Fact]
    public void StarFormationRate_NaNInTheBand_Throws()
    {
        var sfh = Run.Value.Products.Sfh;
        var broken = sfh with { Sfr = sfh.Sfr with { Median = [.. sfh.Sfr.Median.Select((v, i) => i == 0 ? double.NaN : v)] } };

        Assert.Throws<ArgumentException>(() => SfhFigures.StarFormationRate(Path.Combine(_folder, "x.png"), broken));
        Assert.False(File.Exists(Path.Combine(_folder, "x.png")));
    }

    [Fact]
    public void Trace_UnknownParameter_Throws() =>
        Assert.Throws<ArgumentException>(() => SfhFigures.Trace(Path.Combine(_folder, "t.png"), Run.Value.Posterior.Chains, ["nope"]));

    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        int Read(int offset) => (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
        return (Read(16), Read(20));
    }
}
