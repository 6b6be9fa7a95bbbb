namespace BayesSfh.Products;

/// <summary>Mean age and metallicity of the stars formed, under one weighting.</summary>
/// <param name="LogAge">⟨log10(age/yr)⟩ = Σ w_jk log age_j / Σ w_jk.</param>
/// <param name="AgeGyr">⟨age⟩ = Σ w_jk 10^(log age_j − 9) / Σ w_jk, Gyr (Zibetti &amp; Gallazzi 2022, eq. 1, on the linear age).</param>
/// <param name="Metallicity">⟨[M/H]⟩ = Σ w_jk MH_k / Σ w_jk, dex.</param>
public sealed record WeightedMeans(CredibleInterval LogAge, CredibleInterval AgeGyr, CredibleInterval Metallicity);

/// <summary>
/// Mass- and light-weighted mean ages and metallicities of the population (Zibetti &amp; Gallazzi 2022, eqs. 1–2, in the
/// discrete form of the SSP grid). Ages are the template ages of the bins.
/// </summary>
/// <remarks>
/// Mass-weighted: w_jk = r_jk, the mass formed in template (j, k). Light-weighted: w_jk = L_jk = r_jk ℓ_jk with ℓ_jk the
/// template's luminosity per M☉ formed (<see cref="Templates.SspTemplate.LuminosityPerMass"/>), the light those stars
/// emit today. Each is computed per draw, then summarised. Z&amp;G's eq. 2 averages the linear metal fraction Z; this
/// averages the logarithmic [M/H] instead.
/// </remarks>
/// <param name="MassWeighted">Mass-weighted means (always available).</param>
/// <param name="LightWeighted">Light-weighted means; null unless every template carries a luminosity per M☉.</param>
public sealed record PopulationMeans(WeightedMeans MassWeighted, WeightedMeans? LightWeighted);
