using BayesSfh.Hess;
using BayesSfh.Templates;

namespace BayesSfh.IO;

/// <summary>
/// Loads the files of a fitting problem and checks them against each other, reporting every problem as an
/// <see cref="InputException"/> that names the file (and line and column where there is one).
/// </summary>
/// <remarks>
/// Order: grid (optional) → observed diagram (fixes the number of bins N) → templates (bins &lt; N) → backgrounds →
/// luminosities → <see cref="TemplateSet"/> and <see cref="HessDiagram"/>. Cross-check: every bin with observed stars
/// must be reached by at least one template or background, since otherwise no model can explain it.
/// </remarks>
public static class ProblemLoader
{
    private const int CellsShown = 5;

    /// <summary>Loads and cross-checks <paramref name="files"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="files"/> fails <see cref="ProblemFiles.Validate"/>.</exception>
    /// <exception cref="InputException">Any problem with the files.</exception>
    public static LoadedProblem Load(ProblemFiles files)
    {
        files.Validate();
        HessGrid? grid = files.GridPath is null ? null : GridCsvReader.Read(files.GridPath);
        var observed = ObservedCsvReader.ReadCounts(files.ObservedPath, grid);
        int binCount = observed.Counts.Length;
        var templates = TemplateCsvReader.Read(files.TemplatesPath, binCount, grid, files.TemplateScale);
        var backgrounds = files.BackgroundPath is null ? [] : BackgroundCsvReader.Read(files.BackgroundPath, binCount, grid);
        if (files.LuminosityPath is not null) templates = LuminosityCsvReader.Read(files.LuminosityPath, templates);
        CheckCoverage(files.ObservedPath, observed, grid, templates.Select(t => t.Bins).Concat(backgrounds.Select(b => b.Bins)));
        var set = Build(files.TemplatesPath, () => new TemplateSet(binCount, templates, backgrounds, grid));
        var diagram = Build(files.ObservedPath, () => new HessDiagram(observed.Counts, grid));
        return new LoadedProblem(set, diagram);
    }

    /// <summary>
    /// Requires one template per (log age, [M/H]) cell, as metallicity models do.
    /// </summary>
    /// <param name="problem">The loaded problem.</param>
    /// <param name="templatesPath">The template file, named in the message.</param>
    /// <exception cref="InputException">Some cells have no template; the first few are named.</exception>
    public static void RequireCompleteGrid(LoadedProblem problem, string templatesPath)
    {
        var grid = problem.Templates.Grid;
        if (grid.IsComplete) return;
        var missing = grid.MissingCells().ToList();
        throw new InputException(templatesPath, null, null,
            $"a metallicity model needs a template for every (log_age, mh) pair of the {grid.LogAges.Length} ages × {grid.Metallicities.Length} " +
            $"metallicities, but {missing.Count} are missing: " +
            string.Join(", ", missing.Take(CellsShown).Select(TemplateCsvReader.Cell)) + (missing.Count > CellsShown ? ", …" : "") +
            "; add them, or fit with free per-template coefficients");
    }

    private static void CheckCoverage(string observedPath, ObservedCounts observed, HessGrid? grid, IEnumerable<int[]> templateBins)
    {
        var reached = new bool[observed.Counts.Length];
        foreach (var bins in templateBins)
            foreach (int b in bins) reached[b] = true;
        for (int i = 0; i < reached.Length; i++)
            if (!reached[i] && observed.Counts[i] > 0)
                throw new InputException(observedPath, observed.Lines[i], ObservedCsvReader.CountColumn,
                    $"{BinColumns.Describe(i, grid)} has {observed.Counts[i]} stars but no template reaches it (every template and " +
                    "background is zero there, so no model can explain these stars); check that the observed and template files use " +
                    "the same binning, or add a background template that covers the bin");
    }

    private static T Build<T>(string file, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            throw new InputException(file, null, null, e.Message, e);
        }
    }
}
