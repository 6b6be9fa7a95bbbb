using BayesSfh.Hess;
using BayesSfh.Imf;
using BayesSfh.Isochrones;
using BayesSfh.Observation;
using BayesSfh.Population;
using Xunit;
using Xunit.Abstractions;

namespace BayesSfh.Tests.Population;

/// <summary>
/// Mock populations against the template builder (Pearson residuals of the binned mock against Σ mass × template; the
/// total count), determinism across parallelism and runs, streaming, and input validation.
/// </summary>
public class MockPopulationTests(ITestOutputHelper output)
{
    /// <summary>A photometric error with a constant bias b added to another model's σ.</summary>
    private sealed record BiasedError(IPhotometricError Inner, double Offset) : IPhotometricError
    {
        public double Sigma(double magnitude) => Inner.Sigma(magnitude);

        public double Bias(double magnitude) => double.IsNaN(magnitude) ? double.NaN : Offset;
    }

    private static readonly HessGrid Grid = HessGrid.Uniform(0.4, 2.4, 60, 14, 28, 50); // Δcolour = 1/30, Δmag = 0.28

    private static SspTemplateOptions Observation(MagnitudeAxis axis, BinaryOptions? binaries = null, double blueBias = 0, double redBias = 0, bool astTable = false)
    {
        // The AST-like table: σ and a bias growing to −0.1 mag towards the faint end (as from artificial-star tests).
        IPhotometricError err = astTable ? new TabulatedPhotometricError([14, 22, 26, 28], [0.01, 0.02, 0.08, 0.25], [0, 0, -0.03, -0.1])
            : new ExponentialPhotometricError(1.05, 10, 32, 0.01);
        var blue = new PhotometricBand("B", 0.12, new BiasedError(err, blueBias), new LogisticCompleteness(0.95, 27.5, 0.3));
        var red = new PhotometricBand("V", 0.09, new BiasedError(err, redBias), new LogisticCompleteness(0.9, 27.0, 0.25));
        var third = new PhotometricBand("I", 0.05, err, new LogisticCompleteness(0.97, 26.4, 0.3));
        var magnitude = axis switch { MagnitudeAxis.Red => red, MagnitudeAxis.Blue => blue, _ => third };
        return new SspTemplateOptions(blue, red, magnitude, 12.5, new KroupaImf(), Grid, binaries: binaries);
    }

    private static MockSsp[] TwoPopulations(double scale = 1) =>
    [
        new(SspTemplateBuilderTests.MadeUpIsochrone(9.3, -1.2), 4e5 * scale),
        new(SspTemplateBuilderTests.MadeUpIsochrone(10.0, -1.0), 3e5 * scale),
    ];

    private static double[] Expected(IReadOnlyList<MockSsp> populations, SspTemplateOptions options)
    {
        var expected = new double[options.Grid.BinCount];
        var scratch = new double[options.Grid.BinCount];
        foreach (var p in populations)
        {
            Array.Clear(scratch);
            SspTemplateBuilder.Accumulate(p.Isochrone, options, scratch);
            for (int k = 0; k < scratch.Length; k++) expected[k] += p.MassFormed * scratch[k];
        }
        return expected;
    }

    /// <summary>
    /// Pearson residuals (n − μ)/√μ over bins with μ &gt; 5: mean ≈ 0 (standard error 1/√bins) and variance ≈ 1 (alert
    /// outside [0.9, 1.11], fail outside [0.8, 1.25]); the in-grid total within 4 Poisson σ.
    /// </summary>
    private void AssertPoisson(string label, MockTotals mock, double[] expected)
    {
        double sum = 0, sum2 = 0;
        int used = 0;
        for (int k = 0; k < expected.Length; k++)
        {
            if (!(expected[k] > 5)) continue;
            double r = (mock.Counts[k] - expected[k]) / Math.Sqrt(expected[k]);
            sum += r;
            sum2 += r * r;
            used++;
        }
        double mean = sum / used, variance = sum2 / used - mean * mean;
        double total = expected.Sum(), z = (mock.InGrid - total) / Math.Sqrt(total);
        output.WriteLine($"{label}: {mock.Systems} systems, {mock.Alive} alive, {mock.Detected} detected, {mock.InGrid} in grid vs {total:F0} expected " +
            $"(z = {z:F2}); {used} bins with μ > 5: mean residual {mean:F3}, variance {variance:F3}");
        if (variance is < 0.9 or > 1.11) output.WriteLine("ALERT: Pearson variance outside [0.9, 1.11]");
        Assert.True(mock.Systems >= 500_000, $"only {mock.Systems} systems");
        Assert.True(used > 300, $"only {used} bins with μ > 5");
        Assert.InRange(variance, 0.8, 1.25);
        Assert.InRange(mean, -4 / Math.Sqrt(used), 4 / Math.Sqrt(used));
        Assert.InRange(z, -4, 4);
    }

    public static TheoryData<MagnitudeAxis, double, bool, ulong> Cases() => new()
    {
        { MagnitudeAxis.Red, 0, false, 21UL },      // correlated kernel, cov(c, m) = −σ_V²
        { MagnitudeAxis.Blue, 0, false, 24UL },     // correlated kernel, cov(c, m) = +σ_B²
        { MagnitudeAxis.Separate, 0, false, 22UL }, // independent axes, completeness in three filters
        { MagnitudeAxis.Red, 0.35, false, 23UL },   // unresolved binaries
        { MagnitudeAxis.Red, 0, true, 26UL },       // magnitude-dependent bias b(m) (AST-like table)
        { MagnitudeAxis.Separate, 0.35, true, 27UL }, // bias, binaries and three filters together
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BinnedMockHasPoissonResidualsAroundTheTemplates(MagnitudeAxis axis, double binaryFraction, bool astTable, ulong seed)
    {
        var options = Observation(axis, binaryFraction > 0 ? new BinaryOptions(binaryFraction, 0.1) : null, astTable: astTable);
        var populations = TwoPopulations(axis == MagnitudeAxis.Separate ? 4 : 1);
        var mock = MockPopulation.Stream(populations, options, seed, sink: null);
        AssertPoisson($"{axis}, f = {binaryFraction}, AST table {astTable}", mock, Expected(populations, options));
    }

    /// <summary>
    /// A constant bias b_B, b_V moves every observed star by (b_B − b_V, b_B) on the blue axis; chosen as whole bins
    /// (2 colour bins, 1 magnitude bin) the biased expectation is the unbiased template shifted by (2, 1) bins, which
    /// checks the mock's bias independently of the builder's own handling of it.
    /// </summary>
    [Fact]
    public void ConstantBiasShiftsTheHessDiagramByWholeBins()
    {
        double magBias = Grid.MagnitudeEdges[1] - Grid.MagnitudeEdges[0], colourBias = 2 * (Grid.ColourEdges[1] - Grid.ColourEdges[0]);
        var biased = Observation(MagnitudeAxis.Blue, blueBias: magBias, redBias: magBias - colourBias);
        var unbiased = Observation(MagnitudeAxis.Blue);
        var populations = TwoPopulations();
        var mock = MockPopulation.Stream(populations, biased, 25, sink: null);
        var template = Expected(populations, unbiased);
        var expected = new double[template.Length];
        for (int y = 1; y < Grid.MagnitudeBins; y++)
            for (int x = 2; x < Grid.ColourBins; x++) expected[Grid.Flatten(x, y)] = template[Grid.Flatten(x - 2, y - 1)];
        // Bins fed from outside the grid (x < 2 or y < 1) are left out: give them no expectation and drop their counts.
        var counts = (long[])mock.Counts.Clone();
        for (int y = 0; y < Grid.MagnitudeBins; y++)
            for (int x = 0; x < Grid.ColourBins; x++)
                if (x < 2 || y < 1) counts[Grid.Flatten(x, y)] = 0;
        AssertPoisson("Blue, bias (B, V) = (0.28, 0.213)", mock with { Counts = counts }, expected);
    }

    [Fact]
    public void SameSeedSameStarsWhateverTheThreadsAndRuns()
    {
        var options = Observation(MagnitudeAxis.Red, new BinaryOptions(0.3));
        // Enough systems for several blocks per population.
        var populations = Enumerable.Range(0, 6).Select(k => new MockSsp(SspTemplateBuilderTests.MadeUpIsochrone(9 + 0.1 * k, -1 + 0.1 * k), 2e4)).ToArray();
        var one = MockPopulation.Draw(populations, options, 7, maxDegreeOfParallelism: 1);
        var four = MockPopulation.Draw(populations, options, 7, maxDegreeOfParallelism: 4);
        var again = MockPopulation.Draw(populations, options, 7);
        var other = MockPopulation.Draw(populations, options, 8);
        Assert.True(one.Systems > 4 * MockPopulation.BlockSize, $"{one.Systems} systems");
        Assert.Equal(one.Stars, four.Stars);
        Assert.Equal(one.Stars, again.Stars);
        Assert.Equal(one.Counts, four.Counts);
        Assert.Equal((one.Systems, one.Alive, one.Detected), (four.Systems, four.Alive, four.Detected));
        Assert.NotEqual(one.Counts, other.Counts);
        Assert.Equal(one.Stars.Select(s => s.Ssp), one.Stars.Select(s => s.Ssp).Order());
        Assert.All(one.Stars, s =>
        {
            Assert.True(s.Detected && double.IsFinite(s.ObservedRed));
            Assert.Equal(populations[s.Ssp].Isochrone.LogAge, s.LogAge);
            Assert.Equal(populations[s.Ssp].Isochrone.MH, s.MH);
            Assert.Equal(s.TrueRed, s.TrueMagnitude);
            Assert.Equal(s.ObservedRed, s.ObservedMagnitude);
            Assert.Equal(MockPopulation.BinOf(options.Grid, s.ObservedBlue - s.ObservedRed, s.ObservedMagnitude), s.Bin);
            if (!double.IsNaN(s.SecondaryMass)) Assert.InRange(s.SecondaryMass / s.PrimaryMass, 0, 1);
        });
        Assert.Equal(one.Detected, one.Stars.Count);
        Assert.Equal(one.InGrid, one.Stars.Count(s => s.Bin >= 0));
        var withLost = MockPopulation.Draw(populations, options, 7, keepUndetected: true, maxDegreeOfParallelism: 3);
        Assert.Equal(one.Counts, withLost.Counts);
        Assert.Equal(withLost.Alive, withLost.Stars.Count);
        Assert.Equal(one.Stars, withLost.Stars.Where(s => s.Detected));
        Assert.All(withLost.Stars.Where(s => !s.Detected), s => Assert.True(double.IsNaN(s.ObservedBlue) && s.Bin == -1));
    }

    [Fact]
    public void StreamingSinkSeesTheSameStarsInOrder()
    {
        var options = Observation(MagnitudeAxis.Separate);
        var populations = TwoPopulations(0.05);
        var listed = MockPopulation.Draw(populations, options, 3);
        var sink = new CountingSink();
        var streamed = MockPopulation.Stream(populations, options, 3, sink, maxDegreeOfParallelism: 2);
        Assert.Equal(listed.Counts, streamed.Counts);
        Assert.Equal(listed.Stars, sink.Stars);
        Assert.True(sink.Calls > 1 && sink.Largest <= MockPopulation.BlockSize, $"{sink.Calls} calls, largest {sink.Largest}");
    }

    private sealed class CountingSink : IMockStarSink
    {
        public List<MockStar> Stars { get; } = [];

        public int Calls { get; private set; }

        public int Largest { get; private set; }

        public void Write(ReadOnlySpan<MockStar> stars)
        {
            Calls++;
            Largest = Math.Max(Largest, stars.Length);
            Stars.AddRange(stars);
        }
    }

    [Fact]
    public void DeadAndUnborn()
    {
        // An isochrone covering only 0.5–0.9 M☉: every system is drawn, only those primaries are alive.
        var iso = new Isochrone(9.5, -1, [0.5, 0.7, 0.7, 0.9], new Dictionary<string, double[]> { ["B"] = [7, 6, 5.9, 5], ["V"] = [6, 5.2, 5.1, 4.4], ["I"] = [5.5, 4.8, 4.7, 4] }, source: "test");
        var options = Observation(MagnitudeAxis.Red);
        var mock = MockPopulation.Draw([new MockSsp(iso, 2e4)], options, 11, keepUndetected: true);
        var imf = new KroupaImf();
        double pAlive = imf.StarFraction(0.5, 0.9), mean = 2e4 / imf.MeanMass * pAlive;
        double z = (mock.Alive - mean) / Math.Sqrt(mean);
        output.WriteLine($"alive {mock.Alive} of {mock.Systems}, expected {mean:F0} (z = {z:F2})");
        Assert.InRange(z, -4, 4);
        Assert.All(mock.Stars, s => Assert.InRange(s.PrimaryMass, 0.5, 0.9));
        // Magnitudes are linear in mass on either side of the repeated mass 0.7.
        Assert.All(mock.Stars, s => Assert.Equal(s.PrimaryMass < 0.7 ? 5.2 + 12.5 + 0.09 - 4 * (s.PrimaryMass - 0.7) : 5.1 + 12.5 + 0.09 - 3.5 * (s.PrimaryMass - 0.7), s.TrueRed, 1e-9));
    }

    [Fact]
    public void ZeroMassGivesNoStarsAndBadInputIsRejected()
    {
        var options = Observation(MagnitudeAxis.Red);
        var iso = SspTemplateBuilderTests.MadeUpIsochrone();
        var mock = MockPopulation.Draw([new MockSsp(iso, 0), new MockSsp(iso, 0)], options, 1, keepUndetected: true);
        Assert.Equal(0, mock.Systems);
        Assert.Empty(mock.Stars);
        Assert.All(mock.Counts, c => Assert.Equal(0, c));
        Assert.Equal(options.Grid.BinCount, mock.Counts.Length);
        Assert.Equal("massFormed", Assert.Throws<ArgumentException>(() => new MockSsp(iso, -1)).ParamName);
        Assert.Equal("massFormed", Assert.Throws<ArgumentException>(() => new MockSsp(iso, double.NaN)).ParamName);
        Assert.Equal("massFormed", Assert.Throws<ArgumentException>(() => new MockSsp(iso, double.PositiveInfinity)).ParamName);
        Assert.Equal("masses", Assert.Throws<ArgumentException>(() => MockSsp.FromMasses([iso, iso], [1, double.NaN])).ParamName);
        Assert.Equal("masses", Assert.Throws<ArgumentException>(() => MockSsp.FromMasses([iso, iso], [1])).ParamName);
        Assert.Equal("populations", Assert.Throws<ArgumentException>(() => MockPopulation.Draw([null!], options, 1)).ParamName);
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentException>(() => MockPopulation.Draw([], options, 1, maxDegreeOfParallelism: 0)).ParamName);
        var pairs = MockSsp.FromMasses([iso, iso], [0, 5]);
        Assert.Equal([0.0, 5.0], pairs.Select(p => p.MassFormed));
    }

    [Fact]
    public void BinOfUsesHalfOpenBins()
    {
        var grid = HessGrid.Uniform(0, 1, 2, 10, 12, 2);
        Assert.Equal(0, MockPopulation.BinOf(grid, 0, 10));
        Assert.Equal(1, MockPopulation.BinOf(grid, 0.5, 10.2));
        Assert.Equal(3, MockPopulation.BinOf(grid, 0.99, 11.5));
        Assert.Equal(-1, MockPopulation.BinOf(grid, 1.0, 11));
        Assert.Equal(-1, MockPopulation.BinOf(grid, double.NaN, 11));
    }
}
