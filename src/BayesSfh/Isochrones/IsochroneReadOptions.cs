namespace BayesSfh.Isochrones;

/// <summary>How isochrone files are read.</summary>
public sealed record IsochroneReadOptions
{
    /// <summary>Default relative tolerance on decreasing initial mass (see <see cref="MassDecreaseTolerance"/>).</summary>
    public const double DefaultMassDecreaseTolerance = 1e-6;

    /// <summary>The layout, or <see cref="IsochroneFormat.Auto"/> to detect it from each file's content.</summary>
    public IsochroneFormat Format { get; init; } = IsochroneFormat.Auto;

    /// <summary>
    /// Largest relative decrease of initial mass between consecutive points that is treated as rounding and replaced by a
    /// repeat of the previous mass (PARSEC CMD 3.7 prints TP-AGB masses such as 5.2334995270 then 5.2334990501, a
    /// 9·10⁻⁸ decrease). Larger decreases are an input error. Must be finite and in [0, 0.01].
    /// </summary>
    public double MassDecreaseTolerance
    {
        get;
        init
        {
            if (!(value >= 0 && value <= 0.01))
                throw new ArgumentOutOfRangeException(nameof(MassDecreaseTolerance), value, "The relative mass-decrease tolerance must lie in [0, 0.01].");
            field = value;
        }
    } = DefaultMassDecreaseTolerance;

    /// <summary>The defaults: auto-detected format, tolerance 1e-6.</summary>
    public static IsochroneReadOptions Default { get; } = new();
}
