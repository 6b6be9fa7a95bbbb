using ScottPlot;

namespace BayesSfh.Plotting;

/// <summary>Draws credible bands (95 % and 68 % fills, median line, dashed truth) and places their legend.</summary>
internal static class BandArtist
{
    private const double OuterAlpha = 0.18, InnerAlpha = 0.40;

    /// <summary>Draws <paramref name="band"/> at coordinates <paramref name="x"/>; returns its legend items.</summary>
    internal static List<LegendItem> Draw(Plot plot, Band band, double[] x, Color color, bool markers, string? name = null,
        bool intervalsInLegend = true, bool truthInLegend = true)
    {
        var outer = plot.Add.FillY(x, band.Lo95, band.Hi95);
        outer.FillColor = color.WithAlpha(OuterAlpha);
        outer.LineWidth = 0;
        var inner = plot.Add.FillY(x, band.Lo68, band.Hi68);
        inner.FillColor = color.WithAlpha(InnerAlpha);
        inner.LineWidth = 0;
        var median = plot.Add.ScatterLine(x, band.Median);
        median.Color = color;
        median.LineWidth = 2.5f;
        if (markers)
        {
            median.MarkerSize = 7;
            median.MarkerShape = MarkerShape.FilledCircle;
        }
        string suffix = name is null ? "" : $" ({name})";
        var items = new List<LegendItem>
        {
            new() { LabelText = "median" + suffix, LineColor = color, LineWidth = 2.5f, MarkerShape = markers ? MarkerShape.FilledCircle : MarkerShape.None, MarkerSize = 7, MarkerFillColor = color, MarkerLineColor = color },
        };
        if (intervalsInLegend)
        {
            items.Add(new LegendItem { LabelText = "68 % interval" + suffix, FillColor = color.WithAlpha(InnerAlpha + OuterAlpha * (1 - InnerAlpha)), LineWidth = 0 });
            items.Add(new LegendItem { LabelText = "95 % interval" + suffix, FillColor = color.WithAlpha(OuterAlpha), LineWidth = 0 });
        }
        if (band.Truth is { } truth)
        {
            var line = plot.Add.ScatterLine(x, truth);
            line.Color = Canvas.TruthColor;
            line.LineWidth = 2;
            line.LinePattern = LinePattern.Dashed;
            if (markers)
            {
                line.MarkerSize = 6;
                line.MarkerShape = MarkerShape.OpenSquare;
            }
            if (truthInLegend)
                items.Add(new LegendItem { LabelText = "truth", LineColor = Canvas.TruthColor, LineWidth = 2, LinePattern = LinePattern.Dashed });
        }
        return items;
    }

    internal static double Max(Band band) => Math.Max(band.Hi95.Max(), band.Truth?.Max() ?? double.NegativeInfinity);

    internal static double Min(Band band) => Math.Min(band.Lo95.Min(), band.Truth?.Min() ?? double.PositiveInfinity);

    /// <summary>y from 0 (or below, for negative data) to 8 % above the highest value.</summary>
    internal static void SetYFromZero(Plot plot, Band band)
    {
        double max = Max(band), min = Math.Min(0, Min(band));
        if (!(max > min)) max = min + 1;
        plot.Axes.SetLimitsY(min, max + 0.08 * (max - min));
    }

    /// <summary>y over the data with 8 % padding below and 12 % above.</summary>
    internal static void SetYPadded(Plot plot, Band band)
    {
        double max = Max(band), min = Min(band);
        double span = max > min ? max - min : Math.Max(Math.Abs(max), 1) * 0.1;
        plot.Axes.SetLimitsY(min - 0.08 * span, max + 0.12 * span);
    }

    /// <summary>
    /// Shows <paramref name="items"/> in the data-area corner with the most free room: for each corner, the gap between
    /// the frame and the nearest band edge within the outer 40 % of the width on that side. When no corner has room for
    /// the legend (estimated from its line count) and y is not fixed, the top of the y axis is raised to make room in the
    /// better upper corner.
    /// </summary>
    internal static void ShowLegend(Plot plot, IReadOnlyList<LegendItem> items, Band band, double[] x, FigureOptions options, bool fixedY = false)
    {
        var limits = plot.Axes.GetLimits();
        double left = limits.Left, right = limits.Right, bottom = limits.Bottom, top = limits.Top;
        double dataHeight = options.SizeOr(PlotSize.Default).Height / options.Scale - 90 - (options.Title is null ? 0 : 30);
        double needed = Math.Min(0.6, (items.Count * 23 + 24) / Math.Max(dataHeight, 50));
        double best = double.NegativeInfinity, bestUpper = double.NegativeInfinity, highestUnderBestUpper = top;
        var corner = Alignment.UpperRight;
        var upperCorner = Alignment.UpperRight;
        foreach (var (alignment, onLeft, upper) in new[] { (Alignment.UpperRight, false, true), (Alignment.UpperLeft, true, true), (Alignment.LowerRight, false, false), (Alignment.LowerLeft, true, false) })
        {
            double room = 1, highest = bottom;
            for (int i = 0; i < x.Length; i++)
            {
                double fx = (x[i] - left) / (right - left);
                if (onLeft ? fx > 0.4 : fx < 0.6) continue;
                double high = Math.Max(band.Hi95[i], band.Truth?[i] ?? double.NegativeInfinity);
                double low = Math.Min(band.Lo95[i], band.Truth?[i] ?? double.PositiveInfinity);
                double gap = upper ? (top - high) / (top - bottom) : (low - bottom) / (top - bottom);
                room = Math.Min(room, gap);
                highest = Math.Max(highest, high);
            }
            if (room > best + 0.02) (best, corner) = (room, alignment);
            if (upper && room > bestUpper + 0.02) (bestUpper, upperCorner, highestUnderBestUpper) = (room, alignment, highest);
        }
        if (best < needed && !fixedY)
        {
            // Raise the top so that the legend fits above the band in the better upper corner.
            double newTop = (highestUnderBestUpper - (needed + 0.03) * bottom) / (1 - needed - 0.03);
            if (newTop > top) plot.Axes.SetLimitsY(bottom, newTop);
            corner = upperCorner;
        }
        plot.Legend.DisplayPlottableLegendItems = false;
        plot.Legend.ManualItems.Clear();
        plot.Legend.ManualItems.AddRange(items);
        plot.Legend.OutlineColor = Colors.Black.WithAlpha(0.25);
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.ShowLegend(corner);
    }
}
