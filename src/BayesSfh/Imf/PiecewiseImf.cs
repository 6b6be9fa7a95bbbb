using BayesSfh.Randomness;

namespace BayesSfh.Imf;

/// <summary>
/// Base of the built-in IMFs: a continuous density dN/dm made of power-law and lognormal pieces, truncated to
/// [<see cref="MinimumMass"/>, <see cref="MaximumMass"/>] and normalised there. Every quantity is in closed form per
/// piece (see the piece formulas in each derived type); the quantile inverts the piece's number integral in closed form
/// (power law) or through the inverse error function polished by safeguarded Newton steps (lognormal), so
/// CumulativeDistribution(Quantile(p)) = p to ~1e-13.
/// </summary>
/// <remarks>
/// The density is taken on the closed interval [min, max]: <c>Density(min)</c> and <c>Density(max)</c> are positive.
/// NaN masses give NaN densities and cumulative values; a probability outside [0, 1] throws.
/// </remarks>
public abstract class PiecewiseImf : IInitialMassFunction
{
    private readonly ImfSegment[] _segments;
    private readonly double[] _cumulativeWeight; // unnormalised number integral below each segment's lower edge
    private readonly double _totalWeight;

    private protected PiecewiseImf(double minimumMass, double maximumMass, IReadOnlyList<ImfSegment> segments)
    {
        ValidateLimits(minimumMass, maximumMass);
        MinimumMass = minimumMass;
        MaximumMass = maximumMass;
        _segments = [.. segments];
        if (_segments.Length == 0) throw new ArgumentException("An IMF needs at least one segment.", nameof(segments));
        _cumulativeWeight = new double[_segments.Length];
        double sum = 0, massSum = 0;
        for (int k = 0; k < _segments.Length; k++)
        {
            _cumulativeWeight[k] = sum;
            sum += _segments[k].Weight;
            massSum += _segments[k].MassIntegral(_segments[k].Lower, _segments[k].Upper);
        }
        _totalWeight = sum;
        if (!(sum > 0) || !double.IsFinite(sum))
            throw new ArgumentException($"The IMF integral over [{minimumMass}, {maximumMass}] M☉ is {sum}; it must be finite and > 0.");
        MeanMass = massSum / sum;
    }

    /// <summary>Short name for messages and manifests, e.g. <c>kroupa2001</c>.</summary>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public double MinimumMass { get; }

    /// <inheritdoc/>
    public double MaximumMass { get; }

    /// <inheritdoc/>
    public double MeanMass { get; }

    /// <inheritdoc/>
    public double Density(double mass)
    {
        if (double.IsNaN(mass)) return double.NaN;
        if (mass < MinimumMass || mass > MaximumMass) return 0;
        return _segments[SegmentOf(mass)].Density(mass) / _totalWeight;
    }

    /// <inheritdoc/>
    public double CumulativeDistribution(double mass)
    {
        if (double.IsNaN(mass)) return double.NaN;
        if (mass <= MinimumMass) return 0;
        if (mass >= MaximumMass) return 1;
        int k = SegmentOf(mass);
        double below = _cumulativeWeight[k] + _segments[k].NumberIntegral(_segments[k].Lower, mass);
        return Math.Min(1, below / _totalWeight);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is NaN or outside [0, 1].</exception>
    public double Quantile(double probability)
    {
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability must lie in [0, 1].");
        if (probability == 0) return MinimumMass;
        if (probability == 1) return MaximumMass;
        double target = probability * _totalWeight;
        int k = _segments.Length - 1;
        while (k > 0 && _cumulativeWeight[k] > target) k--;
        return _segments[k].InverseNumberIntegral(target - _cumulativeWeight[k]);
    }

    /// <summary>Fraction of stars with initial mass in [a, b] (clamped to the limits); 0 when b ≤ a.</summary>
    public double StarFraction(double lowerMass, double upperMass) =>
        upperMass <= lowerMass ? 0.0 : CumulativeDistribution(upperMass) - CumulativeDistribution(lowerMass);

    /// <summary>
    /// Mass per star formed in stars of initial mass [a, b]: ∫_a^b m ξ(m) dm with ξ normalised per star, in M☉ (clamped to
    /// the limits; 0 when b ≤ a). Over the whole range it equals <see cref="MeanMass"/>; divided by MeanMass it is the
    /// fraction of the formed mass in [a, b].
    /// </summary>
    public double MassIntegral(double lowerMass, double upperMass)
    {
        double a = Math.Max(lowerMass, MinimumMass), b = Math.Min(upperMass, MaximumMass);
        if (!(b > a)) return 0;
        double sum = 0;
        for (int k = SegmentOf(a); k < _segments.Length && _segments[k].Lower < b; k++)
        {
            var segment = _segments[k];
            sum += segment.MassIntegral(Math.Max(a, segment.Lower), Math.Min(b, segment.Upper));
        }
        return sum / _totalWeight;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with independent initial masses by inversion: m = Quantile(u) with u uniform in
    /// [0, 1) from <paramref name="rng"/> (one draw per mass, so a seeded stream gives the same masses everywhere).
    /// </summary>
    public void Sample(Xoshiro256StarStar rng, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < destination.Length; i++) destination[i] = Quantile(rng.NextDouble());
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} IMF on [{MinimumMass}, {MaximumMass}] M☉";

    /// <summary>Checks a pair of mass limits: finite, 0 &lt; min &lt; max.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not finite or not positive, or max ≤ min.</exception>
    public static void ValidateLimits(double minimumMass, double maximumMass)
    {
        if (!(minimumMass > 0) || !double.IsFinite(minimumMass))
            throw new ArgumentOutOfRangeException(nameof(minimumMass), minimumMass, "The lower IMF mass limit must be finite and > 0 M☉.");
        if (!double.IsFinite(maximumMass) || !(maximumMass > minimumMass))
            throw new ArgumentOutOfRangeException(nameof(maximumMass), maximumMass,
                $"The upper IMF mass limit must be finite and > the lower limit ({minimumMass} M☉).");
    }

    private int SegmentOf(double mass)
    {
        int k = _segments.Length - 1;
        while (k > 0 && mass < _segments[k].Lower) k--;
        return k;
    }

    /// <summary>
    /// Cuts the break masses to the open interval (min, max) and returns the piece edges: min, the breaks inside, max.
    /// Piece i then spans slope/shape interval j(i) = number of breaks ≤ its lower edge.
    /// </summary>
    private protected static List<(double Lower, double Upper, int Interval)> Pieces(double minimumMass, double maximumMass, IReadOnlyList<double> breaks)
    {
        var pieces = new List<(double, double, int)>();
        double lower = minimumMass;
        int interval = 0;
        while (interval < breaks.Count && breaks[interval] <= minimumMass) interval++;
        for (int j = interval; j < breaks.Count && breaks[j] < maximumMass; j++)
        {
            pieces.Add((lower, breaks[j], j));
            lower = breaks[j];
        }
        int last = interval;
        while (last < breaks.Count && breaks[last] < maximumMass) last++;
        pieces.Add((lower, maximumMass, last));
        return pieces;
    }
}
