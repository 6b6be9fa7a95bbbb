using System.Collections.Immutable;

namespace BayesSfh.Diagnostics;

/// <summary>
/// A table of named measures per variable, as posterior's <c>summarise_draws</c> returns it: one row per variable,
/// one column per <see cref="SummaryMeasure"/>, in the given orders.
/// </summary>
public sealed class PosteriorSummary
{
    private readonly Dictionary<string, int> _rowIndex;

    private PosteriorSummary(ImmutableArray<string> measureNames, ImmutableArray<VariableSummary> rows)
    {
        MeasureNames = measureNames;
        Rows = rows;
        _rowIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < rows.Length; i++) _rowIndex.TryAdd(rows[i].Variable, i);
    }

    /// <summary>The column names after <c>variable</c>, in order.</summary>
    public ImmutableArray<string> MeasureNames { get; }

    /// <summary>One row per variable, in input order.</summary>
    public ImmutableArray<VariableSummary> Rows { get; }

    /// <summary>The row of <paramref name="variable"/> (the first, if a name repeats).</summary>
    /// <exception cref="KeyNotFoundException">No such variable.</exception>
    public VariableSummary this[string variable] =>
        _rowIndex.TryGetValue(variable, out int i) ? Rows[i] : throw new KeyNotFoundException($"no variable '{variable}' in the summary");

    /// <summary>
    /// Computes every measure for every variable (posterior <c>summarise_draws</c>). NaN results are kept (R's NA); see
    /// <see cref="NaRules"/>.
    /// </summary>
    /// <param name="variables">Variable names and their draws.</param>
    /// <param name="measures">The columns; <see cref="SummaryMeasures.Standard"/> when null.</param>
    /// <exception cref="ArgumentException">Two measures share a name, or one is named <c>variable</c>.</exception>
    public static PosteriorSummary Create(IEnumerable<KeyValuePair<string, DrawsMatrix>> variables, IReadOnlyList<SummaryMeasure>? measures = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        measures ??= SummaryMeasures.Standard;
        var names = measures.Select(m => m.Name).ToImmutableArray();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new ArgumentException("measure names must be unique", nameof(measures));
        if (names.Contains("variable"))
            throw new ArgumentException("the name 'variable' is reserved", nameof(measures));
        var rows = ImmutableArray.CreateBuilder<VariableSummary>();
        foreach (var (variable, draws) in variables)
        {
            var values = new double[measures.Count];
            for (int j = 0; j < values.Length; j++) values[j] = measures[j].Compute(draws);
            rows.Add(new VariableSummary(variable, names, [.. values]));
        }
        return new PosteriorSummary(names, rows.ToImmutable());
    }
}
