using BayesSfh.Sampling;

namespace BayesSfh.Tests.Sampling.TestTargets;

/// <summary>log π(q) = −½|q|² (iid N(0, 1)); ∇ = −q.</summary>
internal sealed class StandardNormalDensity(int dimension) : ILogDensity
{
    public int Dimension { get; } = dimension;

    public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
    {
        double s = 0;
        for (int i = 0; i < position.Length; i++)
        {
            s += position[i] * position[i];
            gradient[i] = -position[i];
        }
        return -0.5 * s;
    }
}
