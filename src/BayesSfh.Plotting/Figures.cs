using ScottPlot;

namespace BayesSfh.Plotting;

/// <summary>
/// Publication-style PNG figures (ScottPlot 5) from plain arrays: the star-formation history, the cumulative SFH, the
/// metallicity distribution, the age–metallicity and mass–metallicity relations as credible bands; a corner plot, trace
/// and rank plots of parameter draws; and Hess diagrams (one, or observed / model / residual side by side).
/// </summary>
/// <remarks>
/// <para>Bands show the posterior median as a line and the central 68 % (darker) and 95 % (lighter) intervals as shaded
/// areas; a truth, where given, is a dashed black line. Every figure is written atomically: rendered to PATH.partial,
/// then renamed to PATH, so a crash never leaves a complete-looking PNG (the folder is created if missing). Each method
/// returns PATH.</para>
/// <para>Text uses the embedded <see cref="FigureFont"/>, so it renders on machines without fonts. Input is checked before
/// anything is drawn: mismatched lengths, NaN, unordered axes or bands throw <see cref="ArgumentException"/>.</para>
/// </remarks>
public static partial class Figures
{
    private const string LookbackLabel = "Lookback time [Gyr]";
    private const string MetallicityLabel = "[M/H] [dex]";

    /// <summary>
    /// Star-formation rate against lookback time as steps over the time bins: median, 68 % and 95 % bands, optional
    /// truth. Default labels "Lookback time [Gyr]" and "SFR [M☉ yr⁻¹]" (for rates whose 95 % upper limits peak below
    /// 0.01 or at 10⁴ or more, the rates are shown in units of 10ᵏ M☉ yr⁻¹ and the label says so, e.g.
    /// "SFR [10⁻⁴ M☉ yr⁻¹]"; not with a custom YLabel); the y axis starts at 0.
    /// </summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="sfr">SFR per time bin; edges are lookback times (Gyr unless the label says otherwise).</param>
    /// <param name="timeScale">Log (default; every edge must be &gt; 0) or linear time axis.</param>
    /// <param name="olderToTheLeft">Reverse the time axis (old at the left, now at the right).</param>
    /// <param name="options">Size, title, labels.</param>
    /// <returns><paramref name="path"/>.</returns>
    /// <exception cref="ArgumentException">A log axis with an edge ≤ 0, or invalid options.</exception>
    public static string StarFormationHistory(string path, StepBand sfr, TimeScale timeScale = TimeScale.Log, bool olderToTheLeft = false,
        FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sfr);
        CheckPath(path);
        options ??= FigureOptions.Default;
        var axis = TimeAxis.Create(sfr.Edges, timeScale, nameof(sfr));
        // Tiny or huge rates: plot them in units of 10^k M☉/yr (the default label says so) to keep tick labels short.
        int power = options.YLabel is null ? UnitPower(Math.Max(sfr.Hi95.Max(), sfr.Truth?.Max() ?? 0)) : 0;
        var plot = Canvas.NewPlot(options, LookbackLabel, power == 0 ? "SFR [M☉ yr⁻¹]" : $"SFR [10{Superscript(power)} M☉ yr⁻¹]");
        var steps = (power == 0 ? sfr : sfr.Scaled(Math.Pow(10, -power))).ToSteps();
        var drawn = BandArtist.Draw(plot, steps, axis.Map(steps.X), Canvas.BandColor, markers: false);
        axis.Apply(plot, olderToTheLeft);
        BandArtist.SetYFromZero(plot, steps);
        BandArtist.ShowLegend(plot, drawn, steps, axis.Map(steps.X), options);
        return Canvas.Save(plot, path, options.SizeOr(PlotSize.Default));
    }

    /// <summary>
    /// Cumulative SFH: the fraction of the total stellar mass formed before each lookback time (median, bands, optional
    /// truth), with time increasing to the LEFT by default as in SFH papers. Default labels "Lookback time [Gyr]" and
    /// "Cumulative mass fraction"; for fractions (all values ≤ 1) the y axis spans [0, 1.05].
    /// </summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="cumulative">Cumulative fraction at increasing lookback times (e.g. the time-bin edges).</param>
    /// <param name="timeScale">Linear (default) or log time axis.</param>
    /// <param name="olderToTheLeft">Old at the left (default true).</param>
    /// <param name="options">Size, title, labels.</param>
    /// <returns><paramref name="path"/>.</returns>
    public static string CumulativeSfh(string path, Band cumulative, TimeScale timeScale = TimeScale.Linear, bool olderToTheLeft = true,
        FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cumulative);
        CheckPath(path);
        options ??= FigureOptions.Default;
        var axis = TimeAxis.Create(cumulative.X, timeScale, nameof(cumulative));
        var plot = Canvas.NewPlot(options, LookbackLabel, "Cumulative mass fraction");
        double[] x = axis.Map(cumulative.X);
        var drawn = BandArtist.Draw(plot, cumulative, x, Canvas.BandColor, markers: false);
        axis.Apply(plot, olderToTheLeft);
        if (BandArtist.Max(cumulative) <= 1 + 1e-9)
        {
            plot.Axes.SetLimitsY(0, 1.05);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                [0, 0.2, 0.4, 0.6, 0.8, 1.0], ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
        }
        else BandArtist.SetYFromZero(plot, cumulative);
        BandArtist.ShowLegend(plot, drawn, cumulative, x, options, fixedY: true);
        return Canvas.Save(plot, path, options.SizeOr(PlotSize.Default));
    }

    /// <summary>
    /// Metallicity distribution: a step band over [M/H] bins, a smooth band on a fine grid, or both on the same axes
    /// (then give both in the same units, e.g. mass fraction per dex = fraction per bin / bin width). Default labels
    /// "[M/H] [dex]" and "Mass fraction per bin" (binned only) or "dM/d[M/H] / M [dex⁻¹]" (with a smooth band).
    /// </summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="binned">Per-bin MDF (e.g. on the template [M/H] grid), or null.</param>
    /// <param name="smooth">MDF density on a fine grid, or null.</param>
    /// <param name="options">Size, title, labels.</param>
    /// <returns><paramref name="path"/>.</returns>
    /// <exception cref="ArgumentException">Both bands are null.</exception>
    public static string MetallicityDistribution(string path, StepBand? binned, Band? smooth = null, FigureOptions? options = null)
    {
        if (binned is null && smooth is null) throw new ArgumentException("Give a binned MDF, a smooth one, or both.", nameof(binned));
        CheckPath(path);
        options ??= FigureOptions.Default;
        var plot = Canvas.NewPlot(options, MetallicityLabel, smooth is null ? "Mass fraction per bin" : "dM/d[M/H] / M [dex⁻¹]");
        var drawn = new List<LegendItem>();
        Band? steps = binned?.ToSteps();
        if (steps is not null)
            drawn.AddRange(BandArtist.Draw(plot, steps, steps.X, smooth is null ? Canvas.BandColor : Canvas.SecondColor, markers: false,
                name: smooth is null ? null : "bins", intervalsInLegend: smooth is null));
        if (smooth is not null)
            drawn.AddRange(BandArtist.Draw(plot, smooth, smooth.X, Canvas.BandColor, markers: false, name: steps is null ? null : "fine grid",
                truthInLegend: steps?.Truth is null));
        var both = new[] { steps, smooth }.OfType<Band>().ToArray();
        double low = both.Min(b => b.X[0]), high = both.Max(b => b.X[^1]);
        plot.Axes.SetLimitsX(low, high);
        plot.Axes.SetLimitsY(0, 1.1 * both.Max(BandArtist.Max));
        var reference = smooth ?? steps!;
        BandArtist.ShowLegend(plot, drawn, reference, reference.X, options);
        return Canvas.Save(plot, path, options.SizeOr(PlotSize.Default));
    }

    /// <summary>
    /// Age–metallicity relation: mean metallicity μ of the stars formed at each lookback time (points joined by lines),
    /// bands and optional truth. Default labels "Lookback time [Gyr]" and "Mean [M/H] [dex]".
    /// </summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="amr">μ at increasing lookback times (e.g. each time bin's age), dex.</param>
    /// <param name="timeScale">Log (default) or linear time axis.</param>
    /// <param name="olderToTheLeft">Reverse the time axis.</param>
    /// <param name="options">Size, title, labels.</param>
    /// <returns><paramref name="path"/>.</returns>
    public static string AgeMetallicity(string path, Band amr, TimeScale timeScale = TimeScale.Log, bool olderToTheLeft = false,
        FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(amr);
        CheckPath(path);
        options ??= FigureOptions.Default;
        var axis = TimeAxis.Create(amr.X, timeScale, nameof(amr));
        var plot = Canvas.NewPlot(options, LookbackLabel, "Mean [M/H] [dex]");
        double[] x = axis.Map(amr.X);
        var drawn = BandArtist.Draw(plot, amr, x, Canvas.BandColor, markers: true);
        axis.Apply(plot, olderToTheLeft);
        BandArtist.SetYPadded(plot, amr);
        BandArtist.ShowLegend(plot, drawn, amr, x, options);
        return Canvas.Save(plot, path, options.SizeOr(PlotSize.Default));
    }

    /// <summary>
    /// Mass–metallicity relation μ(M*) against log10 of the stellar mass: median, bands, optional truth. Default labels
    /// "log₁₀ M* [M☉]" and "Mean [M/H] [dex]".
    /// </summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="mzr">μ on an increasing grid of log10 M*/M☉, dex.</param>
    /// <param name="options">Size, title, labels.</param>
    /// <returns><paramref name="path"/>.</returns>
    public static string MassMetallicity(string path, Band mzr, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mzr);
        CheckPath(path);
        options ??= FigureOptions.Default;
        var plot = Canvas.NewPlot(options, "log₁₀ M* [M☉]", "Mean [M/H] [dex]");
        var drawn = BandArtist.Draw(plot, mzr, mzr.X, Canvas.BandColor, markers: false);
        plot.Axes.SetLimitsX(mzr.X[0], mzr.X[^1]);
        BandArtist.SetYPadded(plot, mzr);
        BandArtist.ShowLegend(plot, drawn, mzr, mzr.X, options);
        return Canvas.Save(plot, path, options.SizeOr(PlotSize.Default));
    }

    /// <summary>The power of ten to plot in: 0 when 0.01 ≤ max &lt; 10⁴ (or max ≤ 0), else ⌊log10 max⌋.</summary>
    internal static int UnitPower(double max) => max > 0 && (max < 0.01 || max >= 1e4) ? (int)Math.Floor(Math.Log10(max)) : 0;

    /// <summary>An integer in superscript digits, e.g. −4 → "⁻⁴".</summary>
    internal static string Superscript(int value) =>
        string.Concat(value.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']));

    private static void CheckPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path)) throw new ArgumentException($"'{path}' is a folder; give a PNG file name.", nameof(path));
    }

    /// <summary>A lookback-time axis: linear, or log10 coordinates with 1-2-5 ticks.</summary>
    private sealed record TimeAxis(TimeScale Scale, double Low, double High)
    {
        internal static TimeAxis Create(double[] times, TimeScale scale, string parameter)
        {
            if (!Enum.IsDefined(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Unknown time scale.");
            if (scale == TimeScale.Log && times[0] <= 0)
                throw new ArgumentException($"A log time axis needs positive times, but the first is {times[0]}; use TimeScale.Linear.", parameter);
            return new TimeAxis(scale, times[0], times[^1]);
        }

        internal double[] Map(double[] times) => Scale == TimeScale.Log ? [.. times.Select(Math.Log10)] : times;

        internal void Apply(Plot plot, bool reversed)
        {
            // A linear axis starting close to 0 starts at 0 ("now").
            double low = Scale == TimeScale.Log ? Math.Log10(Low) : Low > 0 && Low < 0.05 * High ? 0 : Low;
            double high = Scale == TimeScale.Log ? Math.Log10(High) : High;
            if (Scale == TimeScale.Log) Canvas.LogTicks(plot.Axes.Bottom, low, high);
            if (reversed) plot.Axes.SetLimitsX(high, low);
            else plot.Axes.SetLimitsX(low, high);
        }
    }
}
