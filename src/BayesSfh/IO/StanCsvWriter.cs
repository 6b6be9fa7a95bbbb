using System.Globalization;
using System.Text;

namespace BayesSfh.IO;

/// <summary>
/// Writes one chain as a CmdStan CSV file while it is sampled: the configuration header and column names at creation,
/// one row per <see cref="WriteDraw"/>, the adaptation block, and the timing footer at <see cref="Complete"/>.
/// </summary>
/// <remarks>
/// <para>
/// Layout (CmdStan 2.35, so that cmdstanr, ArviZ's <c>from_cmdstan</c>, CmdStan's <c>stansummary</c> and our
/// <see cref="StanCsvReader"/> read the file unchanged): <see cref="StanCsvConfig"/>'s header lines; the column header
/// <c>lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__</c> then the parameter names; warm-up
/// rows when <see cref="StanCsvConfig.SaveWarmup"/>; <c># Adaptation terminated</c>, <c># Step size = ε</c>, the inverse
/// metric; post-warm-up rows; the footer <c># </c>, <c>#  Elapsed Time: X seconds (Warm-up)</c>,
/// <c>#                Y seconds (Sampling)</c>, <c>#                Z seconds (Total)</c>, <c># </c>. Lines end in
/// <c>\n</c>. Numbers are the shortest text that reads back to the same double (so a round trip is bit for bit), NaN
/// and ±∞ as <c>nan</c>, <c>inf</c>, <c>-inf</c>, the integer columns without decimals.
/// </para>
/// <para>
/// The file is written as <c>PATH.partial</c> and renamed to <c>PATH</c> only by <see cref="Complete"/>, after the row
/// counts have been checked against the header (⌈num_warmup/thin⌉ warm-up rows when saved, ⌈num_samples/thin⌉ draws:
/// the counts cmdstanr relies on), so an interrupted run never leaves a file that looks complete; an existing
/// <c>PATH</c> is deleted at creation for the same reason. Rows go to the file as they are written and are flushed to
/// the operating system every <c>flushEvery</c> rows. Not thread-safe: one writer per chain.
/// </para>
/// </remarks>
public sealed class StanCsvWriter : IDisposable
{
    private readonly StreamWriter _out;
    private readonly StanCsvConfig _config;
    private readonly int _parameterCount;
    private readonly int _flushEvery;
    private readonly char[] _number = new char[64];
    private int _rowsSinceFlush;
    private bool _adaptationWritten;
    private bool _closed;

    private StanCsvWriter(string path, StreamWriter output, StanCsvConfig config, int parameterCount, int flushEvery)
    {
        Path = path;
        _out = output;
        _config = config;
        _parameterCount = parameterCount;
        _flushEvery = flushEvery;
    }

    /// <summary>The final file name, which exists only after <see cref="Complete"/>.</summary>
    public string Path { get; }

    /// <summary>The file being written, <see cref="Path"/> + <c>.partial</c>.</summary>
    public string PartialPath => PartialPathOf(Path);

    /// <summary>Warm-up rows written so far.</summary>
    public int WarmupRowsWritten { get; private set; }

    /// <summary>Post-warm-up rows written so far.</summary>
    public int DrawRowsWritten { get; private set; }

    /// <summary>True once <see cref="Complete"/> has renamed the file.</summary>
    public bool IsComplete { get; private set; }

    /// <summary><paramref name="path"/> + <c>.partial</c>: where a chain is written until it is complete.</summary>
    public static string PartialPathOf(string path) => path + ".partial";

    /// <summary>
    /// Creates <c>PATH.partial</c> (deleting any <c>PATH</c>) and writes the header and the column names.
    /// </summary>
    /// <param name="path">Final file name, for example <c>chains/run/output_1.csv</c>; its folder is created when missing.</param>
    /// <param name="config">Run configuration for the header; its counts are checked by <see cref="Complete"/>.</param>
    /// <param name="parameterNames">
    /// Names of the parameter columns after the sampler columns, already in CmdStan form (<c>alpha</c>, <c>R.1</c>,
    /// <c>R.2</c>: 1-based, dotted, column-major): non-empty, unique, without commas, whitespace or quotes, not ending in
    /// <c>__</c>.
    /// </param>
    /// <param name="flushEvery">Rows between flushes to the operating system. Range: ≥ 1.</param>
    /// <exception cref="ArgumentException">A name is invalid or repeated, or a header value contains a line break.</exception>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public static StanCsvWriter Create(string path, StanCsvConfig config, IReadOnlyList<string> parameterNames, int flushEvery = 100)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(parameterNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(flushEvery, 1);
        CheckNames(parameterNames);
        IReadOnlyList<string> header = config.HeaderLines();

        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        if (File.Exists(path)) File.Delete(path);
        var stream = new FileStream(PartialPathOf(path), FileMode.Create, FileAccess.Write, FileShare.Read);
        var output = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n", AutoFlush = false };
        var writer = new StanCsvWriter(path, output, config, parameterNames.Count, flushEvery);
        foreach (string line in header) output.WriteLine(line);
        output.WriteLine(string.Join(',', StanCsvSamplerStats.ColumnNames.Concat(parameterNames)));
        output.Flush();
        return writer;
    }

    /// <summary>
    /// Writes one row: a warm-up draw before <see cref="WriteAdaptation"/> (allowed only when
    /// <see cref="StanCsvConfig.SaveWarmup"/>), a post-warm-up draw after it. The caller thins.
    /// </summary>
    /// <param name="stats">The sampler columns.</param>
    /// <param name="parameters">The parameter values, in the order of the names given to <see cref="Create"/>.</param>
    /// <exception cref="ArgumentException">The number of parameter values differs from the number of names.</exception>
    /// <exception cref="InvalidOperationException">A warm-up row without SaveWarmup, or the writer is closed.</exception>
    public void WriteDraw(in StanCsvSamplerStats stats, ReadOnlySpan<double> parameters)
    {
        EnsureOpen();
        if (parameters.Length != _parameterCount)
            throw new ArgumentException($"expected {_parameterCount} parameter values, got {parameters.Length}", nameof(parameters));
        if (!_adaptationWritten && !_config.SaveWarmup)
            throw new InvalidOperationException("warm-up rows are written only with SaveWarmup; call WriteAdaptation before the first draw");
        WriteNumber(stats.LogDensity);
        _out.Write(',');
        WriteNumber(stats.AcceptStat);
        _out.Write(',');
        WriteNumber(stats.StepSize);
        _out.Write(',');
        WriteInteger(stats.TreeDepth);
        _out.Write(',');
        WriteInteger(stats.LeapfrogSteps);
        _out.Write(',');
        _out.Write(stats.Divergent ? '1' : '0');
        _out.Write(',');
        WriteNumber(stats.Energy);
        foreach (double value in parameters)
        {
            _out.Write(',');
            WriteNumber(value);
        }
        _out.Write('\n');
        if (_adaptationWritten) DrawRowsWritten++;
        else WarmupRowsWritten++;
        if (++_rowsSinceFlush >= _flushEvery)
        {
            _out.Flush();
            _rowsSinceFlush = 0;
        }
    }

    /// <summary>
    /// Ends warm-up: writes <c># Adaptation terminated</c>, <c># Step size = ε</c> and the inverse metric
    /// (<c># Diagonal elements of inverse mass matrix:</c> and one line <c># v₁, v₂, …</c>; <c># Elements of inverse mass
    /// matrix:</c> and one line per row; or <c># No free parameters for unit metric</c>). CmdStan writes this block even
    /// when adaptation is off, and so must the caller, exactly once.
    /// </summary>
    /// <param name="stepSize">The step size used for sampling.</param>
    /// <param name="inverseMetric">The inverse metric; its kind must be the header's <see cref="StanCsvConfig.Metric"/>.</param>
    /// <exception cref="ArgumentException">The metric kind differs from the header's.</exception>
    /// <exception cref="InvalidOperationException">The block was already written, or the writer is closed.</exception>
    public void WriteAdaptation(double stepSize, StanCsvInverseMetric inverseMetric)
    {
        ArgumentNullException.ThrowIfNull(inverseMetric);
        EnsureOpen();
        if (_adaptationWritten) throw new InvalidOperationException("the adaptation block has already been written");
        if (inverseMetric.Kind != _config.Metric)
            throw new ArgumentException($"the header says metric = {StanCsvConfig.MetricName(_config.Metric)}, the inverse metric is {StanCsvConfig.MetricName(inverseMetric.Kind)}",
                nameof(inverseMetric));
        _out.WriteLine("# Adaptation terminated");
        _out.WriteLine("# Step size = " + StanCsvText.Format(stepSize));
        int d = inverseMetric.Dimension;
        switch (inverseMetric.Kind)
        {
            case StanCsvMetric.Unit:
                _out.WriteLine("# No free parameters for unit metric");
                break;
            case StanCsvMetric.Diagonal:
                _out.WriteLine("# Diagonal elements of inverse mass matrix:");
                WriteMetricRow(inverseMetric, 0, d);
                break;
            default:
                _out.WriteLine("# Elements of inverse mass matrix:");
                for (int row = 0; row < d; row++) WriteMetricRow(inverseMetric, row * d, d);
                break;
        }
        _out.Flush();
        _adaptationWritten = true;
    }

    /// <summary>
    /// Writes the timing footer, checks the row counts, flushes the file to disk, closes it and renames
    /// <see cref="PartialPath"/> to <see cref="Path"/> (replacing any file of that name).
    /// </summary>
    /// <param name="timing">Elapsed times; written with 6 significant digits as CmdStan does.</param>
    /// <exception cref="InvalidOperationException">
    /// No adaptation block, or row counts that differ from ⌈num_warmup/thin⌉ (when saved) and ⌈num_samples/thin⌉; the
    /// writer stays open and the file partial. Also when already completed or disposed.
    /// </exception>
    public void Complete(StanCsvTiming timing)
    {
        ArgumentNullException.ThrowIfNull(timing);
        EnsureOpen();
        if (!_adaptationWritten) throw new InvalidOperationException("WriteAdaptation has not been called");
        int expectedWarmup = _config.SaveWarmup ? CeilingDivide(_config.NumWarmup, _config.Thin) : 0;
        int expectedDraws = CeilingDivide(_config.NumSamples, _config.Thin);
        if (WarmupRowsWritten != expectedWarmup || DrawRowsWritten != expectedDraws)
            throw new InvalidOperationException(
                $"{WarmupRowsWritten} warm-up and {DrawRowsWritten} post-warm-up rows written, the header promises {expectedWarmup} and {expectedDraws}");
        _out.WriteLine("# ");
        _out.WriteLine("#  Elapsed Time: " + StanCsvText.FormatSeconds(timing.WarmupSeconds) + " seconds (Warm-up)");
        _out.WriteLine("#                " + StanCsvText.FormatSeconds(timing.SamplingSeconds) + " seconds (Sampling)");
        _out.WriteLine("#                " + StanCsvText.FormatSeconds(timing.TotalSeconds) + " seconds (Total)");
        _out.WriteLine("# ");
        _out.Flush();
        ((FileStream)_out.BaseStream).Flush(flushToDisk: true);
        _out.Dispose();
        _closed = true;
        File.Move(PartialPath, Path, overwrite: true);
        IsComplete = true;
    }

    /// <summary>Closes the file; without <see cref="Complete"/> it stays <see cref="PartialPath"/>.</summary>
    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _out.Dispose();
    }

    private void WriteMetricRow(StanCsvInverseMetric metric, int start, int count)
    {
        _out.Write('#');
        for (int k = 0; k < count; k++)
        {
            _out.Write(k == 0 ? " " : ", ");
            WriteNumber(metric.Values[start + k]);
        }
        _out.Write('\n');
    }

    private void WriteNumber(double value)
    {
        if (!StanCsvText.TryFormat(value, _number, out int written)) throw new InvalidOperationException("number buffer too small");
        _out.Write(_number.AsSpan(0, written));
    }

    private void WriteInteger(int value)
    {
        value.TryFormat(_number, out int written, default, CultureInfo.InvariantCulture);
        _out.Write(_number.AsSpan(0, written));
    }

    private void EnsureOpen()
    {
        if (_closed) throw new InvalidOperationException(IsComplete ? "the chain file is already complete" : "the writer has been disposed");
    }

    private static int CeilingDivide(int a, int b) => (a + b - 1) / b;

    private static void CheckNames(IReadOnlyList<string> names)
    {
        var seen = new HashSet<string>(StanCsvSamplerStats.ColumnNames, StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (string.IsNullOrEmpty(name) || name.Any(c => c == ',' || c == '"' || c == '\'' || char.IsWhiteSpace(c)) || name.EndsWith("__", StringComparison.Ordinal))
                throw new ArgumentException($"'{name}' is not a valid column name (non-empty, no commas, quotes or whitespace, not ending in __)", "parameterNames");
            if (!seen.Add(name)) throw new ArgumentException($"column name '{name}' is used twice", "parameterNames");
        }
    }
}
