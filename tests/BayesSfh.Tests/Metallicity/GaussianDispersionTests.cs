using BayesSfh.Metallicity;
using BayesSfh.Parameters;
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

    [Theory]
    [InlineData(12, -1.1, 0.2)]
    [InlineData(7, 0.3, 0.05)]
    [InlineData(3, -5.0, 0.7)]
    public void LogWeights_Grid_SameBitsAsLogWeightPerMetallicity(int count, double mean, double sigma)
    {
        IMetallicityDispersion dispersion = new GaussianDispersion();
        IMetallicityDispersion defaultBatch = new ScalarOnly(new GaussianDispersion());
        double[] grid = [.. Enumerable.Range(0, count).Select(k => -2.3 + 0.17 * k)];
        var (logWeights, dMean, dSigma) = (new double[count], new double[count], new double[count]);
        var (defaultLogWeights, defaultDMean, defaultDSigma) = (new double[count], new double[count], new double[count]);

        dispersion.LogWeights([sigma], grid, mean, logWeights, dMean, dSigma);
        defaultBatch.LogWeights([sigma], grid, mean, defaultLogWeights, defaultDMean, defaultDSigma);

        var d = new double[1];
        for (int k = 0; k < count; k++)
        {
            double expected = dispersion.LogWeight([sigma], grid[k], mean, d, out double expectedDMean);
            Assert.Equal(expected, logWeights[k]);
            Assert.Equal(expectedDMean, dMean[k]);
            Assert.Equal(d[0], dSigma[k]);
            Assert.Equal(expected, defaultLogWeights[k]);
            Assert.Equal(expectedDMean, defaultDMean[k]);
            Assert.Equal(d[0], defaultDSigma[k]);
        }
    }

    // A dispersion with only the per-metallicity method, so LogWeights is the interface's default.
    private sealed class ScalarOnly(GaussianDispersion inner) : IMetallicityDispersion
    {
        public IReadOnlyList<ParameterDefinition> Parameters => inner.Parameters;

        public double LogWeight(ReadOnlySpan<double> parameters, double metallicity, double mean, Span<double> dLogWeightDParameters, out double dLogWeightDMean) =>
            inner.LogWeight(parameters, metallicity, mean, dLogWeightDParameters, out dLogWeightDMean);

        public void InitialGuess(in MetallicityGuessContext context, Span<double> parameters) => inner.InitialGuess(context, parameters);
    }
}
