using BayesSfh.Randomness;
using BayesSfh.Sampling.Hamiltonian;
using BayesSfh.Sampling.Metrics;

namespace BayesSfh.Sampling.Adaptation;

/// <summary>
/// Stan's heuristic for a reasonable initial step size (Hoffman &amp; Gelman 2014 Alg. 4; Stan <c>base_hmc.hpp</c>
/// <c>init_stepsize</c>): double or halve ε until the one-step acceptance e^(H₀−H) of a single leapfrog from the
/// current draw crosses 0.8.
/// </summary>
/// <remarks>
/// <para>
/// First trial (fresh momentum) sets the direction: double if log-acceptance ΔH = H₀ − H &gt; log 0.8, else halve. Then
/// each trial draws a fresh momentum, takes one leapfrog of the current ε, and stops at the first ε whose ΔH has
/// crossed log 0.8 (doubling: the first ε with ΔH ≤ log 0.8; halving: the first with ΔH ≥ log 0.8); otherwise ε is
/// doubled or halved. A non-finite H counts as rejection. The start is re-tested once with a new momentum, as in Stan.
/// </para>
/// <para>Owns a scratch phase point: one instance per chain; <see cref="Find"/> allocates nothing.</para>
/// </remarks>
public sealed class StepSizeSearch
{
    private static readonly double LogAcceptanceThreshold = Math.Log(0.8);
    private readonly GuardedLogDensity _density;
    private readonly PhasePoint _trial;

    /// <summary>Creates the search for <paramref name="density"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="density"/> is null.</exception>
    public StepSizeSearch(GuardedLogDensity density)
    {
        ArgumentNullException.ThrowIfNull(density);
        _density = density;
        _trial = new PhasePoint(density.Dimension);
    }

    /// <summary>Largest step size before the posterior is declared improper (Stan: 10⁷).</summary>
    public const double MaximumStepSize = 1e7;

    /// <summary>Runs the search from the draw <paramref name="state"/> (left unchanged).</summary>
    /// <param name="random">The chain's generator: d normals per trial.</param>
    /// <param name="state">Current draw with finite log density and its gradient.</param>
    /// <param name="metric">Metric to use.</param>
    /// <param name="stepSize">Starting ε (units θ/p). If it is 0, NaN, +∞ or above 10⁷ it is returned unchanged, as Stan does.</param>
    /// <returns>The step size found.</returns>
    /// <exception cref="InvalidOperationException">
    /// ε exceeded 10⁷ ("Posterior is improper. Please check your model.") or underflowed to 0 ("No acceptably small step
    /// size could be found. Perhaps the posterior is not continuous?").
    /// </exception>
    public double Find(Xoshiro256StarStar random, PhasePoint state, IMetric metric, double stepSize)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(metric);
        if (stepSize == 0 || double.IsNaN(stepSize) || stepSize > MaximumStepSize) return stepSize;

        double deltaH = OneStepLogAcceptance(random, state, metric, stepSize);
        int direction = deltaH > LogAcceptanceThreshold ? 1 : -1;
        while (true)
        {
            deltaH = OneStepLogAcceptance(random, state, metric, stepSize);
            if (direction == 1 && !(deltaH > LogAcceptanceThreshold)) break;
            if (direction == -1 && !(deltaH < LogAcceptanceThreshold)) break;
            stepSize = direction == 1 ? 2 * stepSize : 0.5 * stepSize;
            if (stepSize > MaximumStepSize) throw new InvalidOperationException("Posterior is improper. Please check your model.");
            if (stepSize == 0) throw new InvalidOperationException("No acceptably small step size could be found. Perhaps the posterior is not continuous?");
        }
        return stepSize;
    }

    private double OneStepLogAcceptance(Xoshiro256StarStar random, PhasePoint state, IMetric metric, double stepSize)
    {
        state.Position.CopyTo(_trial.Position, 0);
        state.Gradient.CopyTo(_trial.Gradient, 0);
        _trial.LogDensity = state.LogDensity;
        _trial.ResampleMomentum(random, metric);
        double h0 = _trial.Hamiltonian;
        Leapfrog.Step(_density, metric, _trial, stepSize);
        return h0 - _trial.Hamiltonian; // −∞ when H is +∞ (NaN already mapped)
    }
}
