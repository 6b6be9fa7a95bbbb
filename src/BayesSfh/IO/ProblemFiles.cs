namespace BayesSfh.IO;

/// <summary>The input files of one fitting problem (see <see cref="ProblemLoader"/> for the formats and checks).</summary>
/// <param name="TemplatesPath">SSP templates (<see cref="TemplateCsvReader"/>). Required.</param>
/// <param name="ObservedPath">Observed Hess diagram (<see cref="ObservedCsvReader"/>). Required.</param>
/// <param name="GridPath">Bin edges (<see cref="GridCsvReader"/>); needed for <c>x_bin</c>/<c>y_bin</c> files. Optional.</param>
/// <param name="BackgroundPath">Background templates (<see cref="BackgroundCsvReader"/>). Optional.</param>
/// <param name="LuminosityPath">Luminosity per M☉ of every template (<see cref="LuminosityCsvReader"/>). Optional.</param>
/// <param name="TemplateScale">
/// Mass N (M☉) that the template values refer to ("stars per N M☉ formed"); values are divided by N on load so that
/// they become stars per M☉. Range: finite, N &gt; 0. Default 1.
/// </param>
public sealed record ProblemFiles(
    string TemplatesPath,
    string ObservedPath,
    string? GridPath = null,
    string? BackgroundPath = null,
    string? LuminosityPath = null,
    double TemplateScale = 1)
{
    /// <summary>Checks the settings (not the files) and returns them.</summary>
    /// <exception cref="ArgumentException">A required path is empty, an optional one is blank, or the scale is not finite and positive.</exception>
    public ProblemFiles Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(TemplatesPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(ObservedPath);
        foreach (var (path, name) in new[] { (GridPath, nameof(GridPath)), (BackgroundPath, nameof(BackgroundPath)), (LuminosityPath, nameof(LuminosityPath)) })
            if (path is not null && string.IsNullOrWhiteSpace(path))
                throw new ArgumentException($"{name} is blank; give a file or leave it out.", name);
        if (!(TemplateScale > 0) || !double.IsFinite(TemplateScale))
            throw new ArgumentOutOfRangeException(nameof(TemplateScale), TemplateScale,
                "The template scale (solar masses that the template values refer to) must be finite and positive.");
        return this;
    }
}
