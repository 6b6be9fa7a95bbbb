using BayesSfh.Diagnostics;
using BayesSfh.Modelling;
using BayesSfh.Products;
using BayesSfh.Randomness;
using BayesSfh.Synthetic;
using Xunit;

namespace BayesSfh.Plotting.Tests;

/// <summary>The product-fed figures: every one is written, as a real PNG, atomically; bad products are rejected.</summary>
public sealed class SfhFiguresTests : IDisposable
{
    /// <summary>
    /// A mock galaxy and, instead of a (slow) NUTS run, two fake chains scattered 5 % around the true parameters, turned
    /// into products by the real <see cref="PosteriorProducts.Compute"/>.
    /// </summary>
    private static readonly Lazy<(PosteriorProducts Products, DrawsTable[] Chains, PosteriorProducts Truth)> Run = new(() =>
    {
        var mock = MockGalaxy.Create(new MockGalaxyOptions
        {
            Alpha = 0.35, Intercept = -1.0, Sigma = 0.2, TotalMass = 2e6, Seed = 5,
            Templates = new SyntheticTemplateOptions { Ages = 5, MinLogAge = 8.5, MaxLogAge = 10.05, Metallicities = 5, MinMH = -2.2, MaxMH = 0.0, ColourBins = 30, MagnitudeBins = 20 },
        });
        var model = SfhModel.Create(mock.Templates, mock.Observed, new SfhModelOptions { Model = MetallicityModelKind.PowerLawMzr });
        var names = model.OutputNames;
        var chains = Enumerable.Range(0, 2).Select(c =>
        {
            var rng = Xoshiro256StarStar.ForStream(3, c);
            var columns = names.Select(n => new double[120]).ToArray();
            for (int s = 0; s < 120; s++)
                for (int p = 0; p < names.Length; p++) columns[p][s] = mock.Truth[names[p]] * (1 + 0.05 * rng.NextStandardNormal());
            return DrawsTable.Create(names, columns);
        }).ToArray();
        var products = PosteriorProducts.Compute(model, PosteriorDraws.FromChains(chains), new ProductOptions { PredictiveDraws = 20 });
        var truth = PosteriorProducts.Compute(model, PosteriorDraws.FromPoint(names, [.. names.Select(n => mock.Truth[n])]),
            new ProductOptions { PredictiveDraws = 0 });
        return (products, chains, truth);
    });

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bayessfh-plot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void MzrTruth_OnTheWiderPosteriorGrid_FollowsTheTruePowerLaw()
    {
        var (products, _, truth) = Run.Value;
        double[] grid = products.Metallicity!.Log10MassGrid!;
        double[] truthGrid = truth.Metallicity!.Log10MassGrid!;
        Assert.False(grid.SequenceEqual(truthGrid)); // the case this mapping exists for

        double[] mapped = SfhFigures.MzrTruthOnGrid(grid, truth.Metallicity)!;

        // μ = mh0 + α (log10 M* − log10 M0) with the mock's α = 0.35: slope over the whole grid, inside and outside the truth's range.
        Assert.Equal(grid.Length, mapped.Length);
        Assert.Equal(0.35, (mapped[^1] - mapped[0]) / (grid[^1] - grid[0]), 6);
        int inside = Array.FindIndex(grid, x => x > truthGrid[0] && x < truthGrid[^1]);
        Assert.True(inside >= 0);
        Assert.Equal(0.35, (mapped[inside] - truth.Metallicity.MzrBand!.Median[0]) / (grid[inside] - truthGrid[0]), 6);
    }

    [Fact]
    public void MzrTruth_OfAFlatOrMissingGrid_IsNull()
    {
        var metallicity = Run.Value.Truth.Metallicity!;
        Assert.Null(SfhFigures.MzrTruthOnGrid([1, 2], null));
        Assert.Null(SfhFigures.MzrTruthOnGrid([1, 2], metallicity with { Log10MassGrid = [5, 5], MzrBand = metallicity.MzrBand! with { Median = [0, 0] } }));
    }

    [Fact]
    public void WriteAll_EveryFigure_IsARealPngAndNoPartialFileRemains()
    {
        var (products, chains, truth) = Run.Value;

        var paths = SfhFigures.WriteAll(_folder, products, chains, truth, new PlotSize(640, 480),
            new HessStyle { ColourLabel = "B − V", MagnitudeLabel = "V" });

        Assert.Equal(SfhFigures.FileNames.ToHashSet(), paths.Select(p => Path.GetFileName(p)!).ToHashSet());
        Assert.Empty(Directory.GetFiles(_folder, "*.partial"));
        foreach (string path in paths)
        {
            var png = Png.Read(path);
            Png.AssertFigure(path, png.Width, png.Height);
        }
        foreach (string single in new[] { "sfr.png", "cumulative_sfh.png", "mdf.png", "amr.png", "mzr.png" }) Png.AssertFigure(Path.Combine(_folder, single), 640, 480);
    }

    [Fact]
    public void StarFormationRate_NaNInTheBand_ThrowsAndWritesNothing()
    {
        var sfh = Run.Value.Products.Sfh;
        var broken = sfh with { Sfr = sfh.Sfr with { Median = [.. sfh.Sfr.Median.Select((v, i) => i == 0 ? double.NaN : v)] } };

        Assert.Throws<ArgumentException>(() => SfhFigures.StarFormationRate(Path.Combine(_folder, "x.png"), broken));
        Assert.False(File.Exists(Path.Combine(_folder, "x.png")));
    }

    [Fact]
    public void Trace_UnknownParameter_Throws() =>
        Assert.Throws<ArgumentException>(() => SfhFigures.Trace(Path.Combine(_folder, "t.png"), Run.Value.Chains, ["nope"]));

    [Fact]
    public void HessPanels_CheckWithoutGrid_Throws()
    {
        var check = Run.Value.Products.Check! with { Grid = null };

        Assert.Throws<ArgumentException>(() => SfhFigures.HessPanels(Path.Combine(_folder, "h.png"), check));
    }
}
