using BayesSfh.Observation;
using Xunit;

namespace BayesSfh.Tests.Observation;

/// <summary>The error and completeness laws against hand-evaluated values of their formulas, and their validation.</summary>
public class ObservationModelTests
{
    [Theory]
    [InlineData(32.0, 1.0 + 0.01)]
    [InlineData(30.0, 0.3768894828730004 + 0.01)] // 1.05^(-20)
    [InlineData(33.0, 1.628894626777442 + 0.01)] // 1.05^10
    public void ExponentialErrorMatchesSfhJlForm(double magnitude, double expected)
    {
        var law = new ExponentialPhotometricError(1.05, 10, 32, 0.01);
        Assert.Equal(expected, law.Sigma(magnitude), 12);
    }

    [Fact]
    public void ExponentialErrorTendsToFloorAndIsCapped()
    {
        var law = new ExponentialPhotometricError(1.05, 10, 32, 0.01);
        Assert.Equal(0.01, law.Sigma(0), 6);
        Assert.Equal(ExponentialPhotometricError.MaximumSigma, law.Sigma(1e6));
        Assert.True(double.IsNaN(law.Sigma(double.NaN)));
        Assert.True(law.Sigma(28) < law.Sigma(29));
    }

    [Theory]
    [InlineData(0, 1, 1, 0)]
    [InlineData(1, 1, 1, -1)]
    [InlineData(1, 1, 1, double.NaN)]
    public void ExponentialErrorRejectsBadParameters(double a, double b, double c, double d) =>
        Assert.Throws<ArgumentException>(() => new ExponentialPhotometricError(a, b, c, d));

    [Fact]
    public void ConstantError()
    {
        Assert.Equal(0.05, new ConstantPhotometricError(0.05).Sigma(20));
        Assert.Equal(0, ConstantPhotometricError.None.Sigma(-3));
        Assert.Throws<ArgumentException>(() => new ConstantPhotometricError(-0.1));
    }

    [Theory]
    [InlineData(25.0, 0.45)]
    [InlineData(24.0, 0.9 / (1 + 0.1353352832366127))] // exp(-1/0.5)
    [InlineData(26.5, 0.9 / (1 + 20.085536923187668))] // exp(3)
    public void LogisticCompletenessMatchesMartin2016(double magnitude, double expected)
    {
        var eta = new LogisticCompleteness(0.9, 25, 0.5);
        Assert.Equal(expected, eta.Probability(magnitude), 12);
    }

    [Fact]
    public void LogisticCompletenessLimits()
    {
        var eta = new LogisticCompleteness(0.95, 25, 0.3);
        Assert.Equal(0.95, eta.Probability(10), 12);
        Assert.Equal(0, eta.Probability(60), 12);
        Assert.Equal(1, PerfectCompleteness.Instance.Probability(40));
        Assert.Throws<ArgumentException>(() => new LogisticCompleteness(1.2, 25, 0.3));
        Assert.Throws<ArgumentException>(() => new LogisticCompleteness(1, 25, 0));
    }

    [Fact]
    public void BandDefaultsAndValidation()
    {
        var band = new PhotometricBand("V");
        Assert.Equal(0, band.Error.Sigma(20));
        Assert.Equal(1, band.Completeness.Probability(20));
        Assert.Throws<ArgumentException>(() => new PhotometricBand(" "));
        Assert.Throws<ArgumentException>(() => new PhotometricBand("V", -0.1));
    }
}
