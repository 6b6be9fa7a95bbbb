using System.Collections.Immutable;
using BayesSfh.Hess;
using BayesSfh.Modelling;
using BayesSfh.Randomness;
using BayesSfh.Templates;

namespace BayesSfh.Synthetic;

/// <summary>The truth of a mock galaxy (see <see cref="MockGalaxy"/>).</summary>
public sealed record MockGalaxyOptions
{
    /// <summary>Total birth stellar mass formed, M☉. Default 10^6.</summary>
    public double TotalMass { get; init; } = 1e6;

    /// <summary>Metallicity model of the truth. Default power-law MZR.</summary>
    public MetallicityModelKind Model { get; init; } = MetallicityModelKind.PowerLawMzr;

    /// <summary>MZR slope α (dex/dex) or AMR slope (dex/Gyr for the linear AMR, Z/Gyr for the logarithmic AMR).</summary>
    public double Alpha { get; init; } = 0.35;

    /// <summary>[M/H]_0 at M_0 = 10^6 M☉ (MZR) or β (AMRs).</summary>
    public double Intercept { get; init; } = -1.0;

    /// <summary>Gaussian [M/H] spread σ (dex).</summary>
    public double Sigma { get; init; } = 0.15;

    /// <summary>Seed of the Poisson draw.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Template grid and binning.</summary>
    public SyntheticTemplateOptions Templates { get; init; } = new();
}

/// <summary>
/// A mock galaxy with a known SFH and metallicity model, observed through <see cref="SyntheticTemplates"/>:
/// SFR(t) ∝ 1 + 2 exp(−(T_max − t)/2 Gyr) + a Gaussian burst of 3× the base rate at a lookback time of 1.5 Gyr
/// (σ = 0.3 Gyr), integrated over each age bin; counts are Poisson draws of the expected Hess diagram.
/// </summary>
/// <param name="Templates">The templates.</param>
/// <param name="Observed">Poisson-noisy counts.</param>
/// <param name="Expected">Noise-free expected counts m_i (fractional).</param>
/// <param name="Truth">True natural parameters by name (the parameter names of <see cref="SfhModel"/>).</param>
/// <param name="Model">The metallicity model of the truth.</param>
public sealed record MockGalaxy(TemplateSet Templates, HessDiagram Observed, HessDiagram Expected, ImmutableDictionary<string, double> Truth, MetallicityModelKind Model)
{
    /// <summary>Simulates a mock galaxy.</summary>
    public static MockGalaxy Create(MockGalaxyOptions? options = null)
    {
        options ??= new MockGalaxyOptions();
        if (options.Model == MetallicityModelKind.Free) throw new ArgumentException("A mock galaxy needs a metallicity model.");
        var templates = SyntheticTemplates.Create(options.Templates);
        var empty = new HessDiagram(new double[templates.BinCount], templates.HessGrid);
        var ages = AgeBins.FromLeftEdges(templates.Grid.LogAges);
        var masses = TrueMasses(ages, options.TotalMass);
        var truth = ImmutableDictionary.CreateBuilder<string, double>();
        for (int j = 0; j < masses.Length; j++) truth[$"R.{j + 1}"] = masses[j];
        truth["alpha"] = options.Alpha;
        truth[options.Model == MetallicityModelKind.PowerLawMzr ? "mh0" : "beta"] = options.Intercept;
        truth["sigma"] = options.Sigma;
        var model = SfhModel.Create(templates, empty, new SfhModelOptions { Model = options.Model });
        var natural = model.ParameterNames.Select(n => truth[n]).ToArray();
        var expected = model.ExpectedCounts(natural);
        var rng = new Xoshiro256StarStar(options.Seed);
        var counts = expected.Select(m => (double)rng.NextPoisson(m)).ToArray();
        return new MockGalaxy(templates, new HessDiagram(counts, templates.HessGrid), new HessDiagram(expected, templates.HessGrid, allowFractionalCounts: true),
            truth.ToImmutable(), options.Model);
    }

    /// <summary>Mass formed per age bin (youngest first) for the SFR law in the class summary, totalling <paramref name="totalMass"/>.</summary>
    public static double[] TrueMasses(AgeBins ages, double totalMass)
    {
        double maxAge = ages.MaxAgeGyr;
        double Sfr(double t) => 1 + 2 * Math.Exp(-(maxAge - t) / 2.0) + 3 * Math.Exp(-0.5 * Math.Pow((t - 1.5) / 0.3, 2));
        var masses = new double[ages.Count];
        for (int j = 0; j < ages.Count; j++)
        {
            double t0 = Math.Pow(10, ages.LogEdges[j] - 9), t1 = Math.Pow(10, ages.LogEdges[j + 1] - 9);
            const int steps = 200;
            double sum = 0;
            for (int s = 0; s < steps; s++) sum += Sfr(t0 + (t1 - t0) * (s + 0.5) / steps);
            masses[j] = sum * (t1 - t0) / steps;
        }
        double norm = totalMass / masses.Sum();
        for (int j = 0; j < masses.Length; j++) masses[j] *= norm;
        return masses;
    }
}
