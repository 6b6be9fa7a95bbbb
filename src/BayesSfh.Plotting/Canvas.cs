using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace BayesSfh.Plotting;

/// <summary>Shared look (font, sizes, colours), tick generators, panel grids and the atomic PNG write.</summary>
internal static class Canvas
{
    internal static readonly Color BandColor = Color.FromHex("#1f5fa6");
    internal static readonly Color SecondColor = Color.FromHex("#d55e00");
    internal static readonly Color TruthColor = Colors.Black;

    /// <summary>Okabe &amp; Ito (2008) colour-blind-safe palette, without yellow (too pale on white).</summary>
    internal static readonly Color[] ChainColors =
    [
        Color.FromHex("#0072b2"), Color.FromHex("#e69f00"), Color.FromHex("#009e73"), Color.FromHex("#cc79a7"),
        Color.FromHex("#56b4e9"), Color.FromHex("#d55e00"), Color.FromHex("#000000"),
    ];

    internal const float TitleSize = 18, LabelSize = 17, TickSize = 14, LegendSize = 14;

    internal static Color ChainColor(int chain) => ChainColors[chain % ChainColors.Length];

    /// <summary>A plot in the embedded font with paper-sized labels; empty labels are left out.</summary>
    internal static Plot NewPlot(FigureOptions options, string xLabel, string yLabel, float labelSize = LabelSize, float tickSize = TickSize)
    {
        FigureFont.EnsureRegistered();
        var plot = new Plot { ScaleFactor = options.Scale };
        if (options.Title is { Length: > 0 } title) plot.Title(title, TitleSize);
        string x = options.XLabel ?? xLabel, y = options.YLabel ?? yLabel;
        if (x.Length > 0) plot.XLabel(x, labelSize);
        if (y.Length > 0) plot.YLabel(y, labelSize);
        foreach (var axis in plot.Axes.GetAxes())
        {
            NumericTicks(axis);
            axis.TickLabelStyle.FontSize = tickSize;
            axis.MajorTickStyle.Length = 6;
            axis.MinorTickStyle.Length = 3;
        }
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.07);
        plot.Legend.FontSize = LegendSize;
        plot.Legend.SymbolWidth = 28;
        plot.Font.Set(FigureFont.Name);
        plot.Legend.FontName = FigureFont.Name;
        return plot;
    }

    /// <summary>Sets the embedded font again on every label (after colour bars or axes were added).</summary>
    internal static void ApplyFont(Plot plot)
    {
        plot.Font.Set(FigureFont.Name);
        plot.Legend.FontName = FigureFont.Name;
        foreach (var panel in plot.Axes.GetPanels())
            if (panel is ScottPlot.Panels.ColorBar bar)
            {
                bar.Axis.TickLabelStyle.FontName = FigureFont.Name;
                bar.Axis.Label.FontName = FigureFont.Name;
                bar.LabelStyle.FontName = FigureFont.Name;
            }
    }

    /// <summary>
    /// Ticks for an axis whose coordinates are log10 of the plotted quantity: majors at 1, 2, 5 × 10ᵏ (only 10ᵏ over more
    /// than three decades), minors at the other integers × 10ᵏ, labels in plain numbers ("0.02", "1", "10").
    /// </summary>
    internal static void LogTicks(IAxis axis, double log10Low, double log10High)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in LogTickList(log10Low, log10High))
        {
            if (label is null) ticks.AddMinor(position);
            else ticks.AddMajor(position, label);
        }
        axis.TickGenerator = ticks;
    }

    /// <summary>The ticks of <see cref="LogTicks"/>: log10 positions with a label (major) or null (minor).</summary>
    internal static List<(double Position, string? Label)> LogTickList(double log10Low, double log10High)
    {
        if (log10Low > log10High) (log10Low, log10High) = (log10High, log10Low);
        bool fewMajors = log10High - log10Low > 3;
        var candidates = new List<(double Position, int Mantissa, double Value)>();
        for (int k = (int)Math.Floor(log10Low) - 1; k <= (int)Math.Ceiling(log10High); k++)
            for (int m = 1; m <= 9; m++)
            {
                double position = k + Math.Log10(m);
                if (position >= log10Low - 1e-9 && position <= log10High + 1e-9) candidates.Add((position, m, m * Math.Pow(10, k)));
            }
        bool IsMajor(int m) => m == 1 || (!fewMajors && m is 2 or 5);
        // Less than two 1-2-5 ticks in range (under a factor of ~3): label every integer mantissa.
        bool labelAll = candidates.Count(c => IsMajor(c.Mantissa)) < 2;
        return [.. candidates.Select(c => (c.Position, labelAll || IsMajor(c.Mantissa) ? FormatNumber(c.Value) : null))];
    }

    /// <summary>A short plain rendering of a tick value: no exponent between 1e-4 and 1e5, "−" as the minus sign.</summary>
    internal static string FormatNumber(double value)
    {
        double rounded = Math.Round(value, 12);
        string text = Math.Abs(rounded) is >= 1e-4 and < 1e5 or 0
            ? rounded.ToString("0.####", CultureInfo.InvariantCulture)
            : rounded.ToString("0.#E+0", CultureInfo.InvariantCulture);
        return text.Replace('-', '−');
    }

    /// <summary>
    /// Major ticks at multiples of the smallest "nice" step (1, 2, 2.5 or 5 × 10ᵏ) that puts at most
    /// <paramref name="maxTicks"/> ticks in [low, high], labelled with just enough decimals; minor ticks at fifths
    /// (quarters for a 2 or 2.5 step). For narrow panels where automatic ticks thin out to one label.
    /// </summary>
    internal static void NiceTicks(IAxis axis, double low, double high, int maxTicks = 4)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in NiceTickList(low, high, maxTicks))
        {
            if (label is null) ticks.AddMinor(position);
            else ticks.AddMajor(position, label);
        }
        axis.TickGenerator = ticks;
    }

    /// <summary>The ticks of <see cref="NiceTicks"/>: positions with a label (major) or null (minor).</summary>
    internal static List<(double Position, string? Label)> NiceTickList(double low, double high, int maxTicks)
    {
        if (low > high) (low, high) = (high, low);
        double span = high - low;
        if (!(span > 0)) return [(low, FormatNumber(low))];
        int decade = (int)Math.Floor(Math.Log10(span / maxTicks));
        foreach (int k in new[] { decade, decade + 1, decade + 2 })
            foreach (double m in new[] { 1, 2, 2.5, 5 })
            {
                double step = m * Math.Pow(10, k);
                long first = (long)Math.Ceiling(low / step - 1e-9), last = (long)Math.Floor(high / step + 1e-9);
                if (last - first + 1 > maxTicks) continue;
                int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9) + (m == 2.5 ? 1 : 0));
                var list = new List<(double, string?)>();
                int minors = m is 2 or 2.5 ? 4 : 5;
                for (long i = first - 1; i <= last; i++)
                {
                    double major = i * step;
                    if (major >= low - 1e-9 * span) list.Add((major, FormatDecimals(major, decimals)));
                    for (int j = 1; j < minors; j++)
                    {
                        double minor = major + j * step / minors;
                        if (minor >= low && minor <= high) list.Add((minor, null));
                    }
                }
                return list;
            }
        return [(low, FormatNumber(low)), (high, FormatNumber(high))];
    }

    private static string FormatDecimals(double value, int decimals) =>
        Math.Round(value, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture).Replace('-', '−') is var text && text == "−" + 0.ToString("F" + decimals, CultureInfo.InvariantCulture)
            ? text[1..]
            : text;

    /// <summary>Automatic numeric ticks, sparser than ScottPlot's default, with "−" as minus sign (not a hyphen).</summary>
    internal static void NumericTicks(IAxis axis, double density = 0.7) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = FormatAutomatic, TickDensity = density };

    private static string FormatAutomatic(double value) =>
        Math.Round(value, 10).ToString("0.######", CultureInfo.InvariantCulture).Replace('-', '−');

    /// <summary>Renders one plot to <paramref name="path"/> atomically.</summary>
    internal static string Save(Plot plot, string path, PlotSize size)
    {
        ApplyFont(plot);
        return WriteAtomically(path, partial => plot.SavePng(partial, size.Width, size.Height));
    }

    /// <summary>
    /// Renders panels (null cells stay blank) into one PNG: an optional title, an optional legend row of coloured line
    /// swatches, then the grid with the given relative column widths. Panels should use a fixed layout
    /// (<see cref="FixPadding"/>) so that their data areas line up.
    /// </summary>
    internal static string SaveGrid(string path, Plot?[,] panels, PlotSize size, double scale, string? title,
        IReadOnlyList<LegendEntry>? legend = null, double[]? columnWeights = null, double[]? rowWeights = null)
    {
        int rows = panels.GetLength(0), cols = panels.GetLength(1);
        float s = (float)scale;
        float header = (title is { Length: > 0 } ? 34 * s : 6 * s) + (legend is { Count: > 0 } ? 28 * s : 0);
        double[] cw = columnWeights ?? [.. Enumerable.Repeat(1.0, cols)];
        double[] rw = rowWeights ?? [.. Enumerable.Repeat(1.0, rows)];
        float[] xs = Cumulative(cw, size.Width, 0);
        float[] ys = Cumulative(rw, size.Height - header, header);
        using var surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height))
            ?? throw new InvalidOperationException($"Could not allocate a {size.Width} × {size.Height} canvas.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        float y = 0;
        if (title is { Length: > 0 })
        {
            using var font = new SKFont(FigureFont.Bold, TitleSize * s);
            canvas.DrawText(title, size.Width / 2f, 26 * s, SKTextAlign.Center, font, paint);
            y = 34 * s;
        }
        if (legend is { Count: > 0 })
        {
            using var font = new SKFont(FigureFont.Regular, LegendSize * s);
            float itemWidth = legend.Max(item => font.MeasureText(item.Label)) + 40 * s;
            float x = Math.Max(8 * s, (size.Width - itemWidth * legend.Count) / 2);
            foreach (var (label, color, dashed) in legend)
            {
                using var dash = dashed ? SKPathEffect.CreateDash([7 * s, 4 * s], 0) : null;
                using var line = new SKPaint { Color = color.ToSKColor(), StrokeWidth = 3 * s, IsAntialias = true, PathEffect = dash };
                canvas.DrawLine(x, y + 14 * s, x + 24 * s, y + 14 * s, line);
                canvas.DrawText(label, x + 30 * s, y + 19 * s, SKTextAlign.Left, font, paint);
                x += itemWidth;
            }
        }
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                if (panels[r, c] is { } plot)
                {
                    ApplyFont(plot);
                    var rect = new PixelRect(xs[c], xs[c + 1], ys[r + 1], ys[r]);
                    canvas.Save();
                    canvas.ClipRect(new SKRect(rect.Left, rect.Top, rect.Right, rect.Bottom));
                    plot.Render(canvas, rect);
                    canvas.Restore();
                }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return WriteAtomically(path, partial =>
        {
            using var stream = File.Create(partial);
            data.SaveTo(stream);
        });
    }

    private static float[] Cumulative(double[] weights, float length, float start)
    {
        double total = weights.Sum();
        var edges = new float[weights.Length + 1];
        edges[0] = start;
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            edges[i + 1] = start + (float)Math.Round(length * sum / total);
        }
        return edges;
    }

    /// <summary>Fixed paddings (in unscaled pixels) around a panel's data area, so grids of panels line up.</summary>
    internal static void FixPadding(Plot plot, float left, float right, float bottom, float top) =>
        plot.Layout.Fixed(new PixelPadding(left, right, bottom, top));

    /// <summary>Writes through <paramref name="write"/> to PATH.partial, then renames it to PATH; removes the partial file on failure.</summary>
    internal static string WriteAtomically(string path, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } folder) Directory.CreateDirectory(folder);
        string partial = full + ".partial";
        try
        {
            write(partial);
            File.Move(partial, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
        return path;
    }
}

/// <summary>An entry of a grid figure's legend row: a line swatch (dashed or solid) and its label.</summary>
internal readonly record struct LegendEntry(string Label, Color Color, bool Dashed = false);
