using BayesSfh.Hess;
using BayesSfh.Isochrones;
using BayesSfh.Modelling;
using BayesSfh.Templates;

namespace BayesSfh.Population;

/// <summary>
/// The stellar mass formed in each (log age, [M/H]) population of a mock, from per-bin masses R_j and a metallicity model
/// (r_jk = R_j w_jk(μ_j, σ)), through the same coefficient map the fit uses — so a mock drawn with these masses has
/// exactly the truth that <c>fit</c> and <c>sample</c> estimate.
/// </summary>
public static class MockGalaxyMasses
{
    /// <summary>Mass formed per isochrone, in the order of <paramref name="isochrones"/>.</summary>
    /// <param name="isochrones">A complete (log age × [M/H]) grid, one isochrone per cell.</param>
    /// <param name="options">Metallicity model and age-bin convention (as for the fit).</param>
    /// <param name="truth">Natural parameters by name: <c>R.1</c> … <c>R.J</c> (M☉ formed per age bin, increasing log age) and the model's
    /// metallicity parameters (<c>alpha</c>, <c>mh0</c> or <c>beta</c>, <c>sigma</c>).</param>
    /// <exception cref="ArgumentException">An incomplete grid, the free model, or a missing or invalid parameter (named).</exception>
    public static double[] Compute(IReadOnlyList<Isochrone> isochrones, SfhModelOptions options, IReadOnlyDictionary<string, double> truth)
    {
        ArgumentNullException.ThrowIfNull(isochrones);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(truth);
        if (options.Model == MetallicityModelKind.Free) throw new ArgumentException("A mock from an SFH needs a metallicity model (not free).", nameof(options));
        // One-bin stand-in templates: the coefficient map depends only on the (log age, [M/H]) grid.
        var placeholders = new TemplateSet(1, isochrones.Select(i => new SspTemplate(i.LogAge, i.MH, [0], [1.0])));
        if (!placeholders.Grid.IsComplete)
        {
            var missing = placeholders.Grid.MissingCells().Take(3).Select(c => $"(log age {c.LogAge}, [M/H] {c.MH})");
            throw new ArgumentException($"The isochrones do not form a complete age × [M/H] grid; missing {string.Join(", ", missing)}.", nameof(isochrones));
        }
        var model = SfhModel.Create(placeholders, new HessDiagram(new double[1]), options);
        var natural = new double[model.ParameterNames.Count()];
        int p = 0;
        foreach (string name in model.ParameterNames)
        {
            if (!truth.TryGetValue(name, out double value))
                throw new ArgumentException($"The mock needs a value for parameter {name} (have {string.Join(", ", truth.Keys)}).", nameof(truth));
            bool valid = double.IsFinite(value) && (name switch { "sigma" => value > 0, "alpha" => value >= 0, _ => !name.StartsWith("R.", StringComparison.Ordinal) || value >= 0 });
            if (!valid) throw new ArgumentException($"Parameter {name} = {value} is out of range (R.j ≥ 0, alpha ≥ 0, sigma > 0, all finite).", nameof(truth));
            natural[p++] = value;
        }
        foreach (string name in truth.Keys)
            if (!model.ParameterNames.Contains(name)) throw new ArgumentException($"Unknown parameter {name} for this model (expected {string.Join(", ", model.ParameterNames)}).", nameof(truth));
        return model.Coefficients(natural);
    }

    /// <summary>
    /// The populations of a mock from an SFH and a metallicity model: <see cref="Compute"/>'s masses paired with
    /// <paramref name="isochrones"/> (<see cref="MockSsp.FromMasses"/>), ready for <see cref="MockPopulation.Draw"/> or
    /// <see cref="MockPopulation.Stream"/>.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Compute"/>.</exception>
    public static MockSsp[] Populations(IReadOnlyList<Isochrone> isochrones, SfhModelOptions options, IReadOnlyDictionary<string, double> truth) =>
        MockSsp.FromMasses(isochrones, Compute(isochrones, options, truth));
}
