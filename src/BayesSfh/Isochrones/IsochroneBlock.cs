using BayesSfh.IO;

namespace BayesSfh.Isochrones;

/// <summary>
/// Rows of one isochrone as a reader collects them, with the file line of every row, turned into an
/// <see cref="Isochrone"/> once the block ends (checking the mass order with <see cref="IsochroneReadOptions.MassDecreaseTolerance"/>).
/// </summary>
internal sealed class IsochroneBlock
{
    private readonly string _file;
    private readonly string _massColumn;
    private readonly string[] _filters;
    private readonly List<int> _lines = [];
    private readonly List<double> _mass = [];
    private readonly List<double>[] _magnitudes;
    private readonly List<EvolutionaryPhase>? _phases;
    private readonly List<double>? _logL;
    private readonly List<double>? _logTe;

    public IsochroneBlock(string file, int firstLine, string massColumn, string[] filters, bool hasPhases, bool hasLogL, bool hasLogTe)
    {
        _file = file;
        FirstLine = firstLine;
        _massColumn = massColumn;
        _filters = filters;
        _magnitudes = [.. filters.Select(_ => new List<double>())];
        if (hasPhases) _phases = [];
        if (hasLogL) _logL = [];
        if (hasLogTe) _logTe = [];
    }

    /// <summary>Line of the block's first row (or header), for <see cref="Isochrone.Source"/>.</summary>
    public int FirstLine { get; }

    public int Count => _mass.Count;

    /// <summary>Starts a row: its line and initial mass (finite and &gt; 0, else InputException).</summary>
    public void AddRow(int line, double initialMass)
    {
        if (!(initialMass > 0) || !double.IsFinite(initialMass))
            throw new InputException(_file, line, _massColumn, $"initial mass {initialMass} must be finite and > 0 M☉");
        _lines.Add(line);
        _mass.Add(initialMass);
    }

    /// <summary>Magnitude <paramref name="filter"/> (index into the filter names) of the current row; finite, else InputException.</summary>
    public void AddMagnitude(int filter, double value)
    {
        if (!double.IsFinite(value))
            throw new InputException(_file, _lines[^1], _filters[filter], $"magnitude {value} is not finite");
        _magnitudes[filter].Add(value);
    }

    public void AddPhase(EvolutionaryPhase phase) => _phases!.Add(phase);

    public void AddLogLuminosity(double value) => _logL!.Add(value);

    public void AddLogEffectiveTemperature(double value) => _logTe!.Add(value);

    /// <summary>Builds the isochrone; throws InputException for fewer than two rows or a decreasing initial mass.</summary>
    public Isochrone Build(double logAge, double mh, double? z, IsochroneReadOptions options)
    {
        if (Count < 2)
            throw new InputException(_file, FirstLine, null,
                $"the isochrone (log age {logAge}, [M/H] {mh}) has {Count} row(s); at least two are needed");
        var mass = _mass.ToArray();
        for (int i = 1; i < mass.Length; i++)
        {
            if (mass[i] >= mass[i - 1]) continue;
            if (mass[i - 1] - mass[i] <= options.MassDecreaseTolerance * mass[i - 1])
            {
                mass[i] = mass[i - 1]; // rounding in the source: keep the order non-decreasing
                continue;
            }
            throw new InputException(_file, _lines[i], _massColumn,
                $"initial mass decreases from {mass[i - 1]} (line {_lines[i - 1]}) to {mass[i]}; the points of one isochrone must be in order of " +
                $"non-decreasing initial mass (relative decreases up to {options.MassDecreaseTolerance} are treated as rounding)");
        }
        var magnitudes = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int k = 0; k < _filters.Length; k++) magnitudes[_filters[k]] = _magnitudes[k].ToArray();
        return new Isochrone(logAge, mh, mass, magnitudes, _phases?.ToArray(), _logL?.ToArray(), _logTe?.ToArray(),
            z is > 0 and < 1 ? z : null, $"{_file}:{FirstLine}");
    }
}
