using BayesSfh.Hess;
using BayesSfh.Isochrones;
using BayesSfh.Randomness;
using static BayesSfh.Population.IsochroneInterpolation;

namespace BayesSfh.Population;

/// <summary>
/// Draws mock stellar populations star by star: the Monte Carlo counterpart of <see cref="SspTemplateBuilder"/>, with
/// the same observation model, so that E[counts] = Σ_SSP mass formed × template.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> Per population with mass formed M: N ~ Poisson(M / m̄) systems, m̄ = ⟨m⟩_IMF (1 + f (q_min + 1)/2)
/// the mean system mass (the builder's systems per M☉ is 1/m̄); primary masses from the IMF
/// (<see cref="Imf.IInitialMassFunction.Sample"/>); with probability f a secondary of mass q m, q ~ U(q_min, 1). A
/// system whose primary lies outside the isochrone's initial-mass range is not observed (dead, or below the table; as in
/// the builder, its secondary is ignored too); a secondary below the table adds no light. Magnitudes are interpolated
/// linearly in initial mass on the interval [m_i, m_{i+1}] with m_i ≤ m &lt; m_{i+1} (zero-width intervals at phase
/// boundaries carry no stars, as in the builder), shifted by the distance modulus and the extinction; binary fluxes add.
/// The system is detected with probability Π η_F(m_F) over the distinct filters used (true magnitudes), then observed as
/// m_F + b_F(m_F) + σ_F(m_F)·N(0, 1) independently per filter; the magnitude axis reuses the colour filter's draw when
/// it is one of them (the correlated colour–magnitude kernel). The builder truncates its Gaussians at ±5.75σ; the mock
/// does not (a difference of ~1e-8 of the probability).</para>
/// <para><b>Randomness.</b> Population i has the stream (seed, i), from which N and a block seed are drawn; systems are
/// drawn in blocks of <see cref="BlockSize"/>, block b from the stream (block seed, b). The result is therefore
/// bit-identical for a seed whatever the degree of parallelism.</para>
/// <para><b>Memory.</b> Blocks are drawn a few per worker at a time and handed to the sink in order, so memory is
/// bounded by O(workers × <see cref="BlockSize"/>) stars whatever the number of systems (use
/// <see cref="Stream"/> with a file sink for ~10⁷ stars and more).</para>
/// </remarks>
public static class MockPopulation
{
    /// <summary>Systems per random-stream block.</summary>
    public const int BlockSize = 8192;

    /// <summary>Draws the populations, bins the detected stars and returns the kept stars as a list.</summary>
    /// <param name="populations">The populations; masses may be 0.</param>
    /// <param name="options">Observation model and Hess grid (the same record the templates were built with).</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="keepUndetected">Also list undetected (alive) systems in <see cref="MockPopulationResult.Stars"/>.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads; null for all cores.</param>
    /// <exception cref="ArgumentException">A null population (names <c>populations</c>).</exception>
    /// <exception cref="KeyNotFoundException">An isochrone lacks a filter.</exception>
    public static MockPopulationResult Draw(IReadOnlyList<MockSsp> populations, SspTemplateOptions options, ulong seed, bool keepUndetected = false,
        int? maxDegreeOfParallelism = null)
    {
        var list = new ListSink();
        var totals = Stream(populations, options, seed, list, keepUndetected, maxDegreeOfParallelism);
        return new MockPopulationResult(totals.Counts, list.Stars, totals.Systems, totals.Alive, totals.Detected);
    }

    /// <summary>
    /// Draws the populations, bins the detected stars and streams the kept stars to <paramref name="sink"/> (in population
    /// order) without keeping them.
    /// </summary>
    /// <param name="populations">The populations; masses may be 0.</param>
    /// <param name="options">Observation model and Hess grid.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="sink">Receives the detected stars (and undetected alive ones if asked); null to bin only.</param>
    /// <param name="keepUndetected">Also stream undetected (alive) systems.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads; null for all cores.</param>
    /// <exception cref="ArgumentException">A null population (names <c>populations</c>) or a degree of parallelism &lt; 1.</exception>
    /// <exception cref="KeyNotFoundException">An isochrone lacks a filter.</exception>
    public static MockTotals Stream(IReadOnlyList<MockSsp> populations, SspTemplateOptions options, ulong seed, IMockStarSink? sink,
        bool keepUndetected = false, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(populations);
        ArgumentNullException.ThrowIfNull(options);
        if (maxDegreeOfParallelism is < 1)
            throw new ArgumentException($"The degree of parallelism must be ≥ 1 (got {maxDegreeOfParallelism}).", nameof(maxDegreeOfParallelism));
        for (int i = 0; i < populations.Count; i++)
            if (populations[i] is null) throw new ArgumentException($"Population {i} is null.", nameof(populations));

        // Per population: N and the block seed from its own stream (cheap, sequential); tables for the drawn ones.
        double f = options.Binaries?.Fraction ?? 0, qMin = options.Binaries?.MinimumRatio ?? 0;
        double meanSystemMass = options.Imf.MeanMass * (1 + f * 0.5 * (qMin + 1));
        var units = new List<Unit>();
        long systems = 0;
        var tables = new Tables?[populations.Count];
        for (int i = 0; i < populations.Count; i++)
        {
            if (populations[i].MassFormed == 0) continue;
            var rng = Xoshiro256StarStar.ForStream(seed, i);
            long n = rng.NextPoisson(populations[i].MassFormed / meanSystemMass);
            ulong blockSeed = rng.NextUInt64();
            systems += n;
            if (n == 0) continue;
            tables[i] = new Tables(populations[i].Isochrone, options);
            for (long start = 0, block = 0; start < n; start += BlockSize, block++)
                units.Add(new Unit(i, blockSeed, checked((int)block), (int)Math.Min(BlockSize, n - start)));
        }

        int workers = maxDegreeOfParallelism ?? Environment.ProcessorCount;
        int window = Math.Max(1, 2 * workers);
        var buffers = new MockStar[Math.Min(window, units.Count)][];
        var scratch = new double[buffers.Length][];
        var outcomes = new Outcome[buffers.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        var counts = new long[options.Grid.BinCount];
        long alive = 0, detected = 0;
        for (int first = 0; first < units.Count; first += window)
        {
            int size = Math.Min(window, units.Count - first);
            Parallel.For(0, size, parallel, k =>
            {
                var unit = units[first + k];
                var buffer = buffers[k] ??= new MockStar[BlockSize];
                var primaries = scratch[k] ??= new double[BlockSize];
                outcomes[k] = DrawBlock(unit, tables[unit.Ssp]!, options, primaries.AsSpan(0, unit.Systems), buffer, keepUndetected);
            });
            for (int k = 0; k < size; k++)
            {
                var (kept, aliveHere, detectedHere) = outcomes[k];
                alive += aliveHere;
                detected += detectedHere;
                var stars = buffers[k].AsSpan(0, kept);
                foreach (ref readonly var star in stars)
                    if (star.Bin >= 0) counts[star.Bin]++;
                if (kept > 0) sink?.Write(stars);
            }
        }
        return new MockTotals(counts, systems, alive, detected);
    }

    private readonly record struct Unit(int Ssp, ulong BlockSeed, int Block, int Systems);

    private readonly record struct Outcome(int Kept, long Alive, long Detected);

    /// <summary>One population's apparent magnitudes on its mass table.</summary>
    private sealed class Tables
    {
        public Tables(Isochrone iso, SspTemplateOptions o)
        {
            (LogAge, MH) = (iso.LogAge, iso.MH);
            Mass = [.. iso.InitialMass];
            Blue = Apparent(iso, o.Blue.Filter, o.Blue.Extinction, o.DistanceModulus);
            Red = Apparent(iso, o.Red.Filter, o.Red.Extinction, o.DistanceModulus);
            Magnitude = o.Axis switch
            {
                MagnitudeAxis.Blue => Blue,
                MagnitudeAxis.Red => Red,
                _ => Apparent(iso, o.Magnitude.Filter, o.Magnitude.Extinction, o.DistanceModulus),
            };
        }

        public double LogAge { get; }

        public double MH { get; }

        public double[] Mass { get; }

        public double[] Blue { get; }

        public double[] Red { get; }

        public double[] Magnitude { get; }
    }

    private static Outcome DrawBlock(Unit unit, Tables t, SspTemplateOptions o, Span<double> primaries, MockStar[] buffer, bool keepUndetected)
    {
        var rng = Xoshiro256StarStar.ForStream(unit.BlockSeed, unit.Block);
        o.Imf.Sample(rng, primaries);
        var axis = o.Axis;
        double[] mass = t.Mass;
        double f = o.Binaries?.Fraction ?? 0, qMin = o.Binaries?.MinimumRatio ?? 0;
        int kept = 0;
        long alive = 0, detected = 0;
        foreach (double primary in primaries)
        {
            bool binary = f > 0 && rng.NextDouble() < f;
            double secondary = binary ? (qMin + (1 - qMin) * rng.NextDouble()) * primary : double.NaN;
            if (!(primary >= mass[0] && primary <= mass[^1])) continue;
            alive++;
            int i = BuilderInterval(mass, primary);
            double b = At(t.Blue, mass, i, primary), r = At(t.Red, mass, i, primary);
            double y = axis switch { MagnitudeAxis.Blue => b, MagnitudeAxis.Red => r, _ => At(t.Magnitude, mass, i, primary) };
            if (binary && secondary >= mass[0])
            {
                int k = BuilderInterval(mass, secondary);
                b = Combine(b, At(t.Blue, mass, k, secondary));
                r = Combine(r, At(t.Red, mass, k, secondary));
                y = axis switch { MagnitudeAxis.Blue => b, MagnitudeAxis.Red => r, _ => Combine(y, At(t.Magnitude, mass, k, secondary)) };
            }
            double eta = o.Blue.Completeness.Probability(b) * o.Red.Completeness.Probability(r);
            if (axis == MagnitudeAxis.Separate) eta *= o.Magnitude.Completeness.Probability(y);
            if (!(rng.NextDouble() < eta))
            {
                if (keepUndetected)
                    buffer[kept++] = new MockStar(unit.Ssp, t.LogAge, t.MH, primary, secondary, b, r, y, double.NaN, double.NaN, double.NaN, false, -1);
                continue;
            }
            detected++;
            double bObs = b + o.Blue.Error.Bias(b) + o.Blue.Error.Sigma(b) * rng.NextStandardNormal();
            double rObs = r + o.Red.Error.Bias(r) + o.Red.Error.Sigma(r) * rng.NextStandardNormal();
            double yObs = axis switch
            {
                MagnitudeAxis.Blue => bObs,
                MagnitudeAxis.Red => rObs,
                _ => y + o.Magnitude.Error.Bias(y) + o.Magnitude.Error.Sigma(y) * rng.NextStandardNormal(),
            };
            buffer[kept++] = new MockStar(unit.Ssp, t.LogAge, t.MH, primary, secondary, b, r, y, bObs, rObs, yObs, true, BinOf(o.Grid, bObs - rObs, yObs));
        }
        return new Outcome(kept, alive, detected);
    }

    /// <summary>The flattened bin of (colour, magnitude), or −1 outside the grid or for NaN (bins are [low, high)).</summary>
    public static int BinOf(HessGrid grid, double colour, double magnitude)
    {
        ArgumentNullException.ThrowIfNull(grid);
        int x = EdgeIndex(grid.ColourEdges.AsSpan(), colour), y = EdgeIndex(grid.MagnitudeEdges.AsSpan(), magnitude);
        return x < 0 || y < 0 ? -1 : grid.Flatten(x, y);
    }

    private static int EdgeIndex(ReadOnlySpan<double> edges, double value)
    {
        if (!(value >= edges[0] && value < edges[^1])) return -1;
        int k = edges.BinarySearch(value);
        return k >= 0 ? k : ~k - 1;
    }

    /// <summary>
    /// The builder's interval for mass m within the table: i with m_i ≤ m &lt; m_{i+1} (the last point of a run of equal
    /// masses), clamped to the last interval and moved down over zero-width intervals at the top.
    /// </summary>
    private static int BuilderInterval(double[] mass, double m)
    {
        int lo = 0, hi = mass.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (mass[mid] <= m) lo = mid + 1; else hi = mid;
        }
        int i = Math.Clamp(lo - 1, 0, mass.Length - 2);
        while (i > 0 && !(mass[i + 1] > mass[i])) i--;
        return i;
    }

    private sealed class ListSink : IMockStarSink
    {
        public List<MockStar> Stars { get; } = [];

        public void Write(ReadOnlySpan<MockStar> stars) => Stars.AddRange(stars);
    }
}
