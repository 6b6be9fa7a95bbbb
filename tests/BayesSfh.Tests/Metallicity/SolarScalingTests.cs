using BayesSfh.Metallicity;
using BayesSfh.Tests.TestSupport;
using Xunit;

namespace BayesSfh.Tests.Metallicity;

public class SolarScalingTests
{
    public static TheoryData<double> MetalFractions() => [1e-6, 1e-5, 1e-4, 5e-4, 0.001, 0.005, 0.01524, 0.03, 0.06, 0.1, 0.2];

    [Theory]
    [MemberData(nameof(MetalFractions))]
    public void ZFromMetallicity_OfMetallicityFromZ_ReturnsZ(double z)
    {
        double roundTrip = SolarScaling.ZFromMetallicity(SolarScaling.MetallicityFromZ(z));

        Numeric.AssertRelative(z, roundTrip, 1e-13, 0, "Z");
    }

    [Theory]
    [InlineData(-4.0)]
    [InlineData(-2.2)]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void MetallicityFromZ_OfZFromMetallicity_ReturnsMetallicity(double metallicity)
    {
        double roundTrip = SolarScaling.MetallicityFromZ(SolarScaling.ZFromMetallicity(metallicity));

        Numeric.AssertRelative(metallicity, roundTrip, 1e-13, 1, "[M/H]");
    }

    [Fact]
    public void MetallicityFromZ_SolarZ_IsZero()
    {
        Assert.Equal(0.0, SolarScaling.MetallicityFromZ(SolarScaling.SolarZ), 15);
    }

    [Fact]
    public void MetallicityFromZ_HandValue_MatchesPhysicalDefinition()
    {
        // Z = 0.001: X = 1 − 0.2485 − 2.78·0.001 = 0.74872; X☉ = 1 − 0.2485 − 2.78·0.01524 = 0.7091328.
        // [M/H] = log10(0.001/0.74872) − log10(0.01524/0.7091328).
        double expected = Math.Log10(0.001 / 0.74872) - Math.Log10(0.01524 / 0.7091328);

        Numeric.AssertRelative(expected, SolarScaling.MetallicityFromZ(0.001), 1e-14, 1, "[M/H](0.001)");
    }

    [Theory]
    [MemberData(nameof(MetalFractions))]
    public void DMetallicityDZ_AnyZ_MatchesFiniteDifference(double z)
    {
        double fd = Numeric.Derivative(SolarScaling.MetallicityFromZ, z, 1e-3 * z);

        Numeric.AssertRelative(fd, SolarScaling.DMetallicityDZ(z), 1e-9, 0, "d[M/H]/dZ");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-3)]
    [InlineData(0.3)] // X = 1 − 0.2485 − 2.78·0.3 < 0
    [InlineData(double.NaN)]
    public void MetallicityFromZ_OutsidePhysicalRange_IsNaN(double z)
    {
        Assert.True(double.IsNaN(SolarScaling.MetallicityFromZ(z)));
        Assert.True(double.IsNaN(SolarScaling.DMetallicityDZ(z)));
    }
}
