using BayesSfh.Sampling;

namespace BayesSfh.Tests.Sampling.TestTargets;

/// <summary>
/// Stan's <c>divergent_hamiltonian</c> idea: a standard normal whose log density drops by 500 at every evaluation after
/// the first, so the energy error passes 1000 within three leapfrog steps whatever the step size.
/// </summary>
internal sealed class DivergentDensity(int dimension) : ILogDensity
{
    private int _calls;
    public int Dimension { get; } = dimension;

    public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
    {
        double s = 0;
        for (int i = 0; i < position.Length; i++)
        {
            s += position[i] * position[i];
            gradient[i] = -position[i];
        }
        return -0.5 * s - 500.0 * _calls++;
    }
}

/// <summary>How <see cref="BadRegionDensity"/> fails beyond its radius.</summary>
public enum Failure { NaN, PositiveInfinity, NegativeInfinity, NaNGradient, ArithmeticException }

/// <summary>A standard normal that fails (in the chosen way) wherever q₀ &gt; <paramref name="edge"/>.</summary>
internal sealed class BadRegionDensity(int dimension, double edge, Failure failure) : ILogDensity
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
        if (position[0] <= edge) return -0.5 * s;
        switch (failure)
        {
            case Failure.NaN: return double.NaN;
            case Failure.PositiveInfinity: return double.PositiveInfinity;
            case Failure.NegativeInfinity: return double.NegativeInfinity;
            case Failure.NaNGradient: gradient[0] = double.NaN; return -0.5 * s;
            default: throw new OverflowException("domain error");
        }
    }
}
