using BayesSfh.IO;
using BayesSfh.Isochrones;
using BayesSfh.Tests.IO;
using Xunit;

namespace BayesSfh.Tests.Isochrones;

/// <summary>Malformed files: each error is an InputException at the offending line and column.</summary>
public sealed class CrossCheckReaderErrorTests : IDisposable
{
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string[] FixtureLines(string name) => File.ReadAllLines(Path.Combine(IsochroneFixtures.Folder, "crosscheck", name));

    private string Edited(string fixture, Func<string[], IEnumerable<string>> edit) => _files.Write(fixture, [.. edit(FixtureLines(fixture))]);

    private static string[] Replace(string[] lines, int lineNumber, Func<string, string> change)
    {
        var copy = (string[])lines.Clone();
        copy[lineNumber - 1] = change(copy[lineNumber - 1]);
        return copy;
    }

    [Fact]
    public void EmptyFile_Fails()
    {
        string path = _files.Write("empty.dat", "", "   ");

        var e = CsvFiles.AssertInputError(() => IsochroneReader.Read(path), path, null, null);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void UnknownFormat_FailsListingFormats()
    {
        string path = _files.Write("table.txt", "# mass V I", "0.1 10 9");

        var e = CsvFiles.AssertInputError(() => IsochroneReader.Read(path), path, null, null);
        Assert.Contains("unknown isochrone format", e.Message);
        Assert.Contains("BaSTI", e.Message);
    }

    [Fact]
    public void Mist_MissingMassColumn_FailsAtNameLine()
    {
        string path = Edited("mist_two_ages.iso.cmd", l => Replace(l, 13, s => s.Replace("initial_mass", "init_mass")));

        CsvFiles.AssertInputError(() => IsochroneReader.Read(path), path, 13, "initial_mass");
    }

    [Fact]
    public void Mist_NonNumericMagnitude_FailsAtCell()
    {
        string path = Edited("mist_two_ages.iso.cmd", l => Replace(l, 15, s => s.Replace("8.100000", "8.1x0000")));

        var e = CsvFiles.AssertInputError(() => IsochroneReader.Read(path), path, 15, "Bessell_V");
        Assert.Contains("8.1x0000", e.Message);
    }

    [Fact]
    public void Mist_TruncatedBlock_Fails()
    {
        // Cut the file after the first two rows of the second block: EEPs 202–203 cannot span 5 announced rows.
        string path = Edited("mist_two_ages.iso.cmd", l => l.Take(23));

        var e = CsvFiles.AssertInputError(() => IsochroneReader.Read(path), path, 23, null);
        Assert.Contains("truncated block", e.Message);
    }

    [Fact]
    public void Mist_MissingSecondBlock_FailsAgainstAnnouncedCount()
    {
        string path = Edited("mist_two_ages.iso.cmd", l => l.Take(18));

        var e = CsvFiles.AssertInputError(() => IsochroneReader.Read(path), path, 8, null);
        Assert.Contains("2", e.Message);
    }

    [Fact]
    public void Parsec_MissingMassColumn_Fails()
    {
        string path = Edited("parsec_cmd33_two_ages.dat", l => Replace(l, 7, s => s.Replace("Mini", "M_ini")));

        CsvFiles.AssertInputError(() => IsochroneReader.Read(path), path, 7, "Mini");
    }

    [Fact]
    public void Parsec_MissingLabelColumn_GivesUnknownPhases()
    {
        string path = Edited("parsec_cmd33_two_ages.dat", l => l.Select(s => s.Replace("label", "stage")));

        Assert.All(IsochroneReader.Read(path).SelectMany(i => i.Phases), p => Assert.Equal(EvolutionaryPhase.Unknown, p));
    }

    [Fact]
    public void Parsec_TruncatedRow_FailsNamingFirstMissingColumn()
    {
        string path = Edited("parsec_cmd33_two_ages.dat", l => Replace(l, 9, s => s[..s.LastIndexOf(' ')]));

        var e = CsvFiles.AssertInputError(() => IsochroneReader.Read(path), path, 9, null);
        Assert.Contains("values", e.Message);
    }

    [Fact]
    public void Parsec_NonNumericMass_Fails()
    {
        string path = Edited("parsec_cmd33_two_ages.dat", l => Replace(l, 8, s => s.Replace("0.0900000000", "abc")));

        CsvFiles.AssertInputError(() => IsochroneReader.Read(path), path, 8, "Mini");
    }

    [Fact]
    public void Parsec_MissingTrailer_StillReadsEveryAge()
    {
        string path = Edited("parsec_cmd33_two_ages.dat", l => l.Take(l.Length - 1));

        Assert.Equal([7.0, 10.0], IsochroneReader.Read(path).Select(i => i.LogAge));
    }

    [Fact]
    public void Basti_TruncatedBlock_Fails()
    {
        string path = Edited("basti_3000myr.isc_gaia-dr3-new", l => l.Take(11));

        var e = CsvFiles.AssertInputError(() => IsochroneReader.Read(path), path, 11, null);
        Assert.Contains("Np = 4", e.Message);
    }

    [Fact]
    public void Basti_NonNumericAge_Fails()
    {
        string path = Edited("basti_3000myr.isc_gaia-dr3-new", l => Replace(l, 5, s => s.Replace("3000.000", "3e3.x")));

        CsvFiles.AssertInputError(() => IsochroneReader.Read(path), path, 5, "Age (Myr)");
    }

    [Fact]
    public void Basti_MissingMassColumn_Fails()
    {
        string path = Edited("basti_3000myr.isc_gaia-dr3-new", l => Replace(l, 7, s => s.Replace("M/Mo(ini)", "Mini")));

        var e = Assert.Throws<InputException>(() => IsochroneReader.Read(path));
        Assert.Equal(path, e.File);
        Assert.Contains("M/Mo(ini)", e.Message);
    }
}
