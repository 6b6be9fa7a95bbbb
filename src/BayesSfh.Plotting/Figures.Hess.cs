using BayesSfh.Products;
using ScottPlot;

namespace BayesSfh.Plotting;

public static partial class Figures
{
    private const float HessLeft = 72, HessRight = 118, HessBottom = 62, HessTop = 38;

    /// <summary>
    /// One Hess diagram: counts per (colour, magnitude) bin on a sequential colour scale (reversed magma, light to dark; log10 by default, with
    /// empty bins white), colour to the right, magnitude increasing downwards, with a colour bar.
    /// </summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="counts">Counts [colour bin, magnitude bin], finite and ≥ 0.</param>
    /// <param name="colourEdges">Colour bin edges, strictly increasing (colour bins + 1); need not be uniform.</param>
    /// <param name="magnitudeEdges">Magnitude bin edges, strictly increasing (magnitude bins + 1).</param>
    /// <param name="style">Labels and scales.</param>
    /// <param name="options">Size (default 620 × 680), title (shown above the panel).</param>
    /// <returns><paramref name="path"/>.</returns>
    public static string HessDiagram(string path, double[,] counts, double[] colourEdges, double[] magnitudeEdges, HessStyle? style = null,
        FigureOptions? options = null)
    {
        CheckPath(path);
        style ??= HessStyle.Default;
        options ??= FigureOptions.Default;
        var grid = HessRaster.Create(colourEdges, magnitudeEdges);
        grid.CheckCounts(counts, nameof(counts));
        var plot = CountPanel(grid, counts, options.Title ?? "", style, CountRange(style, counts), options.Scale);
        return Canvas.SaveGrid(path, new Plot?[,] { { plot } }, options.SizeOr(new PlotSize(620, 680)), options.Scale, null);
    }

    /// <summary>
    /// Observed, model and residual Hess diagrams side by side with shared axes (colour to the right, magnitude
    /// increasing downwards) and a colour bar each: observed and model on the same sequential scale (reversed magma, log10 by
    /// default with empty bins white), the residual on a diverging scale (blue = fewer observed than predicted,
    /// red = more) symmetric about 0 and clipped to ±<see cref="HessStyle.ResidualLimit"/>; bins with neither observed
    /// nor model stars are white.
    /// </summary>
    /// <remarks>
    /// Without <paramref name="residual"/>, the signed Poisson deviance residual
    /// d = sign(n − m) √(2 [m − n + n ln(n/m)]) of each bin is shown (<see cref="PredictiveCheck.SignedDevianceResidual"/>;
    /// |d| is roughly a number of standard deviations; +∞ where n &gt; 0 = m, clipped like any large value).
    /// </remarks>
    /// <param name="path">PNG file to write.</param>
    /// <param name="observed">Observed counts n [colour bin, magnitude bin], finite and ≥ 0.</param>
    /// <param name="model">Model expectations m, same shape, finite and ≥ 0.</param>
    /// <param name="residual">Residuals, same shape (±∞ allowed, NaN not), or null for the deviance residual.</param>
    /// <param name="colourEdges">Colour bin edges, strictly increasing.</param>
    /// <param name="magnitudeEdges">Magnitude bin edges, strictly increasing.</param>
    /// <param name="style">Labels and scales.</param>
    /// <param name="options">Size (default 1560 × 640), title.</param>
    /// <returns><paramref name="path"/>.</returns>
    public static string HessComparison(string path, double[,] observed, double[,] model, double[,]? residual, double[] colourEdges,
        double[] magnitudeEdges, HessStyle? style = null, FigureOptions? options = null)
    {
        CheckPath(path);
        style ??= HessStyle.Default;
        options ??= FigureOptions.Default;
        var grid = HessRaster.Create(colourEdges, magnitudeEdges);
        grid.CheckCounts(observed, nameof(observed));
        grid.CheckCounts(model, nameof(model));
        if (residual is null)
        {
            residual = new double[grid.ColourBins, grid.MagnitudeBins];
            for (int x = 0; x < grid.ColourBins; x++)
                for (int y = 0; y < grid.MagnitudeBins; y++) residual[x, y] = PredictiveCheck.SignedDevianceResidual(observed[x, y], model[x, y]);
        }
        else grid.CheckShape(residual, nameof(residual), allowInfinite: true);
        // Bins with neither stars nor model stars carry no information: white, not "0".
        var shown = (double[,])residual.Clone();
        for (int x = 0; x < grid.ColourBins; x++)
            for (int y = 0; y < grid.MagnitudeBins; y++)
                if (observed[x, y] == 0 && model[x, y] == 0) shown[x, y] = double.NaN;
        residual = shown;
        var range = CountRange(style, observed, model);
        var panels = new Plot?[1, 3];
        panels[0, 0] = CountPanel(grid, observed, style.PanelTitles.Observed, style, range, options.Scale);
        panels[0, 1] = CountPanel(grid, model, style.PanelTitles.Model, style, range, options.Scale);
        panels[0, 2] = ResidualPanel(grid, residual, style, options.Scale);
        var size = options.SizeOr(new PlotSize(1560, 640));
        return Canvas.SaveGrid(path, panels, size, options.Scale, options.Title);
    }

    /// <summary>
    /// The colour range of count panels: linear from 0 to the maximum, or log10 from the smallest positive value's
    /// half-decade less half a decade, so that it stays visible on white (at most 4 decades below the maximum; smaller values get the lowest colour) to the maximum.
    /// </summary>
    private static (double Low, double High) CountRange(HessStyle style, params double[][,] maps)
    {
        var values = maps.SelectMany(m => m.Cast<double>()).ToArray();
        double max = values.DefaultIfEmpty(0).Max();
        if (!style.LogCounts) return (0, max > 0 ? max : 1);
        double high = Math.Log10(max > 0 ? max : 1);
        double positiveMin = values.Where(v => v > 0).DefaultIfEmpty(1).Min();
        double low = Math.Max(Math.Floor(2 * Math.Log10(positiveMin)) / 2 - 0.5, Math.Floor(high) - 4);
        return (Math.Min(low, high - 1), high);
    }

    private static Plot CountPanel(HessRaster grid, double[,] counts, string title, HessStyle style, (double Low, double High) range, double scale)
    {
        var plot = HessPlot(grid, title, style, scale);
        IColormap colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Magma());
        Func<double, double> transform = style.LogCounts ? v => v > 0 ? Math.Log10(v) : double.NaN : v => v;
        var heatmap = grid.AddHeatmap(plot, counts, transform, colormap, range.Low, range.High);
        heatmap.NaNCellColor = Colors.White;
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = style.CountLabel;
        bar.LabelStyle.FontSize = Canvas.TickSize + 1;
        bar.Axis.TickLabelStyle.FontSize = Canvas.TickSize - 1;
        if (style.LogCounts) Canvas.LogTicks(bar.Axis, range.Low, range.High);
        else Canvas.NumericTicks(bar.Axis, 0.6);
        return plot;
    }

    private static Plot ResidualPanel(HessRaster grid, double[,] residual, HessStyle style, double scale)
    {
        var plot = HessPlot(grid, style.PanelTitles.Residual, style, scale);
        double limit = style.ResidualLimit;
        var heatmap = grid.AddHeatmap(plot, residual, v => double.IsNaN(v) ? v : Math.Clamp(v, -limit, limit), new ScottPlot.Colormaps.Balance(), -limit, limit);
        heatmap.NaNCellColor = Colors.White;
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = style.ResidualLabel;
        bar.LabelStyle.FontSize = Canvas.TickSize + 1;
        bar.Axis.TickLabelStyle.FontSize = Canvas.TickSize - 1;
        Canvas.NumericTicks(bar.Axis, 0.6);
        return plot;
    }

    private static Plot HessPlot(HessRaster grid, string title, HessStyle style, double scale)
    {
        var plot = Canvas.NewPlot(new FigureOptions { Scale = scale }, style.ColourLabel, style.MagnitudeLabel, labelSize: 16, tickSize: 13);
        if (title.Length > 0) plot.Title(title, 16);
        plot.Grid.IsVisible = false;
        plot.Axes.SetLimitsX(grid.ColourEdges[0], grid.ColourEdges[^1]);
        // Magnitudes increase downwards: the faint end is the bottom of the axis.
        plot.Axes.SetLimitsY(grid.MagnitudeEdges[^1], grid.MagnitudeEdges[0]);
        Canvas.FixPadding(plot, HessLeft, HessRight, HessBottom, HessTop);
        return plot;
    }
}

/// <summary>
/// A Hess grid drawn as a heatmap: bins of any widths are resampled onto a uniform raster fine enough that every bin
/// edge falls on a raster line (up to 1 % of the smallest bin), each raster cell taking the value of the bin holding its
/// centre; the raster spans exactly the outer edges.
/// </summary>
internal sealed class HessRaster
{
    private const int MaxRaster = 1200;

    private HessRaster(double[] colourEdges, double[] magnitudeEdges, int[] colourIndex, int[] magnitudeIndex) =>
        (ColourEdges, MagnitudeEdges, _colourIndex, _magnitudeIndex) = (colourEdges, magnitudeEdges, colourIndex, magnitudeIndex);

    private readonly int[] _colourIndex, _magnitudeIndex;

    internal double[] ColourEdges { get; }

    internal double[] MagnitudeEdges { get; }

    /// <summary>Bin of each raster column (for tests).</summary>
    internal int[] ColourRaster => _colourIndex;

    /// <summary>Bin of each raster row (for tests).</summary>
    internal int[] MagnitudeRaster => _magnitudeIndex;

    internal int ColourBins => ColourEdges.Length - 1;

    internal int MagnitudeBins => MagnitudeEdges.Length - 1;

    internal static HessRaster Create(double[] colourEdges, double[] magnitudeEdges)
    {
        BandChecks.Axis(colourEdges, nameof(colourEdges), "colour edges", minimum: 2);
        BandChecks.Axis(magnitudeEdges, nameof(magnitudeEdges), "magnitude edges", minimum: 2);
        return new HessRaster(colourEdges, magnitudeEdges, Raster(colourEdges), Raster(magnitudeEdges));
    }

    /// <summary>For each raster cell along one axis, the bin holding its centre.</summary>
    private static int[] Raster(double[] edges)
    {
        int bins = edges.Length - 1;
        double span = edges[^1] - edges[0];
        double smallest = Enumerable.Range(0, bins).Min(i => edges[i + 1] - edges[i]);
        bool uniform = Enumerable.Range(0, bins).All(i => Math.Abs(edges[i + 1] - edges[i] - span / bins) <= 1e-6 * span / bins);
        int cells = uniform ? bins : Math.Clamp((int)Math.Ceiling(100 * span / smallest), bins, MaxRaster);
        var index = new int[cells];
        int bin = 0;
        for (int i = 0; i < cells; i++)
        {
            double centre = edges[0] + (i + 0.5) * span / cells;
            while (bin < bins - 1 && centre >= edges[bin + 1]) bin++;
            index[i] = bin;
        }
        return index;
    }

    internal void CheckShape(double[,] values, string name, bool allowInfinite)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.GetLength(0) != ColourBins || values.GetLength(1) != MagnitudeBins)
            throw new ArgumentException(
                $"{name} is {values.GetLength(0)} × {values.GetLength(1)} but the edges give {ColourBins} colour × {MagnitudeBins} magnitude bins.", name);
        for (int x = 0; x < ColourBins; x++)
            for (int y = 0; y < MagnitudeBins; y++)
                if (double.IsNaN(values[x, y]) || (!allowInfinite && double.IsInfinity(values[x, y])))
                    throw new ArgumentException($"{name}[{x}, {y}] is {values[x, y]}.", name);
    }

    internal void CheckCounts(double[,] values, string name)
    {
        CheckShape(values, name, allowInfinite: false);
        for (int x = 0; x < ColourBins; x++)
            for (int y = 0; y < MagnitudeBins; y++)
                if (values[x, y] < 0) throw new ArgumentException($"{name}[{x}, {y}] is {values[x, y]}; counts cannot be negative.", name);
    }

    /// <summary>Adds the raster of <paramref name="values"/> (transformed) spanning the outer edges, row 0 at the bright end.</summary>
    internal ScottPlot.Plottables.Heatmap AddHeatmap(Plot plot, double[,] values, Func<double, double> transform, IColormap colormap, double low, double high)
    {
        var data = new double[_magnitudeIndex.Length, _colourIndex.Length];
        for (int r = 0; r < _magnitudeIndex.Length; r++)
            for (int c = 0; c < _colourIndex.Length; c++) data[r, c] = transform(values[_colourIndex[c], _magnitudeIndex[r]]);
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = colormap;
        heatmap.ManualRange = new ScottPlot.Range(low, high);
        heatmap.Rectangle = new CoordinateRect(ColourEdges[0], ColourEdges[^1], MagnitudeEdges[0], MagnitudeEdges[^1]);
        return heatmap;
    }
}
