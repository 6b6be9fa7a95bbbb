namespace BayesSfh.Diagnostics;

/// <summary>A statistic of the draws of one variable (posterior: a function passed to <c>summarise_draws</c>).</summary>
/// <param name="draws">The chains × draws of one variable.</param>
public delegate double DrawsStatistic(DrawsMatrix draws);

/// <summary>A named column of a <see cref="PosteriorSummary"/>.</summary>
/// <param name="Name">Column name, as posterior names it (for example <c>ess_bulk</c>, <c>q5</c>).</param>
/// <param name="Compute">The statistic.</param>
public sealed record SummaryMeasure(string Name, DrawsStatistic Compute);
