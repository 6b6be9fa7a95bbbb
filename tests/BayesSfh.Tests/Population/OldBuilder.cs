using BayesSfh.Hess;
using BayesSfh.Isochrones;
using BayesSfh.Templates;
using MathNet.Numerics;
using MathNet.Numerics.Integration;

namespace BayesSfh.Tests.Population;
using BayesSfh.Population;

/// <summary>
/// Reference copy (test only) of the original, straightforward SspTemplateBuilder (MathNet erfc, one point per
/// resampled sub-interval, Gauss–Legendre over every row in the correlated case).
/// </summary>
/// <remarks>
/// <para><b>Resampling.</b> Between consecutive tabulated points the apparent magnitudes (M + μ + A per filter) are
/// interpolated linearly in initial mass. Each interval (clipped to the IMF limits; intervals of zero mass width, at
/// phase boundaries, carry no stars) is cut into n equal mass sub-intervals so that adjacent points move by less than
/// <see cref="SspTemplateOptions.StepFraction"/> × min(bin width, σ) in colour and in magnitude, with the smallest bin
/// width of each axis and σ floored at a tenth of that width (so noiseless or nearly noiseless photometry does not ask for
/// unbounded resolution; at most <see cref="MaximumSubdivisions"/> per interval). Each sub-interval [m_a, m_b] becomes
/// one point at its mass midpoint with weight w = F(m_a, m_b) / ⟨m⟩ × η, where F is the IMF number fraction, ⟨m⟩ the IMF
/// mean mass (so w is in stars per M☉ formed) and η the completeness at the point's true magnitudes.</para>
/// <para><b>Completeness.</b> η is the product of the single-filter completenesses of the distinct filters used (blue,
/// red and, if separate, magnitude). This is an approximation: detection in several filters is not independent
/// (StarFormationHistories.jl warns about the same product); use ASTs when it matters.</para>
/// <para><b>Errors.</b> Errors are Gaussian, independent between filters, with σ evaluated at the true apparent
/// magnitude. The observed colour has σ_c = √(σ_b² + σ_r²). With a separate magnitude filter the colour and magnitude
/// errors are independent and the bin probability is a product of two differences of the normal CDF. When the
/// magnitude filter is the blue (red) filter, cov(c, m) = +σ_m² (−σ_m²); then colour given observed magnitude y is
/// normal with mean c₀ ± (y − m₀) and standard deviation σ_o, the error of the other colour filter. The probability of
/// bin [c₁, c₂) × [y₁, y₂) is ∫ φ(y) [Φ((c₂ − c(y))/σ_o) − Φ((c₁ − c(y))/σ_o)] dy over [y₁, y₂), computed by a
/// <see cref="SspTemplateOptions.QuadratureOrder"/>-point Gauss–Legendre rule in y over the part of the bin within
/// m₀ ± 8σ_m, cut into p = clamp(⌈length / (1.5 min(σ_m, σ_o))⌉, 1, <see cref="MaximumPieces"/>) equal pieces so that
/// both the Gaussian in y and the conditional colour probability (smooth on the scale σ_o) are resolved. When σ_o = 0
/// the probability is exact (the observed colour is then a linear function of y); accuracy degrades when
/// 0 &lt; σ_o ≪ σ_m (pieces capped). Gaussians are truncated at ±<see cref="TruncationSigmas"/> σ;
/// probability that falls outside the grid is lost (such stars are not in the diagram).</para>
/// <para><b>Unresolved binaries</b> (<see cref="SspTemplateOptions.Binaries"/>): a fraction f of the systems carry a
/// secondary of mass q·m, q uniform on [q_min, 1] (midpoint rule in q); fluxes add in every filter and completeness and
/// errors apply to the combined magnitudes. Weights count systems per M☉ formed, the mass formed including secondaries:
/// w = F / (⟨m⟩ (1 + f (q_min + 1)/2)). The resampling step is set by the primaries only.</para>
/// <para><b>Output.</b> Only strictly positive bins are kept. <see cref="SspTemplate.LuminosityPerMass"/> is not set.</para>
/// </remarks>
internal static class OldBuilder
{
    /// <summary>Half-width of the Gaussian kernels in units of σ.</summary>
    public const double TruncationSigmas = 8;

    /// <summary>Upper bound on the u-pieces per magnitude bin in the correlated case.</summary>
    public const int MaximumPieces = 64;

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

    /// <summary>Resampling and spreading state for one isochrone (scratch buffers reused between points).</summary>
    private sealed class Kernel
    {
        private readonly SspTemplateOptions _o;
        private readonly HessGrid _grid;
        private readonly double[] _colourEdges, _magEdges;
        private readonly double[] _mass, _blue, _red, _mag;
        private readonly double _colourStep, _magStep, _colourFloor, _magFloor;
        private readonly double[] _nodes, _weights;
        private readonly double[] _cdf;
        private readonly double[] _magProbability;
        private readonly MagnitudeAxis _axis;

        public Kernel(Isochrone iso, SspTemplateOptions o)
        {
            _o = o;
            _grid = o.Grid;
            _axis = o.Axis;
            _colourEdges = [.. _grid.ColourEdges];
            _magEdges = [.. _grid.MagnitudeEdges];
            _mass = [.. iso.InitialMass];
            _blue = Apparent(iso, o.Blue.Filter, o.Blue.Extinction, o.DistanceModulus);
            _red = Apparent(iso, o.Red.Filter, o.Red.Extinction, o.DistanceModulus);
            _mag = _axis switch
            {
                MagnitudeAxis.Blue => _blue,
                MagnitudeAxis.Red => _red,
                _ => Apparent(iso, o.Magnitude.Filter, o.Magnitude.Extinction, o.DistanceModulus),
            };
            double colourWidth = MinWidth(_colourEdges), magWidth = MinWidth(_magEdges);
            (_colourStep, _magStep) = (colourWidth, magWidth);
            (_colourFloor, _magFloor) = (0.1 * colourWidth, 0.1 * magWidth);
            var rule = new GaussLegendreRule(-1, 1, o.QuadratureOrder);
            _nodes = rule.Abscissas;
            _weights = rule.Weights;
            _cdf = new double[_colourEdges.Length];
            _magProbability = new double[_magEdges.Length - 1];
        }

        private static double[] Apparent(Isochrone iso, string filter, double extinction, double mu)
        {
            var m = iso.Magnitudes(filter);
            var result = new double[m.Count];
            for (int i = 0; i < result.Length; i++) result[i] = m[i] + mu + extinction;
            return result;
        }

        private static double MinWidth(double[] edges)
        {
            double w = double.PositiveInfinity;
            for (int i = 1; i < edges.Length; i++) w = Math.Min(w, edges[i] - edges[i - 1]);
            return w;
        }

        public void Run(Span<double> destination)
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
                // Endpoint magnitudes of the clipped interval.
                var (ba, ra, ya) = At(i, a);
                var (bb, rb, yb) = At(i, b);
                double step = _o.StepFraction;
                double colourStep = step * Math.Min(_colourStep, Math.Max(Math.Min(ColourSigma(ba, ra), ColourSigma(bb, rb)), _colourFloor));
                double magStep = step * Math.Min(_magStep, Math.Max(Math.Min(MagSigma(ba, ra, ya), MagSigma(bb, rb, yb)), _magFloor));
                double moves = Math.Max(Math.Abs((bb - rb) - (ba - ra)) / colourStep, Math.Abs(yb - ya) / magStep);
                int n = (int)Math.Clamp(Math.Ceiling(moves * (1 + 1e-12)), 1, MaximumSubdivisions);
                double previousMass = a;
                for (int k = 0; k < n; k++)
                {
                    double nextMass = k == n - 1 ? b : a + (b - a) * (k + 1) / n;
                    double fraction = imf.StarFraction(previousMass, nextMass);
                    double t = (k + 0.5) / n;
                    double blue = ba + t * (bb - ba), red = ra + t * (rb - ra), mag = ya + t * (yb - ya);
                    double systems = fraction * perMass;
                    if (f < 1) Emit(blue, red, mag, systems * (1 - f), destination);
                    if (f > 0) EmitBinaries(a + (b - a) * t, blue, red, mag, systems * f, destination);
                    previousMass = nextMass;
                }
            }
        }

        private void Emit(double blue, double red, double mag, double systems, Span<double> destination)
        {
            double weight = systems * Completeness(blue, red, mag);
            if (weight > 0) Spread(blue, red, mag, weight, destination);
        }

        /// <summary>
        /// Binary systems with primary mass <paramref name="primaryMass"/>: q on the midpoints of
        /// <see cref="BinaryOptions.RatioPoints"/> equal cells of [q_min, 1]; each filter's flux is summed,
        /// m = −2.5 log10(10^{−0.4 m₁} + 10^{−0.4 m₂}). A secondary below the isochrone's lowest mass adds no light.
        /// </summary>
        private void EmitBinaries(double primaryMass, double blue, double red, double mag, double systems, Span<double> destination)
        {
            var binaries = _o.Binaries!;
            int n = binaries.RatioPoints;
            double qMin = binaries.MinimumRatio;
            for (int j = 0; j < n; j++)
            {
                double q = qMin + (1 - qMin) * (j + 0.5) / n;
                double secondary = q * primaryMass;
                if (secondary < _mass[0])
                {
                    Emit(blue, red, mag, systems / n, destination);
                    continue;
                }
                int i = Math.Clamp(UpperBound(_mass, secondary) - 1, 0, _mass.Length - 2);
                while (i > 0 && !(_mass[i + 1] > _mass[i])) i--;
                var (b2, r2, y2) = At(i, secondary);
                Emit(Combine(blue, b2), Combine(red, r2), Combine(mag, y2), systems / n, destination);
            }
        }

        private static double Combine(double m1, double m2) => m1 - 2.5 * Math.Log10(1 + Math.Pow(10, -0.4 * (m2 - m1)));

        private (double Blue, double Red, double Mag) At(int i, double mass)
        {
            double t = (mass - _mass[i]) / (_mass[i + 1] - _mass[i]);
            double blue = _blue[i] + t * (_blue[i + 1] - _blue[i]);
            double red = _red[i] + t * (_red[i + 1] - _red[i]);
            double mag = _axis switch
            {
                MagnitudeAxis.Blue => blue,
                MagnitudeAxis.Red => red,
                _ => _mag[i] + t * (_mag[i + 1] - _mag[i]),
            };
            return (blue, red, mag);
        }

        private double ColourSigma(double blue, double red) => Hypot(_o.Blue.Error.Sigma(blue), _o.Red.Error.Sigma(red));

        private double MagSigma(double blue, double red, double mag) => _axis switch
        {
            MagnitudeAxis.Blue => _o.Blue.Error.Sigma(blue),
            MagnitudeAxis.Red => _o.Red.Error.Sigma(red),
            _ => _o.Magnitude.Error.Sigma(mag),
        };

        private static double Hypot(double x, double y) => Math.Sqrt(x * x + y * y);

        private double Completeness(double blue, double red, double mag)
        {
            double eta = _o.Blue.Completeness.Probability(blue) * _o.Red.Completeness.Probability(red);
            if (_axis == MagnitudeAxis.Separate) eta *= _o.Magnitude.Completeness.Probability(mag);
            return eta;
        }

        private void Spread(double blue, double red, double mag, double weight, Span<double> destination)
        {
            double sigmaBlue = _o.Blue.Error.Sigma(blue), sigmaRed = _o.Red.Error.Sigma(red);
            double colour = blue - red, sigmaColour = Hypot(sigmaBlue, sigmaRed);
            double sigmaMag = MagSigma(blue, red, mag);
            var (y0, y1) = Window(_magEdges, mag, sigmaMag);
            var (x0, x1) = Window(_colourEdges, colour, sigmaColour);
            if (y0 > y1 || x0 > x1) return;
            int nx = _grid.ColourBins;
            if (_axis == MagnitudeAxis.Separate || sigmaMag == 0)
            {
                // Independent axes, or σ_m = 0 (then the magnitude is exact and the colour error is σ_o alone).
                double sigmaX = _axis == MagnitudeAxis.Separate ? sigmaColour : (_axis == MagnitudeAxis.Blue ? sigmaRed : sigmaBlue);
                for (int y = y0; y <= y1; y++) _magProbability[y] = IntervalProbability(_magEdges[y], _magEdges[y + 1], mag, sigmaMag);
                Cdf(colour, sigmaX, x0, x1);
                for (int y = y0; y <= y1; y++)
                {
                    double py = _magProbability[y] * weight;
                    if (py == 0) continue;
                    int row = y * nx;
                    for (int x = x0; x <= x1; x++) destination[row + x] += py * (_cdf[x + 1] - _cdf[x]);
                }
                return;
            }
            double sign = _axis == MagnitudeAxis.Blue ? 1 : -1;
            double sigmaOther = _axis == MagnitudeAxis.Blue ? sigmaRed : sigmaBlue;
            for (int y = y0; y <= y1; y++)
            {
                double lo = _magEdges[y], hi = _magEdges[y + 1];
                double a = Math.Max(lo, mag - TruncationSigmas * sigmaMag), b = Math.Min(hi, mag + TruncationSigmas * sigmaMag);
                if (!(b > a)) continue;
                int row = y * nx;
                if (sigmaOther == 0)
                {
                    // Colour fixed by y: c = c₀ ± (y − m₀); bin x gets the normal probability of y ∈ bin ∩ preimage of x.
                    for (int x = x0; x <= x1; x++)
                    {
                        double yA = mag + sign * (_colourEdges[x] - colour), yB = mag + sign * (_colourEdges[x + 1] - colour);
                        double ya = Math.Max(lo, Math.Min(yA, yB)), yb = Math.Min(hi, Math.Max(yA, yB));
                        if (yb > ya) destination[row + x] += weight * IntervalProbability(ya, yb, mag, sigmaMag);
                    }
                    continue;
                }
                // Gauss–Legendre in y on equal pieces no wider than 1.5·min(σ_m, σ_o): the integrand φ(y)·P(colour | y) is
                // then smooth on every piece.
                int pieces = (int)Math.Clamp(Math.Ceiling((b - a) / (1.5 * Math.Min(sigmaMag, sigmaOther))), 1, MaximumPieces);
                double width = (b - a) / pieces, norm = 1 / (sigmaMag * Math.Sqrt(2 * Math.PI));
                for (int piece = 0; piece < pieces; piece++)
                {
                    double start = a + piece * width;
                    for (int q = 0; q < _nodes.Length; q++)
                    {
                        double yObs = start + 0.5 * width * (1 + _nodes[q]);
                        double z = (yObs - mag) / sigmaMag;
                        double w = weight * 0.5 * width * _weights[q] * norm * Math.Exp(-0.5 * z * z);
                        double centre = colour + sign * (yObs - mag);
                        var (cx0, cx1) = Window(_colourEdges, centre, sigmaOther);
                        if (cx0 > cx1) continue;
                        Cdf(centre, sigmaOther, cx0, cx1);
                        for (int x = cx0; x <= cx1; x++) destination[row + x] += w * (_cdf[x + 1] - _cdf[x]);
                    }
                }
            }
        }

        /// <summary>Fills _cdf[x0 … x1+1] with P(X &lt; edge) for X ~ N(μ, σ²) (a step function when σ = 0).</summary>
        private void Cdf(double mean, double sigma, int x0, int x1)
        {
            for (int e = x0; e <= x1 + 1; e++)
                _cdf[e] = sigma == 0 ? (mean < _colourEdges[e] ? 1 : 0) : LowerTail((_colourEdges[e] - mean) / sigma);
        }

        /// <summary>Bins [first, last] of <paramref name="edges"/> touched by μ ± 8σ (first &gt; last when none).</summary>
        private static (int First, int Last) Window(double[] edges, double mean, double sigma)
        {
            double low = mean - TruncationSigmas * sigma, high = mean + TruncationSigmas * sigma;
            int nBins = edges.Length - 1;
            if (high < edges[0] || low >= edges[^1]) return (1, 0);
            if (sigma == 0 && (mean < edges[0] || mean >= edges[^1])) return (1, 0);
            int first = UpperBound(edges, low) - 1, last = UpperBound(edges, high) - 1;
            return (Math.Clamp(first, 0, nBins - 1), Math.Clamp(last, 0, nBins - 1));
        }

        /// <summary>Index of the first edge strictly greater than <paramref name="value"/>.</summary>
        private static int UpperBound(double[] edges, double value)
        {
            int lo = 0, hi = edges.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (edges[mid] <= value) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        private static double LowerTail(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));

        private static double UpperTail(double z) => 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2));

        private static double IntervalProbability(double lo, double hi, double mean, double sigma)
        {
            if (sigma == 0) return lo <= mean && mean < hi ? 1 : 0;
            double z1 = (lo - mean) / sigma, z2 = (hi - mean) / sigma;
            return z1 >= 0 ? UpperTail(z1) - UpperTail(z2) : LowerTail(z2) - LowerTail(z1);
        }
    }
}
