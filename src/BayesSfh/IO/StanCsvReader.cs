using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using BayesSfh.Diagnostics;

namespace BayesSfh.IO;

/// <summary>
/// Reads CmdStan-format CSV files (one chain each): ours, and Stan's from Stan 1.3 to CmdStan 2.37.
/// </summary>
/// <remarks>
/// Layout understood: a comment header of <c>key = value</c> lines (indented two spaces per level; lines without
/// <c>=</c> open a section); the first line not starting with <c>#</c> is the column header; then data rows and comment
/// lines in any order. Rows before <c># Adaptation terminated</c> are warm-up draws, rows after it post-warm-up draws;
/// in a file without that line every row is a post-warm-up draw, unless the header says <c>save_warmup</c> with
/// <c>num_warmup</c> &gt; 0 for a sampler that adapts (a run stopped during warm-up), then every row is a warm-up draw.
/// After it come <c># Step size = ε</c> and the inverse metric (<c># Diagonal elements of inverse mass matrix:</c> and one
/// line, <c># Elements of inverse mass matrix:</c> and d lines of d values, or <c># No free parameters for unit metric</c>),
/// and at the end the <c>Elapsed Time</c> footer. Blank lines are ignored, other comments too. Numbers may be written as
/// C++, R or .NET write them, including <c>nan</c>, <c>inf</c> and <c>-inf</c>. Any number of sampler columns (Stan 1.x
/// has four) and any column names are accepted.
/// </remarks>
public static partial class StanCsvReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file is malformed; the message names the file, line and column.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static StanCsvFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads CmdStan CSV text from <paramref name="reader"/>; <paramref name="fileName"/> is used in messages.</summary>
    /// <exception cref="InputException">The text is malformed; the message names the file, line and column.</exception>
    public static StanCsvFile Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        var state = new ReadState(fileName);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            state.LineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (state.Columns is null)
            {
                if (line[0] == '#') state.ConfigLine(line);
                else state.HeaderLine(line);
            }
            else if (line[0] == '#') state.BodyComment(line.AsSpan(1));
            else state.DataRow(line);
        }
        return state.Finish();
    }

    [GeneratedRegex(@"^\s*(?:Elapsed Time:)?\s*(\S+)\s+seconds\s+\((Warm-up|Sampling|Total)\)\s*$")]
    private static partial Regex TimingLine();

    private sealed class ReadState(string file)
    {
        private readonly List<StanCsvConfigEntry> _config = [];
        private readonly List<(int Depth, string Name)> _sections = [];
        private List<double>[] _values = [];
        private int _rows;
        private int? _adaptationRow;
        private int _adaptationLine;
        private double _stepSize = double.NaN;
        private StanCsvInverseMetric? _metric;
        private StanCsvMetric? _pendingMetric;
        private readonly List<double> _metricValues = [];
        private int _denseRowsLeft;
        private int? _denseDimension;
        private int _metricLine;
        private double _warmupSeconds = double.NaN, _samplingSeconds = double.NaN, _totalSeconds = double.NaN;
        private bool _timingSeen;

        public int LineNumber { get; set; }

        public ImmutableArray<string>? Columns { get; private set; }

        public void ConfigLine(string line)
        {
            ReadOnlySpan<char> text = line.AsSpan(1);
            int spaces = 0;
            while (spaces < text.Length && text[spaces] == ' ') spaces++;
            int depth = Math.Max(spaces - 1, 0) / 2;
            ReadOnlySpan<char> content = text[spaces..].TrimEnd();
            if (content.IsEmpty) return;
            while (_sections.Count > 0 && _sections[^1].Depth >= depth) _sections.RemoveAt(_sections.Count - 1);
            int equals = content.IndexOf('=');
            if (equals < 0)
            {
                _sections.Add((depth, content.ToString()));
                return;
            }
            string key = content[..equals].Trim().ToString();
            ReadOnlySpan<char> value = content[(equals + 1)..].Trim();
            bool isDefault = value.EndsWith("(Default)", StringComparison.Ordinal);
            if (isDefault) value = value[..^"(Default)".Length].TrimEnd();
            string path = string.Join('.', _sections.Select(s => s.Name).Append(key));
            _config.Add(new StanCsvConfigEntry(key, path, value.ToString(), isDefault, LineNumber));
        }

        public void HeaderLine(string line)
        {
            string[] names = line.Split(',');
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int j = 0; j < names.Length; j++)
            {
                names[j] = names[j].Trim();
                if (names[j].Length == 0) throw Error(null, $"column {j + 1} of the header has no name");
                if (!seen.Add(names[j])) throw Error(null, $"column name '{names[j]}' appears twice in the header");
            }
            Columns = [.. names];
            _values = names.Select(_ => new List<double>()).ToArray();
        }

        public void DataRow(string line)
        {
            if (_pendingMetric is not null) throw Error(null, $"expected {MetricRowsLeft()} of the inverse metric (line {_metricLine}), found a data row");
            var names = Columns!.Value;
            int j = 0;
            foreach (Range range in line.AsSpan().Split(','))
            {
                if (j >= names.Length) throw Error(null, $"the row has more than the {names.Length} values of the header");
                ReadOnlySpan<char> field = line.AsSpan()[range];
                if (!StanCsvText.TryParse(field, out double value)) throw Error(names[j], $"'{field.ToString()}' is not a number");
                _values[j].Add(value);
                j++;
            }
            if (j != names.Length)
            {
                for (int k = 0; k < j; k++) _values[k].RemoveAt(_values[k].Count - 1);
                throw Error(null, $"the row has {j} values, the header has {names.Length} columns");
            }
            _rows++;
        }

        public void BodyComment(ReadOnlySpan<char> text)
        {
            if (_pendingMetric is not null)
            {
                MetricRow(text);
                return;
            }
            ReadOnlySpan<char> content = text.Trim();
            if (content.SequenceEqual("Adaptation terminated"))
            {
                if (_adaptationRow is not null) throw Error(null, $"a second '# Adaptation terminated' (the first is on line {_adaptationLine})");
                _adaptationRow = _rows;
                _adaptationLine = LineNumber;
            }
            else if (content.StartsWith("Step size", StringComparison.Ordinal))
            {
                int equals = content.IndexOf('=');
                if (equals < 0 || !StanCsvText.TryParse(content[(equals + 1)..], out _stepSize))
                    throw Error(null, $"'{content.ToString()}' is not '# Step size = NUMBER'");
            }
            else if (content.SequenceEqual("Diagonal elements of inverse mass matrix:")) StartMetric(StanCsvMetric.Diagonal);
            else if (content.SequenceEqual("Elements of inverse mass matrix:")) StartMetric(StanCsvMetric.Dense);
            else if (content.SequenceEqual("No free parameters for unit metric")) _metric = StanCsvInverseMetric.Unit;
            else if (content.Contains("seconds (", StringComparison.Ordinal)) Timing(content.ToString());
        }

        public StanCsvFile Finish()
        {
            if (_pendingMetric is not null)
                throw new InputException(file, LineNumber, null, $"the file ends before {MetricRowsLeft()} of the inverse metric (line {_metricLine})");
            if (Columns is not { } names)
                throw new InputException(file, null, null, "no column header: every line is a comment or blank");
            int warmupRows = _adaptationRow ?? (StoppedInWarmup() ? _rows : 0);
            var warmup = new double[names.Length][];
            var draws = new double[names.Length][];
            for (int j = 0; j < names.Length; j++)
            {
                List<double> column = _values[j];
                warmup[j] = column.GetRange(0, warmupRows).ToArray();
                draws[j] = column.GetRange(warmupRows, _rows - warmupRows).ToArray();
            }
            var adaptation = _adaptationRow is null ? null : new StanCsvAdaptation(_stepSize, _metric);
            var timing = _timingSeen ? new StanCsvTiming(_warmupSeconds, _samplingSeconds, _totalSeconds) : null;
            return new StanCsvFile(file, [.. _config], DrawsTable.Wrap(names, warmup, warmupRows), DrawsTable.Wrap(names, draws, _rows - warmupRows),
                adaptation, timing);
        }

        private bool StoppedInWarmup()
        {
            string? Value(string key) => _config.FirstOrDefault(e => e.Key == key)?.Value;
            bool saveWarmup = Value("save_warmup") is "true" or "1";
            bool adapts = Value("algorithm") != "fixed_param" && Value("engaged") is not ("false" or "0");
            return saveWarmup && adapts && int.TryParse(Value("num_warmup"), out int warmup) && warmup > 0;
        }

        private void StartMetric(StanCsvMetric kind)
        {
            _pendingMetric = kind;
            _metricValues.Clear();
            _denseDimension = null;
            _denseRowsLeft = 0;
            _metricLine = LineNumber;
        }

        private void MetricRow(ReadOnlySpan<char> text)
        {
            ReadOnlySpan<char> content = text.Trim();
            var row = new List<double>();
            if (!content.IsEmpty)
            {
                foreach (Range range in content.Split(','))
                {
                    ReadOnlySpan<char> field = content[range].Trim();
                    if (!StanCsvText.TryParse(field, out double value)) throw Error(null, $"'{field.ToString()}' in the inverse metric is not a number");
                    row.Add(value);
                }
            }
            if (_pendingMetric == StanCsvMetric.Diagonal)
            {
                _metric = row.Count == 0 ? null : StanCsvInverseMetric.Diagonal(CollectionsMarshal.AsSpan(row));
                _pendingMetric = null;
                return;
            }
            if (_denseDimension is not { } dimension)
            {
                if (row.Count == 0) throw Error(null, "the first row of the dense inverse metric is empty");
                _denseDimension = dimension = row.Count;
                _denseRowsLeft = row.Count;
            }
            if (row.Count != dimension) throw Error(null, $"a row of the dense inverse metric has {row.Count} values, the first row has {dimension}");
            _metricValues.AddRange(row);
            if (--_denseRowsLeft == 0)
            {
                _metric = StanCsvInverseMetric.Dense(CollectionsMarshal.AsSpan(_metricValues));
                _pendingMetric = null;
            }
        }

        private string MetricRowsLeft() => _pendingMetric == StanCsvMetric.Diagonal
            ? "the diagonal"
            : _denseDimension is null ? "the rows" : $"{_denseRowsLeft} more row(s)";

        private void Timing(string content)
        {
            Match match = TimingLine().Match(content);
            if (!match.Success) return;
            if (!StanCsvText.TryParse(match.Groups[1].ValueSpan, out double seconds))
                throw Error(null, $"'{match.Groups[1].Value}' in the elapsed-time footer is not a number");
            _timingSeen = true;
            switch (match.Groups[2].Value)
            {
                case "Warm-up": _warmupSeconds = seconds; break;
                case "Sampling": _samplingSeconds = seconds; break;
                default: _totalSeconds = seconds; break;
            }
        }

        private InputException Error(string? column, string problem) => new(file, LineNumber, column, problem);
    }
}
