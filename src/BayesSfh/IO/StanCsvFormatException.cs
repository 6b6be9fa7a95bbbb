namespace BayesSfh.IO;

/// <summary>
/// A CmdStan CSV file that cannot be read, located as precisely as possible. The message is complete on its own:
/// <c>FILE:LINE:COLUMN: problem</c>, for example <c>output_1.csv:57:theta: 'abc' is not a number</c>; unknown parts are
/// left out. (Same shape as the IO folder's <c>InputException</c>, so the two can be merged.)
/// </summary>
public sealed class StanCsvFormatException : Exception
{
    /// <summary>Creates an exception for <paramref name="file"/>, optionally at a line and column.</summary>
    /// <param name="file">The file as the user named it.</param>
    /// <param name="line">1-based physical line, or null when the problem concerns the whole file.</param>
    /// <param name="column">Column name, or null when the problem concerns a whole line or the file.</param>
    /// <param name="problem">What is wrong and what is expected instead.</param>
    public StanCsvFormatException(string file, int? line, string? column, string problem)
        : base(Format(file, line, column, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>1-based physical line in the file, or null for whole-file problems.</summary>
    public int? Line { get; }

    /// <summary>Column name, or null.</summary>
    public string? Column { get; }

    /// <summary>The problem without the location prefix.</summary>
    public string Problem { get; }

    private static string Format(string file, int? line, string? column, string problem)
    {
        string location = file;
        if (line is { } l) location += $":{l}";
        if (column is not null) location += $":{column}";
        return $"{location}: {problem}";
    }
}
