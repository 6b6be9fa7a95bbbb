using BayesSfh.Isochrones;
using BayesSfh.Population;

namespace BayesSfh.IO;

/// <summary>
/// Writes the star list of a mock (<see cref="MockPopulationResult.Stars"/>) as <c>stars.csv</c>, atomically: one row per
/// system with <c>ssp,log_age,mh,mass_primary,mass_secondary,F_true…,F_obs…,detected,bin</c>, where F runs over the
/// blue, red and (if different) magnitude filters by their isochrone names; masses in M☉ (secondary empty for single
/// stars), magnitudes apparent (observed empty when undetected), <c>detected</c> 1 or 0, <c>bin</c> the flattened Hess bin
/// or −1 outside the grid.
/// </summary>
public static class StarListCsvWriter
{
    /// <summary>Writes <paramref name="stars"/>; <paramref name="populations"/> gives each star's log age and [M/H].</summary>
    public static void Write(string path, IReadOnlyList<MockStar> stars, IReadOnlyList<MockSsp> populations, SspTemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(stars);
        ArgumentNullException.ThrowIfNull(populations);
        ArgumentNullException.ThrowIfNull(options);
        bool third = options.Axis == MagnitudeAxis.Separate;
        var filters = third ? new[] { options.Blue.Filter, options.Red.Filter, options.Magnitude.Filter } : [options.Blue.Filter, options.Red.Filter];
        string[] header = ["ssp", "log_age", "mh", "mass_primary", "mass_secondary", .. filters.Select(f => f + "_true"), .. filters.Select(f => f + "_obs"), "detected", "bin"];
        CsvText.Write(path, header, csv =>
        {
            var fields = new string[header.Length];
            foreach (var s in stars)
            {
                Isochrone iso = populations[s.Ssp].Isochrone;
                int k = 0;
                fields[k++] = CsvText.Number(s.Ssp);
                fields[k++] = CsvText.Number(iso.LogAge);
                fields[k++] = CsvText.Number(iso.MH);
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
        });
    }

    private static string Optional(double value) => double.IsNaN(value) ? "" : CsvText.Number(value);
}
