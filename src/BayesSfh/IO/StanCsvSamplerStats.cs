namespace BayesSfh.IO;

/// <summary>
/// The seven sampler columns of one CmdStan CSV row: <c>lp__, accept_stat__, stepsize__, treedepth__, n_leapfrog__,
/// divergent__, energy__</c>.
/// </summary>
/// <param name="LogDensity"><c>lp__</c>: log density (up to a constant) at the draw.</param>
/// <param name="AcceptStat"><c>accept_stat__</c>: mean Metropolis acceptance probability over the trajectory.</param>
/// <param name="StepSize"><c>stepsize__</c>: the step size ε used.</param>
/// <param name="TreeDepth"><c>treedepth__</c>: depth of the NUTS tree.</param>
/// <param name="LeapfrogSteps"><c>n_leapfrog__</c>: leapfrog steps taken.</param>
/// <param name="Divergent"><c>divergent__</c>: whether the trajectory diverged (written 1 or 0).</param>
/// <param name="Energy"><c>energy__</c>: the Hamiltonian H at the draw.</param>
public readonly record struct StanCsvSamplerStats(
    double LogDensity, double AcceptStat, double StepSize, int TreeDepth, int LeapfrogSteps, bool Divergent, double Energy)
{
    /// <summary>The sampler column names, in CmdStan's order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        ["lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__"];
}
