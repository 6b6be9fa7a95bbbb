namespace BayesSfh.Observation;

/// <summary>
/// An error model tabulated at increasing magnitudes (e.g. from artificial-star tests): σ(m) and bias b(m) are
/// interpolated linearly between the nodes and held constant beyond the first and last node.
/// </summary>
public sealed record TabulatedPhotometricError : IPhotometricError
{
    private readonly PiecewiseLinear _sigma, _bias;

    /// <summary>Creates the table.</summary>
    /// <param name="magnitudes">Strictly increasing, finite node magnitudes (at least two).</param>
    /// <param name="sigma">σ at each node, finite and ≥ 0 (mag).</param>
    /// <param name="bias">b at each node, finite (mag); null for no bias.</param>
    /// <exception cref="ArgumentException">Lengths differ, nodes not increasing, or a value out of range.</exception>
    public TabulatedPhotometricError(double[] magnitudes, double[] sigma, double[]? bias = null)
    {
        if (sigma.Any(s => !(s >= 0) || !double.IsFinite(s))) throw new ArgumentException("Tabulated σ values must be finite and ≥ 0 mag.", nameof(sigma));
        _sigma = new PiecewiseLinear(magnitudes, sigma, nameof(sigma));
        _bias = new PiecewiseLinear(magnitudes, bias ?? new double[magnitudes.Length], nameof(bias));
    }

    /// <summary>Node magnitudes.</summary>
    public IReadOnlyList<double> Magnitudes => _sigma.X;

    /// <summary>σ at the nodes (mag).</summary>
    public IReadOnlyList<double> SigmaValues => _sigma.Y;

    /// <summary>Bias at the nodes (mag).</summary>
    public IReadOnlyList<double> BiasValues => _bias.Y;

    /// <inheritdoc/>
    public double Sigma(double magnitude) => _sigma.At(magnitude);

    /// <inheritdoc/>
    public double Bias(double magnitude) => _bias.At(magnitude);
}

/// <summary>
/// A completeness tabulated at increasing magnitudes (e.g. from artificial-star tests), interpolated linearly between
/// the nodes and held constant beyond the first and last node.
/// </summary>
public sealed record TabulatedCompleteness : ICompleteness
{
    private readonly PiecewiseLinear _eta;

    /// <summary>Creates the table.</summary>
    /// <param name="magnitudes">Strictly increasing, finite node magnitudes (at least two).</param>
    /// <param name="probability">η at each node, in [0, 1].</param>
    /// <exception cref="ArgumentException">Lengths differ, nodes not increasing, or a value out of range.</exception>
    public TabulatedCompleteness(double[] magnitudes, double[] probability)
    {
        if (probability.Any(p => !(p >= 0 && p <= 1))) throw new ArgumentException("Tabulated completeness values must lie in [0, 1].", nameof(probability));
        _eta = new PiecewiseLinear(magnitudes, probability, nameof(probability));
    }

    /// <summary>Node magnitudes.</summary>
    public IReadOnlyList<double> Magnitudes => _eta.X;

    /// <summary>η at the nodes.</summary>
    public IReadOnlyList<double> Values => _eta.Y;

    /// <inheritdoc/>
    public double Probability(double magnitude) => _eta.At(magnitude);
}

/// <summary>y(x) linear between nodes, constant beyond the ends; NaN for NaN x.</summary>
internal sealed class PiecewiseLinear
{
    public PiecewiseLinear(double[] x, double[] y, string name)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length < 2) throw new ArgumentException("A table needs at least two magnitudes.", nameof(x));
        if (y.Length != x.Length) throw new ArgumentException($"The table has {x.Length} magnitudes but {y.Length} {name} values.", name);
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]) || (i > 0 && !(x[i] > x[i - 1]))) throw new ArgumentException("Table magnitudes must be finite and strictly increasing.", nameof(x));
            if (!double.IsFinite(y[i])) throw new ArgumentException($"Table {name} values must be finite.", name);
        }
        (X, Y) = ([.. x], [.. y]);
    }

    public double[] X { get; }

    public double[] Y { get; }

    public double At(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= X[0]) return Y[0];
        if (x >= X[^1]) return Y[^1];
        int i = Array.BinarySearch(X, x);
        if (i >= 0) return Y[i];
        int hi = ~i, lo = hi - 1;
        return Y[lo] + (x - X[lo]) / (X[hi] - X[lo]) * (Y[hi] - Y[lo]);
    }
}
