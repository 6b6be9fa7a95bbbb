namespace BayesSfh.Population;

/// <summary>
/// One drawn star system of a mock. Magnitudes are apparent (M + μ + A), in the blue, red and magnitude-axis filters of
/// the <see cref="SspTemplateOptions"/> (the magnitude-axis values repeat the blue or red ones when that filter is a
/// colour filter); binaries are combined, m = −2.5 log10(10^{−0.4 m₁} + 10^{−0.4 m₂}).
/// </summary>
/// <param name="Ssp">Index of the population in the input list.</param>
/// <param name="LogAge">log10(age / yr) of the population's isochrone.</param>
/// <param name="MH">[M/H] of the population's isochrone.</param>
/// <param name="PrimaryMass">Initial mass of the primary, M☉.</param>
/// <param name="SecondaryMass">Initial mass of the secondary, M☉; NaN for a single star.</param>
/// <param name="TrueBlue">True apparent magnitude, blue filter.</param>
/// <param name="TrueRed">True apparent magnitude, red filter.</param>
/// <param name="TrueMagnitude">True apparent magnitude, magnitude-axis filter.</param>
/// <param name="ObservedBlue">Observed magnitude m + b(m) + σ(m)·N(0, 1), blue filter; NaN when undetected.</param>
/// <param name="ObservedRed">Observed magnitude, red filter; NaN when undetected.</param>
/// <param name="ObservedMagnitude">Observed magnitude, magnitude-axis filter (the same draw as the colour filter it
/// equals); NaN when undetected.</param>
/// <param name="Detected">Whether the system passed the completeness draw.</param>
/// <param name="Bin">Flattened Hess bin of (observed blue − red, observed magnitude); −1 when undetected or outside the grid.</param>
public readonly record struct MockStar(int Ssp, double LogAge, double MH, double PrimaryMass, double SecondaryMass,
    double TrueBlue, double TrueRed, double TrueMagnitude, double ObservedBlue, double ObservedRed, double ObservedMagnitude, bool Detected, int Bin);

/// <summary>
/// Receives the stars of a mock as they are drawn, in a deterministic order (population by population in input order,
/// systems in drawing order), always from one thread at a time. The span is only valid during the call.
/// </summary>
public interface IMockStarSink
{
    /// <summary>Consumes the next consecutive stars.</summary>
    void Write(ReadOnlySpan<MockStar> stars);
}

/// <summary>Totals of a mock: the binned detected stars and the numbers of systems drawn, alive and detected.</summary>
/// <param name="Counts">Detected stars per flattened Hess bin (length = grid bin count).</param>
/// <param name="Systems">Systems drawn (alive or not).</param>
/// <param name="Alive">Systems whose primary lies within its isochrone's mass range (observable).</param>
/// <param name="Detected">Systems detected (inside the grid or not).</param>
public sealed record MockTotals(long[] Counts, long Systems, long Alive, long Detected)
{
    /// <summary>Detected stars inside the Hess grid.</summary>
    public long InGrid => Counts.Sum();
}

/// <summary>A drawn mock with its star list materialised.</summary>
/// <param name="Counts">Detected stars per flattened Hess bin.</param>
/// <param name="Stars">Detected systems (and undetected alive ones if asked), grouped by population in input order.</param>
/// <param name="Systems">Systems drawn (alive or not).</param>
/// <param name="Alive">Systems whose primary lies within its isochrone's mass range (observable).</param>
/// <param name="Detected">Systems detected (inside the grid or not).</param>
public sealed record MockPopulationResult(long[] Counts, IReadOnlyList<MockStar> Stars, long Systems, long Alive, long Detected)
{
    /// <summary>Detected stars inside the Hess grid.</summary>
    public long InGrid => Counts.Sum();
}
