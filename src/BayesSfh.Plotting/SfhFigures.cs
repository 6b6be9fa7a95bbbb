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
    private static readonly Color BandColor = Color.FromHex("#1f77b4");
    private static readonly Color TruthColor = Colors.Black;

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
            if (names.Count >= 1) written.Add(Corner(P("corner.png"), chains, names, truthValues, new PlotSize(Math.Max(s.Width, 250 * names.Count), Math.Max(s.Height, 250 * names.Count))));
            var traced = names.Concat(products.Parameters.Where(p => !p.IsFixed && p.Name.StartsWith("R.", StringComparison.Ordinal)).Select(p => p.Name).TakeLast(2)).ToList();
            written.Add(Trace(P("trace.png"), chains, traced, new PlotSize(s.Width, 220 * traced.Count)));
            written.Add(Rank(P("rank.png"), chains, traced, new PlotSize(s.Width, 220 * traced.Count)));
        }
        if (products.Check is { Grid: not null } check) written.Add(HessPanels(P("hess.png"), check, "colour", "magnitude", new PlotSize(3 * s.Width / 2 + 300, s.Height)));
        return written;
    }

    /// <summary>SFR per time bin (M⊙/yr) against lookback time (log axis) as steps over the bin edges.</summary>
    public static string StarFormationRate(string path, SfhProducts sfh, SfhProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(sfh);
        var plot = NewPlot("Star-formation history", "Lookback time [Gyr]", "SFR [M⊙ yr⁻¹]");
        double[] x = [.. sfh.LookbackEdgesGyr.Select(Math.Log10)];
        StepBand(plot, x, sfh.Sfr, truth?.Sfr);
        LogTicks(plot.Axes.Bottom);
        plot.Axes.Margins(horizontal: 0.02, vertical: 0.05);
        plot.Axes.SetLimitsY(0, plot.Axes.GetLimits().Top);
        plot.ShowLegend(Alignment.UpperRight);
        return Save(plot, path, size);
    }

    /// <summary>Fraction of the total mass formed before each lookback time; time runs right to left, as in SFH papers.</summary>
    public static string CumulativeSfh(string path, SfhProducts sfh, SfhProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(sfh);
        var plot = NewPlot("Cumulative star-formation history", "Lookback time [Gyr]", "Fraction of stellar mass formed");
        double[] x = sfh.LookbackEdgesGyr;
        Band(plot, x, sfh.CumulativeFraction, truth?.CumulativeFraction);
        plot.Axes.SetLimitsX(x[^1], 0);
        plot.Axes.SetLimitsY(0, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        return Save(plot, path, size);
    }

    /// <summary>Mass-weighted metallicity distribution: fine density from the dispersion model if present, else the template grid.</summary>
    public static string Mdf(string path, MdfProducts mdf, MdfProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(mdf);
        Plot plot;
        if (mdf.FineMetallicities is { } fine && mdf.FineMassWeighted is { } band)
        {
            plot = NewPlot("Metallicity distribution (mass-weighted)", "[M/H] [dex]", "dM/d[M/H] / M [dex⁻¹]");
            Band(plot, fine, band, truth?.FineMassWeighted);
        }
        else
        {
            plot = NewPlot("Metallicity distribution (mass-weighted)", "[M/H] [dex]", "Mass fraction per template [M/H]");
            double[] m = mdf.TemplateMetallicities;
            double[] edges = [.. Enumerable.Range(0, m.Length + 1).Select(i => i == 0 ? m[0] - Half(m, 0) : i == m.Length ? m[^1] + Half(m, m.Length - 1) : 0.5 * (m[i - 1] + m[i]))];
            StepBand(plot, edges, mdf.MassWeighted, truth?.MassWeighted);
        }
        plot.Axes.SetLimitsY(0, plot.Axes.GetLimits().Top * 1.05);
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, path, size);
    }

    /// <summary>Mean metallicity μ of the stars formed in each time bin against lookback time (log axis).</summary>
    public static string AgeMetallicity(string path, MetallicityProducts metallicity, MetallicityProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(metallicity);
        var plot = NewPlot("Age–metallicity relation", "Lookback time [Gyr]", "Mean [M/H] of stars formed [dex]");
        Band(plot, [.. metallicity.LookbackGyr.Select(Math.Log10)], metallicity.MeanMetallicity, truth?.MeanMetallicity);
        LogTicks(plot.Axes.Bottom);
        plot.ShowLegend(Alignment.UpperRight);
        return Save(plot, path, size);
    }

    /// <summary>The mass–metallicity relation μ(M*) against log10 of the stellar mass formed.</summary>
    public static string MassMetallicity(string path, MetallicityProducts metallicity, MetallicityProducts? truth = null, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(metallicity);
        if (metallicity.Log10MassGrid is not { } grid || metallicity.MzrBand is not { } band)
            throw new ArgumentException("The metallicity model does not depend on stellar mass: no MZR band.", nameof(metallicity));
        var plot = NewPlot("Mass–metallicity relation", "log₁₀ (stellar mass formed / M⊙)", "Mean [M/H] [dex]");
        Band(plot, grid, band, truth?.Log10MassGrid is { } tg && truth.MzrBand is { } tb && tg.SequenceEqual(grid) ? tb : null);
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, path, size);
    }

    private static double Half(double[] m, int i) => m.Length == 1 ? 0.1 : 0.5 * (i + 1 < m.Length ? m[i + 1] - m[i] : m[i] - m[i - 1]);

    internal static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title, size: 18);
        plot.XLabel(x, size: 16);
        plot.YLabel(y, size: 16);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        return plot;
    }

    private static void Band(Plot plot, double[] x, CredibleBand band, CredibleBand? truth)
    {
        Check(x.Length, band, truth);
        var outer = plot.Add.FillY(x, band.Low95, band.High95);
        outer.FillColor = BandColor.WithAlpha(0.18);
        outer.LineWidth = 0;
        outer.LegendText = "95 %";
        var inner = plot.Add.FillY(x, band.Low68, band.High68);
        inner.FillColor = BandColor.WithAlpha(0.38);
        inner.LineWidth = 0;
        inner.LegendText = "68 %";
        var median = plot.Add.Scatter(x, band.Median);
        median.Color = BandColor;
        median.LineWidth = 2.5f;
        median.MarkerSize = 0;
        median.LegendText = "median";
        if (truth is not null)
        {
            var t = plot.Add.Scatter(x, truth.Median);
            t.Color = TruthColor;
            t.LineWidth = 2;
            t.LinePattern = LinePattern.Dashed;
            t.MarkerSize = 0;
            t.LegendText = "truth";
        }
    }

    /// <summary>A band over bins drawn as steps: values per bin, <paramref name="edges"/> one longer.</summary>
    private static void StepBand(Plot plot, double[] edges, CredibleBand band, CredibleBand? truth)
    {
        if (edges.Length != band.Length + 1) throw new ArgumentException($"{band.Length} bins need {band.Length + 1} edges, got {edges.Length}.");
        double[] x = [.. edges.SelectMany((e, i) => i == 0 ? new[] { e } : i == edges.Length - 1 ? new[] { e } : new[] { e, e })];
        CredibleBand Steps(CredibleBand b) => new(Repeat(b.Mean), Repeat(b.Median), Repeat(b.Low68), Repeat(b.High68), Repeat(b.Low95), Repeat(b.High95));
        Band(plot, x, Steps(band), truth is null ? null : Steps(truth));
    }

    private static double[] Repeat(double[] values) => [.. values.SelectMany(v => new[] { v, v })];

    private static void Check(int points, CredibleBand band, CredibleBand? truth)
    {
        if (band.Length != points) throw new ArgumentException($"The band has {band.Length} points but the axis {points}.");
        if (truth is not null && truth.Length != points) throw new ArgumentException($"The truth has {truth.Length} points but the axis {points}.");
        foreach (var series in new[] { band.Median, band.Low68, band.High68, band.Low95, band.High95 })
            if (series.Any(v => double.IsNaN(v))) throw new ArgumentException("The band contains NaN.");
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
        plot.SavePng(partial, s.Width, s.Height);
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
