using BayesSfh.Hess;
using BayesSfh.Imf;
using BayesSfh.Observation;

namespace BayesSfh.Population;

/// <summary>
/// What <see cref="SspTemplateBuilder"/> needs besides the isochrone: the colour (<see cref="Blue"/> − <see cref="Red"/>)
/// and magnitude (<see cref="Magnitude"/>) axes of the Hess diagram, each band with its extinction, error and
/// completeness; the distance modulus; the IMF; the binning; and the numerical resolution.
/// </summary>
/// <remarks>
/// The magnitude band may be one of the colour bands (then it must be the same <see cref="PhotometricBand"/>, compared
/// by value) or a third filter. Unresolved binaries are off unless <see cref="Binaries"/> is given.
/// </remarks>
public sealed record SspTemplateOptions
{
    /// <summary>
    /// Default mean spacing of the single-star resampling nodes as a fraction of min(bin width, σ): with
    /// Gauss–Legendre pieces of up to six nodes, 0.6 keeps templates within ~1e-7 of the largest bin of the converged result on the built-in isochrones and within
    /// 1e-7 – 5e-6 on PARSEC and MIST ones (young populations are the hardest; docs/templates.md).
    /// </summary>
    public const double DefaultStepFraction = 0.6;

    /// <summary>
    /// Default lattice step of the correlated kernel in units of min(σ_m, σ_o) (see <see cref="LatticeStep"/>): its
    /// eighth-order row integrals then stay within ~1e-6 of the largest bin on PARSEC grids and ~1e-8 on the built-in
    /// isochrones (docs/templates.md).
    /// </summary>
    public const double DefaultLatticeStep = 0.25;

    /// <summary>Creates and validates the options.</summary>
    /// <param name="blue">First filter of the colour.</param>
    /// <param name="red">Second filter of the colour (colour = blue − red).</param>
    /// <param name="magnitude">Filter of the magnitude axis; may equal <paramref name="blue"/> or <paramref name="red"/>.</param>
    /// <param name="distanceModulus">μ = 5 log10(d / 10 pc), finite.</param>
    /// <param name="imf">Initial mass function.</param>
    /// <param name="grid">Hess binning.</param>
    /// <param name="stepFraction">
    /// Mean spacing of the single-star nodes as a fraction of min(bin width, σ), in (0, 1]: pieces of at most three
    /// such steps with three Gauss–Legendre nodes each.
    /// </param>
    /// <param name="quadratureOrder">Gauss–Legendre points per magnitude bin for correlated errors, 1–20.</param>
    /// <param name="binaries">Unresolved binaries; null for single stars only.</param>
    /// <param name="latticeStep">
    /// Largest lattice step of the correlated kernel on uniform colour bins, in units of min(σ_m, σ_o), in [0.02, 0.5]
    /// (smaller is more accurate and slower; for convergence studies). Points whose lattice would exceed 2048 nodes
    /// (σ_o ≪ σ_m, sooner with small steps) use the Gauss–Legendre kernel instead.
    /// </param>
    /// <exception cref="ArgumentException">Invalid value or inconsistent bands; the message names the parameter.</exception>
    public SspTemplateOptions(PhotometricBand blue, PhotometricBand red, PhotometricBand magnitude, double distanceModulus,
        IInitialMassFunction imf, HessGrid grid, double stepFraction = DefaultStepFraction, int quadratureOrder = 5,
        BinaryOptions? binaries = null, double latticeStep = DefaultLatticeStep)
    {
        if (!(latticeStep >= 0.02 && latticeStep <= 0.5)) throw new ArgumentException($"The lattice step must lie in [0.02, 0.5] (got {latticeStep}).", nameof(latticeStep));
        LatticeStep = latticeStep;
        ArgumentNullException.ThrowIfNull(blue);
        ArgumentNullException.ThrowIfNull(red);
        ArgumentNullException.ThrowIfNull(magnitude);
        ArgumentNullException.ThrowIfNull(imf);
        ArgumentNullException.ThrowIfNull(grid);
        if (blue.Filter == red.Filter) throw new ArgumentException($"The colour needs two different filters (both are {blue.Filter}).", nameof(red));
        if (magnitude.Filter == blue.Filter && magnitude != blue)
            throw new ArgumentException($"The magnitude filter {magnitude.Filter} is the blue filter but its band description differs.", nameof(magnitude));
        if (magnitude.Filter == red.Filter && magnitude != red)
            throw new ArgumentException($"The magnitude filter {magnitude.Filter} is the red filter but its band description differs.", nameof(magnitude));
        if (!double.IsFinite(distanceModulus)) throw new ArgumentException($"The distance modulus must be finite (got {distanceModulus}).", nameof(distanceModulus));
        if (!(stepFraction > 0 && stepFraction <= 1)) throw new ArgumentException($"The step fraction must lie in (0, 1] (got {stepFraction}).", nameof(stepFraction));
        if (quadratureOrder is < 1 or > 20) throw new ArgumentException($"The quadrature order must lie in 1–20 (got {quadratureOrder}).", nameof(quadratureOrder));
        (Blue, Red, Magnitude, DistanceModulus, Imf, Grid, StepFraction, QuadratureOrder, Binaries) =
            (blue, red, magnitude, distanceModulus, imf, grid, stepFraction, quadratureOrder, binaries);
    }

    /// <summary>First colour filter.</summary>
    public PhotometricBand Blue { get; }

    /// <summary>Second colour filter.</summary>
    public PhotometricBand Red { get; }

    /// <summary>Magnitude-axis filter.</summary>
    public PhotometricBand Magnitude { get; }

    /// <summary>Distance modulus μ (mag).</summary>
    public double DistanceModulus { get; }

    /// <summary>Initial mass function.</summary>
    public IInitialMassFunction Imf { get; }

    /// <summary>Hess binning.</summary>
    public HessGrid Grid { get; }

    /// <summary>Mean spacing of the single-star nodes as a fraction of min(bin width, σ).</summary>
    public double StepFraction { get; }

    /// <summary>
    /// Largest number of Gauss–Legendre points per quadrature piece (correlated case); pieces narrow against the errors
    /// use fewer (see <see cref="SspTemplateBuilder"/>).
    /// </summary>
    public int QuadratureOrder { get; }

    /// <summary>Unresolved binaries, or null.</summary>
    public BinaryOptions? Binaries { get; }

    /// <summary>Largest lattice step of the correlated kernel, in units of min(σ_m, σ_o).</summary>
    public double LatticeStep { get; }

    /// <summary>How the magnitude axis relates to the colour filters.</summary>
    public MagnitudeAxis Axis => Magnitude.Filter == Blue.Filter ? MagnitudeAxis.Blue : Magnitude.Filter == Red.Filter ? MagnitudeAxis.Red : MagnitudeAxis.Separate;
}

/// <summary>Which filter the magnitude axis uses, relative to the colour.</summary>
public enum MagnitudeAxis
{
    /// <summary>A third filter: colour and magnitude errors are independent.</summary>
    Separate,

    /// <summary>The blue filter: cov(colour, magnitude) = +σ_m².</summary>
    Blue,

    /// <summary>The red filter: cov(colour, magnitude) = −σ_m².</summary>
    Red,
}

/// <summary>
/// Unresolved binaries: a fraction <see cref="Fraction"/> of the systems are pairs whose secondary has mass q·m with
/// q uniform on [<see cref="MinimumRatio"/>, 1]; the pair is seen as one star of magnitude
/// m = −2.5 log10(10^{−0.4 m1} + 10^{−0.4 m2}) in every filter.
/// </summary>
public sealed record BinaryOptions
{
    /// <summary>
    /// Default resampling step of the binary streams as a fraction of min(σ, bin width). With
    /// <see cref="DefaultRatioPoints"/> this balances the two errors of a binary template (the q sampling and the
    /// second-order step error) at the cost of the former 20 nodes × 0.2 (docs/templates.md).
    /// </summary>
    public const double DefaultStepFraction = 0.6;

    /// <summary>Default number of mass-ratio nodes.</summary>
    public const int DefaultRatioPoints = 60;

    /// <summary>Creates and validates the options.</summary>
    /// <param name="fraction">Binary fraction f in [0, 1].</param>
    /// <param name="minimumRatio">Lower end of the flat mass-ratio distribution, in [0, 1).</param>
    /// <param name="ratioPoints">Number of q nodes (midpoint rule), 1–200.</param>
    /// <param name="stepFraction">
    /// Resampling step of each binary stream as a fraction of min(σ, bin width), in (0, 1]: midpoint points merged into
    /// clusters of at most this extent (second-order accurate; the default balances it against the q sampling).
    /// </param>
    /// <exception cref="ArgumentException">Invalid value; the message names the parameter.</exception>
    public BinaryOptions(double fraction, double minimumRatio = 0, int ratioPoints = DefaultRatioPoints, double stepFraction = DefaultStepFraction)
    {
        if (!(stepFraction > 0 && stepFraction <= 1)) throw new ArgumentException($"The binary step fraction must lie in (0, 1] (got {stepFraction}).", nameof(stepFraction));
        StepFraction = stepFraction;
        if (!(fraction >= 0 && fraction <= 1)) throw new ArgumentException($"The binary fraction must lie in [0, 1] (got {fraction}).", nameof(fraction));
        if (!(minimumRatio >= 0 && minimumRatio < 1)) throw new ArgumentException($"The minimum mass ratio must lie in [0, 1) (got {minimumRatio}).", nameof(minimumRatio));
        if (ratioPoints is < 1 or > 200) throw new ArgumentException($"The number of mass-ratio points must lie in 1–200 (got {ratioPoints}).", nameof(ratioPoints));
        (Fraction, MinimumRatio, RatioPoints) = (fraction, minimumRatio, ratioPoints);
    }

    /// <summary>Binary fraction f.</summary>
    public double Fraction { get; }

    /// <summary>Lowest mass ratio q.</summary>
    public double MinimumRatio { get; }

    /// <summary>Number of mass-ratio nodes.</summary>
    public int RatioPoints { get; }

    /// <summary>Resampling step of the binary streams as a fraction of σ (see <see cref="SspTemplateOptions.StepFraction"/>).</summary>
    public double StepFraction { get; }
}
