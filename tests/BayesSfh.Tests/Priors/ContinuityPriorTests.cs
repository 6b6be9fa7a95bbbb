using BayesSfh.Priors;
using BayesSfh.Randomness;
using BayesSfh.Tests.TestSupport;
using Xunit;

namespace BayesSfh.Tests.Priors;

public class ContinuityPriorTests
{
    [Fact]
    public void LogDensity_TwoBinsHandValue_MatchesStudentTOfLogSfrRatio()
    {
        // Masses at natural indices 2 (young) and 0 (old); index 1 is some other parameter.
        var prior = new ContinuityPrior([2, 0], [1e8, 4e8], degreesOfFreedom: 2, scale: 0.3);
        double[] x = [2e6, 99, 1e6];
        var gradient = new double[3];

        double value = prior.LogDensity(x, gradient);

        // SFR_young = 1e6/1e8 = 0.01, SFR_old = 2e6/4e8 = 0.005: Δ = log10 2 = 0.30103, u = Δ/0.3 = 1.003433.
        // ln p = −(ν+1)/2 · ln(1 + u²/ν) − ln R_young − ln R_old = −1.5 ln(1.503445) − ln 1e6 − ln 2e6.
        double u = Math.Log10(2) / 0.3;
        double expected = -1.5 * Math.Log(1 + u * u / 2) - Math.Log(1e6) - Math.Log(2e6);
        Numeric.AssertRelative(expected, value, 1e-14, 1, "ln p");
        // ∂/∂R_young = −(ν+1)/ν · u/s / (1 + u²/ν) / (R_young ln 10) − 1/R_young, and the mirror image for R_old.
        double dDelta = -1.5 * u / 0.3 / (1 + u * u / 2);
        Numeric.AssertRelative(dDelta / (1e6 * Math.Log(10)) - 1 / 1e6, gradient[2], 1e-13, 0, "∂/∂R_young");
        Numeric.AssertRelative(-dDelta / (2e6 * Math.Log(10)) - 1 / 2e6, gradient[0], 1e-13, 0, "∂/∂R_old");
        Assert.Equal(0.0, gradient[1]);
    }

    [Fact]
    public void LogDensity_ConstantStarFormationRate_IsMinusSumOfLogMasses()
    {
        double[] widths = [1e8, 3e8, 9e8, 2e9];
        var prior = new ContinuityPrior([0, 1, 2, 3], widths);
        var x = widths.Select(w => 1e-3 * w).ToArray();

        double value = prior.LogDensity(x, new double[4]);

        Numeric.AssertRelative(-x.Sum(Math.Log), value, 1e-14, 1, "ln p at constant SFR");
    }

    [Theory]
    [InlineData(1.0, 0.3)]
    [InlineData(2.0, 0.3)]
    [InlineData(5.0, 0.1)]
    public void LogDensity_RandomMasses_GradientMatchesFiniteDifferences(double nu, double scale)
    {
        var rng = new Xoshiro256StarStar((ulong)(nu * 100));
        double[] widths = [1e7, 5e7, 2e8, 1e9, 4e9];
        int[] indices = [4, 0, 3, 1, 2];
        var prior = new ContinuityPrior(indices, widths, nu, scale);
        var x = Enumerable.Range(0, 5).Select(_ => Math.Pow(10, rng.NextUniform(4, 7))).ToArray();
        var gradient = new double[5];

        prior.LogDensity(x, gradient);

        for (int i = 0; i < 5; i++)
        {
            double centre = x[i];
            double fd = Numeric.Derivative(v =>
            {
                x[i] = v;
                return prior.LogDensity(x, new double[5]);
            }, centre, 1e-4 * centre);
            x[i] = centre;
            // ln p is of order 50 and varies on the scale of x_i, so the quotient has relative noise ≈ ε·50/(10⁻⁴·|x ∂p|).
            Numeric.AssertRelative(fd, gradient[i], 1e-8, 1e-6 / centre, $"∂ln p/∂x{i}");
        }
    }

    [Fact]
    public void LogDensity_NonPositiveMass_IsNegativeInfinity()
    {
        var prior = new ContinuityPrior([0, 1], [1e8, 1e9]);

        Assert.Equal(double.NegativeInfinity, prior.LogDensity([1e5, 0], new double[2]));
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => new ContinuityPrior([0], [1e8]));
        Assert.Throws<ArgumentException>(() => new ContinuityPrior([0, 1], [1e8]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContinuityPrior([0, 1], [1e8, 1e9], degreesOfFreedom: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContinuityPrior([0, 1], [1e8, 1e9], scale: -1));
    }
}
