using System.Collections.Immutable;
using BayesSfh.Diagnostics;

namespace BayesSfh.IO;

/// <summary>The contents of one CmdStan CSV file (one chain), as <see cref="StanCsvReader"/> reads it.</summary>
public sealed class StanCsvFile
{
    internal StanCsvFile(string fileName, ImmutableArray<StanCsvConfigEntry> config, DrawsTable warmupDraws, DrawsTable draws,
        StanCsvAdaptation? adaptation, StanCsvTiming? timing)
    {
        FileName = fileName;
        Config = config;
        WarmupDraws = warmupDraws;
        Draws = draws;
        Adaptation = adaptation;
        Timing = timing;
    }

    /// <summary>The file as the caller named it.</summary>
    public string FileName { get; }

    /// <summary>Every <c>key = value</c> line of the comment header before the column names, in order.</summary>
    public ImmutableArray<StanCsvConfigEntry> Config { get; }

    /// <summary>The column names of the header line, in order.</summary>
    public ImmutableArray<string> ColumnNames => Draws.ColumnNames;

    /// <summary>Rows written before <c># Adaptation terminated</c> (present when <c>save_warmup</c> was on).</summary>
    public DrawsTable WarmupDraws { get; }

    /// <summary>Rows written after <c># Adaptation terminated</c>: the post-warm-up draws.</summary>
    public DrawsTable Draws { get; }

    /// <summary>Step size and inverse metric, or null when the file has no <c># Adaptation terminated</c> line.</summary>
    public StanCsvAdaptation? Adaptation { get; }

    /// <summary>The elapsed-time footer, or null when the file has none (for example a run that did not finish).</summary>
    public StanCsvTiming? Timing { get; }

    /// <summary>
    /// The value of the first header entry whose <see cref="StanCsvConfigEntry.Path"/> equals
    /// <paramref name="keyOrPath"/> or, for a name without a dot, whose key equals it; null when there is none.
    /// </summary>
    public string? ConfigValue(string keyOrPath)
    {
        ArgumentNullException.ThrowIfNull(keyOrPath);
        foreach (var e in Config) if (e.Path == keyOrPath) return e.Value;
        if (keyOrPath.Contains('.')) return null;
        foreach (var e in Config) if (e.Key == keyOrPath) return e.Value;
        return null;
    }

    /// <summary>The header as a typed configuration (<see cref="StanCsvConfig.FromEntries"/>).</summary>
    /// <exception cref="InputException">A known key has a value of the wrong type.</exception>
    public StanCsvConfig ToConfig() => StanCsvConfig.FromEntries(Config, FileName);
}
