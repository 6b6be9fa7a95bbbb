namespace BayesSfh.IO;

/// <summary>
/// The adaptation block of a CmdStan CSV file: <c># Adaptation terminated</c>, <c># Step size = ε</c> and the inverse
/// metric.
/// </summary>
/// <param name="StepSize">The adapted step size ε, or NaN when the block gives none.</param>
/// <param name="InverseMetric">The inverse metric, or null when the block gives none.</param>
public sealed record StanCsvAdaptation(double StepSize, StanCsvInverseMetric? InverseMetric);
