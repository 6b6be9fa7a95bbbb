using BayesSfh.Sampling.Metrics;

namespace BayesSfh.Sampling.Adaptation;

/// <summary>What warm-up settled on for one chain; sampling then runs with these fixed.</summary>
/// <param name="StepSize">Adapted step size ε (units θ/p): e^x̄ of the last dual-averaging run (CmdStan "Step size = …").</param>
/// <param name="Metric">Adapted metric (CmdStan's inverse-metric block: <see cref="IMetric.ToInverseMetricArray"/>).</param>
/// <param name="MetricUpdates">How many slow windows replaced the metric.</param>
public sealed record AdaptationResult(double StepSize, IMetric Metric, int MetricUpdates);
