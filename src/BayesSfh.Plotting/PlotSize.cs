namespace BayesSfh.Plotting;

/// <summary>Pixel size of a PNG figure.</summary>
/// <param name="Width">Width in pixels (≥ 100).</param>
/// <param name="Height">Height in pixels (≥ 100).</param>
public readonly record struct PlotSize(int Width, int Height)
{
    /// <summary>Default single-panel figure size.</summary>
    public static PlotSize Default { get; } = new(800, 600);
}
