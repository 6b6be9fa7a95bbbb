using BayesSfh.Population;
using CsvHelper;

namespace BayesSfh.IO;

/// <summary>
/// Writes the star list of a mock as <c>stars.csv</c>, atomically (<see cref="AtomicFile"/>), invariant culture,
/// round-trip numbers. One row per system with the header
/// <c>ssp,log_age,mh,mass_primary,mass_secondary,F_true…,F_obs…,detected,bin</c>, where F runs over the blue, red and
/// (when it is a third filter) magnitude-axis filters by their isochrone names: <c>ssp</c> the population index,
/// <c>log_age</c> log10(age/yr), <c>mh</c> [M/H], masses initial in M☉ (<c>mass_secondary</c> empty for single stars),
/// magnitudes apparent (M + μ + A; binaries combined; <c>_obs</c> empty when undetected), <c>detected</c> 1 or 0,
/// <c>bin</c> the flattened Hess bin (y · colour bins + x) or −1 when undetected or outside the grid.
/// </summary>
public static class StarListCsvWriter
{
    /// <summary>The header for <paramref name="options"/>'s filters.</summary>
    public static string[] Header(SspTemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var filters = Filters(options);
        return ["ssp", "log_age", "mh", "mass_primary", "mass_secondary", .. filters.Select(f => f + "_true"), .. filters.Select(f => f + "_obs"), "detected", "bin"];
    }

    /// <summary>Writes a materialised star list.</summary>
    public static void Write(string path, IEnumerable<MockStar> stars, SspTemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(stars);
        ArgumentNullException.ThrowIfNull(options);
        bool third = options.Axis == MagnitudeAxis.Separate;
        var header = Header(options);
        CsvText.Write(path, header, csv =>
        {
            var fields = new string[header.Length];
            foreach (var star in stars) Row(csv, fields, star, third);
        });
    }

    /// <summary>
    /// Writes a materialised star list (kept for callers that pass the populations; each star carries its log age and [M/H]).
    /// </summary>
    /// <exception cref="ArgumentException">A star refers to a population outside <paramref name="populations"/>.</exception>
    public static void Write(string path, IReadOnlyList<MockStar> stars, IReadOnlyList<MockSsp> populations, SspTemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(stars);
        ArgumentNullException.ThrowIfNull(populations);
        foreach (var star in stars)
            if (star.Ssp < 0 || star.Ssp >= populations.Count)
                throw new ArgumentException($"A star refers to population {star.Ssp}; there are {populations.Count}.", nameof(stars));
        Write(path, stars, options);
    }

    /// <summary>
    /// Streams stars to <paramref name="path"/>: <paramref name="produce"/> receives a sink that writes each star as a row
    /// as it arrives (e.g. <c>sink =&gt; totals = MockPopulation.Stream(populations, options, seed, sink)</c>), so memory
    /// does not grow with the number of stars. The file appears only when <paramref name="produce"/> returns; if it
    /// throws, nothing is written.
    /// </summary>
    public static void Write(string path, SspTemplateOptions options, Action<IMockStarSink> produce)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(produce);
        var header = Header(options);
        CsvText.Write(path, header, csv => produce(new RowSink(csv, header.Length, options.Axis == MagnitudeAxis.Separate)));
    }

    private static string[] Filters(SspTemplateOptions options) => options.Axis == MagnitudeAxis.Separate
        ? [options.Blue.Filter, options.Red.Filter, options.Magnitude.Filter]
        : [options.Blue.Filter, options.Red.Filter];

    private static void Row(CsvWriter csv, string[] fields, in MockStar s, bool third)
    {
        int k = 0;
        fields[k++] = CsvText.Number(s.Ssp);
        fields[k++] = CsvText.Number(s.LogAge);
        fields[k++] = CsvText.Number(s.MH);
        fields[k++] = CsvText.Number(s.PrimaryMass);
        fields[k++] = Optional(s.SecondaryMass);
        fields[k++] = CsvText.Number(s.TrueBlue);
        fields[k++] = CsvText.Number(s.TrueRed);
        if (third) fields[k++] = CsvText.Number(s.TrueMagnitude);
        fields[k++] = Optional(s.ObservedBlue);
        fields[k++] = Optional(s.ObservedRed);
        if (third) fields[k++] = Optional(s.ObservedMagnitude);
        fields[k++] = s.Detected ? "1" : "0";
        fields[k] = CsvText.Number(s.Bin);
        csv.Row(fields);
    }

    private static string Optional(double value) => double.IsNaN(value) ? "" : CsvText.Number(value);

    private sealed class RowSink(CsvWriter csv, int width, bool third) : IMockStarSink
    {
        private readonly string[] _fields = new string[width];

        public void Write(ReadOnlySpan<MockStar> stars)
        {
            foreach (ref readonly var star in stars) Row(csv, _fields, star, third);
        }
    }
}
