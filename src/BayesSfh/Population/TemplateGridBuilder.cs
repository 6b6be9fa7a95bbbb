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
    /// <summary>
    /// Default <c>relativeFloor</c>: entries below 10⁻¹² of their template's largest entry are dropped. The Gaussian
    /// tails of the error kernels otherwise reach every bin with values down to 10⁻²⁰ and more, which makes templates
    /// dense (and the likelihood proportionally slower) for a change in expected counts below 10⁻⁸ of the template's.
    /// </summary>
    public const double DefaultRelativeFloor = 1e-12;

    /// <summary>Builds the templates of <paramref name="isochrones"/>, in their order.</summary>
    /// <param name="isochrones">One isochrone per (log age, [M/H]); pairs must be distinct.</param>
    /// <param name="options">Observation model and binning.</param>
    /// <param name="luminosity">Filter and reference magnitude for <see cref="SspTemplate.LuminosityPerMass"/>, or null.</param>
    /// <param name="progress">Receives the number of templates finished so far (from worker threads).</param>
    /// <param name="maxDegreeOfParallelism">Worker threads; null for all cores. The result does not depend on it.</param>
    /// <param name="relativeFloor">Entries below this fraction of their template's largest entry are dropped; 0 keeps all.
    /// An observed star in a bin that every template then misses is reported by the loader (add a background template, or use 0).</param>
    /// <exception cref="ArgumentException">
    /// An isochrone puts no expected star in the diagram (the message names its log age and [M/H]), two isochrones
    /// share a (log age, [M/H]) pair, or the floor is outside [0, 1).
    /// </exception>
    /// <exception cref="KeyNotFoundException">An isochrone lacks a filter.</exception>
    public static TemplateSet Build(IReadOnlyList<Isochrone> isochrones, SspTemplateOptions options, TemplateLuminosityOptions? luminosity = null,
        IProgress<int>? progress = null, int? maxDegreeOfParallelism = null, double relativeFloor = DefaultRelativeFloor)
    {
        if (!(relativeFloor >= 0 && relativeFloor < 1)) throw new ArgumentException($"The relative floor must lie in [0, 1) (got {relativeFloor}).", nameof(relativeFloor));
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
            var template = Trim(SspTemplateBuilder.Build(iso, options), relativeFloor);
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

    /// <summary>The template without entries below <paramref name="relativeFloor"/> × its largest entry.</summary>
    public static SspTemplate Trim(SspTemplate template, double relativeFloor)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (relativeFloor <= 0 || template.Values.Length == 0) return template;
        double threshold = relativeFloor * template.Values.Max();
        var keep = Enumerable.Range(0, template.Values.Length).Where(i => template.Values[i] >= threshold).ToArray();
        return keep.Length == template.Values.Length ? template
            : template with { Bins = [.. keep.Select(i => template.Bins[i])], Values = [.. keep.Select(i => template.Values[i])] };
    }
}
