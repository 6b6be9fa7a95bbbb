using System.Collections.Immutable;

namespace BayesSfh.Products;

/// <summary>
/// Posterior of the metallicity model (absent for the free model): its parameters, the mean metallicity μ_j of the stars
/// formed in each time bin (the age–metallicity relation, for MZR and AMR models alike), and for a relation of stellar
/// mass the MZR line μ(M*) over a grid of log10 M*.
/// </summary>
/// <remarks>
/// μ_j is computed per draw by the model's own <see cref="Modelling.HierarchicalCoefficientMap.MeanMetallicities"/>
/// (for an MZR, μ_j = μ(M*(t_j)) with M*(t_j) = Σ_{j' ≥ j} R_j' the mass formed in bin j and every older bin). The MZR
/// band evaluates the model's <see cref="Metallicity.IMeanMetallicityModel.Mean"/> at each grid mass per draw (the
/// lookback-time argument is NaN: a relation of stellar mass alone ignores it). The mass grid runs evenly in log10 M*
/// from the 2.5th percentile of log10 R_J (the mass of the oldest bin, where the MZR starts) to the 97.5th percentile of
/// log10 of the total mass (where it ends).
/// </remarks>
/// <param name="Parameters">Posteriors of the mean-metallicity and dispersion parameters (e.g. alpha, mh0, sigma).</param>
/// <param name="LogAges">Template log10(age/yr) of each time bin (J).</param>
/// <param name="LookbackGyr">Lookback time of each bin's template age, Gyr (J).</param>
/// <param name="MeanMetallicity">μ_j per time bin, dex (J).</param>
/// <param name="Log10MassGrid">log10 M*/M☉ grid of the MZR band; null unless the mean model depends on stellar mass.</param>
/// <param name="MzrBand">μ(M*) on <paramref name="Log10MassGrid"/>, dex; null unless the mean model depends on stellar mass.</param>
public sealed record MetallicityProducts(
    ImmutableArray<ParameterPosterior> Parameters,
    double[] LogAges,
    double[] LookbackGyr,
    CredibleBand MeanMetallicity,
    double[]? Log10MassGrid,
    CredibleBand? MzrBand);
