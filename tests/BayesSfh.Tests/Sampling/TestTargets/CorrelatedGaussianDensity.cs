using BayesSfh.Sampling;

namespace BayesSfh.Tests.Sampling.TestTargets;

/// <summary>N(μ, Σ) given the precision Σ⁻¹ (row-major): log π = −½ (q−μ)ᵀΣ⁻¹(q−μ); ∇ = −Σ⁻¹(q−μ).</summary>
internal sealed class CorrelatedGaussianDensity : ILogDensity
{
    private readonly double[] _precision;
    private readonly double[] _centred;

    public CorrelatedGaussianDensity(double[] means, double[] covariance)
    {
        Means = means;
        Covariance = covariance;
        int d = means.Length;
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d, (i, j) => covariance[i * d + j]);
        var inverse = m.Inverse();
        _precision = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) _precision[i * d + j] = inverse[i, j];
        _centred = new double[d];
    }

    public double[] Means { get; }
    public double[] Covariance { get; }
    public int Dimension => Means.Length;

    /// <summary>Equicorrelated covariance: σᵢσⱼ(ρ + (1 − ρ)δᵢⱼ).</summary>
    public static double[] Equicorrelated(double[] scales, double rho)
    {
        int d = scales.Length;
        var c = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) c[i * d + j] = scales[i] * scales[j] * (i == j ? 1.0 : rho);
        return c;
    }

    public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
    {
        int d = Dimension;
        for (int i = 0; i < d; i++) _centred[i] = position[i] - Means[i];
        double s = 0;
        for (int i = 0; i < d; i++)
        {
            double g = 0;
            for (int j = 0; j < d; j++) g += _precision[i * d + j] * _centred[j];
            gradient[i] = -g;
            s += _centred[i] * g;
        }
        return -0.5 * s;
    }
}
