namespace BayesSfh.Plotting;

/// <summary>Pixel size of a PNG figure.</summary>
/// <param name="Width">Width in pixels (≥ 100).</param>
/// <param name="Height">Height in pixels (≥ 100).</param>
public readonly record struct PlotSize(int Width, int Height)
{
    /// <summary>Default single-panel figure size.</summary>
    public static PlotSize Default { get; } = new(800, 600);

    /// <summary>Throws unless both sides are at least 100 and at most 20 000 pixels.</summary>
    /// <exception cref="ArgumentException">A side is out of range.</exception>
    internal void Validate(string parameterName)
    {
        if (Width < 100 || Height < 100 || Width > 20_000 || Height > 20_000)
            throw new ArgumentException($"A figure needs 100 to 20000 pixels per side, got {Width} × {Height}.", parameterName);
    }
}
