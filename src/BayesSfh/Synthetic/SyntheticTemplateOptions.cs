namespace BayesSfh.Synthetic;

/// <summary>Grid and binning of the synthetic template set (see <see cref="SyntheticTemplates"/>).</summary>
public sealed record SyntheticTemplateOptions
{
    /// <summary>Number of log ages J, evenly spaced from <see cref="MinLogAge"/> to <see cref="MaxLogAge"/>.</summary>
    public int Ages { get; init; } = 20;

    /// <summary>Youngest log10(age/yr).</summary>
    public double MinLogAge { get; init; } = 8.0;

    /// <summary>Oldest log10(age/yr).</summary>
    public double MaxLogAge { get; init; } = 10.1;

    /// <summary>Number of metallicities K, evenly spaced from <see cref="MinMH"/> to <see cref="MaxMH"/>.</summary>
    public int Metallicities { get; init; } = 12;

    /// <summary>Lowest [M/H].</summary>
    public double MinMH { get; init; } = -2.2;

    /// <summary>Highest [M/H].</summary>
    public double MaxMH { get; init; } = 0.0;

    /// <summary>Colour bins Nx over [−0.4, 1.8) mag.</summary>
    public int ColourBins { get; init; } = 60;

    /// <summary>Magnitude bins Ny over [−3, 7) mag.</summary>
    public int MagnitudeBins { get; init; } = 40;

    /// <summary>Checks the options and returns them.</summary>
    /// <exception cref="ArgumentException">A count below its minimum or a range not increasing.</exception>
    public SyntheticTemplateOptions Validate()
    {
        if (Ages < 2 || Metallicities < 1 || ColourBins < 4 || MagnitudeBins < 4)
            throw new ArgumentException("Need at least 2 ages, 1 metallicity and 4 × 4 bins.");
        if (!(MaxLogAge > MinLogAge) || !(MaxMH >= MinMH) || (Metallicities > 1 && MaxMH == MinMH))
            throw new ArgumentException("Age and metallicity ranges must increase.");
        if (MaxLogAge >= 9 + Math.Log10(13.7)) throw new ArgumentException("The oldest template must be younger than 13.7 Gyr.");
        return this;
    }
}
