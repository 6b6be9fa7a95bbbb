using BayesSfh.Hess;
using BayesSfh.IO;
using Xunit;
using static BayesSfh.Tests.IO.CsvFiles;

namespace BayesSfh.Tests.IO;

public sealed class ProblemLoaderTests : IDisposable
{
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    // 2 colour × 2 magnitude bins.
    private string Grid() => _files.Write("grid.csv", "axis,edge", "colour,0", "colour,0.5", "colour,1", "magnitude,20", "magnitude,21", "magnitude,22");

    private string Observed(params string[] rows) => _files.Write("observed.csv", ["bin,count", .. rows]);

    private string Templates(params string[] rows) => _files.Write("templates.csv", ["log_age,mh,bin,value", .. rows]);

    [Fact]
    public void Load_AllFiles_BuildsCheckedTemplateSetAndDiagram()
    {
        var files = new ProblemFiles(
            Templates("9.0,-1,0,20", "9.5,-1,1,10", "9.0,-1,1,40"),
            Observed("0,3", "1,0", "2,5", "3,0"),
            GridPath: Grid(),
            BackgroundPath: _files.Write("bg.csv", "name,x_bin,y_bin,value", "field,0,1,1"),
            LuminosityPath: _files.Write("lum.csv", "log_age,mh,luminosity", "9.5,-1,0.5", "9.0,-1,1.5"),
            TemplateScale: 10);

        var problem = ProblemLoader.Load(files);

        var set = problem.Templates;
        Assert.Equal(4, set.BinCount);
        Assert.NotNull(set.HessGrid);
        Assert.Equal([(9.0, -1.0), (9.5, -1.0)], set.Templates.Select(t => (t.LogAge, t.MH)));
        Assert.Equal([0, 1], set.Templates[0].Bins);
        Assert.Equal([2.0, 4.0], set.Templates[0].Values);
        Assert.Equal([1.0], set.Templates[1].Values);
        Assert.Equal([1.5, 0.5], set.Templates.Select(t => t.LuminosityPerMass!.Value));
        var background = Assert.Single(set.Backgrounds);
        Assert.Equal(("field", 2), (background.Name, Assert.Single(background.Bins)));
        Assert.Equal([3.0, 0, 5, 0], problem.Observed.Counts.ToArray());
        Assert.Same(set.HessGrid, problem.Observed.Grid);
    }

    [Fact]
    public void Load_TwoDimensionalFiles_AgreeWithFlattenedFiles()
    {
        string grid = Grid();
        var flat = ProblemLoader.Load(new ProblemFiles(Templates("9.0,-1,3,2", "9.0,-1,1,1"), Observed("0,0", "1,2", "2,0", "3,1"), grid));
        var twoD = ProblemLoader.Load(new ProblemFiles(
            _files.Write("t2.csv", "log_age,mh,x_bin,y_bin,value", "9.0,-1,1,1,2", "9.0,-1,1,0,1"),
            _files.Write("o2.csv", "x_bin,y_bin,count", "0,0,0", "1,0,2", "0,1,0", "1,1,1"),
            grid));

        Assert.Equal(flat.Templates.Templates[0].Bins, twoD.Templates.Templates[0].Bins);
        Assert.Equal(flat.Templates.Templates[0].Values, twoD.Templates.Templates[0].Values);
        Assert.Equal(flat.Observed.Counts.ToArray(), twoD.Observed.Counts.ToArray());
    }

    [Fact]
    public void Load_NoGrid_ObservedFixesBinCount()
    {
        var problem = ProblemLoader.Load(new ProblemFiles(Templates("9.0,-1,2,1"), Observed("2,4", "0,0", "1,0")));

        Assert.Equal(3, problem.Templates.BinCount);
        Assert.Null(problem.Templates.HessGrid);
    }

    [Fact]
    public void Load_TemplateBinBeyondObservedBins_NamesTemplateFileLine()
    {
        string templates = Templates("9.0,-1,0,1", "9.0,-1,3,1");

        var e = AssertInputError(() => ProblemLoader.Load(new ProblemFiles(templates, Observed("0,1", "1,0", "2,0"))), templates, 3, "bin");

        Assert.Contains("the Hess diagram has 3 bins", e.Problem);
    }

    [Fact]
    public void Load_ObservedStarsWhereNoTemplateReaches_NamesObservedLine()
    {
        string observed = Observed("3,4", "0,1", "1,0", "2,0");

        var e = AssertInputError(() => ProblemLoader.Load(new ProblemFiles(Templates("9.0,-1,0,1", "9.0,-1,1,1"), observed)), observed, 2, "count");

        Assert.StartsWith("bin 3 has 4 stars but no template reaches it", e.Problem);
    }

    [Fact]
    public void Load_BackgroundReachesTheBin_Accepted()
    {
        var files = new ProblemFiles(Templates("9.0,-1,0,1"), Observed("0,1", "1,4"), BackgroundPath: _files.Write("bg.csv", "name,bin,value", "flat,1,1"));

        Assert.Equal(5, ProblemLoader.Load(files).Observed.Total);
    }

    [Fact]
    public void Load_MissingGridFile_FileNotFound()
    {
        string grid = _files.PathOf("grid.csv");

        var e = AssertInputError(() => ProblemLoader.Load(new ProblemFiles(Templates("9.0,-1,0,1"), Observed("0,1"), grid)), grid, null, null);

        Assert.Equal("file not found", e.Problem);
    }

    [Fact]
    public void Load_ObservedLargerThanGrid_NamesObservedLine()
    {
        string observed = Observed("0,0", "1,0", "2,0", "3,0", "4,1");

        AssertInputError(() => ProblemLoader.Load(new ProblemFiles(Templates("9.0,-1,0,1"), observed, Grid())), observed, 6, "bin");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_BadTemplateScale_Throws(double scale) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProblemFiles("t.csv", "o.csv", TemplateScale: scale).Validate());

    [Fact]
    public void Validate_BlankOptionalPath_Throws() =>
        Assert.Throws<ArgumentException>(() => new ProblemFiles("t.csv", "o.csv", BackgroundPath: " ").Validate());

    [Fact]
    public void RequireCompleteGrid_MissingCell_NamesTemplatesFileAndCell()
    {
        string templates = Templates("9.0,-1,0,1", "9.5,-1,0,1", "9.0,-0.5,0,1");
        var problem = ProblemLoader.Load(new ProblemFiles(templates, Observed("0,1")));

        var e = AssertInputError(() => ProblemLoader.RequireCompleteGrid(problem, templates), templates, null, null);

        Assert.Contains("1 are missing: (log_age 9.5, mh -0.5);", e.Problem);
    }

    [Fact]
    public void RequireCompleteGrid_CompleteGrid_DoesNotThrow()
    {
        string templates = Templates("9.0,-1,0,1", "9.5,-1,0,1");

        ProblemLoader.RequireCompleteGrid(ProblemLoader.Load(new ProblemFiles(templates, Observed("0,1"))), templates);
    }
}
