namespace BayesSfh.Sampling.Adaptation;

/// <summary>
/// One slow warm-up window: the draws of iterations <paramref name="FirstIteration"/> … <paramref name="LastIteration"/>
/// (0-based, inclusive) feed the metric estimator, and the metric is replaced right after iteration
/// <paramref name="LastIteration"/>.
/// </summary>
/// <param name="FirstIteration">First warm-up iteration of the window (0-based).</param>
/// <param name="LastIteration">Last warm-up iteration of the window (0-based, inclusive).</param>
public readonly record struct MetricWindow(int FirstIteration, int LastIteration)
{
    /// <summary>Number of draws in the window (≥ 2 in every schedule <see cref="WarmupSchedule.Build"/> returns).</summary>
    public int Draws => LastIteration - FirstIteration + 1;
}
