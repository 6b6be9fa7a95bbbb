using System.Collections.Immutable;

namespace BayesSfh.Templates;

/// <summary>
/// The distinct log ages (ascending, youngest first) and metallicities (ascending) of a template list, and the template
/// index of each (age, metallicity) cell, −1 where the cell is empty.
/// </summary>
public sealed class SspGrid
{
    private readonly int[] _cell;

    internal SspGrid(ImmutableArray<SspTemplate> templates)
    {
        LogAges = [.. templates.Select(t => t.LogAge).Distinct().Order()];
        Metallicities = [.. templates.Select(t => t.MH).Distinct().Order()];
        _cell = new int[LogAges.Length * Metallicities.Length];
        Array.Fill(_cell, -1);
        var ageIndex = LogAges.Select((a, i) => (a, i)).ToDictionary(p => p.a, p => p.i);
        var mhIndex = Metallicities.Select((m, i) => (m, i)).ToDictionary(p => p.m, p => p.i);
        var ageOf = new int[templates.Length];
        var mhOf = new int[templates.Length];
        for (int t = 0; t < templates.Length; t++)
        {
            ageOf[t] = ageIndex[templates[t].LogAge];
            mhOf[t] = mhIndex[templates[t].MH];
            _cell[ageOf[t] * Metallicities.Length + mhOf[t]] = t;
        }
        AgeIndexOfTemplate = [.. ageOf];
        MetallicityIndexOfTemplate = [.. mhOf];
    }

    /// <summary>Distinct log10 ages (yr), ascending.</summary>
    public ImmutableArray<double> LogAges { get; }

    /// <summary>Distinct [M/H] values (dex), ascending.</summary>
    public ImmutableArray<double> Metallicities { get; }

    /// <summary>Age index j of each template.</summary>
    public ImmutableArray<int> AgeIndexOfTemplate { get; }

    /// <summary>Metallicity index k of each template.</summary>
    public ImmutableArray<int> MetallicityIndexOfTemplate { get; }

    /// <summary>Template index of cell (j, k), or −1 when absent.</summary>
    public int TemplateAt(int ageIndex, int metallicityIndex) => _cell[ageIndex * Metallicities.Length + metallicityIndex];

    /// <summary>True when every (age, metallicity) cell holds a template.</summary>
    public bool IsComplete => Array.IndexOf(_cell, -1) < 0;

    /// <summary>The (log age, [M/H]) cells without a template, for error messages.</summary>
    public IEnumerable<(double LogAge, double MH)> MissingCells()
    {
        for (int j = 0; j < LogAges.Length; j++)
            for (int k = 0; k < Metallicities.Length; k++)
                if (TemplateAt(j, k) < 0) yield return (LogAges[j], Metallicities[k]);
    }
}
