using System.Globalization;
using BayesSfh.Diagnostics;
using BayesSfh.Hess;
using BayesSfh.Products;
using ScottPlot;
using SkiaSharp;

namespace BayesSfh.Plotting;

public static partial class SfhFigures
{
    /// <summary>
    /// Corner plot of <paramref name="names"/>: histograms of the pooled draws of all chains on the diagonal (titled
    /// with the median and the 16–84 % interval, type-7 quantiles), the scatter of each pair below it (at most 4000
    /// evenly thinned draws), truth as dashed lines. Each parameter has the same axis range in every panel.
    /// </summary>
    /// <exception cref="ArgumentException">No chains or names, an unknown column, or NaN draws.</exception>
    public static string Corner(string path, IReadOnlyList<DrawsTable> chains, IReadOnlyList<string> names,
        IReadOnlyDictionary<string, double>? truth = null, PlotSize? size = null)
    {
        CheckPath(path);
        CheckChains(chains, names);
        int n = names.Count;
        var s = size ?? new PlotSize(220 * n + 100, 220 * n + 150);
        var pooled = names.Select(name => chains.SelectMany(c => c.Column(name).ToArray()).ToArray()).ToArray();
        var limits = new (double Low, double High)[n];
        for (int p = 0; p < n; p++)
        {
            double lo = pooled[p].Min(), hi = pooled[p].Max();
            if (truth?.TryGetValue(names[p], out double t) == true && double.IsFinite(t)) (lo, hi) = (Math.Min(lo, t), Math.Max(hi, t));
            double pad = hi > lo ? 0.05 * (hi - lo) : Math.Max(Math.Abs(lo) * 0.01, 1e-3);
            limits[p] = (lo - pad, hi + pad);
        }
        int step = Math.Max(1, pooled[0].Length / 4000);
        var panels = new Plot?[n, n];
        for (int row = 0; row < n; row++)
            for (int col = 0; col <= row; col++)
            {
                var plot = FigureStyle.NewPlot(null, row == n - 1 ? names[col] : null, col == 0 && row > 0 ? names[row] : null, labelSize: 16, tickSize: 12, tickDensity: 1);
                if (row < n - 1) plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
                if (col > 0 || row == 0) plot.Axes.Left.TickLabelStyle.IsVisible = false;
                if (row == col)
                {
                    var sorted = pooled[col].Order().ToArray();
                    double q16 = Quantile(sorted, 0.16), q50 = Quantile(sorted, 0.5), q84 = Quantile(sorted, 0.84);
                    plot.Title($"{names[col]} = {Number(q50)} +{Number(q84 - q50, 2)} −{Number(q50 - q16, 2)}", size: 13);
                    var histogram = ScottPlot.Statistics.Histogram.WithBinCount(30, limits[col].Low, limits[col].High);
                    histogram.AddRange(pooled[col]);
                    var bars = plot.Add.Bars(histogram.Bins, histogram.Counts);
                    foreach (var bar in bars.Bars)
                    {
                        bar.FillColor = FigureStyle.Band.WithAlpha(0.6);
                        bar.LineWidth = 0;
                        bar.Size = histogram.FirstBinSize;
                    }
                    foreach (double q in new[] { q16, q50, q84 })
                    {
                        var line = plot.Add.VerticalLine(q);
                        line.Color = FigureStyle.Band;
                        line.LineWidth = 1.2f;
                        line.LinePattern = LinePattern.Dotted;
                    }
                    if (truth?.TryGetValue(names[col], out double t) == true) Dashed(plot.Add.VerticalLine(t));
                    plot.Axes.SetLimits(limits[col].Low, limits[col].High, 0, 1.08 * histogram.Counts.Max());
                }
                else
                {
                    double[] xs = [.. pooled[col].Where((_, i) => i % step == 0)];
                    double[] ys = [.. pooled[row].Where((_, i) => i % step == 0)];
                    var scatter = plot.Add.ScatterPoints(xs, ys);
                    scatter.MarkerSize = 2.5f;
                    scatter.Color = FigureStyle.Band.WithAlpha(0.3);
                    if (truth?.TryGetValue(names[col], out double tx) == true) Dashed(plot.Add.VerticalLine(tx));
                    if (truth?.TryGetValue(names[row], out double ty) == true) Dashed(plot.Add.HorizontalLine(ty));
                    plot.Axes.SetLimits(limits[col].Low, limits[col].High, limits[row].Low, limits[row].High);
                }
                panels[row, col] = plot;
            }
        var legend = new List<(Color, string, bool)> { (FigureStyle.Band, "posterior (median, 16 %, 84 %: dotted)", false) };
        if (truth is not null) legend.Add((FigureStyle.Truth, "truth", true));
        string joined = string.Join(", ", names);
        return Compose(path, panels, s, joined.Length <= 50 ? $"Joint posterior of {joined}" : "Joint posterior", new PixelPadding(80, 20, 60, 26), 14, 30, legend);
    }

    /// <summary>Trace plot: each chain's post-warm-up draws of each parameter against iteration, one row per parameter.</summary>
    /// <exception cref="ArgumentException">No chains or names, an unknown column, or NaN draws.</exception>
    public static string Trace(string path, IReadOnlyList<DrawsTable> chains, IReadOnlyList<string> names, PlotSize? size = null)
    {
        CheckPath(path);
        CheckChains(chains, names);
        var s = size ?? new PlotSize(PlotSize.Default.Width, 170 * names.Count + 110);
        var panels = new Plot?[names.Count, 1];
        int iterations = chains.Max(c => c.RowCount);
        for (int p = 0; p < names.Count; p++)
        {
            var plot = FigureStyle.NewPlot(null, p == names.Count - 1 ? "Iteration (after warm-up)" : null, names[p], labelSize: 16, tickSize: 12);
            if (p < names.Count - 1) plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
            for (int c = 0; c < chains.Count; c++)
            {
                var line = plot.Add.Signal(chains[c].Column(names[p]).ToArray());
                line.Color = FigureStyle.Chain(c).WithAlpha(0.75);
                line.LineWidth = 1;
            }
            plot.Axes.SetLimitsX(-0.5, iterations - 0.5);
            panels[p, 0] = plot;
        }
        return Compose(path, panels, s, "Trace plot", new PixelPadding(95, 20, 55, 4), 0, 12, ChainLegend(chains.Count));
    }

    /// <summary>
    /// Rank plot (Vehtari et al. 2021, Bayesian Analysis 16, 667, fig. 2): per parameter, the draws of all chains are
    /// ranked together (ties by order) and each chain's ranks histogrammed in <paramref name="bins"/> equal bins; chains
    /// are drawn side by side. For well-mixed chains every histogram is flat at the dashed line (draws per chain / bins).
    /// </summary>
    /// <exception cref="ArgumentException">No chains or names, an unknown column, NaN draws, or fewer than 2 bins.</exception>
    public static string Rank(string path, IReadOnlyList<DrawsTable> chains, IReadOnlyList<string> names, PlotSize? size = null, int bins = 20)
    {
        CheckPath(path);
        CheckChains(chains, names);
        if (bins < 2) throw new ArgumentException($"A rank histogram needs at least 2 bins, got {bins}.", nameof(bins));
        var s = size ?? new PlotSize(PlotSize.Default.Width, 170 * names.Count + 110);
        var panels = new Plot?[names.Count, 1];
        for (int p = 0; p < names.Count; p++)
        {
            var values = chains.SelectMany((c, ci) => c.Column(names[p]).ToArray().Select(v => (v, ci))).ToArray();
            var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i].v).ThenBy(i => i).ToArray();
            var counts = new double[chains.Count, bins];
            for (int r = 0; r < order.Length; r++) counts[values[order[r]].ci, (int)((long)r * bins / order.Length)]++;
            var plot = FigureStyle.NewPlot(null, p == names.Count - 1 ? "Rank of the draw among all chains (per chain, low → high)" : null, names[p], labelSize: 16, tickSize: 12);
            plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
            plot.Axes.Bottom.MajorTickStyle.Length = 0;
            plot.Axes.Bottom.MinorTickStyle.Length = 0;
            plot.Grid.XAxisStyle.IsVisible = false;
            double max = 0;
            for (int c = 0; c < chains.Count; c++)
            {
                double expected = (double)chains[c].RowCount / bins;
                // Steps as explicit corner points (left and right edge of every bin) so line and fill agree.
                double x0 = c * (bins + 3);
                double[] xs = [.. Enumerable.Range(0, bins).SelectMany(b => new[] { x0 + b, x0 + b + 1 })];
                double[] ys = [.. Enumerable.Range(0, bins).SelectMany(b => new[] { counts[c, b], counts[c, b] })];
                var fill = plot.Add.FillY(xs, new double[xs.Length], ys);
                fill.FillColor = FigureStyle.Chain(c).WithAlpha(0.25);
                fill.LineWidth = 0;
                var stepLine = plot.Add.ScatterLine(xs, ys);
                stepLine.LineWidth = 2;
                stepLine.Color = FigureStyle.Chain(c);
                var flat = plot.Add.Line(xs[0], expected, xs[^1], expected);
                flat.Color = Colors.Black;
                flat.LinePattern = LinePattern.Dashed;
                flat.LineWidth = 1;
                max = Math.Max(max, Math.Max(expected, Enumerable.Range(0, bins).Max(b => counts[c, b])));
            }
            plot.Axes.SetLimits(-1, chains.Count * (bins + 3) - 2, 0, 1.1 * max);
            panels[p, 0] = plot;
        }
        var legend = ChainLegend(chains.Count);
        legend.Add((Colors.Black, "uniform", true));
        return Compose(path, panels, s, "Rank plot", new PixelPadding(95, 20, 45, 4), 0, 12, legend);
    }

    /// <summary>
    /// Observed counts, posterior-mean model and signed deviance residuals on the Hess grid, side by side: colour to the
    /// right, magnitude increasing downwards, cells on the grid's own bin edges. Counts on one sequential (viridis) scale
    /// of log₁₀(1 + N) shared by both panels; residuals on a diverging map symmetric about 0, clipped at
    /// ±<paramref name="residualLimit"/> (±∞ residuals, where the model is 0 but stars were seen, show as the limit).
    /// </summary>
    /// <exception cref="ArgumentException">The check has no grid, or its arrays do not match the grid.</exception>
    public static string HessPanels(string path, PredictiveCheck check, string colourLabel = "Colour [mag]", string magnitudeLabel = "Magnitude [mag]",
        PlotSize? size = null, double residualLimit = 5)
    {
        CheckPath(path);
        ArgumentNullException.ThrowIfNull(check);
        if (check.Grid is not { } grid) throw new ArgumentException("The predictive check has no Hess grid (bin edges).", nameof(check));
        int bins = grid.BinCount;
        if (check.Observed.Length != bins || check.MeanModel.Length != bins || check.Residuals.Length != bins)
            throw new ArgumentException($"Observed/model/residual arrays of {check.Observed.Length}/{check.MeanModel.Length}/{check.Residuals.Length} bins for a {grid.ColourBins} × {grid.MagnitudeBins} grid.", nameof(check));
        if (check.Observed.Concat(check.MeanModel).Any(v => !(v >= 0) || double.IsInfinity(v)))
            throw new ArgumentException("Counts and model values must be finite and ≥ 0.", nameof(check));
        if (!(residualLimit > 0)) throw new ArgumentException($"The residual limit must be positive, got {residualLimit}.", nameof(residualLimit));
        var s = size ?? new PlotSize(1600, 600);
        double countMax = Math.Log10(1 + Math.Max(check.Observed.Max(), check.MeanModel.Max()));
        if (countMax <= 0) countMax = 1;
        var panels = new Plot?[1, 3];
        panels[0, 0] = HessPanel(grid, check.Observed, v => Math.Log10(1 + v), "Observed", "log₁₀(1 + N)", new ScottPlot.Colormaps.Viridis(), 0, countMax, colourLabel, magnitudeLabel);
        panels[0, 1] = HessPanel(grid, check.MeanModel, v => Math.Log10(1 + v), "Posterior-mean model", "log₁₀(1 + m̄)", new ScottPlot.Colormaps.Viridis(), 0, countMax, colourLabel, magnitudeLabel);
        panels[0, 2] = HessPanel(grid, check.Residuals, v => double.IsNaN(v) ? 0 : Math.Clamp(v, -residualLimit, residualLimit), "Residual (observed − model)",
            "signed deviance residual [σ]", new ScottPlot.Colormaps.Balance(), -residualLimit, residualLimit, colourLabel, magnitudeLabel);
        string title = $"Posterior predictive check (p = {check.PValue.ToString("F3", CultureInfo.InvariantCulture)}, {check.DrawsUsed} draws)";
        return Compose(path, panels, s, title, new PixelPadding(80, 125, 60, 36), 205, 0, []);
    }

    private static Plot HessPanel(HessGrid grid, double[] values, Func<double, double> transform, string title, string barLabel, IColormap colormap,
        double min, double max, string xLabel, string yLabel)
    {
        int nx = grid.ColourBins, ny = grid.MagnitudeBins;
        var plot = FigureStyle.NewPlot(title, xLabel, yLabel, labelSize: 16, tickSize: 13);
        var cx = grid.ColourEdges;
        var my = grid.MagnitudeEdges;
        bool uniform = IsUniform(cx) && IsUniform(my);
        // Row y of the data is magnitude bin y; ScottPlot places the rows along the (inverted) axis itself, so the
        // brightest bin ends up at the top (checked by a test with a single bright bin).
        var data = new double[ny, nx];
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) data[y, x] = transform(values[grid.Flatten(x, y)]);
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = colormap;
        heatmap.ManualRange = new ScottPlot.Range(min, max);
        heatmap.Extent = new CoordinateRect(cx[0], cx[^1], my[0], my[^1]);
        if (!uniform)
        {
            // Unequal bins: the heatmap only feeds the colour bar; each cell is a rectangle on its own edges.
            heatmap.Opacity = 0;
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                {
                    double v = data[y, x];
                    var rect = plot.Add.Rectangle(cx[x], cx[x + 1], my[y], my[y + 1]);
                    rect.FillColor = colormap.GetColor(Math.Clamp((v - min) / (max - min), 0, 1));
                    rect.LineColor = rect.FillColor; // an outline of the fill colour hides antialiasing seams between cells
                    rect.LineWidth = 1;
                }
        }
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = barLabel;
        bar.LabelStyle.FontSize = 14;
        bar.LabelStyle.Bold = false;
        bar.LabelStyle.FontName = FigureStyle.FontName;
        bar.Axis.TickLabelStyle.FontSize = 12;
        if (min < 0) bar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        bar.Axis.TickLabelStyle.FontName = FigureStyle.FontName;
        plot.Axes.SetLimits(cx[0], cx[^1], my[^1], my[0]);
        plot.Grid.IsVisible = false;
        return plot;
    }

    private static bool IsUniform(IReadOnlyList<double> edges)
    {
        double width = (edges[^1] - edges[0]) / (edges.Count - 1);
        for (int i = 1; i < edges.Count; i++)
            if (Math.Abs(edges[i] - edges[i - 1] - width) > 1e-6 * Math.Abs(width)) return false;
        return true;
    }

    private static List<(Color Color, string Label, bool Dashed)> ChainLegend(int chains) =>
        [.. Enumerable.Range(0, chains).Select(c => (FigureStyle.Chain(c), $"chain {c + 1}", false))];

    /// <summary>Type-7 quantile of sorted values.</summary>
    private static double Quantile(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        return lo + 1 < sorted.Length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }

    private static string Number(double v, int digits = 3) => v.ToString("G" + digits, CultureInfo.InvariantCulture).Replace('-', '−');

    private static void Dashed(ScottPlot.Plottables.AxisLine line)
    {
        line.Color = FigureStyle.Truth;
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
                if (chain.RowCount == 0) throw new ArgumentException("A chain has no draws.", nameof(chains));
                foreach (double v in chain.Column(name))
                    if (!double.IsFinite(v)) throw new ArgumentException($"Column '{name}' contains NaN or ∞.", nameof(chains));
            }
    }

    /// <summary>
    /// Renders a grid of plots (null cells stay white) under an overall title and an optional legend line into one PNG,
    /// atomically. The data areas are laid out on a regular grid: <paramref name="outer"/> leaves room for the labels of
    /// the outermost panels, <paramref name="gapX"/> / <paramref name="gapY"/> separate neighbouring data areas, so the
    /// axes of all panels line up exactly.
    /// </summary>
    private static string Compose(string path, Plot?[,] panels, PlotSize size, string title, PixelPadding outer, float gapX, float gapY,
        IReadOnlyList<(Color Color, string Label, bool Dashed)> legend)
    {
        if (size.Width < 100 || size.Height < 100) throw new ArgumentException($"A figure needs at least 100 × 100 pixels, got {size.Width} × {size.Height}.", nameof(size));
        int rows = panels.GetLength(0), cols = panels.GetLength(1);
        float header = legend.Count > 0 ? 64 : 40;
        float width = (size.Width - outer.Left - outer.Right - (cols - 1) * gapX) / cols;
        float height = (size.Height - header - outer.Top - outer.Bottom - (rows - 1) * gapY) / rows;
        if (width < 20 || height < 20) throw new ArgumentException($"{size.Width} × {size.Height} pixels are too few for {rows} × {cols} panels.", nameof(size));
        string partial = path + ".partial";
        try
        {
            using (var surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height)))
            {
                var canvas = surface.Canvas;
                canvas.Clear(SKColors.White);
                using var typeface = FigureStyle.Typeface();
                using var titleFont = new SKFont(typeface, 20);
                using var legendFont = new SKFont(typeface, 14);
                using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
                canvas.DrawText(title, size.Width / 2f, 28, SKTextAlign.Center, titleFont, paint);
                if (legend.Count > 0) DrawLegend(canvas, legend, size.Width, 54, legendFont);
                var figure = new PixelRect(0, size.Width, size.Height, 0);
                for (int r = 0; r < rows; r++)
                    for (int c = 0; c < cols; c++)
                    {
                        if (panels[r, c] is not { } plot) continue;
                        float left = outer.Left + c * (width + gapX), top = header + outer.Top + r * (height + gapY);
                        plot.FigureBackground.Color = Colors.Transparent;
                        plot.Layout.Fixed(new PixelRect(left, left + width, top + height, top));
                        // ScottPlot clears the whole canvas with the (transparent) figure background: render in a layer.
                        canvas.SaveLayer();
                        plot.Render(canvas, figure);
                        canvas.Restore();
                    }
                using var image = surface.Snapshot();
                using var data = image.Encode(SKEncodedImageFormat.Png, 100);
                using (var stream = File.Create(partial)) data.SaveTo(stream);
            }
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
            foreach (var plot in panels) plot?.Dispose();
        }
        return path;
    }

    /// <summary>A one-line legend centred at <paramref name="baseline"/>: a short line sample and the label per entry.</summary>
    private static void DrawLegend(SKCanvas canvas, IReadOnlyList<(Color Color, string Label, bool Dashed)> entries, int width, float baseline, SKFont font)
    {
        const float sample = 28, gap = 8, spacing = 26;
        float total = entries.Sum(e => sample + gap + font.MeasureText(e.Label) + spacing) - spacing;
        float x = (width - total) / 2;
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        foreach (var (color, label, dashed) in entries)
        {
            using var line = new SKPaint { Color = new SKColor(color.R, color.G, color.B), StrokeWidth = 2.5f, IsAntialias = true, Style = SKPaintStyle.Stroke };
            if (dashed) line.PathEffect = SKPathEffect.CreateDash([6, 4], 0);
            canvas.DrawLine(x, baseline - 5, x + sample, baseline - 5, line);
            x += sample + gap;
            canvas.DrawText(label, x, baseline, SKTextAlign.Left, font, text);
            x += font.MeasureText(label) + spacing;
        }
    }
}
