using BayesSfh.Randomness;
using Xunit;

namespace BayesSfh.Plotting.Tests;

/// <summary>
/// Figures from made-up but realistic inputs: a mock SFH with bands over 14 log-age bins, a 4-chain corner plot, and a
/// Hess diagram with a main sequence, subgiant and red-giant branches and a red clump the model lacks. With the
/// environment variable BAYESSFH_GALLERY set to a folder they are also written there, to look at.
/// </summary>
public sealed class GalleryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bayessfh-gallery-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void RealisticFigures_RenderAndStaySmall()
    {
        string folder = Environment.GetEnvironmentVariable("BAYESSFH_GALLERY") is { Length: > 0 } gallery ? gallery : _folder;
        var written = new[]
        {
            Figures.StarFormationHistory(Path.Combine(folder, "sfr.png"), Sfh(), options: new FigureOptions { Size = new PlotSize(720, 480) }),
            Figures.Corner(Path.Combine(folder, "corner.png"), TestData.Draws(chains: 4, draws: 400)),
            Hess(Path.Combine(folder, "hess.png")),
        };

        foreach (string path in written)
        {
            var png = Png.Read(path);
            Png.AssertFigure(path, png.Width, png.Height);
            Assert.True(png.Bytes < 150_000, $"{path} has {png.Bytes} bytes");
        }
    }

    /// <summary>SFR in 14 log-age bins from 10^6.6 to 10^10.13 yr: an old burst near 8 Gyr on a constant floor.</summary>
    private static StepBand Sfh()
    {
        double[] edges = [.. Enumerable.Range(0, 15).Select(i => Math.Pow(10, 6.6 + 0.25 * i - 9)).Append(Math.Pow(10, 10.13 - 9))];
        int bins = edges.Length - 1;
        var rng = new Xoshiro256StarStar(2);
        double[] truth = [.. Enumerable.Range(0, bins).Select(j =>
        {
            double t = Math.Sqrt(edges[j] * edges[j + 1]);
            return 0.02 * Math.Exp(-Math.Pow(Math.Log10(t / 8), 2) / 0.3) + 0.004;
        })];
        // Posterior widths grow with age (fewer, fainter stars constrain old bins less).
        double[] width = [.. truth.Select((v, j) => v * (0.15 + 0.02 * j))];
        double[] median = [.. truth.Select((v, j) => Math.Max(0, v + 0.5 * width[j] * rng.NextStandardNormal()))];
        double[] Offset(double k) => [.. median.Select((m, j) => Math.Max(0, m + k * width[j]))];
        return new StepBand(edges, median, Offset(-1), Offset(1), Offset(-2), Offset(2.2), truth);
    }

    private static string Hess(string path)
    {
        const int colours = 60, magnitudes = 80;
        double[] ce = [.. Enumerable.Range(0, colours + 1).Select(i => -0.5 + 2.5 * i / colours)];
        double[] me = [.. Enumerable.Range(0, magnitudes + 1).Select(i => 14 + 12.0 * i / magnitudes)];
        var model = new double[colours, magnitudes];
        var observed = new double[colours, magnitudes];
        var rng = new Xoshiro256StarStar(3);
        static double G(double x, double s) => Math.Exp(-0.5 * x * x / (s * s));
        for (int i = 0; i < colours; i++)
            for (int k = 0; k < magnitudes; k++)
            {
                double col = 0.5 * (ce[i] + ce[i + 1]), v = 0.5 * (me[k] + me[k + 1]);
                double mainSequence = v > 20 ? 40 * Math.Exp(0.35 * (v - 20)) * G(col - (0.45 + 0.13 * (v - 20)), 0.05 + 0.01 * (v - 20)) : 0;
                double subgiants = v is > 19.3 and <= 20.2 && col is > 0.4 and < 0.9 ? 25 * G(v - (20.0 - 0.6 * (col - 0.45) / 0.4), 0.08) : 0;
                double giants = v is < 19.6 and > 15.3 ? 8 * G(col - (0.85 + 0.75 * Math.Pow(Math.Max(0, (19.5 - v) / 4.0), 1.5)), 0.04) : 0;
                double redClump = 60 * G(col - 0.95, 0.03) * G(v - 18.8, 0.08);
                double completeness = 1 / (1 + Math.Exp((v - 25) / 0.3));
                model[i, k] = (mainSequence + subgiants + giants) * completeness + 0.02;
                observed[i, k] = rng.NextPoisson((mainSequence + subgiants + giants + redClump) * completeness + 0.02);
            }
        return Figures.HessComparison(path, observed, model, null, ce, me, new HessStyle { ColourLabel = "B − V", MagnitudeLabel = "V" },
            new FigureOptions { Size = new PlotSize(1500, 620) });
    }
}
