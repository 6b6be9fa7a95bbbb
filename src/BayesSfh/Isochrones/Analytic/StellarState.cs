namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// A star of the analytic model at one age: evolutionary phase, luminosity L (L☉) and radius R (R☉).
/// </summary>
/// <param name="Phase">Evolutionary phase (main sequence … early AGB).</param>
/// <param name="Luminosity">Bolometric luminosity in L☉, finite and positive.</param>
/// <param name="Radius">Radius in R☉, finite and positive.</param>
public readonly record struct StellarState(EvolutionaryPhase Phase, double Luminosity, double Radius)
{
    /// <summary>log10(L/L☉).</summary>
    public double LogLuminosity => Math.Log10(Luminosity);

    /// <summary>
    /// log10(Teff/K) from Stefan–Boltzmann, Teff = T☉ (L/L☉)^{1/4} (R/R☉)^{−1/2}, with T☉ =
    /// <paramref name="solarEffectiveTemperature"/> (IAU 2015 Resolution B3 nominal 5772 K by default).
    /// </summary>
    public double LogEffectiveTemperature(double solarEffectiveTemperature = AnalyticStellarModel.NominalSolarEffectiveTemperature) =>
        Math.Log10(solarEffectiveTemperature) + 0.25 * Math.Log10(Luminosity) - 0.5 * Math.Log10(Radius);
}
