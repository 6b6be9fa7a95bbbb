using BayesSfh.Sampling;

namespace BayesSfh.Tests.Sampling.TestTargets;

/// <summary>
/// Eight schools, non-centred (posteriordb <c>eight_schools-eight_schools_noncentered</c>; Rubin 1981):
/// θ̃ⱼ ~ N(0, 1), μ ~ N(0, 5), τ ~ half-Cauchy(0, 5), θⱼ = μ + τθ̃ⱼ, yⱼ ~ N(θⱼ, σⱼ). Unconstrained coordinates
/// (θ̃₁…θ̃₈, μ, log τ) with the log-Jacobian log τ.
/// </summary>
internal sealed class EightSchoolsNonCentredDensity : ILogDensity
{
    public static readonly double[] Y = [28, 8, -3, 7, -1, 1, 18, 12];
    public static readonly double[] Sigma = [15, 10, 16, 11, 9, 11, 10, 18];

    public int Dimension => 10;

    public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
    {
        double mu = position[8], logTau = position[9], tau = Math.Exp(logTau);
        double lp = -0.5 * mu * mu / 25.0 - Math.Log(1 + tau * tau / 25.0) + logTau;
        double dMu = -mu / 25.0, dTau = -2 * tau / 25.0 / (1 + tau * tau / 25.0);
        for (int j = 0; j < 8; j++)
        {
            double t = position[j];
            double theta = mu + tau * t;
            double r = (Y[j] - theta) / (Sigma[j] * Sigma[j]); // ∂/∂θ of −½((y−θ)/σ)²
            lp += -0.5 * t * t - 0.5 * (Y[j] - theta) * (Y[j] - theta) / (Sigma[j] * Sigma[j]);
            gradient[j] = -t + r * tau;
            dMu += r;
            dTau += r * t;
        }
        gradient[8] = dMu;
        gradient[9] = dTau * tau + 1.0;
        return lp;
    }
}
