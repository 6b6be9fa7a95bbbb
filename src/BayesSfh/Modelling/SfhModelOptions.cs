using BayesSfh.Metallicity;
using BayesSfh.Templates;

namespace BayesSfh.Modelling;

/// <summary>Which metallicity model ties the template coefficients together.</summary>
public enum MetallicityModelKind
{
    /// <summary>Power-law mass–metallicity relation with Gaussian dispersion (<see cref="PowerLawMzr"/>).</summary>
    PowerLawMzr,

    /// <summary>Linear age–metallicity relation with Gaussian dispersion (<see cref="LinearAmr"/>).</summary>
    LinearAmr,

    /// <summary>Logarithmic age–metallicity relation with Gaussian dispersion (<see cref="LogarithmicAmr"/>).</summary>
    LogarithmicAmr,

    /// <summary>No metallicity model: every template coefficient is free (<see cref="FreeCoefficientMap"/>).</summary>
    Free,
}

/// <summary>A prior to add to the default flat prior.</summary>
public abstract record PriorSpec;

/// <summary>Normal prior N(<paramref name="Mean"/>, <paramref name="StandardDeviation"/>²) on a named natural parameter.</summary>
public sealed record NormalPriorSpec(string Parameter, double Mean, double StandardDeviation) : PriorSpec;

/// <summary>Continuity prior on the SFH (Student-t on adjacent log10 SFR ratios; Leja et al. 2019).</summary>
public sealed record ContinuityPriorSpec(double DegreesOfFreedom = 2, double Scale = 0.3) : PriorSpec;

/// <summary>How to build an <see cref="SfhModel"/>. Immutable; <see cref="Validate"/> checks it.</summary>
public sealed record SfhModelOptions
{
    /// <summary>The metallicity model. Default: power-law MZR.</summary>
    public MetallicityModelKind Model { get; init; } = MetallicityModelKind.PowerLawMzr;

    /// <summary>Optional replacement mean-metallicity model (any AMR or MZR form); overrides <see cref="Model"/>.</summary>
    public IMeanMetallicityModel? MeanModel { get; init; }

    /// <summary>Dispersion model for the metallicity models. Default: Gaussian.</summary>
    public IMetallicityDispersion Dispersion { get; init; } = new GaussianDispersion();

    /// <summary>T_max (Gyr): the old edge of the oldest age bin. Default 13.7.</summary>
    public double MaxAgeGyr { get; init; } = AgeBins.DefaultMaxAgeGyr;

    /// <summary>Optional explicit log10(age/yr) bin edges (J + 1 values); overrides <see cref="MaxAgeGyr"/>.</summary>
    public IReadOnlyList<double>? LogAgeEdges { get; init; }

    /// <summary>log10 M_0/M☉ of the power-law MZR. Default 6.</summary>
    public double MzrLog10ReferenceMass { get; init; } = 6.0;

    /// <summary>Parameters held fixed, by name, in natural units.</summary>
    public IReadOnlyDictionary<string, double> Fixed { get; init; } = new Dictionary<string, double>();

    /// <summary>Starting values, by name, in natural units (others use the defaults).</summary>
    public IReadOnlyDictionary<string, double> Initial { get; init; } = new Dictionary<string, double>();

    /// <summary>Priors beyond the default flat prior.</summary>
    public IReadOnlyList<PriorSpec> Priors { get; init; } = [];

    /// <summary>Checks the options and returns them.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public SfhModelOptions Validate()
    {
        if (!(MaxAgeGyr > 0) || !double.IsFinite(MaxAgeGyr)) throw new ArgumentException($"T_max must be a positive number of Gyr; got {MaxAgeGyr}.");
        if (!double.IsFinite(MzrLog10ReferenceMass)) throw new ArgumentException("log10 M_0 must be finite.");
        if (Model == MetallicityModelKind.Free && MeanModel is not null) throw new ArgumentException("A mean-metallicity model cannot be combined with the free model.");
        if (Model == MetallicityModelKind.Free && Priors.OfType<ContinuityPriorSpec>().Any())
            throw new ArgumentException("The continuity prior needs a metallicity model (one mass per age bin); it is not available with the free model.");
        if (Priors.OfType<ContinuityPriorSpec>().Count() > 1) throw new ArgumentException("The continuity prior is given twice.");
        var names = Priors.OfType<NormalPriorSpec>().GroupBy(p => p.Parameter).FirstOrDefault(g => g.Count() > 1);
        if (names is not null) throw new ArgumentException($"Two priors are given for '{names.Key}'.");
        var both = Fixed.Keys.Intersect(Initial.Keys).FirstOrDefault();
        if (both is not null) throw new ArgumentException($"Parameter '{both}' is both fixed and given a starting value.");
        return this;
    }
}
