using BayesSfh.Hess;
using BayesSfh.IO;
using BayesSfh.Templates;
using Xunit;
using static BayesSfh.Tests.IO.CsvFiles;

namespace BayesSfh.Tests.IO;

public sealed class TemplateCsvReaderTests : IDisposable
{
    // 3 colour × 2 magnitude bins: flattened bin = y_bin · 3 + x_bin.
    private static readonly HessGrid Grid = HessGrid.Uniform(0, 3, 3, 0, 2, 2);
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Flat(params string[] rows) => _files.Write("templates.csv", ["log_age,mh,bin,value", .. rows]);

    private string TwoD(params string[] rows) => _files.Write("templates2d.csv", ["log_age,mh,x_bin,y_bin,value", .. rows]);

    private static void AssertTemplate(SspTemplate t, double logAge, double mh, int[] bins, double[] values)
    {
        Assert.Equal((logAge, mh), (t.LogAge, t.MH));
        Assert.Equal(bins, t.Bins);
        Assert.Equal(values, t.Values);
        Assert.Null(t.LuminosityPerMass);
    }

    [Fact]
    public void Read_InterleavedUnsortedRows_GroupsPerTemplateSortedByBinAndDropsZeros()
    {
        string path = Flat("9.5,-1.2,4,0.5", "9.0,-1.2,1,0.25", "9.5,-1.2,0,1.5", "9.5,-1.2,2,0", "9.0,-1.2,5,2");

        var templates = TemplateCsvReader.Read(path, 6);

        Assert.Equal(2, templates.Count);
        AssertTemplate(templates[0], 9.5, -1.2, [0, 4], [1.5, 0.5]);
        AssertTemplate(templates[1], 9.0, -1.2, [1, 5], [0.25, 2]);
    }

    [Fact]
    public void Read_TwoDimensionalBins_AgreesWithFlattenedBins()
    {
        var flat = TemplateCsvReader.Read(Flat("9.5,-1.2,4,0.5", "9.0,-1.2,1,0.25", "9.5,-1.2,0,1.5", "9.0,-1.2,5,2"), 6, Grid);
        var twoD = TemplateCsvReader.Read(TwoD("9.5,-1.2,1,1,0.5", "9.0,-1.2,1,0,0.25", "9.5,-1.2,0,0,1.5", "9.0,-1.2,2,1,2"), 6, Grid);

        Assert.Equal(flat.Count, twoD.Count);
        for (int t = 0; t < flat.Count; t++) AssertTemplate(twoD[t], flat[t].LogAge, flat[t].MH, flat[t].Bins, flat[t].Values);
    }

    [Fact]
    public void Read_TemplateScale_DividesEveryValue()
    {
        var templates = TemplateCsvReader.Read(Flat("9.5,-1.2,0,1000", "9.5,-1.2,3,250"), 6, templateScale: 1000);

        AssertTemplate(templates[0], 9.5, -1.2, [0, 3], [1, 0.25]);
    }

    [Fact]
    public void Read_HeaderCaseWhitespaceOrderCrlfAndBlankLines_Accepted()
    {
        string path = _files.PathOf("messy.csv");
        File.WriteAllText(path, "\uFEFF Value , BIN,MH ,Log_Age\r\n0.5, 4 ,-1.2,9.5\r\n\r\n1e-3,0,-1.2,9.5\r\n\r\n   \r\n");

        var templates = TemplateCsvReader.Read(path, 6);

        AssertTemplate(Assert.Single(templates), 9.5, -1.2, [0, 4], [1e-3, 0.5]);
    }

    [Fact]
    public void Read_NegativeValue_NamesFileLineAndColumn()
    {
        string path = Flat("9.5,-1.2,0,1", "9.5,-1.2,1,-3");

        var e = AssertInputError(() => TemplateCsvReader.Read(path, 6), path, 3, "value");

        Assert.Equal($"{path}:3:value: negative value -3 (values must be finite and ≥ 0)", e.Message);
    }

    [Theory]
    [InlineData("NaN", "not finite")]
    [InlineData("Infinity", "not finite")]
    [InlineData("-Infinity", "not finite")]
    [InlineData("abc", "not a number")]
    [InlineData("", "not a number")]
    public void Read_BadValue_NamesValueColumn(string value, string problem)
    {
        string path = Flat("9.5,-1.2,0,1", "", $"9.5,-1.2,1,{value}");

        var e = AssertInputError(() => TemplateCsvReader.Read(path, 6), path, 4, "value");

        Assert.Contains(problem, e.Problem);
    }

    [Theory]
    [InlineData("1.5", "not a whole number")]
    [InlineData("-1", "negative bin")]
    [InlineData("6", "out of range (the Hess diagram has 6 bins, numbered 0 to 5)")]
    [InlineData("1e9", "out of range")]
    [InlineData("x", "not a number")]
    public void Read_BadBin_NamesBinColumn(string bin, string problem)
    {
        string path = Flat($"9.5,-1.2,{bin},1");

        var e = AssertInputError(() => TemplateCsvReader.Read(path, 6), path, 2, "bin");

        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void Read_BinWrittenAsWholeDecimal_Accepted() =>
        AssertTemplate(Assert.Single(TemplateCsvReader.Read(Flat("9.5,-1.2,3.0,1"), 6)), 9.5, -1.2, [3], [1]);

    [Theory]
    [InlineData("3,0", "x_bin")]
    [InlineData("0,2", "y_bin")]
    public void Read_TwoDimensionalBinOutOfRange_NamesThatColumn(string xy, string column)
    {
        string path = TwoD("9.5,-1.2,0,0,1", $"9.5,-1.2,{xy},1");

        var e = AssertInputError(() => TemplateCsvReader.Read(path, 6, Grid), path, 3, column);

        Assert.Contains("out of range", e.Problem);
    }

    [Fact]
    public void Read_TwoDimensionalWithoutGrid_ErrorOnHeader()
    {
        string path = TwoD("9.5,-1.2,0,0,1");

        var e = AssertInputError(() => TemplateCsvReader.Read(path, 6), path, 1, "x_bin");

        Assert.Contains("need the Hess grid", e.Problem);
    }

    [Fact]
    public void Read_SameAgeMetallicityAndBinTwice_NamesBothLines()
    {
        string path = Flat("9.5,-1.2,0,1", "9.5,-1.2,2,0", "9.0,-1.2,2,1", "9.50,-1.20,2,4");

        var e = AssertInputError(() => TemplateCsvReader.Read(path, 6), path, 5, null);

        Assert.Equal("template (log_age 9.5, mh -1.2) lists bin 2 twice (lines 3 and 5)", e.Problem);
    }

    [Fact]
    public void Read_TemplateZeroEverywhere_NamesItsFirstRow()
    {
        string path = Flat("9.0,-1.2,1,1", "9.5,-1.2,0,0", "9.0,-1.2,2,1", "9.5,-1.2,1,0");

        var e = AssertInputError(() => TemplateCsvReader.Read(path, 6), path, 3, null);

        Assert.StartsWith("template (log_age 9.5, mh -1.2) is zero everywhere", e.Problem);
    }

    [Theory]
    [InlineData("log_age,mh,bin,value,weight", 1, "weight", "unknown column \"weight\"")]
    [InlineData("log_age,mh,bin", 1, "value", "missing column \"value\"")]
    [InlineData("log_age,mh,value", 1, "bin", "missing column \"bin\"")]
    [InlineData("log_age,mh,x_bin,value", 1, "y_bin", "missing column \"y_bin\"")]
    [InlineData("log_age,mh,bin,x_bin,value", 1, "x_bin", "not both")]
    [InlineData("log_age,MH,bin,mh,value", 1, "mh", "appears twice")]
    [InlineData("log_age,mh,bin,value,", 1, null, "empty")]
    public void Read_BadHeader_ErrorOnLineOneNamingColumn(string header, int line, string? column, string problem)
    {
        string path = _files.Write("templates.csv", header, "9.5,-1.2,0,1");

        var e = AssertInputError(() => TemplateCsvReader.Read(path, 6, Grid), path, line, column);

        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void Read_RowWithWrongFieldCount_NamesLine()
    {
        string path = Flat("9.5,-1.2,0,1", "9.5,-1.2,1");

        var e = AssertInputError(() => TemplateCsvReader.Read(path, 6), path, 3, null);

        Assert.Contains("3 fields but the header has 4", e.Problem);
    }

    [Theory]
    [InlineData("x", "log_age")]
    [InlineData("NaN", "log_age")]
    public void Read_BadLogAge_NamesLogAgeColumn(string logAge, string column)
    {
        string path = Flat($"{logAge},-1.2,0,1");

        AssertInputError(() => TemplateCsvReader.Read(path, 6), path, 2, column);
    }

    [Fact]
    public void Read_EmptyFile_ErrorOnLineOne()
    {
        string path = _files.PathOf("empty.csv");
        File.WriteAllText(path, "");

        var e = AssertInputError(() => TemplateCsvReader.Read(path, 6), path, 1, null);

        Assert.Contains("empty", e.Problem);
    }

    [Fact]
    public void Read_HeaderOnly_FileError()
    {
        string path = Flat();

        AssertInputError(() => TemplateCsvReader.Read(path, 6), path, null, null);
    }

    [Fact]
    public void Read_MissingFile_FileNotFound()
    {
        string path = _files.PathOf("nope.csv");

        var e = AssertInputError(() => TemplateCsvReader.Read(path, 6), path, null, null);

        Assert.Equal($"{path}: file not found", e.Message);
    }

    [Theory]
    [InlineData("9.5,-1.2,2,-1", 5)]
    [InlineData("", 3)]
    public void Read_QuotedFieldSpanningLines_LinesArePhysicalAndRecordStartsOnItsFirstLine(string lastRow, int line)
    {
        string badValue = lastRow == "" ? "-2" : "1";
        string path = _files.Write("templates.csv", "log_age,mh,bin,value", "\"9.5\",-1.2,0,1", "9.5,-1.2,\"1", $"\",{badValue}", lastRow);

        AssertInputError(() => TemplateCsvReader.Read(path, 6), path, line, "value");
    }

    [Fact]
    public void Read_BadScale_ThrowsArgumentException() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TemplateCsvReader.Read(Flat("9.5,-1.2,0,1"), 6, templateScale: 0));
}
