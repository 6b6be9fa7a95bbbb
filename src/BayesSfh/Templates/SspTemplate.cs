namespace BayesSfh.Templates;

/// <summary>
/// One simple-stellar-population template: the expected number of observed stars per Hess bin per solar mass formed,
/// for one (log10 age, [M/H]) pair, stored sparsely (only non-zero bins).
/// </summary>
/// <param name="LogAge">log10 of the SSP age in years (lookback time).</param>
/// <param name="MH">Metallicity [M/H] in dex.</param>
/// <param name="Bins">Flattened bin indices of the non-zero entries, strictly increasing.</param>
/// <param name="Values">Expected stars per bin per M☉ formed, same length as <paramref name="Bins"/>, positive.</param>
/// <param name="LuminosityPerMass">Optional luminosity (L☉ in the chosen band) per M☉ formed, for light weighting.</param>
public sealed record SspTemplate(double LogAge, double MH, int[] Bins, double[] Values, double? LuminosityPerMass = null)
{
    /// <summary>Expected total number of observed stars per M☉ formed (Σ over bins).</summary>
    public double StarsPerMass => Values.Sum();
}

/// <summary>
/// A fixed-shape extra template (for example foreground/background contamination) scaled by a free non-negative
/// amplitude: its values are expected stars per bin per unit amplitude.
/// </summary>
/// <param name="Name">Name used in parameter names (<c>bg.NAME</c>).</param>
/// <param name="Bins">Flattened bin indices of the non-zero entries, strictly increasing.</param>
/// <param name="Values">Expected stars per bin per unit amplitude, positive.</param>
public sealed record BackgroundTemplate(string Name, int[] Bins, double[] Values);
