namespace BayesSfh.Imf;

/// <summary>Which of the two Chabrier (2003) IMFs.</summary>
public enum ChabrierForm
{
    /// <summary>Single-star ("individual", Table 1 disk) IMF: m_c = 0.079 M☉, σ = 0.69 dex.</summary>
    Individual,
    /// <summary>System IMF (unresolved multiples, eq. 18): m_c = 0.22 M☉, σ = 0.57 dex.</summary>
    System,
}

/// <summary>
/// Chabrier (2003, PASP 115, 763) IMF: a lognormal in log m below 1 M☉ and a power law above,
/// ξ(log m) ∝ exp(−(log m − log m_c)² / (2σ²)) for m ≤ 1 and ∝ m^(−1.3) for m &gt; 1, i.e. in dN/dm
/// (ξ(m) = ξ(log m) / (m ln 10)): dN/dm ∝ (1/m) exp(−(ln m − ln m_c)² / (2 s²)) with s = σ ln 10 below 1 M☉ and
/// dN/dm ∝ m^(−2.3) above, the power law scaled to be continuous at 1 M☉ (the paper's rounded constants 0.158 and
/// 0.0443 for the single-star form agree with this to 0.5 %). Default limits 0.08–100 M☉.
/// </summary>
public sealed class ChabrierImf : PiecewiseImf
{
    /// <summary>Default lower mass limit (M☉).</summary>
    public const double DefaultMinimumMass = 0.08;

    /// <summary>Default upper mass limit (M☉).</summary>
    public const double DefaultMaximumMass = 100;

    /// <summary>Mass (M☉) where the lognormal joins the power law.</summary>
    public const double TransitionMass = 1.0;

    /// <summary>dN/dm slope above <see cref="TransitionMass"/> (Salpeter-like x = 1.3 in dN/dlog m).</summary>
    public const double HighMassSlope = 2.3;

    /// <summary>Creates a Chabrier 2003 IMF on [<paramref name="minimumMass"/>, <paramref name="maximumMass"/>] M☉.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not finite or not positive, or max ≤ min, or the form is unknown.</exception>
    public ChabrierImf(ChabrierForm form = ChabrierForm.Individual, double minimumMass = DefaultMinimumMass, double maximumMass = DefaultMaximumMass)
        : base(minimumMass, maximumMass, Build(form, minimumMass, maximumMass))
    {
        Form = form;
        (CharacteristicMass, SigmaDex) = Parameters(form);
    }

    /// <summary>Single-star or system form.</summary>
    public ChabrierForm Form { get; }

    /// <summary>Lognormal characteristic mass m_c (M☉).</summary>
    public double CharacteristicMass { get; }

    /// <summary>Lognormal width σ in dex (log10 m).</summary>
    public double SigmaDex { get; }

    /// <inheritdoc/>
    public override string Name => Form == ChabrierForm.Individual ? "chabrier2003" : "chabrier2003-system";

    private static (double CharacteristicMass, double SigmaDex) Parameters(ChabrierForm form) => form switch
    {
        ChabrierForm.Individual => (0.079, 0.69),
        ChabrierForm.System => (0.22, 0.57),
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown Chabrier form."),
    };

    private static List<ImfSegment> Build(ChabrierForm form, double min, double max)
    {
        ValidateLimits(min, max);
        var (mc, sigmaDex) = Parameters(form);
        double mu = Math.Log(mc), s = sigmaDex * Math.Log(10);
        // Lognormal coefficient 1 ⇒ dN/dm at 1 M☉ is exp(−μ²/(2s²)); the power law c m^−2.3 matches it there.
        double powerLawCoefficient = Math.Exp(-0.5 * mu * mu / (s * s));
        var segments = new List<ImfSegment>();
        foreach (var (lower, upper, interval) in Pieces(min, max, [TransitionMass]))
            segments.Add(interval == 0
                ? new LogNormalSegment(lower, upper, 1.0, mu, s)
                : new PowerLawSegment(lower, upper, powerLawCoefficient, HighMassSlope));
        return segments;
    }
}
