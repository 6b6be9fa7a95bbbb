using BayesSfh.Diagnostics;
using BayesSfh.Products;
using ScottPlot;
using SkiaSharp;

namespace BayesSfh.Plotting;

public static partial class SfhFigures
{
    private static readonly Color[] ChainColors =
        [Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"), Color.FromHex("#9467bd"), Color.FromHex("#8c564b")];

    /// <summary>
    /// Corner plot of <paramref name="names"/>: histograms of the pooled draws on the diagonal, scatter of each pair
    /// below it (up to 4000 evenly thinned draws), truth as a dashed line / cross.
    /// </summary>
    public static string Corner(string path, IReadOnlyList<DrawsTable> chains, IReadOnlyList<string> names,
        IReadOnlyDictionary<string, double>? truth = null, PlotSize? size = null)
    {
        CheckChains(chains, names);
        int n = names.Count;
        var s = size ?? new PlotSize(260 * n + 40, 260 * n + 40);
        var pooled = names.Select(name => chains.SelectMany(c => c.Column(name).ToArray()).ToArray()).ToArray();
        int step = Math.Max(1, pooled[0].Length / 4000);
        var panels = new Plot?[n, n];
        for (int row = 0; row < n; row++)
            for (int col = 0; col <= row; col++)
            {
                var plot = new Plot();
                plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
                plot.Axes.Left.TickLabelStyle.FontSize = 11;
                if (row == n - 1) plot.XLabel(names[col], size: 15);
                if (col == 0 && row > 0) plot.YLabel(names[row], size: 15);
                if (row == col)
                {
                    var histogram = ScottPlot.Statistics.Histogram.WithBinCount(30, pooled[col]);
                    var bars = plot.Add.Bars(histogram.Bins, histogram.Counts);
                    foreach (var bar in bars.Bars)
                    {
                        bar.FillColor = BandColor.WithAlpha(0.6);
                        bar.LineWidth = 0;
                        bar.Size = histogram.FirstBinSize;
                    }
                    plot.Axes.Left.TickLabelStyle.IsVisible = false;
                    plot.Axes.Margins(bottom: 0);
                    if (truth?.TryGetValue(names[col], out double t) == true) Dashed(plot.Add.VerticalLine(t));
                }
                else
                {
                    double[] xs = [.. pooled[col].Where((_, i) => i % step == 0)];
                    double[] ys = [.. pooled[row].Where((_, i) => i % step == 0)];
                    var scatter = plot.Add.ScatterPoints(xs, ys);
                    scatter.MarkerSize = 2;
                    scatter.Color = BandColor.WithAlpha(0.25);
                    if (truth?.TryGetValue(names[col], out double tx) == true) Dashed(plot.Add.VerticalLine(tx));
                    if (truth?.TryGetValue(names[row], out double ty) == true) Dashed(plot.Add.HorizontalLine(ty));
                }
                panels[row, col] = plot;
            }
        return Compose(path, panels, s, "Posterior of the metallicity parameters");
    }

    /// <summary>Trace plot: each chain's post-warm-up draws of each parameter against iteration, one row per parameter.</summary>
    public static string Trace(string path, IReadOnlyList<DrawsTable> chains, IReadOnlyList<string> names, PlotSize? size = null)
    {
        CheckChains(chains, names);
        var s = size ?? new PlotSize(PlotSize.Default.Width, 220 * names.Count);
        var panels = new Plot?[names.Count, 1];
        for (int p = 0; p < names.Count; p++)
        {
            var plot = new Plot();
            plot.YLabel(names[p], size: 15);
            if (p == names.Count - 1) plot.XLabel("Iteration (after warm-up)", size: 15);
            for (int c = 0; c < chains.Count; c++)
            {
                var line = plot.Add.Signal(chains[c].Column(names[p]).ToArray());
                line.Color = ChainColors[c % ChainColors.Length].WithAlpha(0.7);
                line.LineWidth = 1;
                if (p == 0) line.LegendText = $"chain {c + 1}";
            }
            if (p == 0) plot.ShowLegend(Alignment.UpperRight, Orientation.Horizontal);
            panels[p, 0] = plot;
        }
        return Compose(path, panels, s, "Trace plot");
    }

    /// <summary>
    /// Rank plot (Vehtari et al. 2021): per parameter, the draws of all chains are ranked together and each chain's ranks
    /// histogrammed; for well-mixed chains every histogram is flat at the dashed line.
    /// </summary>
    public static string Rank(string path, IReadOnlyList<DrawsTable> chains, IReadOnlyList<string> names, PlotSize? size = null, int bins = 20)
    {
        CheckChains(chains, names);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        var s = size ?? new PlotSize(PlotSize.Default.Width, 220 * names.Count);
        var panels = new Plot?[names.Count, 1];
        for (int p = 0; p < names.Count; p++)
        {
            var values = chains.SelectMany((c, ci) => c.Column(names[p]).ToArray().Select(v => (v, ci))).ToArray();
            var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i].v).ThenBy(i => i).ToArray();
            var counts = new double[chains.Count, bins];
            for (int r = 0; r < order.Length; r++) counts[values[order[r]].ci, (int)((long)r * bins / order.Length)]++;
            var plot = new Plot();
            plot.YLabel(names[p], size: 15);
            if (p == names.Count - 1) plot.XLabel("Rank bin (all chains pooled)", size: 15);
            double expected = (double)order.Length / (chains.Count * bins);
            for (int c = 0; c < chains.Count; c++)
            {
                double[] xs = [.. Enumerable.Range(0, bins + 1).Select(b => c * (bins + 2) + (double)b)];
                double[] ys = [.. Enumerable.Range(0, bins + 1).Select(b => counts[c, Math.Min(b, bins - 1)])];
                var step = plot.Add.Scatter(xs, ys);
                step.ConnectStyle = ConnectStyle.StepHorizontal;
                step.MarkerSize = 0;
                step.LineWidth = 2;
                step.Color = ChainColors[c % ChainColors.Length];
                if (p == 0) step.LegendText = $"chain {c + 1}";
                var flat = plot.Add.Line(xs[0], expected, xs[^1], expected);
                flat.Color = Colors.Black;
                flat.LinePattern = LinePattern.Dashed;
                flat.LineWidth = 1;
            }
            plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
            plot.Axes.SetLimitsY(0, 1.3 * Enumerable.Range(0, chains.Count).SelectMany(c => Enumerable.Range(0, bins).Select(b => counts[c, b])).Max());
            if (p == 0) plot.ShowLegend(Alignment.UpperRight, Orientation.Horizontal);
            panels[p, 0] = plot;
        }
        return Compose(path, panels, s, "Rank plot");
    }

    /// <summary>
    /// Observed counts, posterior-mean model and signed deviance residuals on the Hess grid, side by side: colour to the
    /// right, magnitude increasing downwards; counts on a log-scaled sequential map, residuals on a diverging map
    /// symmetric about 0 (clipped at ±5).
    /// </summary>
    public static string HessPanels(string path, PredictiveCheck check, string colourLabel, string magnitudeLabel, PlotSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.Grid is not { } grid) throw new ArgumentException("The predictive check has no Hess grid (bin edges).", nameof(check));
        int nx = grid.ColourBins, ny = grid.MagnitudeBins;
        if (check.Observed.Length != nx * ny) throw new ArgumentException($"{check.Observed.Length} bins for a {nx} × {ny} grid.", nameof(check));
        var s = size ?? new PlotSize(1500, 600);
        double countMax = Math.Log10(1 + Math.Max(check.Observed.Max(), check.MeanModel.Max()));
        var panels = new Plot?[1, 3];
        panels[0, 0] = HessPanel(grid, check.Observed, v => Math.Log10(1 + v), "Observed: log₁₀(1 + N)", new ScottPlot.Colormaps.Viridis(), 0, countMax, colourLabel, magnitudeLabel);
        panels[0, 1] = HessPanel(grid, check.MeanModel, v => Math.Log10(1 + v), "Model: log₁₀(1 + m̄)", new ScottPlot.Colormaps.Viridis(), 0, countMax, colourLabel, magnitudeLabel);
        panels[0, 2] = HessPanel(grid, check.Residuals, v => Math.Clamp(v, -5, 5), "Residual (signed deviance)", new ScottPlot.Colormaps.Balance(), -5, 5, colourLabel, magnitudeLabel);
        return Compose(path, panels, s, $"Posterior predictive check: p = {check.PValue:F3}");
    }

    private static Plot HessPanel(BayesSfh.Hess.HessGrid grid, double[] values, Func<double, double> transform, string title, IColormap colormap,
        double min, double max, string xLabel, string yLabel)
    {
        int nx = grid.ColourBins, ny = grid.MagnitudeBins;
        // Heatmap rows are drawn top to bottom; the magnitude axis is inverted (bright at the top), so row 0 = faintest... set below.
        var data = new double[ny, nx];
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) data[y, x] = transform(values[grid.Flatten(x, y)]);
        var plot = new Plot();
        plot.Title(title, size: 15);
        plot.XLabel(xLabel, size: 14);
        plot.YLabel(yLabel, size: 14);
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = colormap;
        heatmap.ManualRange = new ScottPlot.Range(min, max);
        heatmap.Extent = new CoordinateRect(grid.ColourEdges[0], grid.ColourEdges[^1], grid.MagnitudeEdges[0], grid.MagnitudeEdges[^1]);
        plot.Add.ColorBar(heatmap);
        plot.Axes.SetLimits(grid.ColourEdges[0], grid.ColourEdges[^1], grid.MagnitudeEdges[^1], grid.MagnitudeEdges[0]);
        return plot;
    }

    private static void Dashed(ScottPlot.Plottables.AxisLine line)
    {
        line.Color = TruthColor;
        line.LinePattern = LinePattern.Dashed;
        line.LineWidth = 1.5f;
    }

    private static void CheckChains(IReadOnlyList<DrawsTable> chains, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(names);
        if (chains.Count == 0) throw new ArgumentException("No chains.", nameof(chains));
        if (names.Count == 0) throw new ArgumentException("No parameters.", nameof(names));
        foreach (string name in names)
            foreach (var chain in chains)
            {
                if (chain.IndexOf(name) < 0) throw new ArgumentException($"A chain has no column '{name}'.", nameof(names));
                if (chain.Column(name).ToArray().Any(double.IsNaN)) throw new ArgumentException($"Column '{name}' contains NaN.", nameof(chains));
            }
    }

    /// <summary>Renders a grid of plots (null cells stay white) with an overall title into one PNG, atomically.</summary>
    private static string Compose(string path, Plot?[,] panels, PlotSize size, string title)
    {
        if (size.Width < 100 || size.Height < 100) throw new ArgumentException($"A figure needs at least 100 × 100 pixels, got {size.Width} × {size.Height}.", nameof(size));
        int rows = panels.GetLength(0), cols = panels.GetLength(1);
        const int titleHeight = 40;
        int cellWidth = size.Width / cols, cellHeight = (size.Height - titleHeight) / rows;
        using var surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var font = new SKFont(SKTypeface.Default, 20))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
            canvas.DrawText(title, size.Width / 2f, 28, SKTextAlign.Center, font, paint);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                if (panels[r, c] is not { } plot) continue;
                byte[] png = plot.GetImageBytes(cellWidth, cellHeight, ImageFormat.Png);
                using var bitmap = SKBitmap.Decode(png);
                canvas.DrawBitmap(bitmap, c * cellWidth, titleHeight + r * cellHeight);
            }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        string partial = path + ".partial";
        using (var stream = File.Create(partial)) data.SaveTo(stream);
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
