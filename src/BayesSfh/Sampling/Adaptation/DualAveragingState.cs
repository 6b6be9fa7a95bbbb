namespace BayesSfh.Sampling.Adaptation;

/// <summary>
/// The state of step-size dual averaging, updated purely by <see cref="Update"/> (Hoffman &amp; Gelman 2014 §3.2.1,
/// Alg. 5; Nesterov 2009; Stan <c>stepsize_adaptation.hpp</c>).
/// </summary>
/// <param name="Mu">μ, the point log ε is shrunk towards: log(10 ε₀) at every (re)start.</param>
/// <param name="Counter">t, the number of updates since the last restart.</param>
/// <param name="ErrorAverage">s̄ = H̄_t, the running average of δ − a.</param>
/// <param name="LogStepSize">x = log ε of the next transition.</param>
/// <param name="LogStepSizeAverage">x̄ = log ε̄, the weighted average of the iterates, used at the end of warm-up.</param>
public readonly record struct DualAveragingState(double Mu, int Counter, double ErrorAverage, double LogStepSize, double LogStepSizeAverage)
{
    /// <summary>Step size ε = eˣ to use for the next transition (units θ/p).</summary>
    public double StepSize => Math.Exp(LogStepSize);

    /// <summary>
    /// The step size to keep after warm-up: ε̄ = e^x̄ if at least one update happened since the last restart, otherwise
    /// the current ε (the result of the last step-size search). Stan returns e⁰ = 1 in the latter case, which is its
    /// known flaw with a zero terminal buffer (stan-dev/stan#3023).
    /// </summary>
    public double FinalStepSize => Counter > 0 ? Math.Exp(LogStepSizeAverage) : Math.Exp(LogStepSize);

    /// <summary>Starts (or restarts) dual averaging at ε₀: μ = log(10 ε₀), t = s̄ = x̄ = 0, x = log ε₀.</summary>
    /// <param name="stepSize">ε₀ &gt; 0, finite (usually the result of a step-size search).</param>
    /// <exception cref="ArgumentOutOfRangeException">ε₀ not finite and positive.</exception>
    public static DualAveragingState Start(double stepSize)
    {
        if (!(stepSize > 0) || !double.IsFinite(stepSize)) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "Must be finite and positive.");
        return new DualAveragingState(Math.Log(10 * stepSize), 0, 0.0, Math.Log(stepSize), 0.0);
    }

    /// <summary>
    /// One dual-averaging update with the transition's acceptance statistic a:
    /// t ← t + 1; a ← min(a, 1); η = 1/(t + t₀); s̄ ← (1 − η)s̄ + η(δ − a); x = μ − s̄√t/γ; w = t^(−κ); x̄ ← (1 − w)x̄ + w x.
    /// </summary>
    /// <param name="acceptStat">a ∈ [0, 1]; values above 1 are clipped, NaN is taken as 0 (a failed transition).</param>
    /// <param name="options">δ, γ, κ, t₀.</param>
    /// <returns>The new state; this one is unchanged.</returns>
    public DualAveragingState Update(double acceptStat, DualAveragingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double a = double.IsNaN(acceptStat) ? 0.0 : Math.Min(acceptStat, 1.0);
        int t = Counter + 1;
        double eta = 1.0 / (t + options.T0);
        double errorAverage = (1 - eta) * ErrorAverage + eta * (options.TargetAcceptance - a);
        double x = Mu - errorAverage * Math.Sqrt(t) / options.Gamma;
        double w = Math.Pow(t, -options.Kappa);
        double xBar = (1 - w) * LogStepSizeAverage + w * x;
        return new DualAveragingState(Mu, t, errorAverage, x, xBar);
    }
}
