using BayesSfh.Diagnostics;
using BayesSfh.Products;
using ScottPlot;

namespace BayesSfh.Plotting;

/// <summary>
/// PNG figures of an SFH posterior (ScottPlot 5): credible SFR and cumulative SFH, MDF, age–metallicity and
/// mass–metallicity bands, a corner plot, trace and rank plots, and observed / model / residual Hess panels.
/// Every figure is written atomically (FILE.partial, then renamed), so a crash never leaves a complete-looking PNG.
/// Bands: median line, 68 % (darker) and 95 % (lighter) central intervals; an optional truth as a dashed black line.
/// </summary>
public static partial class SfhFigures
{
    /// <summary>File names written by <see cref="WriteAll"/>.</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["sfr.png", "cumulative_sfh.png", "mdf.png", "amr.png", "mzr.png", "corner.png", "trace.png", "rank.png", "hess.png"];

    /// <summary>
    /// Writes every figure that applies to <paramref name="folder"/> (no MZR figure without a mass-dependent model, no
    /// corner/trace/rank without chains, no Hess panels without a predictive check on a known grid). Returns the paths.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(string folder, PosteriorProducts products, IReadOnlyList<DrawsTable>? chains = null,
        PosteriorProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var s = size ?? PlotSize.Default;
        var written = new List<string>();
        string P(string name) => Path.Combine(folder, name);
        written.Add(StarFormationRate(P("sfr.png"), products.Sfh, truth?.Sfh, s));
        written.Add(CumulativeSfh(P("cumulative_sfh.png"), products.Sfh, truth?.Sfh, s));
        written.Add(Mdf(P("mdf.png"), products.Mdf, truth?.Mdf, s));
        if (products.Metallicity is { } metallicity)
        {
            written.Add(AgeMetallicity(P("amr.png"), metallicity, truth?.Metallicity, s));
            if (metallicity.MzrBand is not null) written.Add(MassMetallicity(P("mzr.png"), metallicity, truth?.Metallicity, s));
        }
        if (chains is { Count: > 0 })
        {
            var names = products.Parameters.Where(p => !p.IsFixed && !p.Name.StartsWith("R.", StringComparison.Ordinal) && !p.Name.StartsWith("bg.", StringComparison.Ordinal))
                .Select(p => p.Name).ToList();
            if (names.Count == 0) names = [.. products.Parameters.Where(p => !p.IsFixed).Select(p => p.Name).Take(3)];
            var truthValues = truth?.Parameters.ToDictionary(p => p.Name, p => p.Interval.Median);
            int side = Math.Max(Math.Min(s.Width, s.Height), 220 * names.Count + 100);
            written.Add(Corner(P("corner.png"), chains, names, truthValues, new PlotSize(side, side + 50)));
            var traced = names.Concat(products.Parameters.Where(p => !p.IsFixed && p.Name.StartsWith("R.", StringComparison.Ordinal)).Select(p => p.Name).TakeLast(2)).ToList();
            var stacked = new PlotSize(s.Width, Math.Max(s.Height, 170 * traced.Count + 110));
            written.Add(Trace(P("trace.png"), chains, traced, stacked));
            written.Add(Rank(P("rank.png"), chains, traced, stacked));
        }
        if (products.Check is { Grid: not null } check) written.Add(HessPanels(P("hess.png"), check, size: new PlotSize(2 * s.Width, s.Height)));
        return written;
    }

    /// <summary>
    /// SFR per time bin (M⊙/yr) against lookback time (log axis) as steps over the J + 1 bin edges; the SFR axis is
    /// scaled by a power of ten named in its label when the values are very small or large.
    /// </summary>
    /// <exception cref="ArgumentException">Edges and bins disagree, an edge is not positive, or the band has NaN.</exception>
    public static string StarFormationRate(string path, SfhProducts sfh, SfhProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(sfh);
        CheckPath(path);
        if (sfh.LookbackEdgesGyr.Any(e => !(e > 0))) throw new ArgumentException("Lookback edges must be positive for a log time axis.", nameof(sfh));
        if (truth is not null && !truth.LookbackEdgesGyr.SequenceEqual(sfh.LookbackEdgesGyr)) throw new ArgumentException("The truth has other time bins.", nameof(truth));
        double max = sfh.Sfr.High95.Concat(truth?.Sfr.Median ?? []).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        int exponent = max > 0 ? (int)Math.Floor(Math.Log10(max)) : 0;
        if (exponent is >= -1 and <= 2) exponent = 0;
        double scale = Math.Pow(10, -exponent);
        string unit = exponent == 0 ? "M⊙ yr⁻¹" : $"{FigureStyle.PowerOfTen(exponent)} M⊙ yr⁻¹";
        var plot = FigureStyle.NewPlot("Star-formation history", "Lookback time [Gyr]", $"SFR [{unit}]");
        double[] x = [.. sfh.LookbackEdgesGyr.Select(Math.Log10)];
        StepBand(plot, x, Scale(sfh.Sfr, scale), truth is null ? null : Scale(truth.Sfr, scale));
        LogTicks(plot.Axes.Bottom, x[0], x[^1]);
        double top = sfh.Sfr.High95.Concat(truth?.Sfr.Median ?? []).Where(double.IsFinite).DefaultIfEmpty(1).Max() * scale;
        plot.Axes.SetLimits(x[0] - 0.01 * (x[^1] - x[0]), x[^1] + 0.01 * (x[^1] - x[0]), 0, 1.2 * top);
        plot.ShowLegend(Alignment.UpperLeft, Orientation.Horizontal);
        return Save(plot, path, size);
    }

    /// <summary>
    /// Fraction of the total mass formed before each lookback time (at the J + 1 bin edges, linear between them as for a
    /// constant SFR within a bin); time runs right to left, as in SFH papers.
    /// </summary>
    /// <exception cref="ArgumentException">Edges and band disagree or the band has NaN.</exception>
    public static string CumulativeSfh(string path, SfhProducts sfh, SfhProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(sfh);
        CheckPath(path);
        var plot = FigureStyle.NewPlot("Cumulative star-formation history", "Lookback time [Gyr]", "Fraction of stellar mass formed");
        double[] x = sfh.LookbackEdgesGyr;
        Band(plot, x, sfh.CumulativeFraction, truth?.CumulativeFraction, truth?.LookbackEdgesGyr);
        plot.Axes.SetLimits(Math.Max(x[^1], x[0]) * 1.01, 0, 0, 1.03);
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, path, size);
    }

    /// <summary>
    /// Mass-weighted metallicity distribution: the density per dex on the fine [M/H] grid when the model has a Gaussian
    /// dispersion, else the mass fraction per template [M/H] as steps (edges halfway between templates). The [M/H] axis
    /// is cut to where the 97.5 % curve exceeds 0.1 % of its peak (padded by 0.2 dex).
    /// </summary>
    /// <exception cref="ArgumentException">Grid and band disagree or the band has NaN.</exception>
    public static string Mdf(string path, MdfProducts mdf, MdfProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(mdf);
        CheckPath(path);
        Plot plot;
        double[] x;
        CredibleBand band;
        double[]? truthMedian;
        if (mdf.FineMetallicities is { } fine && mdf.FineMassWeighted is { } fineBand)
        {
            plot = FigureStyle.NewPlot("Metallicity distribution (mass-weighted)", "[M/H] [dex]", "dM / d[M/H] / M [dex⁻¹]");
            Band(plot, fine, fineBand, truth?.FineMassWeighted, truth?.FineMetallicities);
            (x, band, truthMedian) = (fine, fineBand, truth?.FineMassWeighted?.Median);
        }
        else
        {
            plot = FigureStyle.NewPlot("Metallicity distribution (mass-weighted)", "[M/H] [dex]", "Mass fraction per template [M/H]");
            double[] m = mdf.TemplateMetallicities;
            x = [.. Enumerable.Range(0, m.Length + 1).Select(i => i == 0 ? m[0] - Half(m, 0) : i == m.Length ? m[^1] + Half(m, m.Length - 1) : 0.5 * (m[i - 1] + m[i]))];
            if (truth is not null && !truth.TemplateMetallicities.SequenceEqual(m)) throw new ArgumentException("The truth has another template grid.", nameof(truth));
            StepBand(plot, x, mdf.MassWeighted, truth?.MassWeighted);
            band = mdf.MassWeighted;
            truthMedian = truth?.MassWeighted.Median;
            x = [.. m];
        }
        double peak = band.High95.Concat(truthMedian ?? []).Max();
        var visible = x.Where((_, i) => band.High95[i] > 1e-3 * peak || (truthMedian is not null && truthMedian[i] > 1e-3 * peak)).ToArray();
        double lo = visible.Length > 0 ? visible.Min() - 0.2 : x[0], hi = visible.Length > 0 ? visible.Max() + 0.2 : x[^1];
        plot.Axes.SetLimits(lo, hi, 0, 1.1 * peak);
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, path, size);
    }

    /// <summary>Mean metallicity μ_j of the stars formed in each time bin (at the template age) against lookback time (log axis).</summary>
    /// <exception cref="ArgumentException">Times and band disagree, a time is not positive, or the band has NaN.</exception>
    public static string AgeMetallicity(string path, MetallicityProducts metallicity, MetallicityProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(metallicity);
        CheckPath(path);
        if (metallicity.LookbackGyr.Any(t => !(t > 0))) throw new ArgumentException("Lookback times must be positive for a log time axis.", nameof(metallicity));
        var plot = FigureStyle.NewPlot("Age–metallicity relation", "Lookback time [Gyr]", "Mean [M/H] of the stars formed [dex]");
        double[] x = [.. metallicity.LookbackGyr.Select(Math.Log10)];
        Band(plot, x, metallicity.MeanMetallicity, truth?.MeanMetallicity, truth is null ? null : [.. truth.LookbackGyr.Select(Math.Log10)]);
        LogTicks(plot.Axes.Bottom, x[0], x[^1]);
        plot.Axes.SetLimitsX(x[0] - 0.03 * (x[^1] - x[0]), x[^1] + 0.03 * (x[^1] - x[0]));
        plot.ShowLegend(Alignment.LowerLeft);
        return Save(plot, path, size);
    }

    /// <summary>The mass–metallicity relation μ(M*) against log10 of the stellar mass formed; the truth on its own mass grid.</summary>
    /// <exception cref="ArgumentException">The model does not depend on stellar mass, or the band has NaN.</exception>
    public static string MassMetallicity(string path, MetallicityProducts metallicity, MetallicityProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(metallicity);
        CheckPath(path);
        if (metallicity.Log10MassGrid is not { } grid || metallicity.MzrBand is not { } band)
            throw new ArgumentException("The metallicity model does not depend on stellar mass: no MZR band.", nameof(metallicity));
        var plot = FigureStyle.NewPlot("Mass–metallicity relation", "log₁₀ (stellar mass formed / M⊙)", "Mean [M/H] [dex]");
        Band(plot, grid, band, truth?.MzrBand, truth?.Log10MassGrid);
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, path, size);
    }

    private static double Half(double[] m, int i) => m.Length == 1 ? 0.1 : 0.5 * (i + 1 < m.Length ? m[i + 1] - m[i] : m[i] - m[i - 1]);

    private static CredibleBand Scale(CredibleBand b, double f) =>
        new([.. b.Mean.Select(v => v * f)], [.. b.Median.Select(v => v * f)], [.. b.Low68.Select(v => v * f)], [.. b.High68.Select(v => v * f)],
            [.. b.Low95.Select(v => v * f)], [.. b.High95.Select(v => v * f)]);

    /// <summary>Shaded 95 % and 68 % bands, the median line, and the truth's median (on its own x if given) dashed.</summary>
    private static void Band(Plot plot, double[] x, CredibleBand band, CredibleBand? truth, double[]? truthX = null)
    {
        Check(x.Length, band);
        truthX ??= x;
        if (truth is not null) Check(truthX.Length, truth);
        var outer = plot.Add.FillY(x, band.Low95, band.High95);
        outer.FillColor = FigureStyle.Band.WithAlpha(0.2);
        outer.LineWidth = 0;
        outer.LegendText = "95 % credible";
        var inner = plot.Add.FillY(x, band.Low68, band.High68);
        inner.FillColor = FigureStyle.Band.WithAlpha(0.42);
        inner.LineWidth = 0;
        inner.LegendText = "68 % credible";
        var median = plot.Add.ScatterLine(x, band.Median);
        median.Color = FigureStyle.Band;
        median.LineWidth = 2.5f;
        median.LegendText = "posterior median";
        if (truth is not null)
        {
            var t = plot.Add.ScatterLine(truthX, truth.Median);
            t.Color = FigureStyle.Truth;
            t.LineWidth = 2;
            t.LinePattern = LinePattern.Dashed;
            t.LegendText = "truth";
        }
    }

    /// <summary>A band over bins drawn as steps: values per bin, <paramref name="edges"/> one longer.</summary>
    private static void StepBand(Plot plot, double[] edges, CredibleBand band, CredibleBand? truth)
    {
        if (edges.Length != band.Length + 1) throw new ArgumentException($"{band.Length} bins need {band.Length + 1} edges, got {edges.Length}.", nameof(band));
        if (truth is not null && truth.Length != band.Length) throw new ArgumentException($"The truth has {truth.Length} bins, the posterior {band.Length}.", nameof(truth));
        double[] x = [.. edges.SelectMany((e, i) => i == 0 || i == edges.Length - 1 ? new[] { e } : new[] { e, e })];
        CredibleBand Steps(CredibleBand b) => new(Repeat(b.Mean), Repeat(b.Median), Repeat(b.Low68), Repeat(b.High68), Repeat(b.Low95), Repeat(b.High95));
        Band(plot, x, Steps(band), truth is null ? null : Steps(truth));
    }

    private static double[] Repeat(double[] values) => [.. values.SelectMany(v => new[] { v, v })];

    private static void Check(int points, CredibleBand band)
    {
        if (band.Length != points) throw new ArgumentException($"The band has {band.Length} points but the axis {points}.", nameof(band));
        if (points == 0) throw new ArgumentException("The band is empty.", nameof(band));
        foreach (var series in new[] { band.Median, band.Low68, band.High68, band.Low95, band.High95 })
            if (series.Length != points || series.Any(double.IsNaN)) throw new ArgumentException("The band contains NaN or has ragged arrays.", nameof(band));
    }

    private static void CheckPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!path.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException($"'{path}' is not a .png path.", nameof(path));
    }

    /// <summary>Ticks at 1, 2, 5 × 10ⁿ (labelled in linear units) for an axis whose coordinates are log10 values.</summary>
    internal static void LogTicks(IAxis axis, double minLog = -4, double maxLog = 2)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int e = (int)Math.Floor(minLog); e <= (int)Math.Ceiling(maxLog); e++)
            foreach (double m in new[] { 1.0, 2.0, 5.0 })
            {
                double v = m * Math.Pow(10, e);
                ticks.AddMajor(Math.Log10(v), FormatTime(v));
                for (int k = (int)m + 1; k < (m == 1 ? 2 : m == 2 ? 5 : 10); k++) ticks.AddMinor(Math.Log10(k * Math.Pow(10, e)));
            }
        axis.TickGenerator = ticks;
    }

    private static string FormatTime(double gyr) => gyr.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Renders to FILE.partial and renames it to <paramref name="path"/>.</summary>
    internal static string Save(Plot plot, string path, PlotSize? size)
    {
        var s = size ?? PlotSize.Default;
        if (s.Width < 100 || s.Height < 100) throw new ArgumentException($"A figure needs at least 100 × 100 pixels, got {s.Width} × {s.Height}.", nameof(size));
        string partial = path + ".partial";
        try
        {
            plot.SavePng(partial, s.Width, s.Height);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
            plot.Dispose();
        }
        return path;
    }
}
