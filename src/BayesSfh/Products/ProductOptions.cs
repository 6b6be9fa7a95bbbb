namespace BayesSfh.Products;

/// <summary>How <see cref="PosteriorProducts.Compute"/> summarises a posterior. Immutable; <see cref="Validate"/> checks it.</summary>
public sealed record ProductOptions
{
    /// <summary>Seed of the posterior predictive replications (stream i of draw i). Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Draws used by the posterior predictive p-value, evenly thinned from the pool (all draws when there are fewer);
    /// 0 skips the predictive check (no mean model, residuals or p-value). Range: ≥ 0. Default 1000.
    /// </summary>
    public int PredictiveDraws { get; init; } = 1000;

    /// <summary>Points of the log10 M* grid of the MZR band. Range: ≥ 2. Default 100.</summary>
    public int MassGridPoints { get; init; } = 100;

    /// <summary>Spacing of the fine [M/H] grid of the Gaussian-dispersion MDF, dex. Range: &gt; 0. Default 0.01.</summary>
    public double FineMetallicityStep { get; init; } = 0.01;

    /// <summary>
    /// How far the fine [M/H] grid extends beyond the lowest and highest template [M/H], dex. Range: ≥ 0. Default 0.5.
    /// </summary>
    public double FineMetallicityMargin { get; init; } = 0.5;

    /// <summary>Checks the options and returns them.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public ProductOptions Validate()
    {
        if (PredictiveDraws < 0) throw new ArgumentOutOfRangeException(nameof(PredictiveDraws), PredictiveDraws, "The number of predictive draws must be ≥ 0 (0 skips the check).");
        if (MassGridPoints < 2) throw new ArgumentOutOfRangeException(nameof(MassGridPoints), MassGridPoints, "The MZR mass grid needs at least 2 points.");
        if (!(FineMetallicityStep > 0) || !double.IsFinite(FineMetallicityStep))
            throw new ArgumentOutOfRangeException(nameof(FineMetallicityStep), FineMetallicityStep, "The fine [M/H] step must be finite and > 0 dex.");
        if (!(FineMetallicityMargin >= 0) || !double.IsFinite(FineMetallicityMargin))
            throw new ArgumentOutOfRangeException(nameof(FineMetallicityMargin), FineMetallicityMargin, "The fine [M/H] margin must be finite and ≥ 0 dex.");
        return this;
    }
}
