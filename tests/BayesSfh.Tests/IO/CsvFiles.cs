using BayesSfh.IO;
using Xunit;

namespace BayesSfh.Tests.IO;

/// <summary>A temporary directory of small CSV fixtures written from inline text; deleted on dispose.</summary>
public sealed class CsvFiles : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("bayessfh-io-tests-").FullName;

    /// <summary>Writes <paramref name="text"/> (lines joined with \n) to <paramref name="name"/> and returns its path.</summary>
    public string Write(string name, params string[] lines)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>Asserts that <paramref name="action"/> throws an <see cref="InputException"/> located at file, line and column.</summary>
    public static InputException AssertInputError(Action action, string file, int? line, string? column)
    {
        var e = Assert.Throws<InputException>(action);
        Assert.Equal(file, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        return e;
    }
}
