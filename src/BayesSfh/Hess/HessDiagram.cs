using System.Collections.Immutable;

namespace BayesSfh.Hess;

/// <summary>An observed Hess diagram: star counts n_i per flattened bin (see <see cref="HessGrid"/> for the order).</summary>
public sealed class HessDiagram
{
    private readonly double[] _counts;

    /// <summary>Creates a diagram from counts; each must be a finite non-negative integer.</summary>
    /// <param name="counts">n_i per flattened bin.</param>
    /// <param name="grid">Optional bin edges; when given its bin count must equal the number of counts.</param>
    /// <param name="allowFractionalCounts">
    /// Accept non-integer counts (the likelihood-ratio formula is defined for them): for noise-free mock data, never for
    /// observations.
    /// </param>
    /// <exception cref="ArgumentException">A count is negative, non-integer or not finite, or the grid size disagrees.</exception>
    public HessDiagram(ReadOnlySpan<double> counts, HessGrid? grid = null, bool allowFractionalCounts = false)
    {
        if (counts.Length == 0) throw new ArgumentException("An observed Hess diagram needs at least one bin.");
        if (grid is not null && grid.BinCount != counts.Length)
            throw new ArgumentException($"The grid has {grid.BinCount} bins but {counts.Length} counts were given.");
        for (int i = 0; i < counts.Length; i++)
        {
            double n = counts[i];
            if (!double.IsFinite(n) || n < 0 || (!allowFractionalCounts && n != Math.Floor(n)))
                throw new ArgumentException($"Count of bin {i} must be a finite non-negative {(allowFractionalCounts ? "number" : "integer")}; got {n}.");
        }
        _counts = counts.ToArray();
        Grid = grid;
    }

    /// <summary>Bin edges, when known.</summary>
    public HessGrid? Grid { get; }

    /// <summary>Number of bins.</summary>
    public int BinCount => _counts.Length;

    /// <summary>Counts n_i.</summary>
    public ReadOnlySpan<double> Counts => _counts;

    /// <summary>Total number of observed stars Σ n_i.</summary>
    public double Total => System.Numerics.Tensors.TensorPrimitives.Sum<double>(_counts);
}
