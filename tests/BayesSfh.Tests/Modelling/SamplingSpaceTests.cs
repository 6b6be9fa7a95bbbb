using BayesSfh.Modelling;
using BayesSfh.Optimization;
using BayesSfh.Synthetic;
using Xunit;

namespace BayesSfh.Tests.Modelling;

/// <summary><see cref="SamplingSpace"/>: the MAP and its covariance carried into star-share coordinates, and the fallback to θ.</summary>
public class SamplingSpaceTests
{
    private static SfhModel Model(IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        var mock = MockGalaxy.Create(new MockGalaxyOptions
        {
            Alpha = 0.35, Intercept = -1.0, Sigma = 0.2, TotalMass = 2e6, Seed = 7,
            Templates = new SyntheticTemplateOptions { Ages = 6, MinLogAge = 8.5, MaxLogAge = 10.05, Metallicities = 5, MinMH = -2.2, MaxMH = 0.0, ColourBins = 30, MagnitudeBins = 20 },
        });
        return SfhModel.Create(mock.Templates, mock.Observed, new SfhModelOptions
        {
            Model = MetallicityModelKind.PowerLawMzr,
            Fixed = fixedValues ?? new Dictionary<string, double>(),
        });
    }

    [Fact]
    public void StarShare_MapAndCovarianceCarriedOver_OutputsUnchanged()
    {
        var model = Model();
        var map = SfhFitter.Fit(model);
        Assert.NotNull(map.ThetaCovariance);
        var space = SamplingSpace.Create(model, map, SamplingCoordinates.StarShare);
        int d = model.Layout.FreeCount;

        Assert.Equal(SamplingCoordinates.StarShare, space.Coordinates);
        var output = new double[model.OutputNames.Length];
        space.ToOutput(space.Point.ToArray(), output);
        for (int i = 0; i < output.Length; i++) Assert.Equal(map.Values[i], output[i], Math.Abs(map.Values[i]) * 1e-10 + 1e-12);

        // Same log density at the MAP (the map is volume-preserving), and ln p in φ differs from θ away from it only via θ(φ).
        var g = new double[d];
        double inTheta = model.CreateLogDensity().ValueAndGradient(map.Theta.ToArray(), g);
        Assert.Equal(inTheta, space.CreateDensity().ValueAndGradient(space.Point.ToArray(), g), 1e-9);

        // Σ_φ symmetric positive definite; its u-variance is that of ln(expected stars) ≈ 1/N_obs (delta method).
        var cov = space.Covariance!.ToArray();
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d, (i, j) => cov[i * d + j]);
        Assert.True((matrix - matrix.Transpose()).FrobeniusNorm() < 1e-12 * matrix.FrobeniusNorm());
        Assert.True(matrix.Evd().EigenValues.All(e => e.Real > 0));
        double sdU = Math.Sqrt(cov[0]);
        double expected = 1 / Math.Sqrt(model.Observed.Total);
        Assert.InRange(sdU, 0.5 * expected, 2 * expected);
    }

    [Fact]
    public void StarShare_WithAFixedMass_FallsBackToTheta()
    {
        var model = Model(new Dictionary<string, double> { ["R.2"] = 3e5 });
        var map = SfhFitter.Fit(model);
        var space = SamplingSpace.Create(model, map, SamplingCoordinates.StarShare);

        Assert.Equal(SamplingCoordinates.Theta, space.Coordinates);
        Assert.Equal(map.Theta.ToArray(), space.Point.ToArray());
        Assert.IsType<SfhLogDensity>(space.CreateDensity());
    }
}
