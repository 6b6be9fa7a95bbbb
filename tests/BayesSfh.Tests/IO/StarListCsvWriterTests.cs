using System.Globalization;
using BayesSfh.Hess;
using BayesSfh.Imf;
using BayesSfh.IO;
using BayesSfh.Observation;
using BayesSfh.Population;
using BayesSfh.Tests.Population;
using CsvHelper;
using Xunit;

namespace BayesSfh.Tests.IO;

/// <summary>stars.csv: header, exact round trip through CsvHelper, streaming = listed, atomic failure.</summary>
public sealed class StarListCsvWriterTests : IDisposable
{
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static SspTemplateOptions Options(bool thirdFilter)
    {
        var err = new ExponentialPhotometricError(1.05, 10, 32, 0.01);
        var blue = new PhotometricBand("B", 0.12, err, new LogisticCompleteness(0.95, 27.5, 0.3));
        var red = new PhotometricBand("V", 0.09, err, new LogisticCompleteness(0.9, 27.0, 0.25));
        var third = new PhotometricBand("I", 0.05, err, new LogisticCompleteness(0.97, 26.4, 0.3));
        return new SspTemplateOptions(blue, red, thirdFilter ? third : red, 12.5, new KroupaImf(), HessGrid.Uniform(0.4, 2.4, 60, 14, 28, 50),
            binaries: new BinaryOptions(0.4, 0.2));
    }

    private static MockSsp[] Populations() =>
        [new(SspTemplateBuilderTests.MadeUpIsochrone(9.3, -1.2), 300), new(SspTemplateBuilderTests.MadeUpIsochrone(10.0, -0.7), 200)];

    private static List<string[]> ReadRows(string path, out string[] header)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        header = csv.HeaderRecord!;
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add([.. Enumerable.Range(0, header.Length).Select(i => csv.GetField(i)!)]);
        return rows;
    }

    private static double Number(string field) => field.Length == 0 ? double.NaN : double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Write_MockStars_ReadBackIdentical(bool thirdFilter)
    {
        var options = Options(thirdFilter);
        var mock = MockPopulation.Draw(Populations(), options, 4, keepUndetected: true);
        Assert.Contains(mock.Stars, s => !s.Detected);
        Assert.Contains(mock.Stars, s => !double.IsNaN(s.SecondaryMass));
        string path = _files.PathOf("out/stars.csv");
        StarListCsvWriter.Write(path, mock.Stars, options);

        var rows = ReadRows(path, out var header);
        string[] expectedHeader = thirdFilter
            ? ["ssp", "log_age", "mh", "mass_primary", "mass_secondary", "B_true", "V_true", "I_true", "B_obs", "V_obs", "I_obs", "detected", "bin"]
            : ["ssp", "log_age", "mh", "mass_primary", "mass_secondary", "B_true", "V_true", "B_obs", "V_obs", "detected", "bin"];
        Assert.Equal(expectedHeader, header);
        Assert.Equal(expectedHeader, StarListCsvWriter.Header(options));
        Assert.Equal(mock.Stars.Count, rows.Count);
        int n = thirdFilter ? 3 : 2;
        for (int r = 0; r < rows.Count; r++)
        {
            var f = rows[r];
            var s = mock.Stars[r];
            double[] trueMags = thirdFilter ? [s.TrueBlue, s.TrueRed, s.TrueMagnitude] : [s.TrueBlue, s.TrueRed];
            double[] observed = thirdFilter ? [s.ObservedBlue, s.ObservedRed, s.ObservedMagnitude] : [s.ObservedBlue, s.ObservedRed];
            Assert.Equal(s.Ssp, int.Parse(f[0], CultureInfo.InvariantCulture));
            Assert.Equal((s.LogAge, s.MH, s.PrimaryMass), (Number(f[1]), Number(f[2]), Number(f[3])));
            Assert.Equal(s.SecondaryMass, Number(f[4])); // NaN ↔ empty
            Assert.Equal(trueMags, f.Skip(5).Take(n).Select(Number));
            Assert.Equal(observed, f.Skip(5 + n).Take(n).Select(Number));
            Assert.Equal(s.Detected ? "1" : "0", f[5 + 2 * n]);
            Assert.Equal(s.Bin, int.Parse(f[6 + 2 * n], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Write_Streamed_SameFileAsListed()
    {
        var options = Options(thirdFilter: true);
        var populations = Populations();
        var listed = MockPopulation.Draw(populations, options, 9);
        StarListCsvWriter.Write(_files.PathOf("listed.csv"), listed.Stars, populations, options);
        MockTotals? totals = null;
        StarListCsvWriter.Write(_files.PathOf("streamed.csv"), options, sink => totals = MockPopulation.Stream(populations, options, 9, sink));
        Assert.Equal(File.ReadAllText(_files.PathOf("listed.csv")), File.ReadAllText(_files.PathOf("streamed.csv")));
        Assert.Equal(listed.Counts, totals!.Counts);
    }

    [Fact]
    public void Write_ProducerThrows_WritesNothing()
    {
        var options = Options(thirdFilter: false);
        string path = _files.PathOf("failed.csv");
        Assert.Throws<InvalidOperationException>(() => StarListCsvWriter.Write(path, options, _ => throw new InvalidOperationException("stop")));
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_files.Directory));
    }

    [Fact]
    public void Write_StarOfUnknownPopulation_Throws()
    {
        var options = Options(thirdFilter: false);
        var star = new MockStar(2, 9, -1, 1, double.NaN, 20, 19, 19, 20, 19, 19, true, 5);
        Assert.Equal("stars", Assert.Throws<ArgumentException>(() => StarListCsvWriter.Write(_files.PathOf("x.csv"), [star], Populations(), options)).ParamName);
    }
}
