using System.Collections.Immutable;
using BayesSfh.Diagnostics;
using BayesSfh.Optimization;
using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Sampling.Nuts;
using BayesSfh.Sampling.Running;

namespace BayesSfh.Modelling;

/// <summary>Settings of a posterior run of an <see cref="SfhModel"/> (MAP, then NUTS around it).</summary>
public sealed record SfhSamplingOptions
{
    /// <summary>Number of chains (≥ 1).</summary>
    public int Chains { get; init; } = 4;

    /// <summary>Warm-up iterations per chain (≥ 0).</summary>
    public int Warmup { get; init; } = 1000;

    /// <summary>Post-warm-up draws per chain (≥ 1).</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>Run seed: chain c uses the stream (Seed, c), so the draws do not depend on <see cref="Threads"/>.</summary>
    public ulong Seed { get; init; }

    /// <summary>Metric adapted in warm-up (diagonal or dense); it starts from the MAP's Laplace covariance.</summary>
    public MetricKind Metric { get; init; } = MetricKind.Diagonal;

    /// <summary>Coordinates NUTS moves in.</summary>
    public SamplingCoordinates Coordinates { get; init; } = SamplingCoordinates.StarShare;

    /// <summary>Maximum NUTS tree depth (1–30).</summary>
    public int MaxTreeDepth { get; init; } = 10;

    /// <summary>Target acceptance statistic of step-size adaptation, in (0, 1).</summary>
    public double TargetAcceptance { get; init; } = 0.8;

    /// <summary>Chains run at once (null: processor count).</summary>
    public int? Threads { get; init; }

    /// <summary>Start jitter half-width in Laplace standard deviations (≥ 0).</summary>
    public double Jitter { get; init; } = 1.0;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range (the message names it).</exception>
    public SfhSamplingOptions Validate()
    {
        if (Chains < 1) throw new ArgumentException($"Chains must be ≥ 1 (got {Chains}).", nameof(Chains));
        if (Warmup < 0) throw new ArgumentException($"Warmup must be ≥ 0 (got {Warmup}).", nameof(Warmup));
        if (Draws < 1) throw new ArgumentException($"Draws must be ≥ 1 (got {Draws}).", nameof(Draws));
        if (Metric is not (MetricKind.Diagonal or MetricKind.Dense)) throw new ArgumentException("Metric must be diagonal or dense.", nameof(Metric));
        if (!(Jitter >= 0) || !double.IsFinite(Jitter)) throw new ArgumentException($"Jitter must be finite and ≥ 0 (got {Jitter}).", nameof(Jitter));
        ToSamplerOptions(null, new InitializationOptions()).Validate();
        return this;
    }

    /// <summary>The generic sampler options for a start (initial metric and initialisation).</summary>
    public SamplerRunOptions ToSamplerOptions(IMetric? initialMetric, InitializationOptions initialization) => new()
    {
        Seed = Seed,
        Chains = Chains,
        WarmupIterations = Warmup,
        SamplingIterations = Draws,
        MaxDegreeOfParallelism = Threads,
        Nuts = new NutsOptions { MaxTreeDepth = MaxTreeDepth },
        Warmup = new WarmupOptions
        {
            AdaptedMetric = Metric,
            InitialMetric = initialMetric,
            DualAveraging = new DualAveragingOptions { TargetAcceptance = TargetAcceptance },
        },
        Initialization = initialization,
        KeepDrawsInMemory = false,
        ProgressInterval = 10,
    };
}

/// <summary>The result of <see cref="SfhSampler.Sample"/>: the MAP, the chains in natural units, and their diagnostics.</summary>
/// <param name="Model">The model sampled.</param>
/// <param name="Options">The settings used.</param>
/// <param name="Map">The MAP the chains started from.</param>
/// <param name="Coordinates">The coordinates NUTS actually moved in.</param>
/// <param name="Run">Per-chain adaptation, timings and gradient counts.</param>
/// <param name="Chains">Post-warm-up draws per chain: CmdStan sampler columns, then <see cref="SfhModel.OutputNames"/>.</param>
/// <param name="Diagnostics">R̂, ESS, MCSE per output and the sampler checks, with warnings.</param>
public sealed record SfhPosterior(SfhModel Model, SfhSamplingOptions Options, FitResult Map, SamplingCoordinates Coordinates,
    SamplerRunResult Run, ImmutableArray<DrawsTable> Chains, DiagnosticsReport Diagnostics)
{
    /// <summary>Smallest bulk ESS over the free parameters (NaN if none is finite).</summary>
    public double MinBulkEss
    {
        get
        {
            var free = Model.Layout.FreeIndices.Select(i => Model.OutputNames[i]).ToHashSet(StringComparer.Ordinal);
            return Diagnostics.Summary.Rows.Where(r => free.Contains(r.Variable)).Select(r => r["ess_bulk"]).Where(double.IsFinite)
                .DefaultIfEmpty(double.NaN).Min();
        }
    }

    /// <summary>All post-warm-up draws of output <paramref name="name"/>, chain after chain.</summary>
    /// <exception cref="KeyNotFoundException">No such output.</exception>
    public double[] Pooled(string name) => [.. Chains.SelectMany(c => c.Column(name).ToArray())];
}

/// <summary>
/// Posterior sampling of an <see cref="SfhModel"/>: the MAP (with its Laplace covariance), then NUTS chains in
/// <see cref="SamplingCoordinates"/> started around it with the Laplace covariance as the initial metric, kept in memory in
/// natural units and summarised. The CLI's <c>sample</c> command is this plus CmdStan CSV sinks and a manifest.
/// </summary>
public static class SfhSampler
{
    /// <summary>Runs the chains.</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">Settings (validated here).</param>
    /// <param name="map">A posterior-mode fit of <paramref name="model"/>; fitted here when null.</param>
    /// <param name="extraSink">Optional extra sink per chain receiving sampler positions (e.g. a CSV writer via <see cref="SamplingSpace.ToOutput"/>).</param>
    /// <param name="progress">Optional progress reports from the chains' threads.</param>
    /// <param name="space">Receives the sampling space before the chains start (to build extra sinks).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static SfhPosterior Sample(SfhModel model, SfhSamplingOptions? options = null, FitResult? map = null,
        Func<int, SamplingSpace, IDrawSink?>? extraSink = null, IProgress<ChainProgress>? progress = null, Action<SamplingSpace>? space = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options = (options ?? new SfhSamplingOptions()).Validate();
        map ??= SfhFitter.Fit(model, new FitOptions { Objective = Objective.Posterior });
        if (map.Objective != Objective.Posterior) throw new ArgumentException("Chains start from a MAP (posterior) fit, not an MLE.", nameof(map));
        var samplingSpace = SamplingSpace.Create(model, map, options.Coordinates);
        space?.Invoke(samplingSpace);
        var (metric, initialization) = samplingSpace.StartingPoint(options.Metric, options.Jitter);
        var samplerOptions = options.ToSamplerOptions(metric, initialization);
        var names = model.OutputNames;
        var tables = new DrawsTableSink[options.Chains];
        var run = NutsSampler.Run(_ => samplingSpace.CreateDensity(), samplerOptions, c =>
        {
            tables[c] = new DrawsTableSink(names, samplingSpace.ToOutput, options.Draws);
            return new TeeDrawSink(tables[c], extraSink?.Invoke(c, samplingSpace));
        }, progress, cancellationToken);
        ImmutableArray<DrawsTable> chains = [.. tables.Select(t => t.ToTable())];
        var diagnostics = DiagnosticsReport.Create(chains, options.MaxTreeDepth);
        return new SfhPosterior(model, options, map, samplingSpace.Coordinates, run, chains, diagnostics);
    }
}
