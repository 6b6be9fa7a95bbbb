using BayesSfh.IO;
using Xunit;

namespace BayesSfh.Tests.IO;

public class InputExceptionTests
{
    [Fact]
    public void Message_FileLineAndColumn_FormatsLikeCompilerDiagnostic()
    {
        var e = new InputException("templates.csv", 17, "value", "negative value -3 (values must be finite and ≥ 0)");
        Assert.Equal("templates.csv:17:value: negative value -3 (values must be finite and ≥ 0)", e.Message);
        Assert.Equal("negative value -3 (values must be finite and ≥ 0)", e.Problem);
    }

    [Theory]
    [InlineData(null, null, "observed.csv: missing bins")]
    [InlineData(3, null, "observed.csv:3: missing bins")]
    [InlineData(null, "count", "observed.csv:count: missing bins")]
    public void Message_MissingParts_AreOmitted(int? line, string? column, string expected) =>
        Assert.Equal(expected, new InputException("observed.csv", line, column, "missing bins").Message);
}
