using BayesSfh.Hess;
using BayesSfh.IO;
using Xunit;
using static BayesSfh.Tests.IO.CsvFiles;

namespace BayesSfh.Tests.IO;

public sealed class ObservedCsvReaderTests : IDisposable
{
    // 3 colour × 2 magnitude bins: flattened bin = y_bin · 3 + x_bin.
    private static readonly HessGrid Grid = HessGrid.Uniform(0, 3, 3, 0, 2, 2);
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Flat(params string[] rows) => _files.Write("observed.csv", ["bin,count", .. rows]);

    [Fact]
    public void Read_EveryBinOnceInAnyOrder_GivesCountsWithoutGrid()
    {
        var observed = ObservedCsvReader.Read(Flat("2,7", "0,1", "3,0.0", "1,12.0"));

        Assert.Equal([1, 12, 7, 0], observed.Counts.ToArray());
        Assert.Null(observed.Grid);
    }

    [Fact]
    public void Read_TwoDimensionalBins_AgreesWithFlattenedBins()
    {
        var flat = ObservedCsvReader.Read(Flat("0,1", "1,2", "2,3", "3,4", "4,5", "5,6"), Grid);
        string twoD = _files.Write("observed2d.csv", "Y_BIN, X_BIN ,count", "1,2,6", "0,0,1", "0,1,2", "0,2,3", "1,0,4", "1,1,5");

        var observed = ObservedCsvReader.Read(twoD, Grid);

        Assert.Equal(flat.Counts.ToArray(), observed.Counts.ToArray());
        Assert.Same(Grid, observed.Grid);
    }

    [Fact]
    public void Read_BinTwice_NamesBothLines()
    {
        string path = Flat("0,1", "1,1", "2,1", "1,4");

        var e = AssertInputError(() => ObservedCsvReader.Read(path), path, 5, null);

        Assert.StartsWith("bin 1 is listed twice (lines 3 and 5)", e.Problem);
    }

    [Fact]
    public void Read_MissingBins_NamesTheFirstFew()
    {
        string path = Flat("0,1", "9,1");

        var e = AssertInputError(() => ObservedCsvReader.Read(path), path, null, null);

        Assert.StartsWith("missing bin 1, bin 2, bin 3, bin 4, bin 5 and 3 more; every bin 0 to 9 must be listed exactly once", e.Problem);
    }

    [Fact]
    public void Read_MissingBinsWithGrid_CountsUpToGridSize()
    {
        string path = Flat("0,1", "1,1", "2,1", "3,1");

        var e = AssertInputError(() => ObservedCsvReader.Read(path, Grid), path, null, null);

        Assert.StartsWith("missing bin 4 (x_bin 1, y_bin 1), bin 5 (x_bin 2, y_bin 1); every bin 0 to 5", e.Problem);
    }

    [Theory]
    [InlineData("-2", "negative count -2")]
    [InlineData("2.5", "count 2.5 is not a whole number")]
    [InlineData("NaN", "not finite")]
    [InlineData("many", "not a number")]
    public void Read_BadCount_NamesCountColumn(string count, string problem)
    {
        string path = Flat("0,1", $"1,{count}");

        var e = AssertInputError(() => ObservedCsvReader.Read(path), path, 3, "count");

        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void Read_BinBeyondGrid_NamesBinColumn()
    {
        string path = Flat("0,1", "6,1");

        AssertInputError(() => ObservedCsvReader.Read(path, Grid), path, 3, "bin");
    }

    [Fact]
    public void Read_TwoDimensionalWithoutGrid_ErrorOnHeader()
    {
        string path = _files.Write("observed.csv", "x_bin,y_bin,count", "0,0,1");

        AssertInputError(() => ObservedCsvReader.Read(path), path, 1, "x_bin");
    }

    [Fact]
    public void Read_UnknownColumn_ErrorOnHeader()
    {
        string path = _files.Write("observed.csv", "bin,count,error", "0,1,1");

        AssertInputError(() => ObservedCsvReader.Read(path), path, 1, "error");
    }
}
