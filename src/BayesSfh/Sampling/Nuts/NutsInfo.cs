namespace BayesSfh.Sampling.Nuts;

/// <summary>
/// What one NUTS transition did: the values of CmdStan's sampler columns <c>lp__, accept_stat__, stepsize__,
/// treedepth__, n_leapfrog__, divergent__, energy__</c> (Stan <c>base_nuts.hpp</c>, <c>get_sampler_params</c>).
/// </summary>
/// <param name="LogDensity">lp__: log π of the returned draw (the density as given by <see cref="ILogDensity"/>, i.e. up to a constant).</param>
/// <param name="AcceptStat">
/// accept_stat__: mean over every leapfrog state of the transition (states of rejected subtrees included, the initial
/// state excluded) of min(1, exp(H₀ − H)); in [0, 1]. The statistic that dual averaging drives to δ.
/// </param>
/// <param name="StepSize">stepsize__: the step size ε actually used (after jitter), in units of θ/p.</param>
/// <param name="TreeDepth">treedepth__: number of successful doublings, including the one whose merge made the U-turn.</param>
/// <param name="LeapfrogSteps">n_leapfrog__: leapfrog steps (= gradient evaluations) of the transition, including those of a rejected last subtree; ≤ 2^(depth+1) − 1.</param>
/// <param name="Divergent">divergent__: some leapfrog state had H − H₀ &gt; ΔH_max, or a log density that could not be evaluated (NaN, ±∞, arithmetic exception).</param>
/// <param name="Energy">energy__: H = −lp + ½pᵀM⁻¹p of the returned draw with the momentum it had on the trajectory (for E-BFMI, Betancourt 2016).</param>
public readonly record struct NutsInfo(
    double LogDensity,
    double AcceptStat,
    double StepSize,
    int TreeDepth,
    int LeapfrogSteps,
    bool Divergent,
    double Energy);
