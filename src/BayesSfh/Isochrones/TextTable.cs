using System.Globalization;
using BayesSfh.IO;

namespace BayesSfh.Isochrones;

/// <summary>
/// Whitespace-separated text helpers shared by the isochrone readers: a reusable tokenizer (no allocation per line) and
/// number parsing that also accepts Fortran forms (<c>1.0D+00</c>, and <c>1.234-100</c> with the <c>E</c> dropped).
/// </summary>
internal sealed class LineTokens
{
    private int[] _start = new int[64];
    private int[] _length = new int[64];

    public int Count { get; private set; }

    public string Line { get; private set; } = "";

    /// <summary>Splits <paramref name="line"/> at spaces and tabs, starting at <paramref name="offset"/>.</summary>
    public void Split(string line, int offset = 0)
    {
        Line = line;
        Count = 0;
        int i = offset, n = line.Length;
        while (true)
        {
            while (i < n && IsBlank(line[i])) i++;
            if (i >= n) break;
            int s = i;
            while (i < n && !IsBlank(line[i])) i++;
            if (Count == _start.Length)
            {
                Array.Resize(ref _start, Count * 2);
                Array.Resize(ref _length, Count * 2);
            }
            _start[Count] = s;
            _length[Count] = i - s;
            Count++;
        }
    }

    public ReadOnlySpan<char> this[int index] => Line.AsSpan(_start[index], _length[index]);

    public string Text(int index) => Line.Substring(_start[index], _length[index]);

    private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\r';
}

internal static class TextTable
{
    /// <summary>Column names of a header line: whitespace tokens after the leading '#' (if any).</summary>
    public static string[] Names(string line)
    {
        var text = line.AsSpan().TrimStart();
        if (text.StartsWith("#")) text = text[1..];
        return text.ToString().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Whether the line is a comment (first non-blank character '#').</summary>
    public static bool IsComment(string line) => line.AsSpan().TrimStart().StartsWith("#");

    /// <summary>Whether the line holds only blanks.</summary>
    public static bool IsBlank(string line) => line.AsSpan().IsWhiteSpace();

    /// <summary>Parses a number, also in Fortran notation; false if it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<char> token, out double value)
    {
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        return TryParseFortran(token, out value);
    }

    private static bool TryParseFortran(ReadOnlySpan<char> token, out double value)
    {
        value = double.NaN;
        if (token.Length > 64) return false;
        Span<char> buffer = stackalloc char[token.Length + 1];
        int n = 0;
        for (int i = 0; i < token.Length; i++)
        {
            char c = token[i];
            if (c is 'D' or 'd') c = 'E';
            // "1.234-100": a sign after a digit or '.' starts the exponent.
            else if ((c is '+' or '-') && i > 0 && (char.IsAsciiDigit(token[i - 1]) || token[i - 1] == '.')) buffer[n++] = 'E';
            buffer[n++] = c;
        }
        return double.TryParse(buffer[..n], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The value of column <paramref name="column"/> (named <paramref name="name"/>) on a data row; throws InputException when not a number.</summary>
    public static double Number(LineTokens tokens, int column, string name, string file, int line)
    {
        if (column >= tokens.Count)
            throw new InputException(file, line, name,
                $"the row has {tokens.Count} values but column '{name}' is number {column + 1} (truncated or malformed row)");
        if (!TryParse(tokens[column], out double value))
            throw new InputException(file, line, name, $"'{tokens.Text(column)}' is not a number");
        return value;
    }

    /// <summary>Index of <paramref name="name"/> in <paramref name="names"/> (ordinal), or −1.</summary>
    public static int IndexOf(string[] names, string name) => Array.IndexOf(names, name);

    /// <summary>Index of the first of <paramref name="candidates"/> present, or −1.</summary>
    public static int IndexOfAny(string[] names, params ReadOnlySpan<string> candidates)
    {
        foreach (string c in candidates)
        {
            int i = Array.IndexOf(names, c);
            if (i >= 0) return i;
        }
        return -1;
    }
}
