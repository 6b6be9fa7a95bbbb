namespace BayesSfh.Plotting;

/// <summary>
/// A credible band of a curve sampled at points <see cref="X"/>: the posterior median and the central 68 % and 95 %
/// intervals at each point, with an optional true curve (for mock data). Checked when built.
/// </summary>
/// <remarks>
/// Requirements (else <see cref="ArgumentException"/> naming the offending argument and index): at least 2 points,
/// every array the length of <see cref="X"/>, X strictly increasing, every value finite (NaN and ±∞ rejected), and at
/// every point Lo95 ≤ Lo68 ≤ Median ≤ Hi68 ≤ Hi95 up to a relative rounding tolerance of 1e-9.
/// </remarks>
public sealed record Band
{
    /// <summary>Builds and checks the band.</summary>
    /// <param name="x">Abscissae, strictly increasing.</param>
    /// <param name="median">Posterior median at each point.</param>
    /// <param name="lo68">16th percentile.</param>
    /// <param name="hi68">84th percentile.</param>
    /// <param name="lo95">2.5th percentile.</param>
    /// <param name="hi95">97.5th percentile.</param>
    /// <param name="truth">Optional true value at each point, drawn dashed.</param>
    /// <exception cref="ArgumentException">See the remarks.</exception>
    public Band(double[] x, double[] median, double[] lo68, double[] hi68, double[] lo95, double[] hi95, double[]? truth = null)
    {
        BandChecks.Axis(x, nameof(x), "points", minimum: 2);
        BandChecks.Values(x.Length, median, lo68, hi68, lo95, hi95, truth);
        (X, Median, Lo68, Hi68, Lo95, Hi95, Truth) = (x, median, lo68, hi68, lo95, hi95, truth);
    }

    private Band(double[] x, double[] median, double[] lo68, double[] hi68, double[] lo95, double[] hi95, double[]? truth, bool unchecked_) =>
        (X, Median, Lo68, Hi68, Lo95, Hi95, Truth) = (x, median, lo68, hi68, lo95, hi95, truth);

    /// <summary>A band from arrays already checked elsewhere (e.g. steps, whose x repeats at interior edges).</summary>
    internal static Band Unchecked(double[] x, double[] median, double[] lo68, double[] hi68, double[] lo95, double[] hi95, double[]? truth) =>
        new(x, median, lo68, hi68, lo95, hi95, truth, unchecked_: true);

    /// <summary>Abscissae (strictly increasing).</summary>
    public double[] X { get; }

    /// <summary>Posterior median.</summary>
    public double[] Median { get; }

    /// <summary>16th percentile.</summary>
    public double[] Lo68 { get; }

    /// <summary>84th percentile.</summary>
    public double[] Hi68 { get; }

    /// <summary>2.5th percentile.</summary>
    public double[] Lo95 { get; }

    /// <summary>97.5th percentile.</summary>
    public double[] Hi95 { get; }

    /// <summary>True values, or null.</summary>
    public double[]? Truth { get; }
}

/// <summary>
/// A credible band of a binned quantity (values constant within each bin, drawn as steps): bin i spans
/// [<see cref="Edges"/>[i], Edges[i + 1]). Checked when built, like <see cref="Band"/>, with one value per bin and one
/// edge more than bins.
/// </summary>
public sealed record StepBand
{
    /// <summary>Builds and checks the band.</summary>
    /// <param name="edges">Bin edges, strictly increasing (bins + 1).</param>
    /// <param name="median">Posterior median per bin.</param>
    /// <param name="lo68">16th percentile per bin.</param>
    /// <param name="hi68">84th percentile per bin.</param>
    /// <param name="lo95">2.5th percentile per bin.</param>
    /// <param name="hi95">97.5th percentile per bin.</param>
    /// <param name="truth">Optional true value per bin, drawn as a dashed step line.</param>
    /// <exception cref="ArgumentException">See the remarks of <see cref="Band"/>.</exception>
    public StepBand(double[] edges, double[] median, double[] lo68, double[] hi68, double[] lo95, double[] hi95, double[]? truth = null)
    {
        BandChecks.Axis(edges, nameof(edges), "edges", minimum: 2);
        BandChecks.Values(edges.Length - 1, median, lo68, hi68, lo95, hi95, truth);
        (Edges, Median, Lo68, Hi68, Lo95, Hi95, Truth) = (edges, median, lo68, hi68, lo95, hi95, truth);
    }

    /// <summary>Bin edges (bins + 1, strictly increasing).</summary>
    public double[] Edges { get; }

    /// <summary>Posterior median per bin.</summary>
    public double[] Median { get; }

    /// <summary>16th percentile per bin.</summary>
    public double[] Lo68 { get; }

    /// <summary>84th percentile per bin.</summary>
    public double[] Hi68 { get; }

    /// <summary>2.5th percentile per bin.</summary>
    public double[] Lo95 { get; }

    /// <summary>97.5th percentile per bin.</summary>
    public double[] Hi95 { get; }

    /// <summary>True values per bin, or null.</summary>
    public double[]? Truth { get; }

    /// <summary>Number of bins.</summary>
    public int Bins => Median.Length;

    /// <summary>Every value (and the truth) multiplied by <paramref name="factor"/> &gt; 0.</summary>
    internal StepBand Scaled(double factor)
    {
        double[] S(double[] v) => [.. v.Select(x => x * factor)];
        return new StepBand(Edges, S(Median), S(Lo68), S(Hi68), S(Lo95), S(Hi95), Truth is null ? null : S(Truth));
    }

    /// <summary>The band as a curve over the bin edges with every value repeated at both edges of its bin (x repeated
    /// at interior edges), so that straight segments between the points draw the steps.</summary>
    internal Band ToSteps()
    {
        double[] x = new double[2 * Bins];
        for (int i = 0; i < Bins; i++) (x[2 * i], x[2 * i + 1]) = (Edges[i], Edges[i + 1]);
        static double[] Twice(double[] v) => [.. v.SelectMany(value => new[] { value, value })];
        return Band.Unchecked(x, Twice(Median), Twice(Lo68), Twice(Hi68), Twice(Lo95), Twice(Hi95), Truth is null ? null : Twice(Truth));
    }
}

/// <summary>Posterior draws of one scalar parameter, one array per chain, in draw order; with an optional true value.</summary>
/// <remarks>
/// Requirements (else <see cref="ArgumentException"/>): a non-empty name, at least one chain, every chain with at least
/// 2 draws, every draw and the truth finite. Chains may differ in length (a trace plot draws them as they are); the
/// corner and rank plots pool them.
/// </remarks>
public sealed record ParameterDraws
{
    /// <summary>Builds and checks the draws.</summary>
    /// <param name="name">Parameter name, used as the axis label (e.g. "α" or "alpha").</param>
    /// <param name="chains">Draws per chain.</param>
    /// <param name="truth">Optional true value, drawn as a dashed line or marker.</param>
    /// <exception cref="ArgumentException">See the remarks.</exception>
    public ParameterDraws(string name, IReadOnlyList<double[]> chains, double? truth = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A parameter needs a name.", nameof(name));
        ArgumentNullException.ThrowIfNull(chains);
        if (chains.Count == 0) throw new ArgumentException($"'{name}' has no chains.", nameof(chains));
        for (int c = 0; c < chains.Count; c++)
        {
            if (chains[c] is not { } chain) throw new ArgumentException($"'{name}': chain {c} is null.", nameof(chains));
            if (chain.Length < 2) throw new ArgumentException($"'{name}': chain {c} has {chain.Length} draws; at least 2 are needed.", nameof(chains));
            int bad = Array.FindIndex(chain, v => !double.IsFinite(v));
            if (bad >= 0) throw new ArgumentException($"'{name}': chain {c}, draw {bad} is {chain[bad]}; draws must be finite.", nameof(chains));
        }
        if (truth is { } t && !double.IsFinite(t)) throw new ArgumentException($"'{name}': the truth is {t}; it must be finite.", nameof(truth));
        (Name, Chains, Truth) = (name, [.. chains], truth);
    }

    /// <summary>Parameter name.</summary>
    public string Name { get; }

    /// <summary>Draws per chain.</summary>
    public IReadOnlyList<double[]> Chains { get; }

    /// <summary>True value, or null.</summary>
    public double? Truth { get; }

    /// <summary>Total number of draws over all chains.</summary>
    public int DrawCount => Chains.Sum(c => c.Length);

    /// <summary>All chains concatenated in chain order.</summary>
    internal double[] Pooled() => [.. Chains.SelectMany(c => c)];
}

internal static class BandChecks
{
    private const double RelativeTolerance = 1e-9;

    internal static void Axis(double[] axis, string name, string what, int minimum)
    {
        ArgumentNullException.ThrowIfNull(axis, name);
        if (axis.Length < minimum) throw new ArgumentException($"At least {minimum} {what} are needed, got {axis.Length}.", name);
        for (int i = 0; i < axis.Length; i++)
        {
            if (!double.IsFinite(axis[i])) throw new ArgumentException($"{name}[{i}] is {axis[i]}; coordinates must be finite.", name);
            if (i > 0 && !(axis[i] > axis[i - 1]))
                throw new ArgumentException($"{name} must increase strictly: {name}[{i - 1}] = {axis[i - 1]}, {name}[{i}] = {axis[i]}.", name);
        }
    }

    internal static void Values(int count, double[] median, double[] lo68, double[] hi68, double[] lo95, double[] hi95, double[]? truth)
    {
        var series = new (double[]? Values, string Name)[] { (median, "median"), (lo68, "lo68"), (hi68, "hi68"), (lo95, "lo95"), (hi95, "hi95"), (truth, "truth") };
        foreach (var (values, name) in series)
        {
            if (values is null)
            {
                if (name == "truth") continue;
                throw new ArgumentNullException(name);
            }
            if (values.Length != count) throw new ArgumentException($"{name} has {values.Length} values but the axis needs {count}.", name);
            int bad = Array.FindIndex(values, v => !double.IsFinite(v));
            if (bad >= 0) throw new ArgumentException($"{name}[{bad}] is {values[bad]}; band values must be finite.", name);
        }
        for (int i = 0; i < count; i++)
        {
            double tolerance = RelativeTolerance * (Math.Abs(lo95[i]) + Math.Abs(hi95[i]) + double.Epsilon);
            if (lo95[i] > lo68[i] + tolerance || lo68[i] > median[i] + tolerance || median[i] > hi68[i] + tolerance || hi68[i] > hi95[i] + tolerance)
                throw new ArgumentException(
                    $"At index {i} the band is not ordered lo95 ≤ lo68 ≤ median ≤ hi68 ≤ hi95: {lo95[i]}, {lo68[i]}, {median[i]}, {hi68[i]}, {hi95[i]}.", nameof(median));
        }
    }
}
