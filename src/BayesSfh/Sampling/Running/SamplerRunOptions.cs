using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Nuts;

namespace BayesSfh.Sampling.Running;

/// <summary>
/// Everything that determines a multi-chain NUTS run (with the density, the output is a deterministic function of
/// these settings, whatever the thread count). Immutable; <see cref="Validate"/> checks it.
/// </summary>
public sealed record SamplerRunOptions
{
    /// <summary>Run seed; chain c draws from <c>Xoshiro256StarStar.ForStream(Seed, c)</c>. Required: there is no default randomness.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Number of independent chains. Default 4. Must be ≥ 1.</summary>
    public int Chains { get; init; } = 4;

    /// <summary>Warm-up iterations per chain (Stan <c>num_warmup</c>). Default 1000. Must be ≥ 0; 0 samples with the initial step size and metric.</summary>
    public int WarmupIterations { get; init; } = 1000;

    /// <summary>Sampling iterations per chain (Stan <c>num_samples</c>). Default 1000. Must be ≥ 0.</summary>
    public int SamplingIterations { get; init; } = 1000;

    /// <summary>Chains run at the same time; null means <see cref="Environment.ProcessorCount"/>. Must be ≥ 1 when given. Does not change the output.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Transition settings (maximum tree depth 10, divergence threshold 1000).</summary>
    public NutsOptions Nuts { get; init; } = new();

    /// <summary>Warm-up settings (diagonal metric, δ = 0.8, Stan windows).</summary>
    public WarmupOptions Warmup { get; init; } = new();

    /// <summary>Starting points (uniform(−2, 2) by default).</summary>
    public InitializationOptions Initialization { get; init; } = new();

    /// <summary>Keep the draws in the result (<see cref="ChainResult.Draws"/>). Default true; false when a sink streams them elsewhere.</summary>
    public bool KeepDrawsInMemory { get; init; } = true;

    /// <summary>Also keep warm-up draws in the result. Default false.</summary>
    public bool KeepWarmupDraws { get; init; }

    /// <summary>Report progress every this many iterations (and at the end of each phase). Default 100. Must be ≥ 1.</summary>
    public int ProgressInterval { get; init; } = 100;

    /// <summary>The effective degree of parallelism.</summary>
    public int EffectiveDegreeOfParallelism => MaxDegreeOfParallelism ?? Environment.ProcessorCount;

    /// <summary>Checks the options (and the nested ones) and returns them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range.</exception>
    /// <exception cref="ArgumentNullException">A nested options record is null.</exception>
    /// <exception cref="ArgumentException">Inconsistent initialisation settings.</exception>
    public SamplerRunOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Chains, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(WarmupIterations);
        ArgumentOutOfRangeException.ThrowIfNegative(SamplingIterations);
        if (MaxDegreeOfParallelism is { } dop) ArgumentOutOfRangeException.ThrowIfLessThan(dop, 1, nameof(MaxDegreeOfParallelism));
        ArgumentOutOfRangeException.ThrowIfLessThan(ProgressInterval, 1);
        ArgumentNullException.ThrowIfNull(Nuts);
        ArgumentNullException.ThrowIfNull(Warmup);
        ArgumentNullException.ThrowIfNull(Initialization);
        Nuts.Validate();
        Warmup.Validate();
        Initialization.Validate();
        return this;
    }
}
