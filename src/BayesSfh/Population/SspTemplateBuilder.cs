using BayesSfh.Hess;
using BayesSfh.Isochrones;
using BayesSfh.Templates;
using System.Numerics.Tensors;
using MathNet.Numerics.Integration;

namespace BayesSfh.Population;

/// <summary>
/// Builds SSP templates (expected observed stars per Hess bin per M☉ formed) from isochrones.
/// </summary>
/// <remarks>
/// <para><b>Resampling.</b> Between consecutive tabulated points the apparent magnitudes (M + μ + A per filter) are
/// interpolated linearly in initial mass. Each interval (clipped to the IMF limits; intervals of zero mass width, at
/// phase boundaries, carry no stars) is cut into n equal mass sub-intervals so that adjacent points move by less than
/// s = <see cref="SspTemplateOptions.StepFraction"/> × max(σ, floor) in every band, σ the band's error at either end and
/// the floor a tenth of the smallest bin width of the axes the band enters (so noiseless photometry does not ask for
/// unbounded resolution; at most <see cref="MaximumSubdivisions"/> per interval). The bin probabilities of a point vary
/// on the scale σ whatever the bin width, so s need not shrink with the bins. Each sub-interval [m_a, m_b] becomes one
/// point at its mass midpoint with weight w = F(m_a, m_b) / ⟨m⟩ × η, where F is the IMF number fraction, ⟨m⟩ the IMF
/// mean mass (so w is in stars per M☉ formed) and η the completeness at the point's true magnitudes. Consecutive points
/// (of the single stars, and of each binary mass-ratio node) are merged into one cluster while they stay within s of the
/// cluster's first point in every band; a cluster is spread as one point of summed weight at the weighted mean magnitudes
/// (exact to first order; the error is of second order in s/σ, as for the resampling itself). The lightest clusters,
/// together at most <see cref="NegligibleFraction"/> of the total weight, are skipped.</para>
/// <para><b>Completeness.</b> η is the product of the single-filter completenesses of the distinct filters used (blue,
/// red and, if separate, magnitude). This is an approximation: detection in several filters is not independent
/// (StarFormationHistories.jl warns about the same product); use ASTs when it matters.</para>
/// <para><b>Errors.</b> Errors are Gaussian, independent between filters, with σ(m) and bias b(m)
/// (<see cref="BayesSfh.Observation.IPhotometricError.Bias"/>) evaluated at the true apparent magnitude m: the observed
/// magnitude is m + b(m) + σ(m)·N(0, 1), so kernel centres are shifted by the bias of each band (the colour by
/// b_blue − b_red). The observed colour has σ_c = √(σ_b² + σ_r²). With a separate magnitude filter the colour and
/// magnitude errors are independent and the bin probability is a product of two differences of the normal CDF. When the
/// magnitude filter is the blue (red) filter, cov(c, m) = +σ_m² (−σ_m²); then colour given observed magnitude y is normal
/// with mean c₀ ± (y − m₀) and standard deviation σ_o, the error of the other colour filter. With
/// k = <see cref="TruncationSigmas"/> and G_x(Y) = ∫_{m₀−kσ_m}^{Y} φ(y) [Φ((c_{x+1} − c(y))/σ_o) − Φ((c_x − c(y))/σ_o)] dy the probability of bin
/// [c_x, c_{x+1}) × [y₁, y₂) is G_x(y₂) − G_x(y₁); at and beyond m₀ + kσ_m, G_x is the exact colour marginal (σ_c). When
/// the support m₀ ± kσ_m meets at most two magnitude rows, G_x at an interior row edge is a Gauss–Legendre integral
/// (at most <see cref="SspTemplateOptions.QuadratureOrder"/> points per piece, fewer for pieces narrow against min(σ_m, σ_o):
/// 2 up to 0.2, 3 up to 0.5, 4 up to 1, so that a piece's error stays ≲ 4e-8) over the shorter side of the edge, the other side
/// following by complement; otherwise each row's part of the support is integrated directly. Pieces are equal and no
/// wider than 1.5 min(σ_m, σ_o) (at most <see cref="MaximumPieces"/>), so the integrand, smooth on the scale
/// min(σ_m, σ_o), is resolved. When σ_o = 0 the probability is exact (the observed colour is then a linear function of
/// y); accuracy degrades when 0 &lt; σ_o ≪ σ_m (pieces capped). Φ is a cubic Hermite interpolant of a table (absolute
/// error ≤ 1e-9; differences of Φ telescope, so totals are not affected). Gaussians are truncated at
/// ±<see cref="TruncationSigmas"/> σ; probability that falls outside the grid is lost (such stars are not in the
/// diagram).</para>
/// <para><b>Unresolved binaries</b> (<see cref="SspTemplateOptions.Binaries"/>): a fraction f of the systems carry a
/// secondary of mass q·m, q uniform on [q_min, 1] (midpoint rule in q); fluxes add in every filter and completeness and
/// errors apply to the combined magnitudes. Weights count systems per M☉ formed, the mass formed including secondaries:
/// w = F / (⟨m⟩ (1 + f (q_min + 1)/2)). The resampling step is set by the primaries only.</para>
/// <para><b>Output.</b> Only strictly positive bins are kept. <see cref="SspTemplate.LuminosityPerMass"/> is not set.</para>
/// </remarks>
public static class SspTemplateBuilder
{
    /// <summary>
    /// Half-width k of the Gaussian kernels in units of σ: the mass neglected per axis is 2Φ(−6.5) ≈ 8e-11, far below
    /// <see cref="NegligibleFraction"/>.
    /// </summary>
    public const double TruncationSigmas = 6.5;

    /// <summary>Upper bound on the u-pieces per magnitude bin in the correlated case.</summary>
    public const int MaximumPieces = 64;

    /// <summary>
    /// Largest fraction of a template's total weight (detected stars per M☉) that may be skipped as the lightest
    /// clusters; the template then differs by at most this fraction in L1 norm.
    /// </summary>
    public const double NegligibleFraction = 1e-8;

    /// <summary>Upper bound on the sub-intervals of one isochrone interval.</summary>
    public const int MaximumSubdivisions = 100_000;

    /// <summary>Builds the template of one isochrone.</summary>
    /// <exception cref="KeyNotFoundException">The isochrone lacks one of the filters.</exception>
    public static SspTemplate Build(Isochrone isochrone, SspTemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(isochrone);
        ArgumentNullException.ThrowIfNull(options);
        var dense = new double[options.Grid.BinCount];
        Accumulate(isochrone, options, dense);
        int count = 0;
        foreach (double v in dense) if (v > 0) count++;
        var bins = new int[count];
        var values = new double[count];
        for (int i = 0, k = 0; i < dense.Length; i++)
            if (dense[i] > 0) (bins[k], values[k++]) = (i, dense[i]);
        return new SspTemplate(isochrone.LogAge, isochrone.MH, bins, values);
    }

    /// <summary>
    /// Builds one template per isochrone in parallel (order of the result = order of the input) and wraps them in a
    /// <see cref="TemplateSet"/> carrying the grid.
    /// </summary>
    /// <param name="isochrones">Isochrones with distinct (log age, [M/H]).</param>
    /// <param name="options">Build options shared by all isochrones.</param>
    /// <param name="maxDegreeOfParallelism">Thread limit; null for the runtime default.</param>
    /// <exception cref="ArgumentException">Duplicate (log age, [M/H]) or a template that is empty on the grid.</exception>
    public static TemplateSet BuildSet(IReadOnlyList<Isochrone> isochrones, SspTemplateOptions options, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(isochrones);
        ArgumentNullException.ThrowIfNull(options);
        var templates = new SspTemplate[isochrones.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 };
        Parallel.For(0, isochrones.Count, parallel, i => templates[i] = Build(isochrones[i], options));
        return new TemplateSet(options.Grid.BinCount, templates, hessGrid: options.Grid);
    }

    /// <summary>
    /// Adds the expected observed stars per M☉ formed of <paramref name="isochrone"/> to <paramref name="destination"/>
    /// (dense, one entry per flattened bin of the grid).
    /// </summary>
    /// <exception cref="ArgumentException">The destination length differs from the grid's bin count.</exception>
    public static void Accumulate(Isochrone isochrone, SspTemplateOptions options, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(isochrone);
        ArgumentNullException.ThrowIfNull(options);
        if (destination.Length != options.Grid.BinCount)
            throw new ArgumentException($"The destination has {destination.Length} entries, the grid {options.Grid.BinCount} bins.", nameof(destination));
        new Kernel(isochrone, options).Run(destination);
    }

    /// <summary>Resampling, clustering and spreading state for one isochrone (scratch buffers reused between points).</summary>
    private sealed class Kernel
    {
        private readonly SspTemplateOptions _o;
        private readonly HessGrid _grid;
        private readonly double[] _colourEdges, _magEdges;
        private readonly double[] _mass, _blue, _red, _mag;
        private readonly double _colourWidth, _magWidth;
        private readonly double[][] _nodes, _weights;
        private readonly double[] _cdf, _px, _py, _gLow, _gHigh, _marginal;
        private readonly MagnitudeAxis _axis;
        private readonly Accumulator[] _streams;
        private double[] _cw = new double[256], _cb = new double[256], _cr = new double[256], _cm = new double[256];
        private int _clusters;

        public Kernel(Isochrone iso, SspTemplateOptions o)
        {
            _o = o;
            _grid = o.Grid;
            _axis = o.Axis;
            _colourEdges = [.. _grid.ColourEdges];
            _magEdges = [.. _grid.MagnitudeEdges];
            _mass = [.. iso.InitialMass];
            _blue = IsochroneInterpolation.Apparent(iso, o.Blue.Filter, o.Blue.Extinction, o.DistanceModulus);
            _red = IsochroneInterpolation.Apparent(iso, o.Red.Filter, o.Red.Extinction, o.DistanceModulus);
            _mag = _axis switch
            {
                MagnitudeAxis.Blue => _blue,
                MagnitudeAxis.Red => _red,
                _ => IsochroneInterpolation.Apparent(iso, o.Magnitude.Filter, o.Magnitude.Extinction, o.DistanceModulus),
            };
            (_colourWidth, _magWidth) = (MinWidth(_colourEdges), MinWidth(_magEdges));
            // Gauss–Legendre rules of 1 … QuadratureOrder points (index = points).
            _nodes = new double[o.QuadratureOrder + 1][];
            _weights = new double[o.QuadratureOrder + 1][];
            for (int n = 1; n <= o.QuadratureOrder; n++)
            {
                var rule = new GaussLegendreRule(-1, 1, n);
                (_nodes[n], _weights[n]) = (rule.Abscissas, rule.Weights);
            }
            _cdf = new double[Math.Max(_colourEdges.Length, _magEdges.Length)];
            _px = new double[_colourEdges.Length];
            _gLow = new double[_colourEdges.Length];
            _gHigh = new double[_colourEdges.Length];
            _marginal = new double[_colourEdges.Length];
            _py = new double[_magEdges.Length];
            _streams = new Accumulator[1 + (o.Binaries?.RatioPoints ?? 0)];
        }

        private static double MinWidth(double[] edges)
        {
            double w = double.PositiveInfinity;
            for (int i = 1; i < edges.Length; i++) w = Math.Min(w, edges[i] - edges[i - 1]);
            return w;
        }

        public void Run(Span<double> destination)
        {
            Resample();
            // The lightest clusters, together at most NegligibleFraction of the total weight, are skipped: they are
            // mostly far below the completeness limit, where σ is large and spreading is expensive.
            var sorted = _cw.AsSpan(0, _clusters).ToArray();
            Array.Sort(sorted);
            double total = 0;
            foreach (double w in sorted) total += w;
            double negligible = 0, dropped = 0;
            foreach (double w in sorted)
            {
                if (dropped + w > NegligibleFraction * total) break;
                dropped += w;
                negligible = w;
            }
            for (int k = 0; k < _clusters; k++)
                if (_cw[k] > negligible || negligible == 0) Spread(_cb[k], _cr[k], _cm[k], _cw[k], destination);
        }

        /// <summary>
        /// Resampling in mass. Single stars: each isochrone interval is cut into equal mass pieces of at most
        /// three steps each and every piece gets three Gauss–Legendre nodes; binaries: midpoint sub-intervals of one
        /// (binary) step each, merged into clusters per mass-ratio stream.
        /// </summary>
        private void Resample()
        {
            var imf = _o.Imf;
            double lowMass = Math.Max(imf.MinimumMass, _mass[0]), highMass = Math.Min(imf.MaximumMass, _mass[^1]);
            if (!(highMass > lowMass)) return;
            var binaries = _o.Binaries;
            double f = binaries?.Fraction ?? 0, qMin = binaries?.MinimumRatio ?? 0;
            // Systems per M☉ formed: a system holds its primary (drawn from the IMF) and, with probability f, a
            // secondary of mass q·m with q ~ U(q_min, 1).
            double perMass = 1.0 / (imf.MeanMass * (1 + f * 0.5 * (qMin + 1)));
            for (int i = 0; i + 1 < _mass.Length; i++)
            {
                double m0 = _mass[i], m1 = _mass[i + 1];
                double a = Math.Max(m0, lowMass), b = Math.Min(m1, highMass);
                if (!(b > a)) continue;
                var (ba, ra, ya) = At(i, a);
                var (bb, rb, yb) = At(i, b);
                if (f < 1) AddSingles(a, b, ba, ra, ya, bb, rb, yb, perMass * (1 - f));
                if (f > 0)
                {
                    double moves = Subdivisions(ba, ra, ya, bb, rb, yb, binaries!.StepFraction);
                    int n = (int)Math.Clamp(Math.Ceiling(moves * (1 + 1e-12)), 1, MaximumSubdivisions);
                    double previousMass = a;
                    for (int k = 0; k < n; k++)
                    {
                        double nextMass = k == n - 1 ? b : a + (b - a) * (k + 1) / n;
                        double t = (k + 0.5) / n;
                        double systems = imf.StarFraction(previousMass, nextMass) * perMass * f;
                        AddBinaries(i, a + (b - a) * t, ba + t * (bb - ba), ra + t * (rb - ra), ya + t * (yb - ya), systems);
                        previousMass = nextMass;
                    }
                }
            }
            for (int s = 0; s < _streams.Length; s++) Flush(ref _streams[s]);
        }

        /// <summary>
        /// Longest piece (in units of σ, at step fraction 0.6) that an n-point Gauss–Legendre rule integrates with relative
        /// error ≲ 1e-5 when the integrand is a Gaussian of standard deviation σ along the track: from the rule's error
        /// term ℓ^{2n+1} (n!)⁴ / ((2n + 1) ((2n)!)³) · max|f^{(2n)}|, with max|f^{(2n)}| = (2n − 1)!! φ(0) / σ^{2n}.
        /// Index = points (2–6).
        /// </summary>
        private static readonly double[] PieceLength = [0, 0, 0.35, 1.05, 1.9, 2.77, 3.62];

        private static readonly double[][] GaussNodes = [.. Enumerable.Range(0, PieceLength.Length).Select(n => n < 2 ? [] : new GaussLegendreRule(-1, 1, n).Abscissas)];
        private static readonly double[][] GaussWeights = [.. Enumerable.Range(0, PieceLength.Length).Select(n => n < 2 ? [] : new GaussLegendreRule(-1, 1, n).Weights)];

        /// <summary>
        /// Single stars of one linear interval [a, b]. Its track length L (in σ, the largest over the bands, σ capped at the
        /// bin width and floored at 1/50 of it as in <see cref="Steps"/>) is cut into equal mass pieces of at most
        /// 6·f/0.6·… σ (f = <see cref="SspTemplateOptions.StepFraction"/>), each integrated with the fewest Gauss–Legendre
        /// points (2–6) whose piece length (<see cref="PieceLength"/>, scaled by f/0.6) covers it. Each piece's exact IMF
        /// fraction F is shared among its nodes in proportion to w_g·ξ(m_g) (ξ the IMF density), so totals are exact.
        /// </summary>
        private void AddSingles(double a, double b, double ba, double ra, double ya, double bb, double rb, double yb, double perMass)
        {
            var imf = _o.Imf;
            double scale = _o.StepFraction / 0.6;
            double length = Subdivisions(ba, ra, ya, bb, rb, yb, 1);
            double longest = PieceLength[^1] * scale;
            int pieces = (int)Math.Clamp(Math.Ceiling(length / longest * (1 + 1e-12)), 1, MaximumSubdivisions);
            double piece = length / pieces;
            int points = 2;
            while (points < PieceLength.Length - 1 && PieceLength[points] * scale < piece) points++;
            var nodes = GaussNodes[points];
            var weights = GaussWeights[points];
            Span<double> share = stackalloc double[points];
            double previousMass = a;
            for (int k = 0; k < pieces; k++)
            {
                double nextMass = k == pieces - 1 ? b : a + (b - a) * (k + 1) / pieces;
                double half = 0.5 * (nextMass - previousMass), centre = previousMass + half, sum = 0;
                for (int g = 0; g < points; g++) sum += share[g] = weights[g] * imf.Density(centre + half * nodes[g]);
                double systems = imf.StarFraction(previousMass, nextMass) * perMass;
                if (sum > 0 && systems > 0)
                    for (int g = 0; g < points; g++)
                    {
                        double t = (centre + half * nodes[g] - a) / (b - a);
                        double blue = ba + t * (bb - ba), red = ra + t * (rb - ra), mag = ya + t * (yb - ya);
                        double w = systems * share[g] / sum * Completeness(blue, red, mag);
                        if (w > 0) Store(w, blue, red, mag);
                    }
                previousMass = nextMass;
            }
        }

        /// <summary>
        /// Resampling step per band: max(f·min(σ, w), w/50), w the smallest bin width of the axes the band enters and
        /// f = <paramref name="fraction"/>. The floor w/50 bounds the work for noiseless photometry; the cap w keeps the
        /// spacing below the bins when σ is large.
        /// </summary>
        private (double Blue, double Red, double Mag) Steps(double blue, double red, double mag, double fraction)
        {
            double blueWidth = _axis == MagnitudeAxis.Blue ? Math.Min(_colourWidth, _magWidth) : _colourWidth;
            double redWidth = _axis == MagnitudeAxis.Red ? Math.Min(_colourWidth, _magWidth) : _colourWidth;
            double sb = Step(_o.Blue.Error.Sigma(blue), blueWidth, fraction);
            double sr = Step(_o.Red.Error.Sigma(red), redWidth, fraction);
            double sm = _axis switch
            {
                MagnitudeAxis.Blue => sb,
                MagnitudeAxis.Red => sr,
                _ => Step(_o.Magnitude.Error.Sigma(mag), _magWidth, fraction),
            };
            return (sb, sr, sm);
        }

        /// <summary>
        /// Steps (<see cref="Steps"/> with <paramref name="fraction"/>, the smaller of the two ends) that a linear
        /// interval moves in the band that moves most.
        /// </summary>
        private double Subdivisions(double ba, double ra, double ya, double bb, double rb, double yb, double fraction)
        {
            var (sba, sra, sya) = Steps(ba, ra, ya, fraction);
            var (sbb, srb, syb) = Steps(bb, rb, yb, fraction);
            return Math.Max(Math.Max(Math.Abs(bb - ba) / Math.Min(sba, sbb), Math.Abs(rb - ra) / Math.Min(sra, srb)),
                Math.Abs(yb - ya) / Math.Min(sya, syb));
        }

        private static double Step(double sigma, double width, double fraction) => Math.Max(fraction * Math.Min(sigma, width), width / 50);

        /// <summary>Running weighted sums of one stream's points since its anchor (the first point of the cluster).</summary>
        private struct Accumulator
        {
            public bool Open;
            public double AnchorBlue, AnchorRed, AnchorMag, StepBlue, StepRed, StepMag;
            public double Weight, Blue, Red, Mag;
        }

        private void Add(int stream, double blue, double red, double mag, double systems)
        {
            double w = systems * Completeness(blue, red, mag);
            if (!(w > 0)) return;
            ref var s = ref _streams[stream];
            if (s.Open && !(Math.Abs(blue - s.AnchorBlue) <= s.StepBlue && Math.Abs(red - s.AnchorRed) <= s.StepRed
                && Math.Abs(mag - s.AnchorMag) <= s.StepMag))
                Flush(ref s);
            if (!s.Open)
            {
                s.Open = true;
                (s.AnchorBlue, s.AnchorRed, s.AnchorMag) = (blue, red, mag);
                (s.StepBlue, s.StepRed, s.StepMag) = Steps(blue, red, mag, _o.Binaries!.StepFraction);
                (s.Weight, s.Blue, s.Red, s.Mag) = (0, 0, 0, 0);
            }
            s.Weight += w;
            s.Blue += w * (blue - s.AnchorBlue);
            s.Red += w * (red - s.AnchorRed);
            s.Mag += w * (mag - s.AnchorMag);
        }

        private void Flush(ref Accumulator s)
        {
            if (!s.Open) return;
            s.Open = false;
            Store(s.Weight, s.AnchorBlue + s.Blue / s.Weight, s.AnchorRed + s.Red / s.Weight, s.AnchorMag + s.Mag / s.Weight);
        }

        /// <summary>Appends one point (a resampling node or a finished cluster) to the list to spread.</summary>
        private void Store(double weight, double blue, double red, double mag)
        {
            if (_clusters == _cw.Length)
            {
                Array.Resize(ref _cw, 2 * _clusters);
                Array.Resize(ref _cb, 2 * _clusters);
                Array.Resize(ref _cr, 2 * _clusters);
                Array.Resize(ref _cm, 2 * _clusters);
            }
            (_cw[_clusters], _cb[_clusters], _cr[_clusters], _cm[_clusters]) = (weight, blue, red, mag);
            _clusters++;
        }

        /// <summary>
        /// Binary systems with primary mass <paramref name="primaryMass"/>: q on the midpoints of
        /// <see cref="BinaryOptions.RatioPoints"/> equal cells of [q_min, 1]; each filter's flux is summed,
        /// m = −2.5 log10(10^{−0.4 m₁} + 10^{−0.4 m₂}). A secondary below the isochrone's lowest mass adds no light.
        /// </summary>
        private void AddBinaries(int interval, double primaryMass, double blue, double red, double mag, double systems)
        {
            var binaries = _o.Binaries!;
            int n = binaries.RatioPoints;
            double qMin = binaries.MinimumRatio;
            int i = interval;
            for (int j = n - 1; j >= 0; j--)
            {
                double q = qMin + (1 - qMin) * (j + 0.5) / n;
                double secondary = q * primaryMass;
                if (secondary < _mass[0])
                {
                    Add(1 + j, blue, red, mag, systems / n);
                    continue;
                }
                // Secondaries decrease with j: walk the interval index down instead of searching.
                while (i > 0 && (_mass[i] > secondary || !(_mass[i + 1] > _mass[i]))) i--;
                var (b2, r2, y2) = At(i, secondary);
                Add(1 + j, IsochroneInterpolation.Combine(blue, b2), IsochroneInterpolation.Combine(red, r2), _axis == MagnitudeAxis.Separate ? IsochroneInterpolation.Combine(mag, y2) : 0, systems / n);
            }
        }


        private (double Blue, double Red, double Mag) At(int i, double mass)
        {
            double t = (mass - _mass[i]) / (_mass[i + 1] - _mass[i]);
            double blue = _blue[i] + t * (_blue[i + 1] - _blue[i]);
            double red = _red[i] + t * (_red[i + 1] - _red[i]);
            double mag = _axis == MagnitudeAxis.Separate ? _mag[i] + t * (_mag[i + 1] - _mag[i]) : 0;
            return (blue, red, mag);
        }

        private double Completeness(double blue, double red, double mag)
        {
            double eta = _o.Blue.Completeness.Probability(blue) * _o.Red.Completeness.Probability(red);
            if (_axis == MagnitudeAxis.Separate) eta *= _o.Magnitude.Completeness.Probability(mag);
            return eta;
        }

        /// <summary>Spreads one cluster (true magnitudes; σ and bias at those) over the grid.</summary>
        private void Spread(double blue, double red, double mag, double weight, Span<double> destination)
        {
            double sigmaBlue = _o.Blue.Error.Sigma(blue), sigmaRed = _o.Red.Error.Sigma(red);
            double blueObs = blue + _o.Blue.Error.Bias(blue), redObs = red + _o.Red.Error.Bias(red);
            double colour = blueObs - redObs, sigmaColour = Math.Sqrt(sigmaBlue * sigmaBlue + sigmaRed * sigmaRed);
            double sigmaMag, magObs;
            switch (_axis)
            {
                case MagnitudeAxis.Blue: (sigmaMag, magObs) = (sigmaBlue, blueObs); break;
                case MagnitudeAxis.Red: (sigmaMag, magObs) = (sigmaRed, redObs); break;
                default: (sigmaMag, magObs) = (_o.Magnitude.Error.Sigma(mag), mag + _o.Magnitude.Error.Bias(mag)); break;
            }
            if (_axis == MagnitudeAxis.Separate || sigmaMag == 0)
            {
                // Independent axes, or σ_m = 0 (then the magnitude is exact and the colour error is σ_o alone).
                double sigmaX = _axis == MagnitudeAxis.Separate ? sigmaColour : (_axis == MagnitudeAxis.Blue ? sigmaRed : sigmaBlue);
                SpreadSeparable(colour, sigmaX, magObs, sigmaMag, weight, destination);
                return;
            }
            double sign = _axis == MagnitudeAxis.Blue ? 1 : -1;
            double sigmaOther = _axis == MagnitudeAxis.Blue ? sigmaRed : sigmaBlue;
            if (sigmaOther == 0) SpreadDegenerate(colour, magObs, sigmaMag, sign, weight, destination);
            else SpreadCorrelated(colour, magObs, sigmaMag, sigmaOther, sign, weight, destination);
        }

        /// <summary>Product kernel: P(x, y) = [Φ((c_{x+1} − c)/σ_c) − Φ((c_x − c)/σ_c)] · [same in magnitude].</summary>
        private void SpreadSeparable(double colour, double sigmaX, double mag, double sigmaMag, double weight, Span<double> destination)
        {
            var (y0, y1) = Window(_magEdges, mag, sigmaMag);
            var (x0, x1) = Window(_colourEdges, colour, sigmaX);
            if (y0 > y1 || x0 > x1) return;
            int nx = _grid.ColourBins, width = x1 - x0 + 1;
            Cdf(_magEdges, mag, sigmaMag, y0, y1, _cdf);
            for (int y = y0; y <= y1; y++) _py[y] = weight * (_cdf[y + 1] - _cdf[y]);
            Cdf(_colourEdges, colour, sigmaX, x0, x1, _cdf);
            for (int x = x0; x <= x1; x++) _px[x] = _cdf[x + 1] - _cdf[x];
            var px = _px.AsSpan(x0, width);
            for (int y = y0; y <= y1; y++)
            {
                double py = _py[y];
                if (py == 0) continue;
                var row = destination.Slice(y * nx + x0, width);
                TensorPrimitives.MultiplyAdd(px, py, row, row);
            }
        }

        /// <summary>σ_o = 0: the colour is c₀ ± (y − m₀); bin x gets the normal probability of y ∈ bin ∩ preimage of x.</summary>
        private void SpreadDegenerate(double colour, double mag, double sigmaMag, double sign, double weight, Span<double> destination)
        {
            var (y0, y1) = Window(_magEdges, mag, sigmaMag);
            var (x0, x1) = Window(_colourEdges, colour, sigmaMag);
            if (y0 > y1 || x0 > x1) return;
            int nx = _grid.ColourBins;
            for (int y = y0; y <= y1; y++)
            {
                double lo = _magEdges[y], hi = _magEdges[y + 1];
                int row = y * nx;
                for (int x = x0; x <= x1; x++)
                {
                    double yA = mag + sign * (_colourEdges[x] - colour), yB = mag + sign * (_colourEdges[x + 1] - colour);
                    double ya = Math.Max(lo, Math.Min(yA, yB)), yb = Math.Min(hi, Math.Max(yA, yB));
                    if (yb > ya) destination[row + x] += weight * IntervalProbability(ya, yb, mag, sigmaMag);
                }
            }
        }

        /// <summary>
        /// Correlated kernel. With G_x(Y) = ∫_{m₀−kσ_m}^{Y} φ_m(y) P(colour bin x | y) dy, bin (x, row) gets
        /// G_x(upper) − G_x(lower), the row edges clipped to m₀ ± kσ_m. At the upper end of the support G_x is the colour
        /// marginal (σ_c = √(σ_m² + σ_o²), exact); at an interior row edge it is a Gauss–Legendre integral over the shorter
        /// side of the edge (the other side by complement).
        /// </summary>
        private void SpreadCorrelated(double colour, double mag, double sigmaMag, double sigmaOther, double sign, double weight, Span<double> destination)
        {
            var (y0, y1) = Window(_magEdges, mag, sigmaMag);
            // Union of the conditional colour windows over the y support.
            var (x0, x1) = Window(_colourEdges, colour, sigmaMag + sigmaOther);
            if (y0 > y1 || x0 > x1) return;
            int nx = _grid.ColourBins, width = x1 - x0 + 1;
            double a = mag - TruncationSigmas * sigmaMag, b = mag + TruncationSigmas * sigmaMag;
            double sigmaColour = Math.Sqrt(sigmaMag * sigmaMag + sigmaOther * sigmaOther);
            Cdf(_colourEdges, colour, sigmaColour, x0, x1, _cdf);
            for (int x = x0; x <= x1; x++) _marginal[x] = _cdf[x + 1] - _cdf[x];
            var low = _gLow.AsSpan(x0, width);
            var high = _gHigh.AsSpan(x0, width);
            var marginal = _marginal.AsSpan(x0, width);
            if (y1 - y0 >= 2)
            {
                // Support spans several rows (σ_m large against the rows): integrate each row directly.
                for (int y = y0; y <= y1; y++)
                {
                    high.Clear();
                    Integrate(Math.Max(a, _magEdges[y]), Math.Min(b, _magEdges[y + 1]), colour, mag, sigmaMag, sigmaOther, sign, x0, x1);
                    var rowSpan = destination.Slice(y * nx + x0, width);
                    TensorPrimitives.MultiplyAdd(high, weight, rowSpan, rowSpan);
                }
                return;
            }
            // G at the lower edge of the first row (0 unless the support starts above the grid).
            if (_magEdges[y0] > a)
            {
                G(_magEdges[y0], a, b, colour, mag, sigmaMag, sigmaOther, sign, x0, x1, marginal, high);
                high.CopyTo(low);
            }
            else low.Clear();
            for (int y = y0; y <= y1; y++)
            {
                G(_magEdges[y + 1], a, b, colour, mag, sigmaMag, sigmaOther, sign, x0, x1, marginal, high);
                var row = destination.Slice(y * nx + x0, width);
                TensorPrimitives.Subtract(high, low, low);
                TensorPrimitives.MultiplyAdd(low, weight, row, row);
                high.CopyTo(low);
            }
        }

        /// <summary>Writes G_x(<paramref name="edge"/>) over bins x0 … x1 into <paramref name="g"/> (= _gHigh).</summary>
        private void G(double edge, double a, double b, double colour, double mag, double sigmaMag, double sigmaOther, double sign,
            int x0, int x1, Span<double> marginal, Span<double> g)
        {
            if (edge >= b) marginal.CopyTo(g);
            else if (edge <= a) g.Clear();
            else if (edge - a <= b - edge)
            {
                g.Clear();
                Integrate(a, edge, colour, mag, sigmaMag, sigmaOther, sign, x0, x1);
            }
            else
            {
                g.Clear();
                Integrate(edge, b, colour, mag, sigmaMag, sigmaOther, sign, x0, x1);
                TensorPrimitives.Subtract(marginal, g, g);
            }
        }

        /// <summary>
        /// _gHigh[x] += ∫_lo^hi φ_m(y) P(colour bin x | y) dy by Gauss–Legendre on equal pieces no wider than
        /// 1.5 min(σ_m, σ_o) (at most <see cref="MaximumPieces"/>).
        /// </summary>
        private void Integrate(double lo, double hi, double colour, double mag, double sigmaMag, double sigmaOther, double sign, int x0, int x1)
        {
            if (!(hi > lo)) return;
            int pieces = (int)Math.Clamp(Math.Ceiling((hi - lo) / (1.5 * Math.Min(sigmaMag, sigmaOther))), 1, MaximumPieces);
            double width = (hi - lo) / pieces, norm = 1 / (sigmaMag * Math.Sqrt(2 * Math.PI));
            int order = Math.Min(_o.QuadratureOrder, PointsFor(width / Math.Min(sigmaMag, sigmaOther)));
            var nodes = _nodes[order];
            var weights = _weights[order];
            for (int piece = 0; piece < pieces; piece++)
            {
                double start = lo + piece * width;
                for (int q = 0; q < nodes.Length; q++)
                {
                    double yObs = start + 0.5 * width * (1 + nodes[q]);
                    double z = (yObs - mag) / sigmaMag;
                    double w = 0.5 * width * weights[q] * norm * Math.Exp(-0.5 * z * z);
                    double centre = colour + sign * (yObs - mag);
                    var (cx0, cx1) = Window(_colourEdges, centre, sigmaOther);
                    cx0 = Math.Max(cx0, x0);
                    cx1 = Math.Min(cx1, x1);
                    if (cx0 > cx1) continue;
                    Cdf(_colourEdges, centre, sigmaOther, cx0, cx1, _cdf);
                    // g[x] += w (cdf[x + 1] − cdf[x]) as two fused multiply-adds over the window.
                    int count = cx1 - cx0 + 1;
                    var g = _gHigh.AsSpan(cx0, count);
                    TensorPrimitives.MultiplyAdd(_cdf.AsSpan(cx0 + 1, count), w, g, g);
                    TensorPrimitives.MultiplyAdd(_cdf.AsSpan(cx0, count), -w, g, g);
                }
            }
        }

        /// <summary>
        /// Gauss–Legendre points for a piece of width r·min(σ_m, σ_o): the fewest whose worst error, measured for
        /// ∫ φ_m(y) [Φ((c₂ − c(y))/σ_o) − Φ((c₁ − c(y))/σ_o)] dy over bin widths 0.05–0.3 σ and σ_o/σ_m = 0.5–1 against
        /// a 32-point composite rule, stays below ~4e-8 of the cluster weight (the error of 5 points at r = 1.5):
        /// 2 points up to r = 0.2, 3 up to 0.5, 4 up to 1, else all <see cref="SspTemplateOptions.QuadratureOrder"/> (never more).
        /// </summary>
        private static int PointsFor(double r) => r <= 0.2 ? 2 : r <= 0.5 ? 3 : r <= 1 ? 4 : int.MaxValue;

        /// <summary>Fills cdf[i0 … i1+1] with P(X &lt; edge) for X ~ N(μ, σ²) (a step function when σ = 0).</summary>
        private static void Cdf(double[] edges, double mean, double sigma, int i0, int i1, double[] cdf)
        {
            if (sigma == 0)
            {
                for (int e = i0; e <= i1 + 1; e++) cdf[e] = mean < edges[e] ? 1 : 0;
                return;
            }
            NormalCdf.Lower(edges.AsSpan(i0, i1 + 2 - i0), mean, 1 / sigma, cdf.AsSpan(i0, i1 + 2 - i0));
        }

        /// <summary>Bins [first, last] of <paramref name="edges"/> touched by μ ± kσ, k = TruncationSigmas (first &gt; last when none).</summary>
        private static (int First, int Last) Window(double[] edges, double mean, double sigma)
        {
            double low = mean - TruncationSigmas * sigma, high = mean + TruncationSigmas * sigma;
            int nBins = edges.Length - 1;
            if (high < edges[0] || low >= edges[^1]) return (1, 0);
            if (sigma == 0 && (mean < edges[0] || mean >= edges[^1])) return (1, 0);
            int first = UpperBound(edges, low) - 1, last = UpperBound(edges, high) - 1;
            return (Math.Clamp(first, 0, nBins - 1), Math.Clamp(last, 0, nBins - 1));
        }

        /// <summary>
        /// Index of the first edge strictly greater than <paramref name="value"/>. The guess for uniform edges is checked
        /// and moved by at most two places; otherwise (irregular edges) a binary search decides.
        /// </summary>
        private static int UpperBound(double[] edges, double value)
        {
            int n = edges.Length - 1;
            double first = edges[0], span = edges[n] - first;
            int guess = (int)Math.Clamp((value - first) / span * n + 1, 0, n + 1);
            for (int step = 0; step < 3; step++)
            {
                if (guess < edges.Length && edges[guess] <= value) guess++;
                else if (guess > 0 && edges[guess - 1] > value) guess--;
                else return guess;
            }
            int lo = 0, hi = edges.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (edges[mid] <= value) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        private static double IntervalProbability(double lo, double hi, double mean, double sigma)
        {
            if (sigma == 0) return lo <= mean && mean < hi ? 1 : 0;
            return NormalCdf.Lower((hi - mean) / sigma) - NormalCdf.Lower((lo - mean) / sigma);
        }
    }
}
