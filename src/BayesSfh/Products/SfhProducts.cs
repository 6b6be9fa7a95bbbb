namespace BayesSfh.Products;

/// <summary>
/// The credible star-formation history: per time bin j (youngest first) the mass formed R_j and the SFR R_j/Δt_j, and at
/// the J + 1 bin edges the cumulative SFH, with the total mass formed and the lookback times t50 and t90.
/// </summary>
/// <remarks>
/// Time bins follow <see cref="Templates.AgeBins"/>: lookback time, edges ascending (edge 0 is the young edge of the
/// youngest bin, edge J is T_max). The cumulative mass at edge e is the mass formed at lookback times ≥ t_e,
/// M(≥ t_e) = Σ_{j ≥ e} R_j: 0 at T_max, the total at edge 0 (no star formation is modelled between edge 0 and now).
/// t_q is the lookback time by which the fraction q of the total had formed: the cumulative SFH is linear in time within a
/// bin (constant SFR), so in the bin j where M(≥ t)/M_total crosses q,
/// t_q = t_{j+1} − (q − F_{j+1})/(F_j − F_{j+1}) · (t_{j+1} − t_j) with F_e = M(≥ t_e)/M_total. Computed per draw, then
/// summarised; NaN for a draw with no mass.
/// </remarks>
/// <param name="LogAges">Template log10(age/yr) of each bin (J).</param>
/// <param name="LogAgeEdges">Bin edges in log10(age/yr) (J + 1).</param>
/// <param name="LookbackEdgesGyr">Bin edges as lookback times in Gyr (J + 1).</param>
/// <param name="BinWidthsYears">Bin widths Δt_j in years (J).</param>
/// <param name="Mass">Stellar mass formed in each bin R_j, M☉ (J).</param>
/// <param name="Sfr">Star-formation rate R_j/Δt_j, M☉/yr (J).</param>
/// <param name="CumulativeMass">Mass formed at lookback times ≥ each edge, M☉ (J + 1).</param>
/// <param name="CumulativeFraction">Cumulative mass as a fraction of the total (J + 1; 0 at T_max, 1 at edge 0).</param>
/// <param name="TotalMass">Total stellar mass formed Σ_j R_j, M☉.</param>
/// <param name="T50Gyr">Lookback time by which 50 % of the mass had formed, Gyr.</param>
/// <param name="T90Gyr">Lookback time by which 90 % of the mass had formed, Gyr.</param>
public sealed record SfhProducts(
    double[] LogAges,
    double[] LogAgeEdges,
    double[] LookbackEdgesGyr,
    double[] BinWidthsYears,
    CredibleBand Mass,
    CredibleBand Sfr,
    CredibleBand CumulativeMass,
    CredibleBand CumulativeFraction,
    CredibleInterval TotalMass,
    CredibleInterval T50Gyr,
    CredibleInterval T90Gyr)
{
    /// <summary>
    /// Lookback time (Gyr) by which the fraction <paramref name="fraction"/> of the mass had formed, for one set of bin
    /// masses (see the remarks of <see cref="SfhProducts"/>).
    /// </summary>
    /// <param name="masses">R_j, youngest first, M☉.</param>
    /// <param name="lookbackEdgesGyr">The J + 1 bin edges, Gyr, ascending.</param>
    /// <param name="fraction">q. Range: 0 &lt; q ≤ 1.</param>
    /// <returns>t_q in Gyr; NaN when the total mass is not positive and finite or a mass is negative.</returns>
    /// <exception cref="ArgumentException">The edge count is not J + 1, or q is outside (0, 1].</exception>
    public static double FormationLookbackGyr(ReadOnlySpan<double> masses, ReadOnlySpan<double> lookbackEdgesGyr, double fraction)
    {
        if (lookbackEdgesGyr.Length != masses.Length + 1) throw new ArgumentException($"{masses.Length} bins need {masses.Length + 1} edges.", nameof(lookbackEdgesGyr));
        if (!(fraction > 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The mass fraction must lie in (0, 1].");
        double total = 0;
        foreach (double m in masses)
        {
            if (!(m >= 0)) return double.NaN;
            total += m;
        }
        if (!(total > 0) || !double.IsFinite(total)) return double.NaN;
        double older = 0; // F at the old edge of the current bin
        for (int j = masses.Length - 1; j >= 0; j--)
        {
            double younger = older + masses[j] / total;
            if (younger >= fraction && masses[j] > 0)
            {
                double share = Math.Clamp((fraction - older) / (younger - older), 0, 1);
                return lookbackEdgesGyr[j + 1] - share * (lookbackEdgesGyr[j + 1] - lookbackEdgesGyr[j]);
            }
            older = younger;
        }
        // Rounding left F(edge 0) a hair below q = 1: the youngest bin with mass ends at its young edge.
        for (int j = 0; j < masses.Length; j++)
            if (masses[j] > 0) return lookbackEdgesGyr[j];
        return double.NaN;
    }
}
