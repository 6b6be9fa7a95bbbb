namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// Built-in approximate isochrones, computed offline from analytic stellar evolution (<see cref="AnalyticStellarModel"/>:
/// Tout et al. 1996 ZAMS, Hurley et al. 2000 tracks without mass loss) and empirical photometry
/// (<see cref="JohnsonCousinsPhotometry"/>), with absolute magnitudes in filters "U", "B", "V", "R", "I". For demos,
/// tests and runs without downloaded isochrone tables; use MIST, PARSEC or BaSTI for science.
/// </summary>
/// <remarks>
/// <para>For an age t, the initial masses where the star changes phase (t_MS, t_BGB, t_HeI, t_BAGB, end of the early AGB
/// equal to t) are found by bisection, so each phase is sampled separately and the points on either side of a boundary
/// share (to 1e-12) the boundary mass. Each phase starts with a few points (log-spaced on the main sequence) and intervals
/// are halved until neighbours differ by at most <see cref="AnalyticIsochroneOptions.MaxLogLuminosityStep"/> in log L and
/// <see cref="AnalyticIsochroneOptions.MaxLogTeffStep"/> in log Teff (or <see cref="AnalyticIsochroneOptions.MaxPoints"/>
/// is reached), which places points densely at the turnoff, on the subgiant and giant branches, and keeps linear
/// interpolation in initial mass smooth in the CMD.</para>
/// <para>The isochrone ends at the first thermal pulse (no TP-AGB, post-AGB or white dwarfs). Low-mass core-He-burning
/// stars keep their initial mass, so the horizontal branch is a red clump at all metallicities (no RGB mass loss).
/// There is no pre-main sequence: low-mass stars of young isochrones sit on the ZAMS. Deterministic and thread-safe.</para>
/// </remarks>
public sealed class AnalyticIsochroneGenerator
{
    /// <summary>Youngest accepted log10(age/yr).</summary>
    public const double MinLogAge = 6.0;

    /// <summary>Oldest accepted log10(age/yr) (≈ 20 Gyr).</summary>
    public const double MaxLogAge = 10.3;

    /// <summary>The <see cref="Isochrone.Source"/> of generated isochrones.</summary>
    public const string SourceName = "builtin (analytic: Tout et al. 1996; Hurley et al. 2000)";

    /// <summary>log10 of the solar surface gravity in cm s⁻² (IAU 2015 nominal GM☉/R☉²).</summary>
    private const double SolarLogGravity = 4.438;

    private const double MinRelativeMassStep = 1e-12;
    private const int MaxRefinementPasses = 64;

    /// <summary>Creates a generator; <paramref name="options"/> null means the defaults.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public AnalyticIsochroneGenerator(AnalyticIsochroneOptions? options = null)
    {
        Options = (options ?? new AnalyticIsochroneOptions()).Validate();
        double zSun = Options.SolarMetalMassFraction;
        Chemistry = new IsochroneChemistry("builtin (Hurley et al. 2000)", 0.24, 2.0, zSun / (0.76 - 3 * zSun));
    }

    /// <summary>The validated options.</summary>
    public AnalyticIsochroneOptions Options { get; }

    /// <summary>
    /// The [M/H] ↔ Z conversion: helium Y = 0.24 + 2Z and X = 0.76 − 3Z as in the models behind the Hurley et al. fits
    /// (Pols et al. 1998), [M/H] = log10(Z/X) − log10((Z/X)☉) with (Z/X)☉ = Z☉/(0.76 − 3 Z☉),
    /// Z☉ = <see cref="AnalyticIsochroneOptions.SolarMetalMassFraction"/>.
    /// </summary>
    public IsochroneChemistry Chemistry { get; }

    /// <summary>
    /// Metal mass fraction Z of [M/H] = <paramref name="mh"/> (see <see cref="Chemistry"/>; clamped into 1e-4 … 0.03
    /// when <see cref="AnalyticIsochroneOptions.ClampMetallicity"/> is set).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">[M/H] not finite, or Z outside the fits and clamping is off.</exception>
    public double MetalMassFraction(double mh)
    {
        if (!double.IsFinite(mh)) throw new ArgumentOutOfRangeException(nameof(mh), mh, "[M/H] must be finite.");
        double z = Chemistry.ZFromMH(mh);
        const double lo = AnalyticStellarModel.MinMetalMassFraction, hi = AnalyticStellarModel.MaxMetalMassFraction;
        if (z >= lo && z <= hi) return z;
        if (Options.ClampMetallicity) return Math.Clamp(z, lo, hi);
        throw new ArgumentOutOfRangeException(nameof(mh), mh,
            $"The built-in isochrones cover Z = {lo} … {hi}, i.e. [M/H] = {Chemistry.MHFromZ(lo):F2} … {Chemistry.MHFromZ(hi):F2} " +
            $"with Z☉ = {Options.SolarMetalMassFraction}; got Z = {z:G3}. Set ClampMetallicity to evaluate at the nearest limit.");
    }

    /// <summary>The stellar model used for [M/H] = <paramref name="mh"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="MetalMassFraction"/>.</exception>
    public AnalyticStellarModel Model(double mh) => new(MetalMassFraction(mh));

    /// <summary>The isochrone of log10(age/yr) = <paramref name="logAge"/> and [M/H] = <paramref name="mh"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// log age outside [<see cref="MinLogAge"/>, <see cref="MaxLogAge"/>], or [M/H] as in <see cref="MetalMassFraction"/>.
    /// </exception>
    public Isochrone Generate(double logAge, double mh)
    {
        if (!(logAge >= MinLogAge && logAge <= MaxLogAge))
            throw new ArgumentOutOfRangeException(nameof(logAge), logAge, $"The built-in isochrones cover log age {MinLogAge} … {MaxLogAge}.");
        var model = Model(mh);
        double ageMyr = Math.Pow(10, logAge - 6);

        var segments = new List<List<Point>>();
        foreach (var (start, end, logSpaced, count) in Segments(model, ageMyr))
        {
            var segment = new List<Point>(count);
            for (int i = 0; i < count; i++)
            {
                double f = (double)i / (count - 1);
                double mass = logSpaced ? start * Math.Pow(end / start, f) : start + (end - start) * f;
                if (i == count - 1) mass = end;
                if (segment.Count > 0 && !(mass > segment[^1].Mass)) continue;
                if (TryPoint(model, mass, ageMyr, out var point)) segment.Add(point);
            }
            if (segment.Count > 0) segments.Add(segment);
        }
        Refine(model, ageMyr, segments);
        return Build(logAge, mh, model.MetalMassFraction, segments);
    }

    /// <summary>
    /// Isochrones for every (log age, [M/H]) pair, age-major: element j·K + k has <paramref name="logAges"/>[j] and
    /// <paramref name="mhs"/>[k]. Computed in parallel; the result does not depend on the thread count.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Any age or [M/H] out of range (as in <see cref="Generate(double, double)"/>).</exception>
    public IReadOnlyList<Isochrone> Generate(IReadOnlyList<double> logAges, IReadOnlyList<double> mhs)
    {
        ArgumentNullException.ThrowIfNull(logAges);
        ArgumentNullException.ThrowIfNull(mhs);
        foreach (double mh in mhs) MetalMassFraction(mh);
        var result = new Isochrone[logAges.Count * mhs.Count];
        Parallel.For(0, result.Length, i => result[i] = Generate(logAges[i / mhs.Count], mhs[i % mhs.Count]));
        return result;
    }

    private readonly record struct Point(double Mass, EvolutionaryPhase Phase, double LogL, double LogR);

    /// <summary>
    /// Mass ranges of the phases present at this age: (start, end, log-spaced, starting point count), cut at the first
    /// mass whose modelled evolution has ended.
    /// </summary>
    /// <remarks>
    /// The lifetimes are monotone in mass except just below M_HeF, where the core-He-burning lifetime grows with mass
    /// (smaller ignition core): there t_BAGB and the end of the early AGB rise again over ≈ 0.02 M☉, so at ages within
    /// ≈ 0.5% of those lifetimes CHeB and early-AGB points interleave and a small island of living stars lies beyond the
    /// first dead mass. The isochrone stops at the first dead mass (found by a 64-point scan of the post-main-sequence
    /// range and bisection), so no interpolation bridges dead stars; the island (≲ 0.01 M☉) is dropped.
    /// </remarks>
    private List<(double Start, double End, bool LogSpaced, int Count)> Segments(AnalyticStellarModel model, double ageMyr)
    {
        double lo = Options.MinMass, hi = Options.MaxMass;
        var segments = new List<(double Start, double End, bool LogSpaced, int Count)>();
        var turnoff = model.FindMass(static t => t.MainSequenceTime, ageMyr, lo, hi);
        if (lo < turnoff.Earlier) segments.Add((lo, turnoff.Earlier, true, Options.MainSequencePoints));
        if (!Options.IncludePostMainSequence) return segments;

        Func<HurleyTrack, double>[] phaseEnds =
        [
            static t => t.BaseOfGiantBranchTime, static t => t.HeliumIgnitionTime, static t => t.BaseOfAgbTime, static t => t.EndTime,
        ];
        var boundaries = phaseEnds.Select(end => model.FindMass(end, ageMyr, lo, hi)).ToArray();
        double lastAlive = FirstDeath(model, ageMyr, turnoff.Later, boundaries[^1]);
        double start = turnoff.Later;
        foreach (var boundary in boundaries)
        {
            double end = Math.Min(boundary.Earlier, lastAlive);
            if (start < end) segments.Add((start, end, false, Options.PhasePoints));
            start = Math.Max(start, boundary.Later);
        }
        return segments;
    }

    /// <summary>The last living mass before the first dead one in [<paramref name="from"/>, end boundary].</summary>
    private static double FirstDeath(AnalyticStellarModel model, double ageMyr, double from, (double Earlier, double Later) end)
    {
        const int scan = 64;
        double previous = from;
        for (int i = 1; i <= scan; i++)
        {
            double m = from + (end.Earlier - from) * i / scan;
            if (!(m > previous)) break;
            if (model.Track(m).EndTime <= ageMyr) return model.FindMass(static t => t.EndTime, ageMyr, previous, m).Earlier;
            previous = m;
        }
        return end.Earlier;
    }

    private static bool TryPoint(AnalyticStellarModel model, double mass, double ageMyr, out Point point)
    {
        var track = model.Track(mass, ageMyr);
        if (track.TryEvaluate(ageMyr, out var phase, out double luminosity, out double radius)
            && luminosity > 0 && radius > 0 && double.IsFinite(luminosity) && double.IsFinite(radius))
        {
            point = new Point(mass, phase, Math.Log10(luminosity), Math.Log10(radius));
            return true;
        }
        point = default;
        return false;
    }

    /// <summary>
    /// Halves intervals whose ends differ by more than the allowed log L or log Teff step, pass after pass; when a pass
    /// would exceed <see cref="AnalyticIsochroneOptions.MaxPoints"/>, splits only the worst intervals that fit and stops.
    /// Midpoints are geometric means of the end masses.
    /// </summary>
    private void Refine(AnalyticStellarModel model, double ageMyr, List<List<Point>> segments)
    {
        int total = segments.Sum(s => s.Count);
        var candidates = new List<(double Score, int Segment, int Index)>();
        var unsplittable = new HashSet<double>();  // left masses of intervals whose midpoint has no living star
        for (int pass = 0; pass < MaxRefinementPasses && total < Options.MaxPoints; pass++)
        {
            candidates.Clear();
            for (int s = 0; s < segments.Count; s++)
            {
                var seg = segments[s];
                for (int i = 0; i + 1 < seg.Count; i++)
                {
                    var (a, b) = (seg[i], seg[i + 1]);
                    if (b.Mass - a.Mass <= MinRelativeMassStep * b.Mass || unsplittable.Contains(a.Mass)) continue;
                    double dLogL = b.LogL - a.LogL, dLogTeff = 0.25 * (dLogL - 2 * (b.LogR - a.LogR));
                    double score = Math.Max(Math.Abs(dLogL) / Options.MaxLogLuminosityStep, Math.Abs(dLogTeff) / Options.MaxLogTeffStep);
                    if (score > 1) candidates.Add((score, s, i));
                }
            }
            if (candidates.Count == 0) return;
            int room = Options.MaxPoints - total;
            bool last = candidates.Count >= room;
            if (candidates.Count > room)
            {
                candidates.Sort(static (x, y) => y.Score.CompareTo(x.Score));
                candidates.RemoveRange(room, candidates.Count - room);
            }
            candidates.Sort(static (x, y) => x.Segment != y.Segment ? x.Segment.CompareTo(y.Segment) : x.Index.CompareTo(y.Index));
            int c = 0;
            for (int s = 0; s < segments.Count && c < candidates.Count; s++)
            {
                if (candidates[c].Segment != s) continue;
                var seg = segments[s];
                var merged = new List<Point>(seg.Count * 2);
                for (int i = 0; i < seg.Count; i++)
                {
                    merged.Add(seg[i]);
                    if (c < candidates.Count && candidates[c].Segment == s && candidates[c].Index == i)
                    {
                        c++;
                        if (TryPoint(model, Math.Sqrt(seg[i].Mass * seg[i + 1].Mass), ageMyr, out var point))
                        {
                            merged.Add(point);
                            total++;
                        }
                        else unsplittable.Add(seg[i].Mass);
                    }
                }
                segments[s] = merged;
            }
            if (last) return;
        }
    }

    private Isochrone Build(double logAge, double mh, double z, List<List<Point>> segments)
    {
        int n = segments.Sum(s => s.Count);
        var mass = new double[n];
        var phases = new EvolutionaryPhase[n];
        var logL = new double[n];
        var logT = new double[n];
        var mags = new double[5][];
        for (int f = 0; f < 5; f++) mags[f] = new double[n];
        Span<double> ubvri = stackalloc double[5];
        double logSolarTeff = Math.Log10(Options.SolarEffectiveTemperature);
        int j = 0;
        foreach (var segment in segments)
            foreach (var p in segment)
            {
                mass[j] = p.Mass;
                phases[j] = p.Phase;
                logL[j] = p.LogL;
                logT[j] = logSolarTeff + 0.25 * p.LogL - 0.5 * p.LogR;
                double logG = SolarLogGravity + Math.Log10(p.Mass) - 2 * p.LogR;
                JohnsonCousinsPhotometry.AbsoluteMagnitudes(p.LogL, logT[j], logG, ubvri);
                for (int f = 0; f < 5; f++) mags[f][j] = ubvri[f];
                j++;
            }
        var magnitudes = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int f = 0; f < 5; f++) magnitudes[JohnsonCousinsPhotometry.Filters[f]] = mags[f];
        return new Isochrone(logAge, mh, mass, magnitudes, phases, logL, logT, z, SourceName);
    }
}
