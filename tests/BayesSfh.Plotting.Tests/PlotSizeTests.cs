using Xunit;

namespace BayesSfh.Plotting.Tests;

public class PlotSizeTests
{
    [Fact]
    public void Default_IsLandscape() => Assert.True(PlotSize.Default.Width > PlotSize.Default.Height);
}
