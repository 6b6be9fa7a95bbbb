namespace BayesSfh.IO;

/// <summary>
/// A problem with an input file, located as precisely as possible. The message is written for the person who made the
/// file and is complete on its own: <c>FILE:LINE:COLUMN: problem</c>, for example
/// <c>templates.csv:17:value: negative value -3 (values must be finite and ≥ 0)</c>. Parts that are unknown are left out
/// (<c>observed.csv: missing bins 5, 6 (…)</c>).
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates an exception for <paramref name="file"/>, optionally at a line and column.</summary>
    /// <param name="file">The file as the user named it.</param>
    /// <param name="line">1-based physical line in the file, or null when the problem concerns the whole file.</param>
    /// <param name="column">Column (header) name, or null when the problem concerns a whole row or the whole file.</param>
    /// <param name="problem">What is wrong and what is expected instead.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public InputException(string file, int? line, string? column, string problem, Exception? innerException = null)
        : base(Format(file, line, column, problem), innerException)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>1-based physical line in the file (the header is line 1), or null for whole-file problems.</summary>
    public int? Line { get; }

    /// <summary>Column (header) name, or null when the problem concerns a whole row or the whole file.</summary>
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
