using BayesSfh.IO;
using BayesSfh.Modelling;
using BayesSfh.Optimization;
using BayesSfh.Plotting;
using BayesSfh.Products;
using BayesSfh.Synthetic;

namespace QuickStart;

/// <summary>
/// BayesSfh from code: fit, sample, summarise and plot a Hess diagram. With no arguments it first writes the built-in mock
/// galaxy's input files (as <c>bayessfh example</c> does) to <c>chains/quickstart/input</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string output = args.Length > 1 ? args[1] : Path.Combine("chains", "quickstart");
        string input = args.Length > 0 ? args[0] : WriteBuiltInMock(Path.Combine(output, "input"));
        var products = Run(input, output, warmup: 1000, draws: 1000);
        Console.WriteLine($"total mass formed {products.Sfh.TotalMass.Median:0.000e+0} M☉ " +
            $"[{products.Sfh.TotalMass.Low95:0.000e+0}, {products.Sfh.TotalMass.High95:0.000e+0}] (95 %); " +
            $"alpha {products.Parameter("alpha")?.Interval.Median:F3}; posterior predictive p = {products.Check?.PValue:F2}; files in {output}");
        return 0;
    }

    /// <summary>The whole analysis; returns the posterior products.</summary>
    public static PosteriorProducts Run(string input, string output, int warmup, int draws)
    {
        // 1. Load the templates, observed Hess diagram and grid (CSV formats of the README).
        var problem = ProblemLoader.Load(new ProblemFiles(Path.Combine(input, "templates.csv"), Path.Combine(input, "observed.csv"),
            Path.Combine(input, "grid.csv"), LuminosityPath: Path.Combine(input, "luminosity.csv")));
        // 2. Configure: power-law mass–metallicity relation, flat priors.
        var model = SfhModel.Create(problem.Templates, problem.Observed, new SfhModelOptions { Model = MetallicityModelKind.PowerLawMzr });
        // 3. Fit the MAP (with Laplace errors).
        var map = SfhFitter.Fit(model);
        // 4. Sample: 4 NUTS chains started around the MAP.
        var posterior = SfhSampler.Sample(model, new SfhSamplingOptions { Chains = 4, Warmup = warmup, Draws = draws, Seed = 2024 }, map);
        // 5. Summarise: credible SFH, MZR, MDF, light-weighted means, posterior predictive check; tidy CSV/JSON.
        var products = PosteriorProducts.Compute(model, PosteriorDraws.FromChains(posterior.Chains));
        ProductWriter.Write(output, products, diagnosticWarnings: [.. posterior.Diagnostics.Warnings.Select(w => w.Message)]);
        // 6. Plot: SFR and cumulative SFH bands, MDF, AMR/MZR, corner, trace, rank, Hess residual panels (PNG).
        SfhFigures.WriteAll(Path.Combine(output, "plots"), products, posterior.Chains);
        return products;
    }

    /// <summary>Writes the built-in mock galaxy's input files to <paramref name="folder"/> and returns it.</summary>
    public static string WriteBuiltInMock(string folder)
    {
        var mock = MockGalaxy.Create(new MockGalaxyOptions { Seed = 42 });
        Directory.CreateDirectory(folder);
        TemplateCsvWriter.Write(Path.Combine(folder, "templates.csv"), mock.Templates);
        TemplateCsvWriter.WriteLuminosity(Path.Combine(folder, "luminosity.csv"), mock.Templates);
        ObservedCsvWriter.Write(Path.Combine(folder, "observed.csv"), mock.Observed);
        GridCsvWriter.Write(Path.Combine(folder, "grid.csv"), mock.Templates.HessGrid!);
        return folder;
    }
}
