using BayesSfh.Modelling;
using BayesSfh.Population;
using Xunit;

namespace BayesSfh.Tests.Population;

/// <summary>Masses of a mock from R_j and the MZR: per age bin they add up to R_j; bad input is named.</summary>
public class MockGalaxyMassesTests
{
    private static readonly double[] LogAges = [9.0, 9.6, 10.0];
    private static readonly double[] Metallicities = [-1.6, -1.1, -0.6, -0.1];

    private static BayesSfh.Isochrones.Isochrone[] Grid() =>
        [.. LogAges.SelectMany(a => Metallicities.Select(mh => SspTemplateBuilderTests.MadeUpIsochrone(a, mh)))];

    [Fact]
    public void MassesPerAgeBinAddUpToRAndPairWithTheIsochrones()
    {
        var isochrones = Grid();
        var truth = new Dictionary<string, double> { ["R.1"] = 2e5, ["R.2"] = 5e5, ["R.3"] = 1e6, ["alpha"] = 0.3, ["mh0"] = -1.2, ["sigma"] = 0.2 };
        var populations = MockGalaxyMasses.Populations(isochrones, new SfhModelOptions(), truth);
        Assert.Equal(isochrones, populations.Select(p => p.Isochrone));
        for (int j = 0; j < LogAges.Length; j++)
        {
            double sum = populations.Where(p => p.Isochrone.LogAge == LogAges[j]).Sum(p => p.MassFormed);
            Assert.Equal(truth[$"R.{j + 1}"], sum, 1e-9 * sum);
        }
        Assert.All(populations, p => Assert.True(p.MassFormed > 0));
    }

    [Fact]
    public void MissingOrBadParameterIsNamed()
    {
        var isochrones = Grid();
        var truth = new Dictionary<string, double> { ["R.1"] = 2e5, ["R.2"] = 5e5, ["R.3"] = 1e6, ["alpha"] = 0.3, ["mh0"] = -1.2 };
        Assert.Equal("truth", Assert.Throws<ArgumentException>(() => MockGalaxyMasses.Populations(isochrones, new SfhModelOptions(), truth)).ParamName);
        truth["sigma"] = double.NaN;
        Assert.Equal("truth", Assert.Throws<ArgumentException>(() => MockGalaxyMasses.Populations(isochrones, new SfhModelOptions(), truth)).ParamName);
        Assert.Equal("isochrones", Assert.Throws<ArgumentException>(() => MockGalaxyMasses.Compute(isochrones[1..], new SfhModelOptions(), truth)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() =>
            MockGalaxyMasses.Compute(isochrones, new SfhModelOptions { Model = MetallicityModelKind.Free }, truth)).ParamName);
    }
}
