using BayesSfh.Metallicity;
using BayesSfh.Tests.TestSupport;
using Xunit;

namespace BayesSfh.Tests.Metallicity;

public class MeanMetallicityModelTests
{
    public static TheoryData<string> Models() => ["PowerLawMzr", "LinearAmr", "LogarithmicAmr"];

    private static IMeanMetallicityModel Create(string name) => name switch
    {
        "PowerLawMzr" => new PowerLawMzr(6.5),
        "LinearAmr" => new LinearAmr(13.7),
        _ => new LogarithmicAmr(13.7),
    };

    /// <summary>(parameters, lookback Gyr, log10 M*) points inside each model's domain.</summary>
    private static IEnumerable<(double[] Parameters, double Lookback, double LogMass)> Points(string name) => name switch
    {
        "PowerLawMzr" => [([0.3, -1.2], 1.0, 5.3), ([0.05, 0.1], 10.0, 7.9), ([1.2, -2.5], 0.1, 6.5)],
        "LinearAmr" => [([0.1, -2.0], 1.0, 5.3), ([0.01, 0.2], 12.0, 7.0), ([0.3, -1.0], 0.05, 6.0)],
        _ => [([2e-4, 1e-4], 1.0, 5.3), ([1e-5, 3e-3], 12.0, 7.0), ([1e-3, 1e-6], 0.05, 6.0)],
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Mean_AnyPoint_DerivativesMatchFiniteDifferences(string name)
    {
        var model = Create(name);
        var gradient = new double[2];
        var scratch = new double[2];
        // μ is of order 1 dex, so the difference quotients carry noise ≈ ε/h ≈ 10⁻¹³: compare relative to max(|·|, 1).
        foreach (var (p, lookback, logMass) in Points(name))
        {
            model.Mean(p, lookback, logMass, gradient, out double dMass);
            for (int i = 0; i < 2; i++)
            {
                var q = p.ToArray();
                double fd = Numeric.Derivative(v =>
                {
                    q[i] = v;
                    return model.Mean(q, lookback, logMass, scratch, out _);
                }, p[i], 1e-3 * Math.Max(Math.Abs(p[i]), 1e-6));
                Numeric.AssertRelative(fd, gradient[i], 1e-9, 1, $"{name} ∂μ/∂{model.Parameters[i].Name}");
            }
            double fdMass = Numeric.Derivative(m => model.Mean(p, lookback, m, scratch, out _), logMass, 1e-3);
            Numeric.AssertRelative(fdMass, dMass, 1e-9, 1, $"{name} ∂μ/∂log10 M*");
        }
    }

    [Fact]
    public void PowerLawMzr_Mean_HandValue()
    {
        double mean = new PowerLawMzr(6).Mean([0.4, -1.1], 3.0, 7.25, new double[2], out double dMass);

        Assert.Equal(-1.1 + 0.4 * 1.25, mean, 14);
        Assert.Equal(0.4, dMass);
    }

    [Fact]
    public void LinearAmr_Mean_HandValueIndependentOfMass()
    {
        var model = new LinearAmr(13.7);
        var gradient = new double[2];

        double mean = model.Mean([0.1, -2.0], 3.7, 5.0, gradient, out double dMass);

        Assert.Equal(-2.0 + 0.1 * 10.0, mean, 14);
        Assert.Equal([10.0, 1.0], gradient);
        Assert.Equal(0.0, dMass);
        Assert.False(model.UsesStellarMass);
    }

    [Fact]
    public void LogarithmicAmr_Mean_IsMetallicityOfLinearZ()
    {
        var model = new LogarithmicAmr(13.7);

        double mean = model.Mean([2e-4, 1e-4], 3.7, 5.0, new double[2], out double dMass);

        Assert.Equal(SolarScaling.MetallicityFromZ(1e-4 + 2e-4 * 10.0), mean, 14);
        Assert.Equal(0.0, dMass);
    }

    [Fact]
    public void LogarithmicAmr_MetalFractionBeyondPhysicalRange_MeanIsNaN()
    {
        double mean = new LogarithmicAmr(13.7).Mean([1.0, 1e-3], 3.7, 5.0, new double[2], out _);

        Assert.True(double.IsNaN(mean));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void InitialGuess_TypicalGrid_GivesMeansInsideTheGrid(string name)
    {
        var model = Create(name);
        var p = new double[2];
        var context = new MetallicityGuessContext(-2.2, 0.0, 13.7, 1e6);

        model.InitialGuess(context, p);

        foreach (double lookback in new[] { 0.1, 5.0, 13.0 })
        {
            double mean = model.Mean(p, lookback, 6.0, new double[2], out _);
            Assert.InRange(mean, -2.2, 0.0);
        }
        Assert.True(p[0] > 0, "α must start positive (it is log-transformed)");
    }
}
