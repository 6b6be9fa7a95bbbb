using System.Globalization;

namespace BayesSfh.IO;

/// <summary>Number formatting and parsing shared by <see cref="StanCsvReader"/> and <see cref="StanCsvWriter"/>.</summary>
internal static class StanCsvText
{
    /// <summary>
    /// Shortest text that reads back to the same double ("R", invariant culture); non-finite values as C++ streams
    /// write them: <c>nan</c>, <c>inf</c>, <c>-inf</c>.
    /// </summary>
    public static string Format(double value) => double.IsFinite(value)
        ? CsvText.Number(value)
        : double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

    /// <summary>Writes <see cref="Format"/> of <paramref name="value"/> into <paramref name="destination"/> without allocating.</summary>
    public static bool TryFormat(double value, Span<char> destination, out int written)
    {
        if (double.IsFinite(value)) return value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture);
        string text = double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        written = text.Length;
        return text.AsSpan().TryCopyTo(destination);
    }

    /// <summary>
    /// A C++-stream-like rendering with 6 significant digits (<c>0.003</c>, <c>12.3457</c>, <c>1.5e-05</c>), as CmdStan
    /// prints elapsed times.
    /// </summary>
    public static string FormatSeconds(double seconds) =>
        seconds.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    /// <summary>
    /// Parses a number as CmdStan, R or .NET may write it: invariant decimal or exponent notation, and NaN/±∞ as
    /// <c>nan</c>, <c>-nan</c>, <c>inf</c>, <c>+inf</c>, <c>-inf</c>, <c>infinity</c>, <c>NaN</c>, <c>Inf</c>,
    /// <c>Infinity</c> (any case).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        ReadOnlySpan<char> body = text;
        bool negative = false;
        if (body.Length > 0 && (body[0] == '-' || body[0] == '+'))
        {
            negative = body[0] == '-';
            body = body[1..];
        }
        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        value = 0;
        return false;
    }
}
