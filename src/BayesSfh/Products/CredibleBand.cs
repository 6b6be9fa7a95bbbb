namespace BayesSfh.Products;

/// <summary>
/// The posterior of a quantity along a grid (per time bin, per bin edge, per metallicity, per stellar mass): at every grid
/// point the <see cref="CredibleInterval"/> summaries, as plain arrays ready to plot (median line, 16–84 % and 2.5–97.5 %
/// bands). The grid itself is held by the product that owns the band. Arrays are owned by the band; do not modify them.
/// </summary>
/// <param name="Mean">Posterior mean at each grid point.</param>
/// <param name="Median">50th percentile at each grid point.</param>
/// <param name="Low68">16th percentile at each grid point.</param>
/// <param name="High68">84th percentile at each grid point.</param>
/// <param name="Low95">2.5th percentile at each grid point.</param>
/// <param name="High95">97.5th percentile at each grid point.</param>
public sealed record CredibleBand(double[] Mean, double[] Median, double[] Low68, double[] High68, double[] Low95, double[] High95)
{
    /// <summary>Number of grid points.</summary>
    public int Length => Median.Length;

    /// <summary>The summary at grid point <paramref name="index"/>.</summary>
    public CredibleInterval this[int index] => new(Mean[index], Median[index], Low68[index], High68[index], Low95[index], High95[index]);

    /// <summary>Builds a band from per-point summaries.</summary>
    public static CredibleBand FromIntervals(IReadOnlyList<CredibleInterval> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        return new CredibleBand([.. intervals.Select(i => i.Mean)], [.. intervals.Select(i => i.Median)], [.. intervals.Select(i => i.Low68)],
            [.. intervals.Select(i => i.High68)], [.. intervals.Select(i => i.Low95)], [.. intervals.Select(i => i.High95)]);
    }
}

/// <summary>
/// Collects one value per (grid point, draw) and summarises each point over the draws. Storage is point-major, so the
/// draws of one point are contiguous.
/// </summary>
internal sealed class BandBuilder
{
    private readonly double[] _values;

    public BandBuilder(int points, int draws)
    {
        Points = points;
        Draws = draws;
        _values = new double[(long)points * draws];
    }

    public int Points { get; }

    public int Draws { get; }

    public void Set(int point, int draw, double value) => _values[(long)point * Draws + draw] = value;

    public ReadOnlySpan<double> PointDraws(int point) => _values.AsSpan(point * Draws, Draws);

    public CredibleBand ToBand() => CredibleBand.FromIntervals([.. Enumerable.Range(0, Points).Select(p => CredibleInterval.Of(PointDraws(p)))]);
}
