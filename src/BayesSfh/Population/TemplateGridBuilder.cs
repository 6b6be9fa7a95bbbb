using BayesSfh.Isochrones;
using BayesSfh.Templates;

namespace BayesSfh.Population;

/// <summary>Which filter, and which reference magnitude, <see cref="TemplateGridBuilder"/> uses for luminosity per M☉.</summary>
public sealed record TemplateLuminosityOptions
{
    /// <summary>The absolute V magnitude of the Sun (Vega system; Willmer 2018, ApJS 236, 47).</summary>
    public const double SunAbsoluteV = 4.81;

    /// <summary>Creates and validates the options.</summary>
    /// <param name="filter">Isochrone filter column.</param>
    /// <param name="referenceMagnitude">Absolute magnitude of the unit of luminosity (the Sun's in that filter), finite.</param>
    /// <exception cref="ArgumentException">Empty filter or non-finite magnitude.</exception>
    public TemplateLuminosityOptions(string filter, double referenceMagnitude = SunAbsoluteV)
    {
        if (string.IsNullOrWhiteSpace(filter)) throw new ArgumentException("The luminosity filter name is empty.", nameof(filter));
        if (!double.IsFinite(referenceMagnitude)) throw new ArgumentException($"The reference magnitude must be finite (got {referenceMagnitude}).", nameof(referenceMagnitude));
        (Filter, ReferenceMagnitude) = (filter, referenceMagnitude);
    }

    /// <summary>Filter column.</summary>
    public string Filter { get; }

    /// <summary>Absolute magnitude of one unit of luminosity.</summary>
    public double ReferenceMagnitude { get; }
}

/// <summary>
/// Builds a whole template set (one SSP template per isochrone) in parallel, optionally with the luminosity per M☉
/// formed of each population, reporting progress as templates finish.
/// </summary>
public static class TemplateGridBuilder
{
    /// <summary>Builds the templates of <paramref name="isochrones"/>, in their order.</summary>
    /// <param name="isochrones">One isochrone per (log age, [M/H]); pairs must be distinct.</param>
    /// <param name="options">Observation model and binning.</param>
    /// <param name="luminosity">Filter and reference magnitude for <see cref="SspTemplate.LuminosityPerMass"/>, or null.</param>
    /// <param name="progress">Receives the number of templates finished so far (from worker threads).</param>
    /// <param name="maxDegreeOfParallelism">Worker threads; null for all cores. The result does not depend on it.</param>
    /// <exception cref="ArgumentException">
    /// An isochrone puts no expected star in the diagram (the message names its log age and [M/H]), or two isochrones
    /// share a (log age, [M/H]) pair.
    /// </exception>
    /// <exception cref="KeyNotFoundException">An isochrone lacks a filter.</exception>
    public static TemplateSet Build(IReadOnlyList<Isochrone> isochrones, SspTemplateOptions options, TemplateLuminosityOptions? luminosity = null,
        IProgress<int>? progress = null, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(isochrones);
        ArgumentNullException.ThrowIfNull(options);
        if (isochrones.Count == 0) throw new ArgumentException("No isochrones to build templates from.", nameof(isochrones));
        var duplicate = isochrones.GroupBy(i => (i.LogAge, i.MH)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two isochrones have log age {duplicate.Key.LogAge} and [M/H] {duplicate.Key.MH} ({string.Join(", ", duplicate.Select(i => i.Source).Distinct())}).", nameof(isochrones));
        var templates = new SspTemplate[isochrones.Count];
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 };
        Parallel.For(0, isochrones.Count, parallel, i =>
        {
            var iso = isochrones[i];
            var template = SspTemplateBuilder.Build(iso, options);
            if (luminosity is not null)
                template = template with { LuminosityPerMass = SspLuminosity.PerSolarMass(iso, luminosity.Filter, luminosity.ReferenceMagnitude, options.Imf, options.Binaries) };
            templates[i] = template;
            progress?.Report(Interlocked.Increment(ref done));
        });
        var empty = templates.Where(t => t.Bins.Length == 0).Select(t => $"(log age {t.LogAge}, [M/H] {t.MH})").ToArray();
        if (empty.Length > 0)
            throw new ArgumentException($"{empty.Length} of {templates.Length} isochrones put no expected star inside the Hess grid: {string.Join(", ", empty.Take(5))}{(empty.Length > 5 ? ", …" : "")}. " +
                "Check the colour and magnitude ranges, the distance modulus and the filters, or leave these isochrones out.", nameof(isochrones));
        return new TemplateSet(options.Grid.BinCount, templates, hessGrid: options.Grid);
    }
}
