namespace BayesSfh.Isochrones.Analytic;

/// <summary>Intrinsic Johnson–Cousins colours (mag).</summary>
/// <param name="UMinusB">U − B (Johnson).</param>
/// <param name="BMinusV">B − V (Johnson).</param>
/// <param name="VMinusR">V − R (Cousins R).</param>
/// <param name="VMinusI">V − I (Cousins I).</param>
public readonly record struct JohnsonCousinsColours(double UMinusB, double BMinusV, double VMinusR, double VMinusI);
