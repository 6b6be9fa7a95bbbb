using BayesSfh.Hess;
using BayesSfh.IO;
using BayesSfh.Synthetic;
using BayesSfh.Templates;
using Xunit;

namespace BayesSfh.Tests.IO;

public sealed class CsvWriterRoundTripTests : IDisposable
{
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private ProblemFiles WriteAll(TemplateSet set, HessDiagram observed)
    {
        var files = new ProblemFiles(
            _files.PathOf("out/templates.csv"), _files.PathOf("out/observed.csv"), _files.PathOf("out/grid.csv"),
            _files.PathOf("out/backgrounds.csv"), _files.PathOf("out/luminosity.csv"));
        TemplateCsvWriter.Write(files.TemplatesPath, set);
        TemplateCsvWriter.WriteLuminosity(files.LuminosityPath!, set);
        ObservedCsvWriter.Write(files.ObservedPath, observed);
        GridCsvWriter.Write(files.GridPath!, set.HessGrid!);
        BackgroundCsvWriter.Write(files.BackgroundPath!, set.Backgrounds);
        return files;
    }

    private static void AssertSameSet(TemplateSet expected, TemplateSet actual)
    {
        Assert.Equal(expected.BinCount, actual.BinCount);
        Assert.Equal(expected.HessGrid!.ColourEdges.ToArray(), actual.HessGrid!.ColourEdges.ToArray());
        Assert.Equal(expected.HessGrid.MagnitudeEdges.ToArray(), actual.HessGrid.MagnitudeEdges.ToArray());
        Assert.Equal(expected.Templates.Length, actual.Templates.Length);
        for (int t = 0; t < expected.Templates.Length; t++)
        {
            SspTemplate e = expected.Templates[t], a = actual.Templates[t];
            Assert.Equal((e.LogAge, e.MH, e.LuminosityPerMass), (a.LogAge, a.MH, a.LuminosityPerMass));
            Assert.Equal(e.Bins, a.Bins);
            Assert.Equal(e.Values, a.Values); // exact: round-trip formatting
        }
        Assert.Equal(expected.Backgrounds.Select(b => (b.Name, string.Join(" ", b.Bins), string.Join(" ", b.Values.Select(v => v.ToString("R"))))),
            actual.Backgrounds.Select(b => (b.Name, string.Join(" ", b.Bins), string.Join(" ", b.Values.Select(v => v.ToString("R"))))));
    }

    [Fact]
    public void Write_AwkwardNumbers_ReadBackIdentical()
    {
        var grid = new HessGrid([-0.1 + 0.2 / 3, 0.3, 1.0 / 3], [1e-300, 0.1 + 0.2]);
        var set = new TemplateSet(grid.BinCount,
            [
                new SspTemplate(9.1 + 1e-15, -1.0 / 3, [0, 1], [0.1 + 0.2, 5e-324], 1.0 / 7),
                new SspTemplate(10.0, 0.0, [1], [double.MaxValue / 4], 2e300),
            ],
            [new BackgroundTemplate("quasars, \"faint\"", [0], [Math.PI])],
            grid);
        var observed = new HessDiagram([3, 12345678], grid);

        var loaded = ProblemLoader.Load(WriteAll(set, observed));

        AssertSameSet(set, loaded.Templates);
        Assert.Equal(observed.Counts.ToArray(), loaded.Observed.Counts.ToArray());
    }

    [Fact]
    public void Write_SyntheticTemplates_ReadBackIdentical()
    {
        var set = SyntheticTemplates.Create(new SyntheticTemplateOptions { Ages = 3, Metallicities = 2, ColourBins = 8, MagnitudeBins = 6 });

        var loaded = ProblemLoader.Load(WriteAll(set, new HessDiagram(new double[set.BinCount], set.HessGrid)));

        AssertSameSet(set, loaded.Templates);
    }

    [Fact]
    public void WriteLuminosity_TemplateWithoutLuminosity_ThrowsAndWritesNothing()
    {
        var set = new TemplateSet(1, [new SspTemplate(9, 0, [0], [1])]);
        string path = _files.PathOf("luminosity.csv");

        Assert.Throws<ArgumentException>(() => TemplateCsvWriter.WriteLuminosity(path, set));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void AtomicFileWrite_MissingDirectory_CreatesIt()
    {
        string path = _files.PathOf("a/b/c.txt");

        AtomicFile.Write(path, w => w.Write("done"));

        Assert.Equal("done", File.ReadAllText(path));
    }

    [Fact]
    public void AtomicFileWrite_WriterThrows_LeavesOldFileAndNoTemporary()
    {
        string path = _files.Write("keep.csv", "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, w =>
        {
            w.Write(new string('x', 1 << 20));
            throw new InvalidOperationException("crash");
        }));

        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_files.Directory));
    }

    [Fact]
    public void AtomicFileWrite_ExistingFile_IsReplaced()
    {
        string path = _files.Write("replace.csv", "old");

        AtomicFile.Write(path, w => w.Write("new"));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_files.Directory));
    }
}
