using BayesSfh.Sampling;

namespace BayesSfh.Tests.Sampling.TestTargets;

/// <summary>
/// Neal's funnel (Neal 2003, "Slice sampling", §8): v ~ N(0, 3²), xᵢ | v ~ N(0, e^v) for i = 1 … d−1, i.e. sd e^(v/2).
/// Coordinates (v, x₁, …). log π = −v²/18 − Σ xᵢ² e^(−v)/2 − (d−1)v/2.
/// </summary>
internal sealed class FunnelDensity(int dimension) : ILogDensity
{
    public int Dimension { get; } = dimension;

    public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
    {
        double v = position[0], precision = Math.Exp(-v), sumSquares = 0;
        for (int i = 1; i < position.Length; i++)
        {
            sumSquares += position[i] * position[i];
            gradient[i] = -position[i] * precision;
        }
        int n = position.Length - 1;
        gradient[0] = -v / 9.0 + 0.5 * sumSquares * precision - 0.5 * n;
        return -v * v / 18.0 - 0.5 * sumSquares * precision - 0.5 * n * v;
    }
}
