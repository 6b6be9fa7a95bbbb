using System.Collections.Immutable;

namespace BayesSfh.Hess;

/// <summary>
/// The binning of a colour–magnitude diagram: colour bin edges (x axis) and magnitude bin edges (y axis), both strictly
/// increasing. Bins are half-open [lo, hi). The flattened bin index is <c>bin = y · Nx + x</c> (magnitude row major,
/// colour contiguous), with x and y the 0-based colour and magnitude bin indices counted from the smallest value.
/// </summary>
public sealed record HessGrid
{
    /// <summary>Colour bin edges (mag), strictly increasing, at least two.</summary>
    public ImmutableArray<double> ColourEdges { get; }

    /// <summary>Magnitude bin edges (mag), strictly increasing, at least two.</summary>
    public ImmutableArray<double> MagnitudeEdges { get; }

    /// <summary>Creates and validates a grid.</summary>
    /// <exception cref="ArgumentException">Fewer than two edges on an axis, or edges not finite and strictly increasing.</exception>
    public HessGrid(IEnumerable<double> colourEdges, IEnumerable<double> magnitudeEdges)
    {
        ColourEdges = [.. colourEdges];
        MagnitudeEdges = [.. magnitudeEdges];
        Check(ColourEdges, "colour");
        Check(MagnitudeEdges, "magnitude");
    }

    /// <summary>A grid of <paramref name="colourBins"/> × <paramref name="magnitudeBins"/> equal bins.</summary>
    public static HessGrid Uniform(double colourLow, double colourHigh, int colourBins, double magLow, double magHigh, int magnitudeBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(colourBins, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(magnitudeBins, 1);
        return new HessGrid(
            Enumerable.Range(0, colourBins + 1).Select(i => colourLow + (colourHigh - colourLow) * i / colourBins),
            Enumerable.Range(0, magnitudeBins + 1).Select(i => magLow + (magHigh - magLow) * i / magnitudeBins));
    }

    /// <summary>Number of colour bins Nx.</summary>
    public int ColourBins => ColourEdges.Length - 1;

    /// <summary>Number of magnitude bins Ny.</summary>
    public int MagnitudeBins => MagnitudeEdges.Length - 1;

    /// <summary>Total number of bins Nx · Ny.</summary>
    public int BinCount => ColourBins * MagnitudeBins;

    /// <summary>Flattened index of colour bin <paramref name="x"/> and magnitude bin <paramref name="y"/>.</summary>
    public int Flatten(int x, int y) => y * ColourBins + x;

    private static void Check(ImmutableArray<double> edges, string axis)
    {
        if (edges.Length < 2) throw new ArgumentException($"The {axis} axis needs at least two bin edges; got {edges.Length}.");
        for (int i = 0; i < edges.Length; i++)
        {
            if (!double.IsFinite(edges[i])) throw new ArgumentException($"The {axis} edge {i} is not finite ({edges[i]}).");
            if (i > 0 && edges[i] <= edges[i - 1])
                throw new ArgumentException($"The {axis} edges must increase strictly; edge {i} ({edges[i]}) ≤ edge {i - 1} ({edges[i - 1]}).");
        }
    }
}
