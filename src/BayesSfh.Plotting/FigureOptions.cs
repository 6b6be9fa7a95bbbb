namespace BayesSfh.Plotting;

/// <summary>How a lookback-time axis is drawn.</summary>
public enum TimeScale
{
    /// <summary>Linear in time.</summary>
    Linear,

    /// <summary>Logarithmic in time (ticks at 1, 2, 5 × 10ᵏ); every time coordinate must be positive.</summary>
    Log,
}

/// <summary>Size, title and axis labels of one figure. Null labels mean the figure's own default.</summary>
public sealed record FigureOptions
{
    private readonly PlotSize? _size;
    private readonly double _scale = 1;

    /// <summary>Pixel size of the PNG; null = the figure's default (800 × 600 for single panels, grown for grids).</summary>
    public PlotSize? Size
    {
        get => _size;
        init
        {
            value?.Validate(nameof(Size));
            _size = value;
        }
    }

    /// <summary>
    /// Multiplies fonts, lines and paddings (ScottPlot's ScaleFactor), e.g. 2 for a 1600 × 1200 print version of the
    /// 800 × 600 figure. Range: 0.25 to 8.
    /// </summary>
    public double Scale
    {
        get => _scale;
        init
        {
            if (!(value >= 0.25 && value <= 8)) throw new ArgumentOutOfRangeException(nameof(Scale), value, "The scale must lie in [0.25, 8].");
            _scale = value;
        }
    }

    /// <summary>Title above the figure; null = none (papers caption their figures).</summary>
    public string? Title { get; init; }

    /// <summary>Horizontal-axis label replacing the default (give units in brackets, e.g. "Lookback time [Gyr]").</summary>
    public string? XLabel { get; init; }

    /// <summary>Vertical-axis label replacing the default.</summary>
    public string? YLabel { get; init; }

    /// <summary>Defaults: default size, scale 1, no title, default labels.</summary>
    public static FigureOptions Default { get; } = new();

    /// <summary>Options of one panel of a grid figure: this scale, nothing else.</summary>
    internal FigureOptions ForPanel() => new() { Scale = Scale };

    internal PlotSize SizeOr(PlotSize fallback) => Size ?? new PlotSize((int)Math.Round(fallback.Width * Scale), (int)Math.Round(fallback.Height * Scale));
}
