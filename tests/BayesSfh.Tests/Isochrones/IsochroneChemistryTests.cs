using BayesSfh.Isochrones;
using Xunit;

namespace BayesSfh.Tests.Isochrones;

/// <summary>
/// Each library's [M/H] ↔ Z conversion against values printed in that library's own files (headers and columns of the
/// reference files listed in the project's data README): MIST Zinit/Yinit headers, PARSEC Zini/MH column pairs,
/// the BaSTI-IAC header.
/// </summary>
public class IsochroneChemistryTests
{
    [Theory]
    [InlineData(-1.35, 6.64289e-4, 0.2500)]
    [InlineData(0.00, 1.42000e-2, 0.2703)]
    [InlineData(0.25, 2.43555e-2, 0.2855)]
    public void Mist_ReproducesHeaderZinitAndYinit(double feh, double zinit, double yinit)
    {
        Assert.Equal(1.0, IsochroneChemistry.Mist.ZFromMH(feh) / zinit, 2e-6);
        Assert.Equal(yinit, IsochroneChemistry.Mist.Helium(zinit), 6e-5);
        Assert.Equal(feh, IsochroneChemistry.Mist.MHFromZ(zinit), 2e-6);
    }

    [Theory]
    [InlineData(0.0001, -2.19174)]
    [InlineData(0.0005, -1.49213)]
    [InlineData(0.0055, -0.44261)]
    [InlineData(0.01, -0.17553)]
    [InlineData(0.0105, -0.15350)]
    [InlineData(0.0155, 0.02408)]
    [InlineData(0.0205, 0.15411)]
    [InlineData(0.0255, 0.25767)]
    [InlineData(0.03, 0.33631)]
    public void Parsec_ReproducesCmdMhColumn(double zini, double mh)
    {
        Assert.Equal(mh, IsochroneChemistry.Parsec.MHFromZ(zini), 6e-6);
        Assert.Equal(1.0, IsochroneChemistry.Parsec.ZFromMH(mh) / zini, 2e-5);
    }

    [Fact]
    public void Basti_ReproducesHeader()
    {
        // "# Np = 2100 [M/H] = -0.080 Z = 0.0125800 Y = 0.26350000" (BaSTI-IAC, scaled solar, Gaia DR3).
        Assert.Equal(-0.080, IsochroneChemistry.Basti.MHFromZ(0.01258), 5e-4);
        Assert.Equal(1.0, IsochroneChemistry.Basti.ZFromMH(-0.080) / 0.01258, 1e-3);
        Assert.Equal(0.2635, IsochroneChemistry.Basti.Helium(0.01258), 5e-5);
    }

    [Fact]
    public void ZFromMH_InvertsMHFromZ_ForEveryLibrary()
    {
        foreach (var chemistry in new[] { IsochroneChemistry.Mist, IsochroneChemistry.Parsec, IsochroneChemistry.Basti })
            foreach (double z in new[] { 1e-5, 3e-4, 0.004, 0.0152, 0.04 })
                Assert.Equal(1.0, chemistry.ZFromMH(chemistry.MHFromZ(z)) / z, 1e-13);
    }

    [Fact]
    public void MHFromZ_Unphysical_IsNaN_AndAutoHasNoChemistry()
    {
        Assert.True(double.IsNaN(IsochroneChemistry.Parsec.MHFromZ(0)));
        Assert.True(double.IsNaN(IsochroneChemistry.Parsec.MHFromZ(0.3))); // X = 1 − Y − Z < 0
        Assert.Same(IsochroneChemistry.Basti, IsochroneChemistry.For(IsochroneFormat.Basti));
        Assert.Throws<ArgumentOutOfRangeException>(() => IsochroneChemistry.For(IsochroneFormat.Auto));
    }
}
