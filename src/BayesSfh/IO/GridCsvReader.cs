using BayesSfh.Hess;
using static System.FormattableString;

namespace BayesSfh.IO;

/// <summary>
/// Reads a Hess grid from a CSV sidecar of bin edges: <c>axis,edge</c>, one row per edge. <c>axis</c> is
/// <c>colour</c> (or <c>color</c>) for the x axis and <c>magnitude</c> (or <c>mag</c>) for the y axis, case-insensitive;
/// <c>edge</c> is in mag. Each axis lists at least two finite edges in strictly increasing order; rows of the two axes
/// may interleave.
/// </summary>
public static class GridCsvReader
{
    /// <summary>The accepted header, for messages.</summary>
    public const string Expected = "axis,edge";

    internal const string AxisColumn = "axis", EdgeColumn = "edge";
    private const string EdgeRule = "edges are in mag, strictly increasing per axis";

    /// <summary>Reads the grid in <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file is missing or malformed, an axis is unknown or has fewer than two edges,
    /// or edges are not finite and strictly increasing.</exception>
    public static HessGrid Read(string path)
    {
        using var rows = CsvRows.Open(path, Expected, AxisColumn, EdgeColumn);
        int axis = rows.Column(AxisColumn), edge = rows.Column(EdgeColumn);
        var colour = new List<double>();
        var magnitude = new List<double>();
        while (rows.Read())
        {
            string name = rows.Text(axis);
            var edges = name.ToLowerInvariant() switch
            {
                "colour" or "color" => colour,
                "magnitude" or "mag" => magnitude,
                _ => throw rows.Error(axis, $"unknown axis \"{name}\"; use colour (x axis) or magnitude (y axis)"),
            };
            double value = rows.Finite(edge, EdgeRule);
            if (edges.Count > 0 && value <= edges[^1])
                throw rows.Error(edge, Invariant($"{(edges == colour ? "colour" : "magnitude")} edge {rows.Text(edge)} is not larger than the previous one ({edges[^1]}); {EdgeRule}"));
            edges.Add(value);
        }
        foreach (var (edges, label) in new[] { (colour, "colour"), (magnitude, "magnitude") })
            if (edges.Count < 2)
                throw rows.FileError($"the {label} axis has {edges.Count} edge(s) but needs at least 2 (n bins need n + 1 edges)");
        return new HessGrid(colour, magnitude);
    }
}
