using BayesSfh.Hess;
using BayesSfh.Templates;

namespace BayesSfh.IO;

/// <summary>Templates and observed diagram on the same binning, checked against each other by <see cref="ProblemLoader"/>.</summary>
/// <param name="Templates">SSP templates (values per M☉ formed), backgrounds, grid and luminosities when given.</param>
/// <param name="Observed">Observed counts, with the grid when given.</param>
public sealed record LoadedProblem(TemplateSet Templates, HessDiagram Observed);
