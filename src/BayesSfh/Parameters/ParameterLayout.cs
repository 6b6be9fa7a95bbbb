using System.Collections.Immutable;

namespace BayesSfh.Parameters;

/// <summary>
/// The natural parameters of a model, which of them are fixed, and the bijection between the free ones and the
/// unconstrained vector θ (θ = ln x for positive parameters, θ = x for real ones, in natural order).
/// </summary>
public sealed class ParameterLayout
{
    private readonly int[] _freeIndex;
    private readonly double[] _fixedValues;

    /// <summary>Creates a layout.</summary>
    /// <param name="parameters">All natural parameters, in order.</param>
    /// <param name="fixedValues">Values of the parameters held fixed, by name.</param>
    /// <exception cref="ArgumentException">An unknown name, or a fixed value outside the parameter's support (a positive parameter may be fixed at 0).</exception>
    public ParameterLayout(IReadOnlyList<ParameterDefinition> parameters, IReadOnlyDictionary<string, double>? fixedValues = null)
    {
        Parameters = [.. parameters];
        fixedValues ??= new Dictionary<string, double>();
        var byName = Parameters.Select((p, i) => (p.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _fixedValues = new double[Parameters.Length];
        var isFixed = new bool[Parameters.Length];
        foreach (var (name, value) in fixedValues)
        {
            if (!byName.TryGetValue(name, out int i)) throw new UnknownParameterException(name, Parameters.Select(p => p.Name));
            CheckInSupport(Parameters[i], value, allowBoundary: true);
            isFixed[i] = true;
            _fixedValues[i] = value;
        }
        IsFixed = [.. isFixed];
        _freeIndex = [.. Enumerable.Range(0, Parameters.Length).Where(i => !isFixed[i])];
        FreeIndices = [.. _freeIndex];
    }

    /// <summary>All natural parameters.</summary>
    public ImmutableArray<ParameterDefinition> Parameters { get; }

    /// <summary>Whether each natural parameter is fixed.</summary>
    public ImmutableArray<bool> IsFixed { get; }

    /// <summary>Natural index of each free parameter, in θ order.</summary>
    public ImmutableArray<int> FreeIndices { get; }

    /// <summary>Number of natural parameters.</summary>
    public int NaturalCount => Parameters.Length;

    /// <summary>Dimension of θ (number of free parameters).</summary>
    public int FreeCount => _freeIndex.Length;

    /// <summary>Index of the parameter called <paramref name="name"/>.</summary>
    /// <exception cref="UnknownParameterException">No such parameter.</exception>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Parameters.Length; i++) if (Parameters[i].Name == name) return i;
        throw new UnknownParameterException(name, Parameters.Select(p => p.Name));
    }

    /// <summary>Writes x(θ), with fixed parameters at their values, and returns ln|det ∂x/∂θ| = Σ θ over free positives.</summary>
    public double ToNatural(ReadOnlySpan<double> theta, Span<double> natural)
    {
        CheckLengths(theta.Length, natural.Length);
        _fixedValues.CopyTo(natural);
        double logJacobian = 0;
        for (int f = 0; f < _freeIndex.Length; f++)
        {
            int i = _freeIndex[f];
            if (Parameters[i].Constraint == ParameterConstraint.Positive)
            {
                natural[i] = Math.Exp(theta[f]);
                logJacobian += theta[f];
            }
            else natural[i] = theta[f];
        }
        return logJacobian;
    }

    /// <summary>Writes θ(x) for the free parameters.</summary>
    /// <exception cref="ArgumentException">A free value is outside its support.</exception>
    public void ToTheta(ReadOnlySpan<double> natural, Span<double> theta)
    {
        CheckLengths(theta.Length, natural.Length);
        for (int f = 0; f < _freeIndex.Length; f++)
        {
            int i = _freeIndex[f];
            CheckInSupport(Parameters[i], natural[i], allowBoundary: false);
            theta[f] = Parameters[i].Constraint == ParameterConstraint.Positive ? Math.Log(natural[i]) : natural[i];
        }
    }

    /// <summary>
    /// Chain rule from ∂g/∂x to ∂g/∂θ at x(θ): multiplies by x for positive parameters, and adds the derivative of the
    /// log-Jacobian (1 per positive parameter) when <paramref name="includeJacobian"/>.
    /// </summary>
    public void PullbackToTheta(ReadOnlySpan<double> natural, ReadOnlySpan<double> dNatural, bool includeJacobian, Span<double> dTheta)
    {
        CheckLengths(dTheta.Length, natural.Length);
        for (int f = 0; f < _freeIndex.Length; f++)
        {
            int i = _freeIndex[f];
            dTheta[f] = Parameters[i].Constraint == ParameterConstraint.Positive
                ? dNatural[i] * natural[i] + (includeJacobian ? 1 : 0)
                : dNatural[i];
        }
    }

    private void CheckLengths(int theta, int natural)
    {
        if (theta != FreeCount) throw new ArgumentException($"θ must have {FreeCount} elements, got {theta}.");
        if (natural != NaturalCount) throw new ArgumentException($"x must have {NaturalCount} elements, got {natural}.");
    }

    private static void CheckInSupport(ParameterDefinition p, double value, bool allowBoundary)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"Parameter '{p.Name}' must be finite; got {value}.");
        if (p.Constraint == ParameterConstraint.Positive && !(value > 0 || (allowBoundary && value == 0)))
            throw new ArgumentException($"Parameter '{p.Name}' must be {(allowBoundary ? "non-negative" : "positive")}; got {value}.");
    }
}

/// <summary>A parameter name that the model does not have.</summary>
public sealed class UnknownParameterException(string name, IEnumerable<string> known)
    : ArgumentException($"Unknown parameter '{name}'. Known parameters: {Summarise(known)}.")
{
    /// <summary>The unknown name.</summary>
    public string Name { get; } = name;

    private static string Summarise(IEnumerable<string> known)
    {
        var list = known.ToList();
        return list.Count <= 12 ? string.Join(", ", list) : string.Join(", ", list.Take(4)) + ", …, " + string.Join(", ", list.Skip(list.Count - 6));
    }
}
