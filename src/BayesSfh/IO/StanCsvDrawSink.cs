using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Sampling.Nuts;
using BayesSfh.Sampling.Running;

namespace BayesSfh.IO;

/// <summary>
/// An <see cref="IDrawSink"/> that streams one chain into a CmdStan CSV file through a <see cref="StanCsvWriter"/>:
/// each kept draw is mapped from the unconstrained θ to the output values by a caller-supplied transform, warm-up rows
/// are written when <see cref="StanCsvConfig.SaveWarmup"/>, every <see cref="StanCsvConfig.Thin"/>-th iteration is kept,
/// and the adaptation block and timing footer come from the sampler. Generic: it knows nothing of the model.
/// </summary>
/// <remarks>
/// The file is <c>PATH.partial</c> until <see cref="Complete"/> renames it (see <see cref="StanCsvWriter"/>); a chain that
/// fails or is cancelled leaves only the partial file, and <see cref="Dispose"/> closes it. <see cref="Write"/> allocates
/// nothing. Not thread-safe: one sink per chain, called from that chain's thread.
/// </remarks>
public sealed class StanCsvDrawSink : IDrawSink, IDisposable
{
    private readonly StanCsvWriter _writer;
    private readonly StanCsvConfig _config;
    private readonly Action<ReadOnlySpan<double>, Span<double>> _transform;
    private readonly double[] _values;

    /// <summary>Creates <c>PATH.partial</c> and writes the header and column names.</summary>
    /// <param name="path">Final file name (its folder is created when missing).</param>
    /// <param name="config">Header configuration; its metric kind must be the one warm-up produces, its counts the run's.</param>
    /// <param name="parameterNames">Output column names after the sampler columns (see <see cref="StanCsvWriter.Create"/>).</param>
    /// <param name="transform">
    /// Writes the output values (length = number of names) for a draw θ (length d); called on the chain's thread. Must
    /// not keep the spans.
    /// </param>
    /// <param name="flushEvery">Rows between flushes to the operating system. Range: ≥ 1.</param>
    /// <exception cref="ArgumentException">A name is invalid or repeated, or a header value contains a line break.</exception>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public StanCsvDrawSink(string path, StanCsvConfig config, IReadOnlyList<string> parameterNames,
        Action<ReadOnlySpan<double>, Span<double>> transform, int flushEvery = 100)
    {
        ArgumentNullException.ThrowIfNull(transform);
        _writer = StanCsvWriter.Create(path, config, parameterNames, flushEvery);
        _config = config;
        _transform = transform;
        _values = new double[parameterNames.Count];
    }

    /// <summary>The final file name, which exists only after <see cref="Complete"/>.</summary>
    public string Path => _writer.Path;

    /// <summary>True once the chain is complete and the file renamed.</summary>
    public bool IsComplete => _writer.IsComplete;

    /// <inheritdoc/>
    public void Write(int iteration, bool isWarmup, in NutsInfo info, ReadOnlySpan<double> position)
    {
        if (isWarmup && !_config.SaveWarmup) return;
        if (iteration % _config.Thin != 0) return;
        _transform(position, _values);
        _writer.WriteDraw(new StanCsvSamplerStats(info.LogDensity, info.AcceptStat, info.StepSize, info.TreeDepth, info.LeapfrogSteps,
            info.Divergent, info.Energy), _values);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The adapted metric's kind differs from the header's.</exception>
    public void AdaptationComplete(AdaptationResult adaptation)
    {
        ArgumentNullException.ThrowIfNull(adaptation);
        _writer.WriteAdaptation(adaptation.StepSize, ToInverseMetric(adaptation.Metric));
    }

    /// <inheritdoc/>
    public void Complete(ChainStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        _writer.Complete(StanCsvTiming.FromPhases(statistics.WarmupTime.TotalSeconds, statistics.SamplingTime.TotalSeconds));
    }

    /// <summary>Closes the file; without <see cref="Complete"/> it stays partial.</summary>
    public void Dispose() => _writer.Dispose();

    /// <summary>CmdStan's metric kind of a sampler metric kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind.</exception>
    public static StanCsvMetric ToStanMetric(MetricKind kind) => kind switch
    {
        MetricKind.Unit => StanCsvMetric.Unit,
        MetricKind.Diagonal => StanCsvMetric.Diagonal,
        MetricKind.Dense => StanCsvMetric.Dense,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown metric kind."),
    };

    /// <summary>The inverse-metric block of a sampler metric.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind.</exception>
    public static StanCsvInverseMetric ToInverseMetric(IMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return ToStanMetric(metric.Kind) switch
        {
            StanCsvMetric.Unit => StanCsvInverseMetric.Unit,
            StanCsvMetric.Diagonal => StanCsvInverseMetric.Diagonal(metric.ToInverseMetricArray()),
            _ => StanCsvInverseMetric.Dense(metric.ToInverseMetricArray()),
        };
    }
}
