namespace BayesSfh.Products;

/// <summary>
/// The population-integrated metallicity distribution function (MDF) of the stars formed, summed over all ages.
/// </summary>
/// <remarks>
/// On the template [M/H] grid, per draw: mass-weighted f_k = Σ_j r_jk / Σ_jk r_jk (r_jk = stellar mass formed in
/// template (j, k)); star-count-weighted g_k = Σ_j r_jk c_jk / Σ_jk r_jk c_jk with c_jk the expected observed stars per
/// M☉ of template (j, k) (the template summed over Hess bins), i.e. the MDF of the stars the diagram expects. Both sum to 1
/// over k. For a Gaussian dispersion model, also a continuous mass-weighted density on a fine grid,
/// p(MH) = Σ_j R_j N(MH; μ_j, σ) / Σ_j R_j (per dex; it integrates to 1 over the real line, slightly less over the
/// finite grid when a component reaches beyond it). Backgrounds are not stellar populations and are left out.
/// </remarks>
/// <param name="TemplateMetallicities">The template [M/H] grid, ascending (K).</param>
/// <param name="MassWeighted">Mass fraction formed at each template [M/H] (K).</param>
/// <param name="StarWeighted">Fraction of the expected observed stars at each template [M/H] (K).</param>
/// <param name="FineMetallicities">The fine [M/H] grid, dex; null without a Gaussian dispersion model.</param>
/// <param name="FineMassWeighted">Mass-weighted density on the fine grid, per dex; null without a Gaussian dispersion model.</param>
public sealed record MdfProducts(
    double[] TemplateMetallicities,
    CredibleBand MassWeighted,
    CredibleBand StarWeighted,
    double[]? FineMetallicities,
    CredibleBand? FineMassWeighted);
