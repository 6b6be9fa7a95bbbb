namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// Settings of the built-in analytic isochrones (<see cref="AnalyticIsochroneGenerator"/>). Immutable; <see cref="Validate"/>
/// checks it.
/// </summary>
public sealed record AnalyticIsochroneOptions
{
    /// <summary>Lowest initial mass on the isochrone (M☉). Default and minimum 0.1 (limit of the fits).</summary>
    public double MinMass { get; init; } = AnalyticStellarModel.MinMass;

    /// <summary>Highest initial mass considered (M☉). Default and maximum 100 (limit of the fits).</summary>
    public double MaxMass { get; init; } = AnalyticStellarModel.MaxMass;

    /// <summary>Starting number of main-sequence points, log-spaced in mass up to the turnoff, before refinement. Default 40, at least 4.</summary>
    public int MainSequencePoints { get; init; } = 40;

    /// <summary>Starting number of points in each post-main-sequence phase, evenly spaced in mass, before refinement. Default 6, at least 2.</summary>
    public int PhasePoints { get; init; } = 6;

    /// <summary>
    /// Upper limit on the number of points of one isochrone (refinement stops there, keeping the largest steps split first).
    /// Default 1500; at least <see cref="MainSequencePoints"/> + 5 <see cref="PhasePoints"/>.
    /// </summary>
    public int MaxPoints { get; init; } = 1500;

    /// <summary>
    /// Refinement: neighbouring points within a phase differ by at most this much in log10 L (dex), 0.05 by default
    /// (≈ 0.12 mag), so that interpolating linearly in initial mass follows the curve. Positive.
    /// </summary>
    public double MaxLogLuminosityStep { get; init; } = 0.05;

    /// <summary>Refinement: largest step in log10 Teff between neighbours (dex), 0.005 by default (≈ 0.03–0.04 mag in B−V). Positive.</summary>
    public double MaxLogTeffStep { get; init; } = 0.005;

    /// <summary>
    /// T☉ of Teff = T☉ (L/R²)^{1/4} (K). Default 5772 K (IAU 2015 Resolution B3); Hurley et al.'s SSE code uses
    /// 1000·1130^{1/4} ≈ 5798 K. Range 5000 … 6500.
    /// </summary>
    public double SolarEffectiveTemperature { get; init; } = AnalyticStellarModel.NominalSolarEffectiveTemperature;

    /// <summary>
    /// Z☉, the Z of [M/H] = 0 (with Y = 0.24 + 2Z, see <see cref="AnalyticIsochroneGenerator.Chemistry"/>). Default 0.0152
    /// (the PARSEC value, Bressan et al. 2012), so the fits' range Z = 1e-4 … 0.03 is [M/H] = −2.21 … +0.32. (Hurley et
    /// al.'s ζ = log10(Z/0.02) is only the fit variable.) Range (0, 0.05].
    /// </summary>
    public double SolarMetalMassFraction { get; init; } = 0.0152;

    /// <summary>Whether to add subgiant, red-giant, core-He-burning and early-AGB stars (true) or stop at the turnoff.</summary>
    public bool IncludePostMainSequence { get; init; } = true;

    /// <summary>
    /// What to do with an [M/H] whose Z falls outside 1e-4 … 0.03: false (default) throws; true evaluates the fits at
    /// the nearest limit while keeping the requested [M/H] label.
    /// </summary>
    public bool ClampMetallicity { get; init; }

    /// <summary>Checks the options and returns them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting out of range (NaN included).</exception>
    public AnalyticIsochroneOptions Validate()
    {
        if (!(MinMass >= AnalyticStellarModel.MinMass && MinMass < MaxMass))
            throw new ArgumentOutOfRangeException(nameof(MinMass), MinMass, $"Must be ≥ {AnalyticStellarModel.MinMass} and below MaxMass.");
        if (!(MaxMass <= AnalyticStellarModel.MaxMass))
            throw new ArgumentOutOfRangeException(nameof(MaxMass), MaxMass, $"Must be ≤ {AnalyticStellarModel.MaxMass} M☉.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MainSequencePoints, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(PhasePoints, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPoints, MainSequencePoints + 5 * PhasePoints);
        if (!(MaxLogLuminosityStep > 0 && double.IsFinite(MaxLogLuminosityStep)))
            throw new ArgumentOutOfRangeException(nameof(MaxLogLuminosityStep), MaxLogLuminosityStep, "Must be positive and finite.");
        if (!(MaxLogTeffStep > 0 && double.IsFinite(MaxLogTeffStep)))
            throw new ArgumentOutOfRangeException(nameof(MaxLogTeffStep), MaxLogTeffStep, "Must be positive and finite.");
        if (!(SolarEffectiveTemperature >= 5000 && SolarEffectiveTemperature <= 6500))
            throw new ArgumentOutOfRangeException(nameof(SolarEffectiveTemperature), SolarEffectiveTemperature, "Must be in [5000, 6500] K.");
        if (!(SolarMetalMassFraction > 0 && SolarMetalMassFraction <= 0.05))
            throw new ArgumentOutOfRangeException(nameof(SolarMetalMassFraction), SolarMetalMassFraction, "Must be in (0, 0.05].");
        return this;
    }
}
