namespace BayesSfh.Products;

/// <summary>The posterior of one natural model parameter.</summary>
/// <param name="Name">Parameter name as in the chains (<c>R.3</c>, <c>alpha</c>, <c>mh0</c>, <c>sigma</c>, <c>bg.NAME</c> …).</param>
/// <param name="Interval">Mean and quantiles over the draws.</param>
/// <param name="StandardDeviation">Posterior standard deviation (sample SD over the draws; NaN for fewer than 2 draws).</param>
/// <param name="IsFixed">True when the parameter was held fixed (every draw has the same value).</param>
public sealed record ParameterPosterior(string Name, CredibleInterval Interval, double StandardDeviation, bool IsFixed);
