namespace BayesSfh.Isochrones;

/// <summary>
/// Library-independent evolutionary phase of an isochrone point. Readers map each library's own codes (MIST EEP phase,
/// PARSEC <c>label</c>, BaSTI position) onto these; <see cref="Unknown"/> when a file carries no phase information.
/// </summary>
public enum EvolutionaryPhase
{
    /// <summary>No phase information.</summary>
    Unknown = 0,
    /// <summary>Pre-main sequence.</summary>
    PreMainSequence,
    /// <summary>Core hydrogen burning (main sequence, up to the turnoff / terminal-age main sequence).</summary>
    MainSequence,
    /// <summary>Subgiant branch / Hertzsprung gap.</summary>
    SubgiantBranch,
    /// <summary>Red-giant branch up to the helium flash or ignition.</summary>
    RedGiantBranch,
    /// <summary>Core helium burning (horizontal branch, red clump, blue loop).</summary>
    CoreHeliumBurning,
    /// <summary>Early asymptotic giant branch.</summary>
    EarlyAsymptoticGiantBranch,
    /// <summary>Thermally pulsing asymptotic giant branch.</summary>
    ThermallyPulsingAsymptoticGiantBranch,
    /// <summary>Post-AGB.</summary>
    PostAsymptoticGiantBranch,
    /// <summary>White dwarf cooling sequence.</summary>
    WhiteDwarf,
}
