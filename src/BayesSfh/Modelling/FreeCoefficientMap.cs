using BayesSfh.Parameters;
using BayesSfh.Templates;

namespace BayesSfh.Modelling;

/// <summary>
/// No metallicity model: every template coefficient r_jk is an independent non-negative parameter named
/// <c>r.J.K</c> (1-based age index in increasing log age, 1-based metallicity index in increasing [M/H]).
/// Incomplete age × metallicity grids are allowed.
/// </summary>
public sealed class FreeCoefficientMap : ICoefficientMap
{
    private readonly TemplateSet _templates;
    private readonly AgeBins _ages;

    /// <summary>Creates the map for <paramref name="templates"/> with time bins <paramref name="ages"/>.</summary>
    public FreeCoefficientMap(TemplateSet templates, AgeBins ages)
    {
        _templates = templates;
        _ages = ages;
        var grid = templates.Grid;
        Parameters = [.. templates.Templates.Select((t, i) => new ParameterDefinition(
            $"r.{grid.AgeIndexOfTemplate[i] + 1}.{grid.MetallicityIndexOfTemplate[i] + 1}", ParameterConstraint.Positive,
            $"stellar mass formed in the template log_age {t.LogAge}, [M/H] {t.MH} (M☉)"))];
    }

    /// <inheritdoc/>
    public IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <inheritdoc/>
    public int CoefficientCount => _templates.Templates.Length;

    /// <inheritdoc/>
    public int MassParameterCount => CoefficientCount;

    /// <inheritdoc/>
    public ICoefficientEvaluator CreateEvaluator() => new Evaluator();

    /// <inheritdoc/>
    public void InitialGuess(double totalMass, Span<double> parameters)
    {
        var grid = _templates.Grid;
        var perAge = new int[_ages.Count];
        foreach (int j in grid.AgeIndexOfTemplate) perAge[j]++;
        double totalTime = _ages.Widths.Sum();
        for (int t = 0; t < CoefficientCount; t++)
        {
            int j = grid.AgeIndexOfTemplate[t];
            parameters[t] = totalMass * _ages.Widths[j] / totalTime / perAge[j];
        }
    }

    /// <inheritdoc/>
    public void MassPerAgeBin(ReadOnlySpan<double> parameters, Span<double> destination)
    {
        destination.Clear();
        for (int t = 0; t < CoefficientCount; t++) destination[_templates.Grid.AgeIndexOfTemplate[t]] += parameters[t];
    }

    private sealed class Evaluator : ICoefficientEvaluator
    {
        public void Coefficients(ReadOnlySpan<double> parameters, Span<double> coefficients) => parameters.CopyTo(coefficients);

        public void Pullback(ReadOnlySpan<double> dFdCoefficients, Span<double> dFdParameters) => dFdCoefficients.CopyTo(dFdParameters);
    }
}
