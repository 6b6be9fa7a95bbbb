namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// Ages (in years) at which a star of the analytic model leaves each phase (Hurley et al. 2000, no mass loss).
/// </summary>
/// <param name="MainSequence">t_MS, end of core hydrogen burning (eq. 5).</param>
/// <param name="BaseOfGiantBranch">t_BGB, end of the Hertzsprung gap (helium ignition above M_FGB).</param>
/// <param name="HeliumIgnition">t_HeI, tip of the red-giant branch (= t_BGB above M_FGB).</param>
/// <param name="BaseOfAgb">t_BAGB, end of core helium burning.</param>
/// <param name="EndOfModel">End of the modelled evolution: first thermal pulse, or carbon ignition for massive stars.</param>
public readonly record struct StellarLifetimes(
    double MainSequence, double BaseOfGiantBranch, double HeliumIgnition, double BaseOfAgb, double EndOfModel);
