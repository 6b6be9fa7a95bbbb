using BayesSfh.Hess;

namespace BayesSfh.IO;

/// <summary>Writes a Hess grid as the <c>axis,edge</c> sidecar read by <see cref="GridCsvReader"/>, atomically.</summary>
public static class GridCsvWriter
{
    /// <summary>Writes the colour edges, then the magnitude edges, of <paramref name="grid"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, HessGrid grid) =>
        CsvText.Write(path, [GridCsvReader.AxisColumn, GridCsvReader.EdgeColumn], csv =>
        {
            foreach (double edge in grid.ColourEdges) csv.Row("colour", CsvText.Number(edge));
            foreach (double edge in grid.MagnitudeEdges) csv.Row("magnitude", CsvText.Number(edge));
        });
}
