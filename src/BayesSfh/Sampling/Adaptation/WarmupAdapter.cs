using BayesSfh.Randomness;
using BayesSfh.Sampling.Hamiltonian;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Sampling.Nuts;

namespace BayesSfh.Sampling.Adaptation;

/// <summary>
/// Stan's warm-up for one chain (Stan <c>adapt_diag_e_nuts.hpp</c>, <c>run_adaptive_sampler.hpp</c>; Stan Reference
/// Manual, "Automatic parameter tuning"): a step-size search at the start; after every warm-up transition one
/// dual-averaging update with its acceptance statistic; during slow windows the draws feed a Welford estimator, and at
/// each window end the metric is replaced by the regularised estimate, the step size is searched again from the current
/// one, and dual averaging restarts with μ = log(10 ε).
/// </summary>
/// <remarks>
/// <para>Differences from Stan (documented flaws, see <see cref="WarmupSchedule"/> and <see cref="DualAveragingState.FinalStepSize"/>):
/// short warm-ups still adapt the metric; no window has fewer than 2 draws; a zero terminal buffer keeps the searched ε
/// instead of resetting it to 1; the first dual-averaging run uses μ = log(10 ε₀) with ε₀ the searched step size
/// (Stan uses the user's step size there).</para>
/// <para>Mutable, one per chain, not thread-safe. <see cref="Learn"/> allocates only at window ends.</para>
/// </remarks>
public sealed class WarmupAdapter
{
    private readonly WarmupOptions _options;
    private readonly StepSizeSearch _search;
    private readonly IMetricEstimator? _estimator;
    private DualAveragingState _dualAveraging;
    private bool _started;

    /// <summary>Prepares warm-up of <paramref name="warmupIterations"/> iterations on <paramref name="density"/>.</summary>
    /// <param name="density">The chain's guarded density.</param>
    /// <param name="warmupIterations">N ≥ 0.</param>
    /// <param name="options">Warm-up options; validated here.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options or N.</exception>
    /// <exception cref="ArgumentException">The initial metric's dimension differs from the density's.</exception>
    public WarmupAdapter(GuardedLogDensity density, int warmupIterations, WarmupOptions options)
    {
        ArgumentNullException.ThrowIfNull(density);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Validate();
        int d = density.Dimension;
        if (options.InitialMetric is { } initial && initial.Dimension != d)
            throw new ArgumentException($"The initial metric has dimension {initial.Dimension}, the density {d}.", nameof(options));
        Schedule = WarmupSchedule.Build(warmupIterations, options.Windows);
        Metric = options.InitialMetric ?? new UnitMetric(d);
        StepSize = options.InitialStepSize;
        _search = new StepSizeSearch(density);
        _estimator = options.AdaptedMetric switch
        {
            MetricKind.Diagonal => new WelfordVarianceEstimator(d),
            MetricKind.Dense => new WelfordCovarianceEstimator(d),
            _ => null,
        };
        _dualAveraging = DualAveragingState.Start(StepSize);
    }

    /// <summary>The window schedule.</summary>
    public WarmupSchedule Schedule { get; }

    /// <summary>Step size for the next transition.</summary>
    public double StepSize { get; private set; }

    /// <summary>Metric for the next transition.</summary>
    public IMetric Metric { get; private set; }

    /// <summary>Number of metric updates so far.</summary>
    public int MetricUpdates { get; private set; }

    /// <summary>The current dual-averaging state.</summary>
    public DualAveragingState DualAveraging => _dualAveraging;

    /// <summary>Searches the initial step size from the initial draw and starts dual averaging at it.</summary>
    /// <param name="random">The chain's generator.</param>
    /// <param name="state">The initial draw (finite log density, gradient).</param>
    /// <exception cref="InvalidOperationException">The search failed (improper posterior or no acceptable step), or called twice.</exception>
    public void Start(Xoshiro256StarStar random, PhasePoint state)
    {
        if (_started) throw new InvalidOperationException("Warm-up has already started.");
        _started = true;
        Restart(random, state);
    }

    /// <summary>Adapts after warm-up transition <paramref name="iteration"/> (0-based), whose new draw is <paramref name="state"/>.</summary>
    /// <param name="iteration">0-based warm-up iteration, in order.</param>
    /// <param name="info">The transition's statistics (its accept_stat drives dual averaging).</param>
    /// <param name="state">The draw just made.</param>
    /// <param name="random">The chain's generator (used by the step-size search at window ends).</param>
    /// <exception cref="InvalidOperationException"><see cref="Start"/> was not called, or the metric estimate or the step-size search failed.</exception>
    public void Learn(int iteration, in NutsInfo info, PhasePoint state, Xoshiro256StarStar random)
    {
        if (!_started) throw new InvalidOperationException("Call Start before Learn.");
        _dualAveraging = _dualAveraging.Update(info.AcceptStat, _options.DualAveraging);
        StepSize = Clamp(_dualAveraging.StepSize);
        if (_estimator is null) return;
        if (Schedule.IsCollecting(iteration)) _estimator.Add(state.Position);
        if (Schedule.IsWindowEnd(iteration))
        {
            Metric = _estimator.CreateMetric();
            _estimator.Reset();
            MetricUpdates++;
            Restart(random, state);
        }
    }

    /// <summary>Ends warm-up: ε = e^x̄ of the last dual-averaging run (or the searched ε if that run had no update).</summary>
    /// <returns>The adapted step size and metric.</returns>
    public AdaptationResult Finish()
    {
        double stepSize = _started ? Clamp(_dualAveraging.FinalStepSize) : StepSize;
        StepSize = stepSize;
        return new AdaptationResult(stepSize, Metric, MetricUpdates);
    }

    private void Restart(Xoshiro256StarStar random, PhasePoint state)
    {
        StepSize = _search.Find(random, state, Metric, StepSize);
        _dualAveraging = DualAveragingState.Start(StepSize);
    }

    /// <summary>Keeps ε a usable positive finite number (dual averaging can under/overflow only in pathological runs).</summary>
    private static double Clamp(double stepSize) => Math.Clamp(stepSize, 1e-300, 1e300);
}
