namespace BayesSfh.Diagnostics;

/// <summary>What a <see cref="DiagnosticWarning"/> is about.</summary>
public enum DiagnosticWarningKind
{
    /// <summary>R̂ above <see cref="DiagnosticThresholds.MaxRhat"/>.</summary>
    HighRhat,

    /// <summary>Bulk ESS below <see cref="DiagnosticThresholds.MinEssPerChain"/> × chains.</summary>
    LowEssBulk,

    /// <summary>Tail ESS below <see cref="DiagnosticThresholds.MinEssPerChain"/> × chains.</summary>
    LowEssTail,

    /// <summary>A chain's E-BFMI below <see cref="DiagnosticThresholds.MinEbfmi"/>.</summary>
    LowEbfmi,

    /// <summary>A chain has divergent transitions.</summary>
    Divergences,

    /// <summary>A chain has transitions that stopped at the maximum tree depth.</summary>
    MaxTreeDepth,
}

/// <summary>One failed check.</summary>
/// <param name="Kind">The check.</param>
/// <param name="Subject">The variable (for R̂ and ESS) or <c>chain k</c> (1-based, for sampler checks).</param>
/// <param name="Value">The offending value (R̂, ESS, E-BFMI, or a count).</param>
/// <param name="Threshold">The limit it crossed.</param>
/// <param name="Message">A complete sentence for people.</param>
public sealed record DiagnosticWarning(DiagnosticWarningKind Kind, string Subject, double Value, double Threshold, string Message);
