using BayesSfh.Sampling;

namespace BayesSfh.Tests.Sampling.TestTargets;

/// <summary>Independent N(μᵢ, σᵢ²): log π = −½ Σ ((qᵢ − μᵢ)/σᵢ)².</summary>
internal sealed class DiagonalGaussianDensity(double[] means, double[] scales) : ILogDensity
{
    public double[] Means { get; } = means;
    public double[] Scales { get; } = scales;
    public int Dimension => Means.Length;

    public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
    {
        double s = 0;
        for (int i = 0; i < position.Length; i++)
        {
            double z = (position[i] - Means[i]) / Scales[i];
            s += z * z;
            gradient[i] = -z / Scales[i];
        }
        return -0.5 * s;
    }
}
