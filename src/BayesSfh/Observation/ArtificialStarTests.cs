using System.Collections.Immutable;

namespace BayesSfh.Observation;

/// <summary>
/// Artificial-star tests (ASTs): stars of known magnitudes injected into the images and measured again. Each star has
/// an injected (true) magnitude in every filter and a recovered magnitude, NaN when the star was not recovered in that
/// filter.
/// </summary>
/// <remarks>
/// The tables derived here follow the usual practice (e.g. the BEAST "toothpick" model, Gordon et al. 2016): stars are
/// binned by injected magnitude; in each bin the bias is the median of (out − in), the error σ is half the 16–84 %
/// range of (out − in) (σ for a Gaussian, robust to blends), and the completeness is the fraction recovered.
/// Completeness is <i>joint</i>: a star counts as recovered only when it was recovered in every filter of the file, and
/// the fraction is binned in one chosen filter. Multiplying single-filter completenesses instead would count the same
/// losses twice.
/// </remarks>
public sealed class ArtificialStarTests
{
    private readonly ImmutableDictionary<string, (double[] In, double[] Out)> _bands;

    /// <summary>Creates the set from per-filter injected and recovered magnitudes (recovered NaN = lost).</summary>
    /// <param name="source">Where the tests come from (a file name), for messages.</param>
    /// <param name="injected">Injected magnitudes per filter; every array has the same length.</param>
    /// <param name="recovered">Recovered magnitudes per filter (NaN when not recovered), same filters and lengths.</param>
    /// <exception cref="ArgumentException">No filter, mismatched filters or lengths, or a non-finite injected magnitude.</exception>
    public ArtificialStarTests(string source, IReadOnlyDictionary<string, double[]> injected, IReadOnlyDictionary<string, double[]> recovered)
    {
        ArgumentNullException.ThrowIfNull(injected);
        ArgumentNullException.ThrowIfNull(recovered);
        if (injected.Count == 0) throw new ArgumentException("Artificial-star tests need at least one filter.", nameof(injected));
        var builder = ImmutableDictionary.CreateBuilder<string, (double[], double[])>(StringComparer.OrdinalIgnoreCase);
        int count = -1;
        foreach (var (filter, input) in injected)
        {
            if (!recovered.TryGetValue(filter, out var output))
                throw new ArgumentException($"Filter {filter} has injected but no recovered magnitudes.", nameof(recovered));
            if (count < 0) count = input.Length;
            if (input.Length != count || output.Length != count)
                throw new ArgumentException($"Filter {filter} has {input.Length} injected and {output.Length} recovered magnitudes; expected {count}.", nameof(injected));
            for (int i = 0; i < input.Length; i++)
                if (!double.IsFinite(input[i])) throw new ArgumentException($"Injected {filter} magnitude of star {i + 1} is {input[i]}; injected magnitudes must be finite.", nameof(injected));
            builder.Add(filter, ([.. input], [.. output]));
        }
        if (recovered.Count != injected.Count) throw new ArgumentException("The recovered magnitudes list filters that were not injected.", nameof(recovered));
        Source = source;
        Count = count;
        _bands = builder.ToImmutable();
    }

    /// <summary>Where the tests come from (a file name).</summary>
    public string Source { get; }

    /// <summary>Number of artificial stars.</summary>
    public int Count { get; }

    /// <summary>The filters, as named in the source.</summary>
    public IEnumerable<string> Filters => _bands.Keys;

    /// <summary>True when the tests include <paramref name="filter"/> (case-insensitive).</summary>
    public bool HasFilter(string filter) => _bands.ContainsKey(filter);

    /// <summary>Injected magnitudes in <paramref name="filter"/>.</summary>
    /// <exception cref="KeyNotFoundException">Unknown filter.</exception>
    public ReadOnlySpan<double> Injected(string filter) => Band(filter).In;

    /// <summary>Recovered magnitudes in <paramref name="filter"/> (NaN = lost).</summary>
    /// <exception cref="KeyNotFoundException">Unknown filter.</exception>
    public ReadOnlySpan<double> Recovered(string filter) => Band(filter).Out;

    /// <summary>True when star <paramref name="star"/> was recovered in every filter.</summary>
    public bool IsRecovered(int star)
    {
        foreach (var (_, (_, output)) in _bands)
            if (double.IsNaN(output[star])) return false;
        return true;
    }

    /// <summary>
    /// The error model of <paramref name="filter"/>: bias b(m) = median(out − in) and σ(m) = (p84 − p16)/2 of
    /// (out − in) over the stars recovered in that filter, binned by injected magnitude.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two bins hold enough recovered stars.</exception>
    public TabulatedPhotometricError Error(string filter, ArtificialStarBinning? binning = null)
    {
        binning ??= new ArtificialStarBinning();
        var (input, output) = Band(filter);
        var bins = Bin(input, binning);
        var centres = new List<double>();
        var bias = new List<double>();
        var sigma = new List<double>();
        foreach (var (centre, members) in bins)
        {
            var delta = members.Where(i => !double.IsNaN(output[i])).Select(i => output[i] - input[i]).Order().ToArray();
            if (delta.Length < binning.MinimumStars) continue;
            centres.Add(centre);
            bias.Add(Quantile(delta, 0.5));
            sigma.Add(0.5 * (Quantile(delta, 0.84) - Quantile(delta, 0.16)));
        }
        if (centres.Count < 2)
            throw new ArgumentException($"{Source}: fewer than two {binning.Width}-mag bins of injected {filter} hold {binning.MinimumStars} recovered stars; cannot tabulate the errors (use more stars or wider bins).", nameof(filter));
        return new TabulatedPhotometricError([.. centres], [.. sigma], [.. bias]);
    }

    /// <summary>
    /// Joint completeness as a function of the injected magnitude in <paramref name="filter"/>: the fraction of stars
    /// recovered in every filter of the tests, per bin of at least <see cref="ArtificialStarBinning.MinimumStars"/>
    /// injected stars.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two bins hold enough injected stars.</exception>
    public TabulatedCompleteness Completeness(string filter, ArtificialStarBinning? binning = null)
    {
        binning ??= new ArtificialStarBinning();
        var (input, _) = Band(filter);
        var centres = new List<double>();
        var fraction = new List<double>();
        foreach (var (centre, members) in Bin(input, binning))
        {
            if (members.Count < binning.MinimumStars) continue;
            centres.Add(centre);
            fraction.Add(members.Count(IsRecovered) / (double)members.Count);
        }
        if (centres.Count < 2)
            throw new ArgumentException($"{Source}: fewer than two {binning.Width}-mag bins of injected {filter} hold {binning.MinimumStars} stars; cannot tabulate the completeness.", nameof(filter));
        return new TabulatedCompleteness([.. centres], [.. fraction]);
    }

    private (double[] In, double[] Out) Band(string filter) =>
        _bands.TryGetValue(filter, out var band) ? band
            : throw new KeyNotFoundException($"{Source} has no filter {filter}; it has {string.Join(", ", _bands.Keys)}.");

    /// <summary>Stars grouped into bins of width w starting at the faintest-rounded-down brightest magnitude.</summary>
    private static List<(double Centre, List<int> Members)> Bin(double[] input, ArtificialStarBinning binning)
    {
        double low = Math.Floor(input.Min() / binning.Width) * binning.Width;
        int n = Math.Max(1, (int)Math.Floor((input.Max() - low) / binning.Width) + 1);
        var members = new List<int>[n];
        for (int b = 0; b < n; b++) members[b] = [];
        for (int i = 0; i < input.Length; i++) members[Math.Min(n - 1, (int)((input[i] - low) / binning.Width))].Add(i);
        return [.. Enumerable.Range(0, n).Select(b => (low + (b + 0.5) * binning.Width, members[b]))];
    }

    /// <summary>Linear-interpolation quantile of sorted data (R type 7).</summary>
    private static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

/// <summary>How artificial stars are binned in injected magnitude.</summary>
public sealed record ArtificialStarBinning
{
    /// <summary>Creates and validates the binning.</summary>
    /// <param name="width">Bin width in mag, &gt; 0.</param>
    /// <param name="minimumStars">Fewest stars for a bin to be used, ≥ 3.</param>
    /// <exception cref="ArgumentException">A value outside its range.</exception>
    public ArtificialStarBinning(double width = 0.25, int minimumStars = 20)
    {
        if (!(width > 0) || !double.IsFinite(width)) throw new ArgumentException($"The AST bin width must be finite and > 0 mag (got {width}).", nameof(width));
        if (minimumStars < 3) throw new ArgumentException($"The minimum number of stars per AST bin must be ≥ 3 (got {minimumStars}).", nameof(minimumStars));
        (Width, MinimumStars) = (width, minimumStars);
    }

    /// <summary>Bin width (mag).</summary>
    public double Width { get; }

    /// <summary>Fewest stars for a bin to be used.</summary>
    public int MinimumStars { get; }
}
