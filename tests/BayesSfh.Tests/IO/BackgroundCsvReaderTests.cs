using BayesSfh.Hess;
using BayesSfh.IO;
using Xunit;
using static BayesSfh.Tests.IO.CsvFiles;

namespace BayesSfh.Tests.IO;

public sealed class BackgroundCsvReaderTests : IDisposable
{
    private static readonly HessGrid Grid = HessGrid.Uniform(0, 3, 3, 0, 2, 2);
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Flat(params string[] rows) => _files.Write("backgrounds.csv", ["name,bin,value", .. rows]);

    [Fact]
    public void Read_FlatAndTwoDimensional_GiveTheSameBackgrounds()
    {
        var flat = BackgroundCsvReader.Read(Flat("field,5,0.5", "\"qso, faint\",0,2", "field,1,0.25", "field,2,0"), 6);
        string twoD = _files.Write("backgrounds2d.csv", "name,x_bin,y_bin,value", "field,2,1,0.5", "\"qso, faint\",0,0,2", "field,1,0,0.25");

        var fromTwoD = BackgroundCsvReader.Read(twoD, 6, Grid);

        foreach (var backgrounds in new[] { flat, fromTwoD })
        {
            Assert.Equal(["field", "qso, faint"], backgrounds.Select(b => b.Name));
            Assert.Equal([1, 5], backgrounds[0].Bins);
            Assert.Equal([0.25, 0.5], backgrounds[0].Values);
            Assert.Equal([0], backgrounds[1].Bins);
            Assert.Equal([2.0], backgrounds[1].Values);
        }
    }

    [Fact]
    public void Read_EmptyName_NamesNameColumn()
    {
        string path = Flat("field,0,1", " ,1,1");

        AssertInputError(() => BackgroundCsvReader.Read(path, 6), path, 3, "name");
    }

    [Fact]
    public void Read_SameNameAndBinTwice_NamesBothLines()
    {
        string path = Flat("field,0,1", "other,0,1", "field,0,2");

        var e = AssertInputError(() => BackgroundCsvReader.Read(path, 6), path, 4, null);

        Assert.Equal("background \"field\" lists bin 0 twice (lines 2 and 4)", e.Problem);
    }

    [Fact]
    public void Read_ZeroEverywhere_NamesFirstRow()
    {
        string path = Flat("field,0,1", "empty,0,0", "empty,1,0");

        var e = AssertInputError(() => BackgroundCsvReader.Read(path, 6), path, 3, null);

        Assert.StartsWith("background \"empty\" is zero everywhere", e.Problem);
    }

    [Fact]
    public void Read_NegativeValue_NamesValueColumn()
    {
        string path = Flat("field,0,-0.1");

        AssertInputError(() => BackgroundCsvReader.Read(path, 6), path, 2, "value");
    }

    [Fact]
    public void Read_BinBeyondDiagram_NamesBinColumn()
    {
        string path = Flat("field,6,1");

        AssertInputError(() => BackgroundCsvReader.Read(path, 6), path, 2, "bin");
    }

    [Fact]
    public void Read_HeaderOnly_NoBackgrounds() => Assert.Empty(BackgroundCsvReader.Read(Flat(), 6));
}
