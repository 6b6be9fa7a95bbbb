using BayesSfh.IO;
using BayesSfh.Templates;
using Xunit;
using static BayesSfh.Tests.IO.CsvFiles;

namespace BayesSfh.Tests.IO;

public sealed class LuminosityCsvReaderTests : IDisposable
{
    private static readonly SspTemplate[] Templates =
    [
        new(9.0, -1.2, [0], [1.0]),
        new(9.5, -1.2, [1], [1.0]),
        new(9.5, -0.5, [2], [1.0]),
    ];

    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Luminosity(params string[] rows) => _files.Write("luminosity.csv", ["log_age,mh,luminosity", .. rows]);

    [Fact]
    public void Read_OneRowPerTemplateInAnyOrder_AttachesLuminosities()
    {
        var templates = LuminosityCsvReader.Read(Luminosity("9.5,-0.5,0.25", "9.0,-1.2,2", "9.50,-1.20,0.5"), Templates);

        Assert.Equal([2, 0.5, 0.25], templates.Select(t => t.LuminosityPerMass!.Value));
        Assert.Equal(Templates.Select(t => (t.LogAge, t.MH)), templates.Select(t => (t.LogAge, t.MH)));
    }

    [Fact]
    public void Read_UnknownTemplate_NamesLine()
    {
        string path = Luminosity("9.0,-1.2,2", "9.1,-1.2,2");

        var e = AssertInputError(() => LuminosityCsvReader.Read(path, Templates), path, 3, null);

        Assert.StartsWith("there is no template (log_age 9.1, mh -1.2) in the template file", e.Problem);
    }

    [Fact]
    public void Read_TemplateTwice_NamesBothLines()
    {
        string path = Luminosity("9.0,-1.2,2", "9.5,-1.2,1", "9.0,-1.2,3");

        var e = AssertInputError(() => LuminosityCsvReader.Read(path, Templates), path, 4, null);

        Assert.Equal("the luminosity of template (log_age 9, mh -1.2) is given twice (lines 2 and 4)", e.Problem);
    }

    [Fact]
    public void Read_TemplatesWithoutLuminosity_NamesThem()
    {
        string path = Luminosity("9.5,-1.2,1");

        var e = AssertInputError(() => LuminosityCsvReader.Read(path, Templates), path, null, null);

        Assert.StartsWith("no luminosity for 2 of 3 templates: template (log_age 9, mh -1.2), template (log_age 9.5, mh -0.5)", e.Problem);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    public void Read_LuminosityNotPositive_NamesLuminosityColumn(string value)
    {
        string path = Luminosity("9.0,-1.2,2", $"9.5,-1.2,{value}");

        AssertInputError(() => LuminosityCsvReader.Read(path, Templates), path, 3, "luminosity");
    }
}
