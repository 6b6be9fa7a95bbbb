using BayesSfh.IO;
using Xunit;
using static BayesSfh.Tests.IO.CsvFiles;

namespace BayesSfh.Tests.IO;

public sealed class GridCsvReaderTests : IDisposable
{
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Grid(params string[] rows) => _files.Write("grid.csv", ["axis,edge", .. rows]);

    [Fact]
    public void Read_InterleavedAxesAndSynonyms_GivesEdgesPerAxis()
    {
        var grid = GridCsvReader.Read(Grid("colour,-0.5", "MAG,20", "Color,0", "magnitude,21", " colour ,0.5", "mag,22.5"));

        Assert.Equal([-0.5, 0, 0.5], grid.ColourEdges.ToArray());
        Assert.Equal([20, 21, 22.5], grid.MagnitudeEdges.ToArray());
    }

    [Fact]
    public void Read_OneEdgeOnAnAxis_FileError()
    {
        string path = Grid("colour,0", "colour,1", "magnitude,20");

        var e = AssertInputError(() => GridCsvReader.Read(path), path, null, null);

        Assert.StartsWith("the magnitude axis has 1 edge(s) but needs at least 2", e.Problem);
    }

    [Fact]
    public void Read_EdgesNotIncreasing_NamesLineAndEdgeColumn()
    {
        string path = Grid("colour,0", "magnitude,20", "colour,1", "magnitude,21", "colour,1");

        var e = AssertInputError(() => GridCsvReader.Read(path), path, 6, "edge");

        Assert.StartsWith("colour edge 1 is not larger than the previous one (1)", e.Problem);
    }

    [Theory]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("abc")]
    public void Read_EdgeNotFinite_NamesEdgeColumn(string edge)
    {
        string path = Grid("colour,0", $"colour,{edge}");

        AssertInputError(() => GridCsvReader.Read(path), path, 3, "edge");
    }

    [Fact]
    public void Read_UnknownAxis_NamesAxisColumn()
    {
        string path = Grid("colour,0", "colour,1", "x,20");

        var e = AssertInputError(() => GridCsvReader.Read(path), path, 4, "axis");

        Assert.StartsWith("unknown axis \"x\"", e.Problem);
    }
}
