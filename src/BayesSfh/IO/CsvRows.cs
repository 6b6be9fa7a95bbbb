using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace BayesSfh.IO;

/// <summary>
/// Streams the data rows of a CSV file with a header row, one record at a time (the file text is never held in memory),
/// and parses fields with invariant culture, turning every problem into an <see cref="InputException"/> that names the
/// file, the physical line and the column.
/// </summary>
/// <remarks>
/// Header names are matched case-insensitively after trimming; columns may come in any order. An unknown or repeated
/// column is an error on line 1. Blank (or all-whitespace) lines are skipped; a row whose field count differs from the
/// header's is an error. Fields are parsed on demand through the typed accessors (<see cref="Number"/>,
/// <see cref="Index"/>, …), whose <c>rule</c> argument states what is expected and ends every message about that field.
/// </remarks>
internal sealed class CsvRows : IDisposable
{
    private const int BufferSize = 1 << 16;

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        BufferSize = BufferSize,
        IgnoreBlankLines = true,
        DetectDelimiter = false,
    };

    private readonly CsvParser _parser;
    private readonly string[] _columns;
    private readonly Func<string, bool> _isKnown;
    private readonly string _expected;
    private readonly string?[] _lastText;
    private readonly double[] _lastNumber;

    private CsvRows(string file, CsvParser parser, string[] columns, Func<string, bool> isKnown, string expected)
    {
        File = file;
        _lastText = new string?[columns.Length];
        _lastNumber = new double[columns.Length];
        _parser = parser;
        _columns = columns;
        _isKnown = isKnown;
        _expected = expected;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>
    /// 1-based physical line where the current record starts (a record spanning several lines through a quoted line
    /// break starts before <see cref="CsvParser.RawRow"/>).
    /// </summary>
    public int Line
    {
        get
        {
            ReadOnlySpan<char> raw = _parser.RawRecord.AsSpan().TrimEnd("\r\n");
            int line = _parser.RawRow;
            for (int i = 0; i < raw.Length; i++)
                if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n'))) line--;
            return line;
        }
    }

    /// <summary>Opens <paramref name="file"/> and checks its header.</summary>
    /// <param name="file">Path as the user gave it (used in messages).</param>
    /// <param name="expected">The accepted header(s) in words, for messages, e.g. <c>bin,count or x_bin,y_bin,count</c>.</param>
    /// <param name="known">Every column name the format allows, lower case.</param>
    /// <exception cref="InputException">The file is missing or unreadable, empty, or has an unknown or repeated column.</exception>
    public static CsvRows Open(string file, string expected, params string[] known) =>
        Open(file, expected, name => Array.IndexOf(known, name) >= 0);

    /// <summary>Opens <paramref name="file"/> and checks its header against a rule for column names.</summary>
    /// <param name="file">Path as the user gave it (used in messages).</param>
    /// <param name="expected">The accepted header(s) in words, for messages.</param>
    /// <param name="isKnown">True for every allowed column name (given lower case).</param>
    /// <exception cref="InputException">The file is missing or unreadable, empty, or has an unknown or repeated column.</exception>
    public static CsvRows Open(string file, string expected, Func<string, bool> isKnown)
    {
        var parser = new CsvParser(OpenText(file), Configuration);
        try
        {
            if (!ReadRecord(parser, file))
                throw new InputException(file, 1, null, $"the file is empty; expected a header row {expected}");
            var columns = new string[parser.Count];
            for (int i = 0; i < columns.Length; i++)
            {
                string name = parser[i].Trim();
                string canonical = name.ToLowerInvariant();
                if (name.Length == 0)
                    throw new InputException(file, 1, null, $"header field {i + 1} is empty (a stray comma?); expected {expected}");
                if (!isKnown(canonical))
                    throw new InputException(file, 1, name, $"unknown column \"{name}\"; expected {expected}");
                if (Array.IndexOf(columns, canonical, 0, i) >= 0)
                    throw new InputException(file, 1, canonical, $"column \"{canonical}\" appears twice in the header");
                columns[i] = canonical;
            }
            return new CsvRows(file, parser, columns, isKnown, expected);
        }
        catch
        {
            parser.Dispose();
            throw;
        }
    }

    /// <summary>True when the header has column <paramref name="name"/>.</summary>
    public bool Has(string name) => Array.IndexOf(_columns, name) >= 0;

    /// <summary>Field index of the required column <paramref name="name"/>.</summary>
    /// <exception cref="InputException">The header lacks the column (line 1).</exception>
    public int Column(string name)
    {
        int index = Array.IndexOf(_columns, name);
        return index >= 0 ? index : throw HeaderError(name, $"missing column \"{name}\"; expected {_expected}");
    }

    /// <summary>The name of field <paramref name="column"/>, or false past the last column.</summary>
    public bool TryName(int column, out string? name)
    {
        name = column < _columns.Length ? _columns[column] : null;
        return name is not null;
    }

    /// <summary>The column name of field <paramref name="column"/>.</summary>
    public string Name(int column) => _columns[column];

    /// <summary>Advances to the next non-blank record.</summary>
    /// <returns>False at the end of the file.</returns>
    /// <exception cref="InputException">Malformed CSV, a wrong number of fields, or a read error.</exception>
    public bool Read()
    {
        while (ReadRecord(_parser, File))
        {
            int count = _parser.Count;
            if (count == _columns.Length) return true;
            if (count == 1 && string.IsNullOrWhiteSpace(_parser[0])) continue;
            throw Error(null, $"this row has {count} fields but the header has {_columns.Length} ({string.Join(",", _columns)})");
        }
        return false;
    }

    /// <summary>Field <paramref name="column"/> of the current row, trimmed.</summary>
    public string Text(int column) => _parser[column].Trim();

    /// <summary>Field <paramref name="column"/> as a number (NaN and ±Infinity included).</summary>
    /// <remarks>Remembers the last text parsed per column, so that repeated keys (log_age, mh) are parsed once.</remarks>
    /// <exception cref="InputException">The field is not a number.</exception>
    public double Number(int column, string rule)
    {
        string field = _parser[column];
        if (field == _lastText[column]) return _lastNumber[column];
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw Error(column, $"{Name(column)} \"{field.Trim()}\" is not a number ({rule})");
        _lastText[column] = field;
        return _lastNumber[column] = value;
    }

    /// <summary>Field <paramref name="column"/> as a finite number.</summary>
    /// <exception cref="InputException">The field is not a finite number.</exception>
    public double Finite(int column, string rule)
    {
        double value = Number(column, rule);
        return double.IsFinite(value) ? value : throw Error(column, $"{Name(column)} {Text(column)} is not finite ({rule})");
    }

    /// <summary>Field <paramref name="column"/> as a finite number ≥ 0.</summary>
    /// <exception cref="InputException">The field is not a finite non-negative number.</exception>
    public double NonNegative(int column, string rule)
    {
        double value = Finite(column, rule);
        return value >= 0 ? value : throw Error(column, $"negative {Name(column)} {Text(column)} ({rule})");
    }

    /// <summary>Field <paramref name="column"/> as a finite number &gt; 0.</summary>
    /// <exception cref="InputException">The field is not a finite positive number.</exception>
    public double Positive(int column, string rule)
    {
        double value = Finite(column, rule);
        return value > 0 ? value : throw Error(column, $"{Name(column)} {Text(column)} is not positive ({rule})");
    }

    /// <summary>Field <paramref name="column"/> as a whole number ≥ 0 (written as an integer or as e.g. <c>12.0</c>).</summary>
    /// <exception cref="InputException">The field is not a finite whole number ≥ 0.</exception>
    public double WholeNumber(int column, string rule)
    {
        double value = NonNegative(column, rule);
        return value == Math.Floor(value) ? value : throw Error(column, $"{Name(column)} {Text(column)} is not a whole number ({rule})");
    }

    /// <summary>Field <paramref name="column"/> as an index 0 ≤ i &lt; <paramref name="count"/>.</summary>
    /// <exception cref="InputException">The field is not a whole number in range.</exception>
    public int Index(int column, int count, string rule)
    {
        string field = _parser[column];
        if (!int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index))
        {
            double value = Number(column, rule);
            if (value != Math.Floor(value) || !double.IsFinite(value))
                throw Error(column, $"{Name(column)} {field.Trim()} is not a whole number ({rule})");
            index = value < 0 ? -1 : value >= count ? count : (int)value;
        }
        if (index < 0) throw Error(column, $"negative {Name(column)} {field.Trim()} ({rule})");
        if (index >= count) throw Error(column, $"{Name(column)} {field.Trim()} is out of range ({rule})");
        return index;
    }

    /// <summary>An error at the current row; <paramref name="column"/> null for whole-row problems.</summary>
    public InputException Error(int? column, string problem) =>
        new(File, Line, column is { } c ? Name(c) : null, problem);

    /// <summary>An error at <paramref name="line"/>.</summary>
    public InputException ErrorAt(int line, string? column, string problem) => new(File, line, column, problem);

    /// <summary>An error in the header (line 1).</summary>
    public InputException HeaderError(string? column, string problem) => new(File, 1, column, problem);

    /// <summary>An error about the whole file.</summary>
    public InputException FileError(string problem) => new(File, null, null, problem);

    /// <summary>
    /// Re-reads the file from the start and returns the line of the first row satisfying <paramref name="match"/>, for
    /// messages that name an earlier row (only used on error paths).
    /// </summary>
    public int? FindLine(Func<CsvRows, bool> match)
    {
        using var again = Open(File, _expected, _isKnown);
        while (again.Read())
            if (match(again)) return again.Line;
        return null;
    }

    /// <inheritdoc/>
    public void Dispose() => _parser.Dispose();

    private static StreamReader OpenText(string file)
    {
        try
        {
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
            return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(file, null, null, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException(file, null, null, $"cannot open the file: {e.Message}", e);
        }
    }

    private static bool ReadRecord(CsvParser parser, string file)
    {
        try
        {
            return parser.Read();
        }
        catch (CsvHelperException e)
        {
            throw new InputException(file, parser.RawRow, null, "malformed CSV (check quotes: a field that starts with \" must end with \")", e);
        }
        catch (IOException e)
        {
            throw new InputException(file, null, null, $"cannot read the file: {e.Message}", e);
        }
    }
}
