namespace BayesSfh.Plotting;

/// <summary>Axis labels and colour scales of Hess-diagram figures; checked when set.</summary>
public sealed record HessStyle
{
    private readonly double _residualLimit = 5;

    /// <summary>Horizontal (colour) axis label, e.g. "B − V" or "F475W − F814W".</summary>
    public string ColourLabel { get; init; } = "Colour [mag]";

    /// <summary>Vertical (magnitude) axis label, e.g. "V" or "M_V"; magnitudes increase downwards.</summary>
    public string MagnitudeLabel { get; init; } = "Magnitude";

    /// <summary>Counts on a log10 colour scale (default; empty bins white) or a linear one.</summary>
    public bool LogCounts { get; init; } = true;

    /// <summary>Label of the count colour bars.</summary>
    public string CountLabel { get; init; } = "Stars per bin";

    /// <summary>Residuals are clipped to ±this on a diverging colour scale symmetric about 0. Range: (0, 1000].</summary>
    public double ResidualLimit
    {
        get => _residualLimit;
        init
        {
            if (!(value > 0 && value <= 1000)) throw new ArgumentOutOfRangeException(nameof(ResidualLimit), value, "The residual limit must lie in (0, 1000].");
            _residualLimit = value;
        }
    }

    /// <summary>Label of the residual colour bar.</summary>
    public string ResidualLabel { get; init; } = "Signed deviance residual [σ]";

    /// <summary>Titles of the observed, model and residual panels.</summary>
    public (string Observed, string Model, string Residual) PanelTitles { get; init; } = ("Observed", "Model", "Residual");

    /// <summary>Defaults.</summary>
    public static HessStyle Default { get; } = new();
}
