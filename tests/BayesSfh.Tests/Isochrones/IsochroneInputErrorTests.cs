using BayesSfh.IO;
using BayesSfh.Isochrones;
using Xunit;
using static BayesSfh.Tests.Isochrones.IsochroneFixtures;

namespace BayesSfh.Tests.Isochrones;

/// <summary>Malformed isochrone files give an InputException naming the file, line and column.</summary>
public class IsochroneInputErrorTests
{
    private static InputException Fails(string[] lines, string file = "bad.txt", IsochroneFormat format = IsochroneFormat.Auto) =>
        Assert.Throws<InputException>(() => IsochroneReader.Parse(lines, file, new IsochroneReadOptions { Format = format }));

    [Fact]
    public void EmptyFile_IsReported()
    {
        string path = Path.Combine(Path.GetTempPath(), $"empty-{Guid.NewGuid():N}.iso.cmd");
        File.WriteAllText(path, "\n  \n");
        try
        {
            var error = Assert.Throws<InputException>(() => IsochroneReader.Read(path));
            Assert.Equal($"{path}: the file is empty", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MissingFile_IsReported() =>
        Assert.Contains("no such file", Assert.Throws<InputException>(() => IsochroneReader.Read(Path.Combine(Folder, "absent.dat"))).Message);

    [Fact]
    public void UnknownFormat_IsReportedWithTheKnownLayouts()
    {
        var error = Fails(["# some table", "a b c", "1 2 3"], "table.txt");

        Assert.Null(error.Line);
        Assert.StartsWith("table.txt: unknown isochrone format", error.Message);
        Assert.Contains("MIST", error.Message);
        Assert.Contains("BaSTI", error.Message);
    }

    [Theory]
    [InlineData("initial_mass")]
    [InlineData("log10_isochrone_age_yr")]
    public void Mist_MissingRequiredColumn_NamesIt(string column)
    {
        var lines = WithLine(MistLinearAge, 13, l => l.Replace("isochrone_age_yr", column == "initial_mass" ? "isochrone_age_yr" : "age_in_years")
            .Replace(column == "initial_mass" ? "initial_mass" : "\u0000", "init_mass"));

        var error = Fails(lines, "mist.iso.cmd");

        Assert.Equal((13, column), (error.Line, error.Column));
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void Mist_NonNumericValue_NamesLineAndColumn()
    {
        var lines = WithLine(MistLinearAge, 15, l => ReplaceToken(l, 8, "1.2.3"));

        var error = Fails(lines, "mist.iso.cmd");

        Assert.Equal("mist.iso.cmd:15:PS_r: '1.2.3' is not a number", error.Message);
    }

    [Fact]
    public void Mist_TruncatedBlock_IsReported()
    {
        // Two of the three declared EEPs; the EEP span (251–252) does not explain the shortfall.
        var error = Fails(FirstLines(MistLinearAge, 15), "mist.iso.cmd");

        Assert.Equal(15, error.Line);
        Assert.Contains("declares 3 EEPs but ends after 2 rows", error.Message);
        Assert.Contains("truncated block", error.Message);
    }

    [Fact]
    public void Mist_TruncatedRow_IsReported()
    {
        var lines = FirstLines(MistLinearAge, 16);
        lines[^1] = lines[^1][..60];

        var error = Fails(lines, "mist.iso.cmd");

        Assert.Equal(16, error.Line);
        Assert.Contains("truncated or malformed row", error.Message);
    }

    [Fact]
    public void Mist_MissingBlocks_AgainstDeclaredCount_IsReported()
    {
        var lines = FirstLines(MistTwoAges, 18);

        var error = Fails(lines, "mist.iso.cmd");

        Assert.Equal(8, error.Line);
        Assert.Contains("declares 2 isochrones but the file holds 1", error.Message);
    }

    [Fact]
    public void Mist_UnknownPhaseCode_IsReported()
    {
        var lines = WithLine(MistLinearAge, 14, l => ReplaceToken(l, 9, "7.000000"));

        Assert.Equal("mist.iso.cmd:14:phase: unknown MIST phase code 7 (known: −1, 0, 2, 3, 4, 5, 6, 9)", Fails(lines, "mist.iso.cmd").Message);
    }

    [Fact]
    public void Mist_DecreasingMass_IsReportedAtItsLine()
    {
        var lines = WithLine(MistLinearAge, 16, l => ReplaceToken(l, 2, "3.0E-001"));

        var error = Fails(lines, "mist.iso.cmd");

        Assert.Equal((16, "initial_mass"), (error.Line, error.Column));
        Assert.Contains("decreases from 0.4 (line 15) to 0.3", error.Message);
    }

    [Fact]
    public void Parsec_MissingRequiredColumn_NamesIt()
    {
        var lines = WithLine(ParsecCmd34, 8, l => l.Replace("Mini", "Mi"));

        var error = Fails(lines, "p.dat");

        Assert.Equal((8, "Mini"), (error.Line, error.Column));
    }

    [Fact]
    public void Parsec_NonNumericValue_NamesLineAndColumn()
    {
        var lines = WithLine(ParsecCmd34, 10, l => ReplaceToken(l, 11, "n/a"));

        Assert.Equal("p.dat:10:Vmag: 'n/a' is not a number", Fails(lines, "p.dat").Message);
    }

    [Fact]
    public void Parsec_TruncatedRow_IsReported()
    {
        var lines = FirstLines(ParsecCmd34, 11);
        lines[^1] = lines[^1][..40];

        var error = Fails(lines, "p.dat");

        Assert.Equal(11, error.Line);
        Assert.Contains("truncated or malformed row", error.Message);
    }

    [Fact]
    public void Parsec_UnknownLabel_IsReported()
    {
        var lines = WithLine(ParsecCmd34, 10, l => ReplaceToken(l, 9, "12"));

        Assert.Equal((10, "label"), (Fails(lines, "p.dat").Line, Fails(lines, "p.dat").Column));
    }

    [Fact]
    public void Parsec_DecreasingMass_IsReportedAtItsLine()
    {
        var lines = WithLine(ParsecCmd34, 11, l => ReplaceToken(l, 3, "0.3000000000"));

        var error = Fails(lines, "p.dat");

        Assert.Equal((11, "Mini"), (error.Line, error.Column));
        Assert.Contains("non-decreasing initial mass", error.Message);
    }

    [Fact]
    public void Parsec_SingleRowBlock_IsReported()
    {
        var lines = FirstLines(ParsecCmd34, 9);

        Assert.Contains("at least two are needed", Fails(lines, "p.dat").Message);
    }

    [Fact]
    public void Parsec_HeaderOnly_IsReported() =>
        Assert.Contains("no data rows", Fails(FirstLines(ParsecCmd34, 8), "p.dat").Message);

    [Fact]
    public void Basti_TruncatedBlock_IsReported()
    {
        var error = Fails(FirstLines(Basti, 11), "b.isc");

        Assert.Contains("declares Np = 5 points but 3 rows follow (truncated block)", error.Message);
    }

    [Fact]
    public void Basti_MissingHeaderValue_NamesIt()
    {
        var lines = WithLine(Basti, 5, l => l.Replace("Age (Myr) = 30.000", ""));

        var error = Fails(lines, "b.isc");

        Assert.Equal((5, "Age (Myr)"), (error.Line, error.Column));
    }

    [Fact]
    public void Basti_MissingMassColumn_NamesIt()
    {
        var lines = WithLine(Basti, 7, l => l.Replace("M/Mo(ini)", "Mass_ini "));

        var error = Fails(lines, "b.isc", IsochroneFormat.Basti);

        Assert.Equal("M/Mo(ini)", error.Column);
    }

    [Fact]
    public void Basti_NonNumericValue_NamesLineAndColumn()
    {
        var lines = WithLine(Basti, 12, l => ReplaceToken(l, 5, "x"));

        Assert.Equal("b.isc:12:G_BP: 'x' is not a number", Fails(lines, "b.isc").Message);
    }
}
