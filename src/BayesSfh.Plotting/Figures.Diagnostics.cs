using System.Globalization;
using ScottPlot;

namespace BayesSfh.Plotting;

public static partial class Figures
{
    private static readonly Color CornerTruthColor = Color.FromHex("#d55e00");

    /// <summary>
    /// Corner (pair) plot: for each parameter a histogram of the pooled draws on the diagonal, titled
    /// "name = median (+up −down)" from the 16th, 50th and 84th percentiles (dotted lines); below the diagonal each pair's
    /// draws as points (evenly thinned to at most 3000) with the smallest regions holding 68 % and 95 % of a 2-D
    /// histogram outlined; truths as solid orange lines and a marker.
    /// </summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="parameters">One to ten parameters, all with the same chain lengths (draw i of each is one joint draw).</param>
    /// <param name="options">Size (default 230 px per parameter, plus margins), title; XLabel/YLabel are not used.</param>
    /// <returns><paramref name="path"/>.</returns>
    /// <exception cref="ArgumentException">No parameters, more than ten, or chain lengths that differ between parameters.</exception>
    public static string Corner(string path, IReadOnlyList<ParameterDraws> parameters, FigureOptions? options = null)
    {
        CheckParameters(parameters, maximum: 10, jointDraws: true);
        CheckPath(path);
        options ??= FigureOptions.Default;
        int n = parameters.Count;
        const float cell = 230, leftPad = 80, bottomPad = 70, topPad = 34, gap = 8;
        var size = options.SizeOr(new PlotSize((int)(n * (cell + 2 * gap) + leftPad + 24), (int)(n * (cell + topPad) + bottomPad + (options.Title is null ? 6 : 34))));
        var pooled = parameters.Select(p => p.Pooled()).ToArray();
        var ranges = parameters.Select((p, i) => PaddedRange(pooled[i], p.Truth)).ToArray();
        int step = Math.Max(1, (int)Math.Ceiling(pooled[0].Length / 3000.0));
        var panels = new Plot?[n, n];
        for (int row = 0; row < n; row++)
            for (int col = 0; col <= row; col++)
            {
                var plot = Canvas.NewPlot(options.ForPanel(), row == n - 1 ? parameters[col].Name : "", col == 0 && row > 0 ? parameters[row].Name : "",
                    labelSize: 16, tickSize: 12);
                Canvas.NiceTicks(plot.Axes.Bottom, ranges[col].Low, ranges[col].High);
                if (row != col) Canvas.NiceTicks(plot.Axes.Left, ranges[row].Low, ranges[row].High);
                plot.Grid.IsVisible = false;
                if (row == col) DiagonalHistogram(plot, pooled[col], parameters[col], ranges[col]);
                else PairPanel(plot, pooled[col], pooled[row], step, parameters[col].Truth, parameters[row].Truth, ranges[col], ranges[row]);
                plot.Axes.Bottom.TickLabelStyle.IsVisible = row == n - 1;
                plot.Axes.Left.TickLabelStyle.IsVisible = col == 0 && row > 0;
                Canvas.FixPadding(plot, col == 0 ? leftPad : gap, col == n - 1 ? gap + 24 : gap, row == n - 1 ? bottomPad : gap, topPad);
                panels[row, col] = plot;
            }
        double[] columnWidths = [.. Enumerable.Range(0, n).Select(c => (double)cell + gap + (c == 0 ? leftPad : gap) + (c == n - 1 ? 24 : 0))];
        double[] rowHeights = [.. Enumerable.Range(0, n).Select(r => (double)cell + topPad + (r == n - 1 ? bottomPad : gap))];
        var legend = parameters.Any(p => p.Truth is not null) ? new[] { new LegendEntry("truth", CornerTruthColor) } : null;
        return Canvas.SaveGrid(path, panels, size, options.Scale, options.Title, legend, columnWidths, rowHeights);
    }

    /// <summary>
    /// Trace plot: one row per parameter, each chain's draws against iteration in its own colour (Okabe–Ito palette), and
    /// beside it each chain's marginal histogram on the same vertical axis; a legend of chains on top.
    /// </summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="parameters">The parameters to trace (one row each, at most 20).</param>
    /// <param name="options">Size (default 900 wide, 170 px per row), title; XLabel replaces "Iteration".</param>
    /// <returns><paramref name="path"/>.</returns>
    public static string Trace(string path, IReadOnlyList<ParameterDraws> parameters, FigureOptions? options = null)
    {
        CheckParameters(parameters, maximum: 20, jointDraws: false);
        CheckPath(path);
        options ??= FigureOptions.Default;
        int n = parameters.Count, chains = parameters.Max(p => p.Chains.Count);
        const float row = 170, leftPad = 80, bottomPad = 62, gap = 10;
        var size = options.SizeOr(new PlotSize(900, (int)(n * (row + gap) + bottomPad + 36 + (options.Title is null ? 6 : 34))));
        var panels = new Plot?[n, 2];
        for (int p = 0; p < n; p++)
        {
            var draws = parameters[p];
            var range = PaddedRange(draws.Pooled(), draws.Truth);
            var trace = Canvas.NewPlot(options.ForPanel(), p == n - 1 ? options.XLabel ?? "Iteration" : "", draws.Name, labelSize: 16, tickSize: 12);
            Canvas.NumericTicks(trace.Axes.Left, 0.5);
            var marginal = Canvas.NewPlot(options.ForPanel(), p == n - 1 ? "Density" : "", "", labelSize: 16, tickSize: 12);
            int bins = Math.Clamp((int)Math.Sqrt(draws.DrawCount / (double)draws.Chains.Count), 10, 40);
            for (int c = 0; c < draws.Chains.Count; c++)
            {
                var line = trace.Add.Signal(draws.Chains[c]);
                line.Color = Canvas.ChainColor(c).WithAlpha(0.75);
                line.LineWidth = 1;
                var (centres, density) = Histogram(draws.Chains[c], range.Low, range.High, bins, normalise: true);
                var curve = marginal.Add.ScatterLine(density, centres);
                curve.ConnectStyle = ConnectStyle.StepVertical;
                curve.Color = Canvas.ChainColor(c);
                curve.LineWidth = 1.5f;
            }
            if (draws.Truth is { } t)
            {
                trace.Add.HorizontalLine(t, 2, Canvas.TruthColor, LinePattern.Dashed);
                marginal.Add.HorizontalLine(t, 2, Canvas.TruthColor, LinePattern.Dashed);
            }
            trace.Axes.SetLimits(0, draws.Chains.Max(c => c.Length) - 1, range.Low, range.High);
            marginal.Axes.SetLimitsY(range.Low, range.High);
            marginal.Axes.SetLimitsX(0, marginal.Axes.GetDataLimits().Right * 1.05);
            marginal.Axes.Left.TickLabelStyle.IsVisible = false;
            marginal.Axes.Bottom.TickLabelStyle.IsVisible = false;
            trace.Axes.Bottom.TickLabelStyle.IsVisible = p == n - 1;
            float bottom = p == n - 1 ? bottomPad : gap;
            Canvas.FixPadding(trace, leftPad, gap, bottom, gap);
            Canvas.FixPadding(marginal, gap, 14, bottom, gap);
            panels[p, 0] = trace;
            panels[p, 1] = marginal;
        }
        var legend = Enumerable.Range(0, chains).Select(c => new LegendEntry($"chain {c + 1}", Canvas.ChainColor(c))).ToList();
        if (parameters.Any(p => p.Truth is not null)) legend.Add(new LegendEntry("truth", Canvas.TruthColor, Dashed: true));
        double[] rowHeights = [.. Enumerable.Range(0, n).Select(r => (double)row + (r == n - 1 ? bottomPad : gap))];
        return Canvas.SaveGrid(path, panels, size, options.Scale, options.Title, legend, [4.0, 1.0], rowHeights);
    }

    /// <summary>
    /// Rank plot (Vehtari, Gelman, Simpson, Carpenter &amp; Bürkner 2021, Bayesian Analysis 16, 667, §4.1): per parameter,
    /// the draws of all chains are ranked together (ties in draw order) and each chain's ranks histogrammed in
    /// <paramref name="bins"/> equal bins of the normalised rank r/N; one row per parameter, one column per chain. For well-mixed chains every
    /// histogram is flat: the dashed line is the expected count N_c/bins and the grey band its 99 % range under
    /// uniformity, N_c/B ± 2.576 √(N_c (1/B)(1 − 1/B)) (normal approximation to the binomial).
    /// </summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="parameters">At most 20 parameters; every chain needs at least <paramref name="bins"/> draws.</param>
    /// <param name="bins">Rank bins per histogram, 2 to 100 (default 20).</param>
    /// <param name="options">Size (default 260 px per chain, 150 per row), title.</param>
    /// <returns><paramref name="path"/>.</returns>
    public static string Rank(string path, IReadOnlyList<ParameterDraws> parameters, int bins = 20, FigureOptions? options = null)
    {
        CheckParameters(parameters, maximum: 20, jointDraws: false);
        CheckPath(path);
        if (bins is < 2 or > 100) throw new ArgumentOutOfRangeException(nameof(bins), bins, "Use 2 to 100 rank bins.");
        foreach (var p in parameters)
            if (p.Chains.Min(c => c.Length) < bins)
                throw new ArgumentException($"'{p.Name}' has a chain with fewer draws than the {bins} rank bins.", nameof(parameters));
        options ??= FigureOptions.Default;
        int n = parameters.Count, chains = parameters.Max(p => p.Chains.Count);
        const float row = 150, column = 240, leftPad = 80, bottomPad = 62, topPad = 40, gap = 12;
        var size = options.SizeOr(new PlotSize((int)(chains * (column + 2 * gap) + leftPad + 14),
            (int)(n * (row + gap) + bottomPad + topPad + (options.Title is null ? 6 : 34))));
        var panels = new Plot?[n, chains];
        for (int p = 0; p < n; p++)
        {
            var draws = parameters[p];
            var counts = RankCounts(draws.Chains, bins);
            int total = draws.DrawCount;
            double top = 0;
            for (int c = 0; c < draws.Chains.Count; c++)
            {
                int chainDraws = draws.Chains[c].Length;
                double expected = chainDraws / (double)bins;
                double halfWidth = 2.576 * Math.Sqrt(chainDraws * (1.0 / bins) * (1 - 1.0 / bins));
                top = Math.Max(top, Math.Max(counts[c].Max(), expected + halfWidth));
            }
            for (int c = 0; c < chains; c++)
            {
                var plot = Canvas.NewPlot(options.ForPanel(), p == n - 1 ? "Normalised rank" : "", c == 0 ? draws.Name : "", labelSize: 16, tickSize: 12);
                Canvas.NumericTicks(plot.Axes.Left, 0.5);
                plot.Grid.IsVisible = false;
                if (p == 0) plot.Title($"Chain {c + 1}", 15);
                plot.Axes.Title.Label.Bold = false;
                if (c < draws.Chains.Count)
                {
                    int chainDraws = draws.Chains[c].Length;
                    double expected = chainDraws / (double)bins;
                    double halfWidth = 2.576 * Math.Sqrt(chainDraws * (1.0 / bins) * (1 - 1.0 / bins));
                    double width = 1.0 / bins;
                    var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(b => (b + 0.5) * width), counts[c]);
                    foreach (var bar in bars.Bars)
                    {
                        bar.Size = width;
                        bar.FillColor = Canvas.ChainColor(c).WithAlpha(0.8);
                        bar.LineColor = Colors.White;
                        bar.LineWidth = 0.5f;
                    }
                    var band = plot.Add.Rectangle(0, 1, Math.Max(0, expected - halfWidth), expected + halfWidth);
                    band.FillColor = Colors.Black.WithAlpha(0.13);
                    band.LineWidth = 0;
                    plot.Add.HorizontalLine(expected, 1.5f, Colors.Black, LinePattern.Dashed);
                }
                plot.Axes.SetLimits(0, 1, 0, 1.08 * top);
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 0.5, 1], ["0", "0.5", "1"]);
                plot.Axes.Bottom.TickLabelStyle.IsVisible = p == n - 1;
                plot.Axes.Left.TickLabelStyle.IsVisible = c == 0;
                Canvas.FixPadding(plot, c == 0 ? leftPad : gap, c == chains - 1 ? gap + 14 : gap, p == n - 1 ? bottomPad : gap, p == 0 ? topPad : gap);
                panels[p, c] = plot;
            }
        }
        double[] columnWidths = [.. Enumerable.Range(0, chains).Select(c => (double)column + gap + (c == 0 ? leftPad : gap) + (c == chains - 1 ? 14 : 0))];
        double[] rowHeights = [.. Enumerable.Range(0, n).Select(r => (double)row + (r == 0 ? topPad : gap) + (r == n - 1 ? bottomPad : gap))];
        return Canvas.SaveGrid(path, panels, size, options.Scale, options.Title, null, columnWidths, rowHeights);
    }

    /// <summary>Per chain, the number of its draws in each of <paramref name="bins"/> equal bins of the pooled ranks 0 … N − 1.</summary>
    internal static double[][] RankCounts(IReadOnlyList<double[]> chains, int bins)
    {
        var values = chains.SelectMany((chain, c) => chain.Select(v => (Value: v, Chain: c))).ToArray();
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i].Value).ThenBy(i => i).ToArray();
        var counts = chains.Select(_ => new double[bins]).ToArray();
        for (int rank = 0; rank < order.Length; rank++) counts[values[order[rank]].Chain][(int)((long)rank * bins / order.Length)]++;
        return counts;
    }

    private static void DiagonalHistogram(Plot plot, double[] draws, ParameterDraws parameter, (double Low, double High) range)
    {
        int bins = Math.Clamp((int)Math.Sqrt(draws.Length), 10, 40);
        var (centres, counts) = Histogram(draws, range.Low, range.High, bins, normalise: false);
        double width = (range.High - range.Low) / bins;
        double[] xs = [.. centres.SelectMany(c => new[] { c - width / 2, c + width / 2 })];
        double[] ys = [.. counts.SelectMany(v => new[] { v, v })];
        var fill = plot.Add.FillY(xs, new double[xs.Length], ys);
        fill.FillColor = Canvas.BandColor.WithAlpha(0.25);
        fill.LineWidth = 0;
        var outline = plot.Add.ScatterLine(xs, ys);
        outline.Color = Canvas.BandColor;
        outline.LineWidth = 1.5f;
        double[] sorted = [.. draws.Order()];
        double q16 = Quantile(sorted, 0.16), q50 = Quantile(sorted, 0.5), q84 = Quantile(sorted, 0.84);
        foreach (double q in new[] { q16, q50, q84 }) plot.Add.VerticalLine(q, 1.2f, Colors.Black.WithAlpha(0.6), LinePattern.Dotted);
        if (parameter.Truth is { } t) plot.Add.VerticalLine(t, 2, CornerTruthColor);
        plot.Title($"{parameter.Name} = {Summary(q50, q84 - q50, q50 - q16)}", 13);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.EmptyTickGenerator();
        plot.Axes.Title.Label.Bold = false;
        plot.Axes.SetLimits(range.Low, range.High, 0, 1.1 * counts.Max());
    }

    private static void PairPanel(Plot plot, double[] xs, double[] ys, int step, double? truthX, double? truthY, (double Low, double High) xRange,
        (double Low, double High) yRange)
    {
        double[] px = [.. xs.Where((_, i) => i % step == 0)], py = [.. ys.Where((_, i) => i % step == 0)];
        var points = plot.Add.ScatterPoints(px, py);
        points.MarkerSize = 2.5f;
        points.Color = Canvas.BandColor.WithAlpha(Math.Clamp(60.0 / Math.Sqrt(px.Length), 0.08, 0.6));
        if (xs.Length >= 100) Contours(plot, xs, ys, xRange, yRange);
        if (truthX is { } tx) plot.Add.VerticalLine(tx, 2, CornerTruthColor);
        if (truthY is { } ty) plot.Add.HorizontalLine(ty, 2, CornerTruthColor);
        if (truthX is { } mx && truthY is { } my) plot.Add.Marker(mx, my, MarkerShape.FilledSquare, 8, CornerTruthColor);
        plot.Axes.SetLimits(xRange.Low, xRange.High, yRange.Low, yRange.High);
    }

    /// <summary>
    /// Outlines the highest-density regions holding 68 % and 95 % of the draws: a 2-D histogram (≈ √N/2 bins a side,
    /// 12 to 40) smoothed by a 3 × 3 binomial kernel; a level is the density above which the cells hold that fraction.
    /// </summary>
    private static void Contours(Plot plot, double[] xs, double[] ys, (double Low, double High) xRange, (double Low, double High) yRange)
    {
        int bins = Math.Clamp((int)(Math.Sqrt(xs.Length) / 2), 12, 40);
        var grid = new double[bins, bins];
        double dx = (xRange.High - xRange.Low) / bins, dy = (yRange.High - yRange.Low) / bins;
        for (int i = 0; i < xs.Length; i++)
        {
            int bx = Math.Clamp((int)((xs[i] - xRange.Low) / dx), 0, bins - 1), by = Math.Clamp((int)((ys[i] - yRange.Low) / dy), 0, bins - 1);
            grid[by, bx]++;
        }
        var smooth = new double[bins, bins];
        double[] kernel = [0.25, 0.5, 0.25];
        for (int y = 0; y < bins; y++)
            for (int x = 0; x < bins; x++)
                for (int j = -1; j <= 1; j++)
                    for (int i = -1; i <= 1; i++)
                        if (y + j >= 0 && y + j < bins && x + i >= 0 && x + i < bins) smooth[y, x] += kernel[j + 1] * kernel[i + 1] * grid[y + j, x + i];
        double[] sorted = [.. smooth.Cast<double>().OrderDescending()];
        double total = sorted.Sum(), running = 0;
        double level68 = 0, level95 = 0;
        foreach (double v in sorted)
        {
            running += v;
            if (level68 == 0 && running >= 0.68 * total) level68 = v;
            if (level95 == 0 && running >= 0.95 * total) { level95 = v; break; }
        }
        if (!(level95 > 0) || !(level68 > level95)) return;
        var coordinates = new Coordinates3d[bins, bins];
        for (int y = 0; y < bins; y++)
            for (int x = 0; x < bins; x++)
                coordinates[y, x] = new Coordinates3d(xRange.Low + (x + 0.5) * dx, yRange.Low + (y + 0.5) * dy, smooth[y, x]);
        var lines = plot.Add.ContourLines(coordinates, 2);
        lines.ContourLineLevels = [level95, level68];
        lines.Update(coordinates);
        lines.LineColor = Color.FromHex("#0b2f5b");
        lines.LineWidth = 1.5f;
        lines.LabelStyle.IsVisible = false;
    }

    /// <summary>Bin centres and counts (or densities integrating to 1) of <paramref name="values"/> in [low, high].</summary>
    private static (double[] Centres, double[] Counts) Histogram(double[] values, double low, double high, int bins, bool normalise)
    {
        var counts = new double[bins];
        double width = (high - low) / bins;
        foreach (double v in values) counts[Math.Clamp((int)((v - low) / width), 0, bins - 1)]++;
        if (normalise)
            for (int b = 0; b < bins; b++) counts[b] /= values.Length * width;
        return ([.. Enumerable.Range(0, bins).Select(b => low + (b + 0.5) * width)], counts);
    }

    /// <summary>Type-7 quantile of sorted values.</summary>
    private static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        return lo + 1 < sorted.Length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }

    /// <summary>"0.352 (+0.021 −0.019)" with the errors to two significant digits and the value to the same decimal.</summary>
    internal static string Summary(double value, double up, double down)
    {
        double error = Math.Min(Math.Abs(up), Math.Abs(down));
        int decimals = error > 0 ? Math.Clamp(1 - (int)Math.Floor(Math.Log10(error)), 0, 8) : 3;
        string F(double v) => v.ToString("F" + decimals, CultureInfo.InvariantCulture).Replace('-', '−');
        return $"{F(value)} (+{F(up)} −{F(down)})";
    }

    /// <summary>Min to max of the draws and the truth, 5 % wider each side (± 0.5 for constant draws).</summary>
    private static (double Low, double High) PaddedRange(double[] draws, double? truth)
    {
        double low = draws.Min(), high = draws.Max();
        if (truth is { } t) (low, high) = (Math.Min(low, t), Math.Max(high, t));
        double pad = high > low ? 0.05 * (high - low) : 0.5 * Math.Max(Math.Abs(low), 1);
        return (low - pad, high + pad);
    }

    private static void CheckParameters(IReadOnlyList<ParameterDraws> parameters, int maximum, bool jointDraws)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0) throw new ArgumentException("No parameters to plot.", nameof(parameters));
        if (parameters.Count > maximum) throw new ArgumentException($"At most {maximum} parameters fit this figure, got {parameters.Count}.", nameof(parameters));
        for (int i = 0; i < parameters.Count; i++)
            if (parameters[i] is null) throw new ArgumentException($"Parameter {i} is null.", nameof(parameters));
        if (parameters.Select(p => p.Name).Distinct().Count() != parameters.Count) throw new ArgumentException("Parameter names repeat.", nameof(parameters));
        if (!jointDraws) return;
        var first = parameters[0];
        foreach (var p in parameters.Skip(1))
            if (p.Chains.Count != first.Chains.Count || p.Chains.Where((c, i) => c.Length != first.Chains[i].Length).Any())
                throw new ArgumentException($"'{p.Name}' and '{first.Name}' have different chain lengths; a corner plot needs joint draws.", nameof(parameters));
    }
}
