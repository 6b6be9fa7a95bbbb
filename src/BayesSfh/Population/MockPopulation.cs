using BayesSfh.Hess;
using BayesSfh.Isochrones;
using BayesSfh.Randomness;
using static BayesSfh.Population.IsochroneInterpolation;

namespace BayesSfh.Population;

/// <summary>One simple stellar population of a mock: its isochrone and the stellar mass formed (M☉, birth mass).</summary>
public sealed record MockSsp
{
    /// <summary>Creates and validates the population.</summary>
    /// <exception cref="ArgumentException">A negative or non-finite mass.</exception>
    public MockSsp(Isochrone isochrone, double massFormed)
    {
        ArgumentNullException.ThrowIfNull(isochrone);
        if (!(massFormed >= 0) || !double.IsFinite(massFormed))
            throw new ArgumentException($"The mass formed must be finite and ≥ 0 M☉ (got {massFormed} for log age {isochrone.LogAge}, [M/H] {isochrone.MH}).", nameof(massFormed));
        (Isochrone, MassFormed) = (isochrone, massFormed);
    }

    /// <summary>The population's isochrone.</summary>
    public Isochrone Isochrone { get; }

    /// <summary>Stellar mass formed, M☉.</summary>
    public double MassFormed { get; }
}

/// <summary>
/// One drawn star system: its population, masses, and true and observed apparent magnitudes in the blue, red and
/// magnitude-axis filters (binaries combined). Observed magnitudes are NaN for undetected systems; <see cref="Bin"/> is
/// the flattened Hess bin, or −1 when undetected or outside the grid.
/// </summary>
public readonly record struct MockStar(int Ssp, double PrimaryMass, double SecondaryMass, double TrueBlue, double TrueRed, double TrueMagnitude,
    double ObservedBlue, double ObservedRed, double ObservedMagnitude, bool Detected, int Bin);

/// <summary>A drawn mock: the Hess counts of the detected stars, the kept star list, and totals.</summary>
/// <param name="Counts">Detected stars per flattened Hess bin.</param>
/// <param name="Stars">Detected systems (and undetected ones if asked), grouped by population in input order.</param>
/// <param name="Systems">Systems drawn (alive or not).</param>
/// <param name="Alive">Systems whose primary lies within its isochrone's mass range (observable).</param>
/// <param name="Detected">Systems detected (inside the grid or not).</param>
public sealed record MockPopulationResult(long[] Counts, IReadOnlyList<MockStar> Stars, long Systems, long Alive, long Detected)
{
    /// <summary>Detected stars inside the Hess grid.</summary>
    public long InGrid => Counts.Sum();
}

/// <summary>
/// Draws mock stellar populations star by star: the Monte Carlo counterpart of <see cref="SspTemplateBuilder"/>, with
/// the same observation model, so that E[counts] = Σ_SSP mass formed × template.
/// </summary>
/// <remarks>
/// Per population with mass formed M: N ~ Poisson(M / m̄) systems, m̄ = ⟨m⟩_IMF (1 + f (q_min + 1)/2) the mean
/// system mass; primary masses from the IMF; with probability f a secondary of mass q m, q ~ U(q_min, 1). A system
/// whose primary lies outside the isochrone's initial-mass range is not observed (dead or below the table; as in the
/// builder, such a system's secondary is ignored too); a secondary below the table adds no light. Magnitudes are
/// interpolated linearly in initial mass, shifted by the distance modulus and the extinction; binary fluxes add. The
/// system is detected with probability Π η_F(m_F) over the distinct filters used, then observed as
/// m_F + b_F(m_F) + σ_F(m_F)·N(0, 1) independently per filter (the magnitude axis reuses the colour filter's draw when
/// it is one of them). Each population has its own random stream (seed, population index), so the result is
/// bit-identical for a seed whatever the degree of parallelism.
/// </remarks>
public static class MockPopulation
{
    /// <summary>Draws the populations and bins the detected stars.</summary>
    /// <param name="populations">The populations; masses may be 0.</param>
    /// <param name="options">Observation model and Hess grid (the same record the templates were built with).</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="keepUndetected">Also list undetected (alive) systems in <see cref="MockPopulationResult.Stars"/>.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads; null for all cores.</param>
    /// <exception cref="KeyNotFoundException">An isochrone lacks a filter.</exception>
    public static MockPopulationResult Draw(IReadOnlyList<MockSsp> populations, SspTemplateOptions options, ulong seed, bool keepUndetected = false,
        int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(populations);
        ArgumentNullException.ThrowIfNull(options);
        var parts = new Part[populations.Count];
        Parallel.For(0, populations.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 },
            i => parts[i] = DrawOne(i, populations[i], options, Xoshiro256StarStar.ForStream(seed, i), keepUndetected));
        var counts = new long[options.Grid.BinCount];
        var stars = new List<MockStar>();
        long systems = 0, alive = 0, detected = 0;
        foreach (var part in parts)
        {
            systems += part.Systems;
            alive += part.Alive;
            detected += part.Detected;
            foreach (var star in part.Stars)
            {
                stars.Add(star);
                if (star.Bin >= 0) counts[star.Bin]++;
            }
        }
        return new MockPopulationResult(counts, stars, systems, alive, detected);
    }

    private sealed record Part(List<MockStar> Stars, long Systems, long Alive, long Detected);

    private static Part DrawOne(int index, MockSsp population, SspTemplateOptions o, Xoshiro256StarStar rng, bool keepUndetected)
    {
        var stars = new List<MockStar>();
        if (population.MassFormed == 0) return new Part(stars, 0, 0, 0);
        var iso = population.Isochrone;
        double[] mass = [.. iso.InitialMass];
        var axis = o.Axis;
        double[] blue = Apparent(iso, o.Blue.Filter, o.Blue.Extinction, o.DistanceModulus);
        double[] red = Apparent(iso, o.Red.Filter, o.Red.Extinction, o.DistanceModulus);
        double[] mag = axis switch
        {
            MagnitudeAxis.Blue => blue,
            MagnitudeAxis.Red => red,
            _ => Apparent(iso, o.Magnitude.Filter, o.Magnitude.Extinction, o.DistanceModulus),
        };
        var imf = o.Imf;
        double f = o.Binaries?.Fraction ?? 0, qMin = o.Binaries?.MinimumRatio ?? 0;
        double meanSystemMass = imf.MeanMass * (1 + f * 0.5 * (qMin + 1));
        long systems = rng.NextPoisson(population.MassFormed / meanSystemMass), alive = 0, detected = 0;
        var grid = o.Grid;
        for (long s = 0; s < systems; s++)
        {
            double primary = imf.Quantile(rng.NextDouble());
            bool binary = f > 0 && rng.NextDouble() < f;
            double secondary = binary ? (qMin + (1 - qMin) * rng.NextDouble()) * primary : double.NaN;
            if (primary < mass[0] || primary > mass[^1]) continue;
            alive++;
            int i = Interval(mass, primary);
            double b = At(blue, mass, i, primary), r = At(red, mass, i, primary), y = At(mag, mass, i, primary);
            if (binary && secondary >= mass[0])
            {
                int k = Interval(mass, secondary);
                b = Combine(b, At(blue, mass, k, secondary));
                r = Combine(r, At(red, mass, k, secondary));
                y = axis switch { MagnitudeAxis.Blue => b, MagnitudeAxis.Red => r, _ => Combine(y, At(mag, mass, k, secondary)) };
            }
            double eta = o.Blue.Completeness.Probability(b) * o.Red.Completeness.Probability(r);
            if (axis == MagnitudeAxis.Separate) eta *= o.Magnitude.Completeness.Probability(y);
            if (!(rng.NextDouble() < eta))
            {
                if (keepUndetected) stars.Add(new MockStar(index, primary, secondary, b, r, y, double.NaN, double.NaN, double.NaN, false, -1));
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
            stars.Add(new MockStar(index, primary, secondary, b, r, y, bObs, rObs, yObs, true, BinOf(grid, bObs - rObs, yObs)));
        }
        return new Part(stars, systems, alive, detected);
    }

    /// <summary>The flattened bin of (colour, magnitude), or −1 outside the grid (bins are [low, high)).</summary>
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
}
