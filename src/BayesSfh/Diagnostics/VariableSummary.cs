using System.Collections.Immutable;

namespace BayesSfh.Diagnostics;

/// <summary>One row of a <see cref="PosteriorSummary"/>: the measures of one variable.</summary>
public sealed class VariableSummary
{
    internal VariableSummary(string variable, ImmutableArray<string> measureNames, ImmutableArray<double> values)
    {
        Variable = variable;
        MeasureNames = measureNames;
        Values = values;
    }

    /// <summary>The variable name (posterior's <c>variable</c> column).</summary>
    public string Variable { get; }

    /// <summary>The measure names, in the order of <see cref="Values"/>.</summary>
    public ImmutableArray<string> MeasureNames { get; }

    /// <summary>The measure values; NaN where posterior reports NA.</summary>
    public ImmutableArray<double> Values { get; }

    /// <summary>The value of the measure called <paramref name="measure"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such measure.</exception>
    public double this[string measure]
    {
        get
        {
            int i = MeasureNames.IndexOf(measure);
            return i >= 0 ? Values[i] : throw new KeyNotFoundException($"no measure '{measure}' in the summary");
        }
    }

    /// <summary>The value of <paramref name="measure"/>, or null when the summary has no such column.</summary>
    public double? TryGet(string measure)
    {
        int i = MeasureNames.IndexOf(measure);
        return i >= 0 ? Values[i] : null;
    }
}
