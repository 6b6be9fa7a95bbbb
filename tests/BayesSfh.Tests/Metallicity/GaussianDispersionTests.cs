using BayesSfh.Metallicity;
using BayesSfh.Tests.TestSupport;
using Xunit;

namespace BayesSfh.Tests.Metallicity;

public class GaussianDispersionTests
{
    [Theory]
    [InlineData(-1.0, -1.3, 0.2)]
    [InlineData(0.0, -1.3, 0.05)]
    [InlineData(-2.0, 0.4, 0.7)]
    public void LogWeight_AnyPoint_HandValueAndDerivativesMatchFiniteDifferences(double metallicity, double mean, double sigma)
    {
        var dispersion = new GaussianDispersion();
        var dParameters = new double[1];
        var scratch = new double[1];

        double logWeight = dispersion.LogWeight([sigma], metallicity, mean, dParameters, out double dMean);

        Numeric.AssertRelative(-0.5 * Math.Pow((metallicity - mean) / sigma, 2), logWeight, 1e-14, 1, "ln A");
        double fdMean = Numeric.Derivative(m => dispersion.LogWeight([sigma], metallicity, m, scratch, out _), mean, 1e-3 * sigma);
        double fdSigma = Numeric.Derivative(s => dispersion.LogWeight([s], metallicity, mean, scratch, out _), sigma, 1e-3 * sigma);
        Numeric.AssertRelative(fdMean, dMean, 1e-9, 1e-6, "∂lnA/∂μ");
        Numeric.AssertRelative(fdSigma, dParameters[0], 1e-9, 1e-6, "∂lnA/∂σ");
    }
}
