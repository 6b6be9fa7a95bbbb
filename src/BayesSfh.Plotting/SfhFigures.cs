using BayesSfh.Diagnostics;
using BayesSfh.Products;

namespace BayesSfh.Plotting;

/// <summary>
/// The <see cref="Figures"/> of a fitted SFH posterior, fed from <see cref="PosteriorProducts"/> and chains of draws:
/// SFR and cumulative SFH bands, the MDF, the age–metallicity and mass–metallicity relations, a corner plot, trace and
/// rank plots, and the observed / model / residual Hess panels. Every PNG is written atomically (FILE.partial, then
/// renamed). Truths, where given, are the products of the true parameters (their medians are the true values).
/// </summary>
public static class SfhFigures
{
    /// <summary>File names written by <see cref="WriteAll"/> (when every figure applies).</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["sfr.png", "cumulative_sfh.png", "mdf.png", "amr.png", "mzr.png", "corner.png", "trace.png", "rank.png", "hess.png"];

    private const int MaxCornerParameters = 6, MaxTracedParameters = 12;

    /// <summary>
    /// Writes every figure that applies to <paramref name="folder"/> (no MZR figure without a mass-dependent model, no
    /// corner/trace/rank without chains, no Hess panels without a predictive check on a known grid). Returns the paths.
    /// </summary>
    /// <param name="folder">Output folder (created if missing).</param>
    /// <param name="products">Posterior products.</param>
    /// <param name="chains">Post-warm-up draws per chain, or null.</param>
    /// <param name="truth">Products of the true parameters (mock data), or null.</param>
    /// <param name="size">Size of the single-panel figures; null = 800 × 600 (grids size themselves).</param>
    /// <param name="hessStyle">Axis labels of the Hess panels (e.g. "B − V", "V"), or null for generic ones.</param>
    public static IReadOnlyList<string> WriteAll(string folder, PosteriorProducts products, IReadOnlyList<DrawsTable>? chains = null,
        PosteriorProducts? truth = null, PlotSize? size = null, HessStyle? hessStyle = null)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        string P(string name) => Path.Combine(folder, name);
        written.Add(StarFormationRate(P("sfr.png"), products.Sfh, truth?.Sfh, size));
        written.Add(CumulativeSfh(P("cumulative_sfh.png"), products.Sfh, truth?.Sfh, size));
        written.Add(Mdf(P("mdf.png"), products.Mdf, truth?.Mdf, size));
        if (products.Metallicity is { } metallicity)
        {
            written.Add(AgeMetallicity(P("amr.png"), metallicity, truth?.Metallicity, size));
            if (metallicity.MzrBand is not null) written.Add(MassMetallicity(P("mzr.png"), metallicity, truth?.Metallicity, size));
        }
        if (chains is { Count: > 0 })
        {
            var free = products.Parameters.Where(p => !p.IsFixed && chains.All(c => c.IndexOf(p.Name) >= 0)).Select(p => p.Name).ToList();
            var names = free.Where(n => !n.StartsWith("R.", StringComparison.Ordinal) && !n.StartsWith("bg.", StringComparison.Ordinal)).Take(MaxCornerParameters).ToList();
            if (names.Count == 0) names = [.. free.Take(3)];
            var truthValues = truth?.Parameters.ToDictionary(p => p.Name, p => p.Interval.Median);
            if (names.Count >= 1) written.Add(Corner(P("corner.png"), chains, names, truthValues));
            var traced = names.Concat(free.Where(n => n.StartsWith("R.", StringComparison.Ordinal)).TakeLast(2)).Take(MaxTracedParameters).ToList();
            if (traced.Count >= 1)
            {
                written.Add(Trace(P("trace.png"), chains, traced, truthValues));
                if (chains.Min(c => c.RowCount) >= 20) written.Add(Rank(P("rank.png"), chains, traced));
            }
        }
        if (products.Check is { Grid: not null } check) written.Add(HessPanels(P("hess.png"), check, hessStyle));
        return written;
    }

    /// <summary>SFR per time bin (M☉/yr) against lookback time on a log axis (<see cref="Figures.StarFormationHistory"/>).</summary>
    public static string StarFormationRate(string path, SfhProducts sfh, SfhProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(sfh);
        return Figures.StarFormationHistory(path, ToStepBand(sfh.LookbackEdgesGyr, sfh.Sfr, truth?.Sfr), TimeScale.Log, olderToTheLeft: false, Options(size));
    }

    /// <summary>Cumulative mass fraction against lookback time, old at the left (<see cref="Figures.CumulativeSfh"/>).</summary>
    public static string CumulativeSfh(string path, SfhProducts sfh, SfhProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(sfh);
        return Figures.CumulativeSfh(path, ToBand(sfh.LookbackEdgesGyr, sfh.CumulativeFraction, truth?.CumulativeFraction), TimeScale.Linear,
            olderToTheLeft: true, Options(size));
    }

    /// <summary>
    /// Mass-weighted MDF: the per-template fractions as steps over [M/H] bins (edges halfway between template
    /// metallicities), and with a Gaussian dispersion model also the fine density; both then in dex⁻¹ (fraction / width).
    /// </summary>
    public static string Mdf(string path, MdfProducts mdf, MdfProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(mdf);
        double[] m = mdf.TemplateMetallicities;
        double[] edges = TemplateEdges(m);
        Band? fine = mdf.FineMetallicities is { } grid && mdf.FineMassWeighted is { } band
            ? ToBand(grid, band, truth?.FineMetallicities is { } tg && tg.SequenceEqual(grid) ? truth.FineMassWeighted : null)
            : null;
        var trueBins = truth is not null && truth.TemplateMetallicities.SequenceEqual(m) ? truth.MassWeighted : null;
        var binned = ToStepBand(edges, mdf.MassWeighted, trueBins, perWidth: fine is not null);
        return Figures.MetallicityDistribution(path, binned, fine, Options(size));
    }

    /// <summary>Mean metallicity μ of the stars formed in each time bin against lookback time (<see cref="Figures.AgeMetallicity"/>).</summary>
    public static string AgeMetallicity(string path, MetallicityProducts metallicity, MetallicityProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(metallicity);
        var trueBand = truth is not null && truth.LookbackGyr.SequenceEqual(metallicity.LookbackGyr) ? truth.MeanMetallicity : null;
        return Figures.AgeMetallicity(path, ToBand(metallicity.LookbackGyr, metallicity.MeanMetallicity, trueBand), TimeScale.Log,
            olderToTheLeft: false, Options(size));
    }

    /// <summary>The mass–metallicity relation μ(M*) (<see cref="Figures.MassMetallicity"/>).</summary>
    /// <exception cref="ArgumentException">The metallicity model does not depend on stellar mass.</exception>
    public static string MassMetallicity(string path, MetallicityProducts metallicity, MetallicityProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(metallicity);
        if (metallicity.Log10MassGrid is not { } grid || metallicity.MzrBand is not { } band)
            throw new ArgumentException("The metallicity model does not depend on stellar mass: no MZR band.", nameof(metallicity));
        return Figures.MassMetallicity(path, new Band(grid, band.Median, band.Low68, band.High68, band.Low95, band.High95, MzrTruthOnGrid(grid, truth)),
            Options(size));
    }

    /// <summary>
    /// The truth's μ(M*) on the posterior's mass grid. The products of a point (the truth) span only that point's masses,
    /// log10 R_J … log10 Σ R_j, so they are mapped by linear interpolation in log10 M*, and linear extrapolation beyond
    /// (exact for the power-law MZR, μ = [M/H]₀ + α (log10 M* − log10 M₀), the one mass-dependent model). Null without a
    /// truth MZR or when its grid has fewer than two distinct masses.
    /// </summary>
    internal static double[]? MzrTruthOnGrid(double[] grid, MetallicityProducts? truth)
    {
        if (truth?.Log10MassGrid is not { } tx || truth.MzrBand is not { } tb || tx.Length < 2 || !(tx[^1] > tx[0])) return null;
        if (tx.SequenceEqual(grid)) return tb.Median;
        double[] ty = tb.Median;
        var result = new double[grid.Length];
        for (int i = 0; i < grid.Length; i++)
        {
            // Segment [k, k + 1] containing grid[i], or the first/last segment outside the truth's range.
            int k = Array.BinarySearch(tx, grid[i]);
            if (k < 0) k = ~k - 1;
            k = Math.Clamp(k, 0, tx.Length - 2);
            while (k > 0 && tx[k + 1] == tx[k]) k--;
            double t = (grid[i] - tx[k]) / (tx[k + 1] - tx[k]);
            result[i] = ty[k] + t * (ty[k + 1] - ty[k]);
        }
        return result.All(double.IsFinite) ? result : null;
    }

    /// <summary>Corner plot of the columns <paramref name="names"/> of the chains (<see cref="Figures.Corner"/>).</summary>
    public static string Corner(string path, IReadOnlyList<DrawsTable> chains, IReadOnlyList<string> names,
        IReadOnlyDictionary<string, double>? truth = null, PlotSize? size = null) =>
        Figures.Corner(path, ToDraws(chains, names, truth), Options(size));

    /// <summary>Trace plot of the columns <paramref name="names"/> (<see cref="Figures.Trace"/>).</summary>
    public static string Trace(string path, IReadOnlyList<DrawsTable> chains, IReadOnlyList<string> names,
        IReadOnlyDictionary<string, double>? truth = null, PlotSize? size = null) =>
        Figures.Trace(path, ToDraws(chains, names, truth), Options(size));

    /// <summary>Rank plot of the columns <paramref name="names"/> (<see cref="Figures.Rank"/>).</summary>
    public static string Rank(string path, IReadOnlyList<DrawsTable> chains, IReadOnlyList<string> names, PlotSize? size = null, int bins = 20) =>
        Figures.Rank(path, ToDraws(chains, names, null), bins, Options(size));

    /// <summary>
    /// Observed counts, posterior-mean model and signed deviance residuals on the Hess grid (<see cref="Figures.HessComparison"/>),
    /// titled with the posterior predictive p-value.
    /// </summary>
    /// <exception cref="ArgumentException">The check has no grid, or its arrays do not match it.</exception>
    public static string HessPanels(string path, PredictiveCheck check, HessStyle? style = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.Grid is not { } grid) throw new ArgumentException("The predictive check has no Hess grid (bin edges).", nameof(check));
        int nx = grid.ColourBins, ny = grid.MagnitudeBins;
        double[,] Map(double[] flat, string name)
        {
            if (flat.Length != nx * ny) throw new ArgumentException($"{name} has {flat.Length} bins for a {nx} × {ny} grid.", nameof(check));
            var map = new double[nx, ny];
            for (int x = 0; x < nx; x++)
                for (int y = 0; y < ny; y++) map[x, y] = flat[grid.Flatten(x, y)];
            return map;
        }
        return Figures.HessComparison(path, Map(check.Observed, "Observed"), Map(check.MeanModel, "MeanModel"), Map(check.Residuals, "Residuals"),
            [.. grid.ColourEdges], [.. grid.MagnitudeEdges], style,
            new FigureOptions { Size = size, Title = $"Posterior predictive check: p = {check.PValue.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)}" });
    }

    private static FigureOptions Options(PlotSize? size) => size is null ? FigureOptions.Default : new FigureOptions { Size = size };

    /// <summary>Edges halfway between template metallicities; the outer bins as wide as their neighbours (±0.1 dex for one).</summary>
    internal static double[] TemplateEdges(double[] m)
    {
        if (m.Length == 1) return [m[0] - 0.1, m[0] + 0.1];
        var edges = new double[m.Length + 1];
        for (int i = 1; i < m.Length; i++) edges[i] = 0.5 * (m[i - 1] + m[i]);
        edges[0] = m[0] - 0.5 * (m[1] - m[0]);
        edges[^1] = m[^1] + 0.5 * (m[^1] - m[^2]);
        return edges;
    }

    private static Band ToBand(double[] x, CredibleBand band, CredibleBand? truth) =>
        new(x, band.Median, band.Low68, band.High68, band.Low95, band.High95, truth?.Median);

    private static StepBand ToStepBand(double[] edges, CredibleBand band, CredibleBand? truth, bool perWidth = false)
    {
        double[] Scale(double[] v) => perWidth ? [.. v.Select((value, i) => value / (edges[i + 1] - edges[i]))] : v;
        return new StepBand(edges, Scale(band.Median), Scale(band.Low68), Scale(band.High68), Scale(band.Low95), Scale(band.High95),
            truth is null ? null : Scale(truth.Median));
    }

    private static List<ParameterDraws> ToDraws(IReadOnlyList<DrawsTable> chains, IReadOnlyList<string> names, IReadOnlyDictionary<string, double>? truth)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(names);
        if (chains.Count == 0) throw new ArgumentException("No chains.", nameof(chains));
        var draws = new List<ParameterDraws>();
        foreach (string name in names)
        {
            if (chains.Any(c => c.IndexOf(name) < 0)) throw new ArgumentException($"A chain has no column '{name}'.", nameof(names));
            double? t = truth is not null && truth.TryGetValue(name, out double v) && double.IsFinite(v) ? v : null;
            draws.Add(new ParameterDraws(name, [.. chains.Select(c => c.Column(name).ToArray())], t));
        }
        return draws;
    }
}
