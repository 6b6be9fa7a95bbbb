using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using BayesSfh.Randomness;
using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Hamiltonian;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Sampling.Nuts;

namespace BayesSfh.Sampling.Running;

/// <summary>
/// Runs independent NUTS chains with Stan's warm-up in parallel (Stan <c>services/sample/hmc_nuts_*_adapt</c> and
/// <c>run_adaptive_sampler</c>, one process per chain there; threads here).
/// </summary>
/// <remarks>
/// <para>
/// Chain c uses its own random stream <c>Xoshiro256StarStar.ForStream(seed, c)</c>, density instance, workspace and
/// sink, and its result goes to slot c: the output is bit-identical for a given seed whatever the degree of parallelism
/// and the scheduling. Random numbers of a chain, in order: initial point, initial step-size search, then per iteration
/// one transition (and a step-size search after each metric update). The guarantee is per machine: vector reductions
/// (<c>TensorPrimitives.Dot</c>, <c>Sum</c>) group terms by SIMD width, so the last bits, and hence the draws, may
/// differ between e.g. AVX2 and AVX-512 hardware.
/// </para>
/// <para>
/// A bad region of the density never crashes a chain (it is a divergence, see <see cref="GuardedLogDensity"/>). A chain
/// fails (and the run throws) only if no finite starting point is found, if the step-size search declares the posterior
/// improper, if metric adaptation overflows, or if the density throws something other than an
/// <see cref="ArithmeticException"/>.
/// </para>
/// </remarks>
public static class NutsSampler
{
    /// <summary>Runs <see cref="SamplerRunOptions.Chains"/> chains in parallel.</summary>
    /// <param name="densityFactory">Creates the density of chain c (called on the calling thread, in chain order; densities are not shared because they own scratch buffers).</param>
    /// <param name="options">Run options; validated here.</param>
    /// <param name="sinkFactory">Optional extra sink per chain (e.g. a CSV writer), called on the calling thread in chain order.</param>
    /// <param name="progress">Optional progress receiver, called from worker threads.</param>
    /// <param name="cancellationToken">Stops every chain at its next iteration.</param>
    /// <returns>The chains in id order.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    /// <exception cref="ArgumentException">The densities' dimensions disagree with each other or with the options.</exception>
    /// <exception cref="InvalidOperationException">A chain failed (see the remarks).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static SamplerRunResult Run(Func<int, ILogDensity> densityFactory, SamplerRunOptions options,
        Func<int, IDrawSink>? sinkFactory = null, IProgress<ChainProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(densityFactory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int chains = options.Chains;
        var densities = new ILogDensity[chains];
        var sinks = new IDrawSink?[chains];
        for (int c = 0; c < chains; c++)
        {
            densities[c] = densityFactory(c) ?? throw new ArgumentException($"The density factory returned null for chain {c}.", nameof(densityFactory));
            if (densities[c].Dimension != densities[0].Dimension)
                throw new ArgumentException($"Chain {c} has dimension {densities[c].Dimension}, chain 0 {densities[0].Dimension}.", nameof(densityFactory));
            sinks[c] = sinkFactory?.Invoke(c);
        }

        var results = new ChainResult[chains];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveDegreeOfParallelism, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, chains, parallel, c => results[c] = RunChain(c, densities[c], options, sinks[c], progress, cancellationToken));
        }
        catch (AggregateException e)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Several chains usually fail for one reason (a bad start, a wrong dimension), and how many of them get to fail
            // before the loop stops depends on timing: surface one failure, preferring argument errors, so that callers
            // see the same exception type on every run.
            var inner = e.Flatten().InnerExceptions;
            var first = inner.FirstOrDefault(x => x is ArgumentException) ?? inner[0];
            ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }
        return new SamplerRunResult(options, [.. results]);
    }

    /// <summary>Runs one chain on the calling thread.</summary>
    /// <param name="chainId">c ≥ 0: selects the random stream.</param>
    /// <param name="density">The chain's own density instance.</param>
    /// <param name="options">Run options (<see cref="SamplerRunOptions.Chains"/> and parallelism are ignored); validated here.</param>
    /// <param name="sink">Optional extra sink.</param>
    /// <param name="progress">Optional progress receiver.</param>
    /// <param name="cancellationToken">Checked before every iteration.</param>
    /// <returns>The chain's result.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options or a negative chain id.</exception>
    /// <exception cref="ArgumentException">The dimension disagrees with the options (initial point or metric).</exception>
    /// <exception cref="InvalidOperationException">The chain failed (see the class remarks).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static ChainResult RunChain(int chainId, ILogDensity density, SamplerRunOptions options, IDrawSink? sink = null,
        IProgress<ChainProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chainId);
        ArgumentNullException.ThrowIfNull(density);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var guarded = density as GuardedLogDensity ?? new GuardedLogDensity(density);
        int d = guarded.Dimension;
        int warmupIterations = options.WarmupIterations, samplingIterations = options.SamplingIterations;
        var random = Xoshiro256StarStar.ForStream(options.Seed, chainId);
        var memory = options.KeepDrawsInMemory
            ? new InMemoryDrawSink(d, samplingIterations, options.KeepWarmupDraws ? warmupIterations : 0)
            : null;
        var stopwatch = Stopwatch.StartNew();
        long evaluationsAtStart = guarded.EvaluationCount;

        var state = new PhasePoint(d);
        ChainInitializer.Initialize(random, guarded, state, options.Initialization);
        double[] initialPosition = (double[])state.Position.Clone();
        var kernel = new NutsKernel(guarded, options.Nuts);
        int warmupDivergences = 0, samplingDivergences = 0;

        AdaptationResult adaptation;
        if (warmupIterations > 0)
        {
            var adapter = new WarmupAdapter(guarded, warmupIterations, options.Warmup);
            adapter.Start(random, state);
            for (int i = 0; i < warmupIterations; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                NutsInfo info = kernel.Transition(random, state, adapter.StepSize, adapter.Metric);
                adapter.Learn(i, info, state, random);
                if (info.Divergent) warmupDivergences++;
                memory?.Write(i, true, info, state.Position);
                sink?.Write(i, true, info, state.Position);
                Report(progress, options, chainId, SamplingPhase.Warmup, i, warmupIterations, warmupDivergences, samplingDivergences);
            }
            adaptation = adapter.Finish();
        }
        else
        {
            var metric = options.Warmup.InitialMetric ?? new UnitMetric(d);
            if (metric.Dimension != d) throw new ArgumentException($"The initial metric has dimension {metric.Dimension}, the density {d}.", nameof(options));
            adaptation = new AdaptationResult(options.Warmup.InitialStepSize, metric, 0);
        }
        var warmupTime = stopwatch.Elapsed;
        long warmupEvaluations = guarded.EvaluationCount - evaluationsAtStart;
        memory?.AdaptationComplete(adaptation);
        sink?.AdaptationComplete(adaptation);

        stopwatch.Restart();
        for (int i = 0; i < samplingIterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            NutsInfo info = kernel.Transition(random, state, adaptation.StepSize, adaptation.Metric);
            if (info.Divergent) samplingDivergences++;
            memory?.Write(i, false, info, state.Position);
            sink?.Write(i, false, info, state.Position);
            Report(progress, options, chainId, SamplingPhase.Sampling, i, samplingIterations, warmupDivergences, samplingDivergences);
        }
        var statistics = new ChainStatistics(warmupTime, stopwatch.Elapsed, warmupEvaluations,
            guarded.EvaluationCount - evaluationsAtStart - warmupEvaluations, warmupDivergences, samplingDivergences);
        memory?.Complete(statistics);
        sink?.Complete(statistics);

        return new ChainResult(chainId, d, initialPosition, adaptation, statistics,
            memory?.Draws ?? [], memory?.Infos ?? [], memory?.WarmupDraws ?? [], memory?.WarmupInfos ?? []);
    }

    private static void Report(IProgress<ChainProgress>? progress, SamplerRunOptions options, int chainId, SamplingPhase phase,
        int iteration, int total, int warmupDivergences, int samplingDivergences)
    {
        if (progress is null) return;
        int done = iteration + 1;
        if (done % options.ProgressInterval != 0 && done != total) return;
        progress.Report(new ChainProgress(chainId, phase, done, total, warmupDivergences, samplingDivergences));
    }
}
