namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// Settings of the built-in analytic isochrones (<see cref="BuiltinIsochrones"/>). Immutable; validates itself.
/// </summary>
/// <remarks>
/// Points: the main sequence gets <see cref="MainSequencePoints"/> (60 % uniform in log mass, 40 % concentrated towards
/// the turnoff in fractional main-sequence age), the subgiant branch <see cref="SubgiantPoints"/> (uniform in fractional
/// Hertzsprung-gap time) and the red-giant branch <see cref="GiantBranchPoints"/> (uniform in log L up to the tip).
/// </remarks>
public sealed record BuiltinIsochroneOptions
{
    /// <summary>Smallest initial mass in M☉ (≥ 0.1, the limit of the Tout et al. 1996 fits). Default 0.1.</summary>
    public double MinimumMass { get; init; } = 0.1;

    /// <summary>Largest initial mass in M☉ (≤ 100). Default 100; the isochrone stops earlier at the end of evolution.</summary>
    public double MaximumMass { get; init; } = 100;

    /// <summary>Number of main-sequence points (≥ 4). Default 150.</summary>
    public int MainSequencePoints { get; init; } = 150;

    /// <summary>Number of subgiant-branch (Hertzsprung gap) points (≥ 2). Default 40.</summary>
    public int SubgiantPoints { get; init; } = 40;

    /// <summary>Number of red-giant-branch points (≥ 2). Default 60.</summary>
    public int GiantBranchPoints { get; init; } = 60;

    /// <summary>Whether to include the subgiant branch (and everything after it). Default true.</summary>
    public bool IncludeSubgiantBranch { get; init; } = true;

    /// <summary>Whether to include the red-giant branch (requires <see cref="IncludeSubgiantBranch"/>). Default true.</summary>
    public bool IncludeRedGiantBranch { get; init; } = true;

    /// <summary>
    /// Whether to add the approximate red clump (<see cref="HurleyStellarModel.ClumpStateAt"/>) of stars below M_HeF
    /// (requires <see cref="IncludeRedGiantBranch"/>). Default false.
    /// </summary>
    public bool IncludeCoreHeliumBurning { get; init; }

    /// <summary>Number of red-clump points (≥ 2). Default 20.</summary>
    public int CoreHeliumBurningPoints { get; init; } = 20;

    /// <summary>Default options.</summary>
    public static BuiltinIsochroneOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(MinimumMass >= 0.1 && MinimumMass < 100))
            throw new ArgumentException($"Minimum mass must lie in [0.1, 100) M☉ (got {MinimumMass}).", nameof(MinimumMass));
        if (!(MaximumMass > MinimumMass && MaximumMass <= 100))
            throw new ArgumentException($"Maximum mass must exceed the minimum mass ({MinimumMass}) and be ≤ 100 M☉ (got {MaximumMass}).", nameof(MaximumMass));
        if (MainSequencePoints < 4)
            throw new ArgumentException($"Main-sequence points must be ≥ 4 (got {MainSequencePoints}).", nameof(MainSequencePoints));
        if (SubgiantPoints < 2)
            throw new ArgumentException($"Subgiant points must be ≥ 2 (got {SubgiantPoints}).", nameof(SubgiantPoints));
        if (GiantBranchPoints < 2)
            throw new ArgumentException($"Giant-branch points must be ≥ 2 (got {GiantBranchPoints}).", nameof(GiantBranchPoints));
        if (IncludeRedGiantBranch && !IncludeSubgiantBranch)
            throw new ArgumentException("The red-giant branch needs the subgiant branch.", nameof(IncludeRedGiantBranch));
        if (IncludeCoreHeliumBurning && !IncludeRedGiantBranch)
            throw new ArgumentException("Core helium burning needs the red-giant branch.", nameof(IncludeCoreHeliumBurning));
        if (CoreHeliumBurningPoints < 2)
            throw new ArgumentException($"Core-helium-burning points must be ≥ 2 (got {CoreHeliumBurningPoints}).", nameof(CoreHeliumBurningPoints));
    }
}
