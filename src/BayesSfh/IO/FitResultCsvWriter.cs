using System.Globalization;
using BayesSfh.Optimization;

namespace BayesSfh.IO;

/// <summary>
/// Writes a <see cref="FitResult"/> as CSV. <c>fit.csv</c>: one row per parameter with columns
/// <c>name,value,standard_error,fixed,log_age</c> (log_age only for the per-age masses R.j). <c>covariance.csv</c>: the
/// Laplace covariance of the unconstrained θ (ln x for positive parameters, x for real ones), columns
/// <c>parameter,NAME…</c> over the free parameters. Files are replaced atomically.
/// </summary>
public static class FitResultCsvWriter
{
    /// <summary>Writes the parameter table.</summary>
    /// <param name="path">Output file.</param>
    /// <param name="fit">The fit.</param>
    /// <param name="logAgeOf">Log age of a parameter, or null when it has none.</param>
    public static void WriteParameters(string path, FitResult fit, Func<string, double?> logAgeOf)
    {
        AtomicFile.Write(path, writer =>
        {
            writer.WriteLine("name,value,standard_error,fixed,log_age");
            for (int i = 0; i < fit.Names.Length; i++)
            {
                var logAge = logAgeOf(fit.Names[i]);
                writer.WriteLine(string.Join(',', fit.Names[i], Format(fit.Values[i]), Format(fit.StandardErrors[i]),
                    fit.IsFixed[i] ? "true" : "false", logAge is { } a ? Format(a) : ""));
            }
        });
    }

    /// <summary>Writes the θ covariance (nothing is written when it is unavailable).</summary>
    /// <returns>True when a file was written.</returns>
    public static bool WriteCovariance(string path, FitResult fit)
    {
        if (fit.ThetaCovariance is not { } covariance) return false;
        var free = Enumerable.Range(0, fit.Names.Length).Where(i => !fit.IsFixed[i]).Select(i => fit.Names[i]).ToArray();
        AtomicFile.Write(path, writer =>
        {
            writer.WriteLine("parameter," + string.Join(',', free));
            for (int r = 0; r < free.Length; r++)
                writer.WriteLine(free[r] + "," + string.Join(',', Enumerable.Range(0, free.Length).Select(c => Format(covariance[r, c]))));
        });
        return true;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
