using System.Collections.Immutable;
using BayesSfh.Hess;
using BayesSfh.Likelihood;
using BayesSfh.Metallicity;
using BayesSfh.Parameters;
using BayesSfh.Priors;
using BayesSfh.Templates;

namespace BayesSfh.Modelling;

/// <summary>
/// A complete SFH model of one observed Hess diagram: templates, time bins, metallicity model, background amplitudes
/// (<c>bg.NAME</c>, appended after the metallicity model's parameters), fixed parameters, priors and a starting point.
/// Read-only and thread-safe; evaluate it through <see cref="CreateLogDensity(Objective)"/>, one instance per caller.
/// </summary>
public sealed class SfhModel
{
    private SfhModel(TemplateSet templates, HessDiagram observed, AgeBins ages, ICoefficientMap map, HessLikelihood likelihood,
        ParameterLayout layout, ImmutableArray<IPrior> priors, SfhModelOptions options)
    {
        Templates = templates;
        Observed = observed;
        Ages = ages;
        Map = map;
        Likelihood = likelihood;
        Layout = layout;
        Priors = priors;
        Options = options;
        InitialNatural = [.. ComputeInitialPoint()];
        _grouped = new Lazy<GroupedHessLikelihood?>(CreateGrouped);
    }

    private readonly Lazy<GroupedHessLikelihood?> _grouped;

    // One group per map group, then one per background (scale = its amplitude, directions (1, 0, 0)).
    private GroupedHessLikelihood? CreateGrouped()
    {
        if (Map is not IGroupedCoefficientMap { DirectionCount: GroupedBlockTemplates.DirectionCount } grouped) return null;
        int backgrounds = Likelihood.CoefficientCount - Map.CoefficientCount;
        return Likelihood.Grouped([.. grouped.CoefficientGroups, .. Enumerable.Range(grouped.GroupCount, backgrounds)], grouped.GroupCount + backgrounds);
    }

    /// <summary>
    /// The likelihood evaluated in one pass over the templates along the map's directions, when the map is an
    /// <see cref="IGroupedCoefficientMap"/> with three directions (the metallicity models with one dispersion parameter);
    /// else null. Built on first use (a second, column-major copy of the templates).
    /// </summary>
    public GroupedHessLikelihood? GroupedLikelihood => _grouped.Value;

    /// <summary>Builds a model.</summary>
    /// <exception cref="ArgumentException">Inconsistent inputs or options; the message says what to change.</exception>
    public static SfhModel Create(TemplateSet templates, HessDiagram observed, SfhModelOptions? options = null)
    {
        options = (options ?? new SfhModelOptions()).Validate();
        var logAges = templates.Grid.LogAges;
        var ages = options.LogAgeEdges is { } edges ? AgeBins.FromEdges(logAges, edges) : AgeBins.FromLeftEdges(logAges, options.MaxAgeGyr);
        var likelihood = new HessLikelihood(templates, observed);
        ICoefficientMap map = options.Model == MetallicityModelKind.Free && options.MeanModel is null
            ? new FreeCoefficientMap(templates, ages)
            : new HierarchicalCoefficientMap(templates, ages, options.MeanModel ?? options.Model switch
            {
                MetallicityModelKind.PowerLawMzr => new PowerLawMzr(options.MzrLog10ReferenceMass),
                MetallicityModelKind.LinearAmr => new LinearAmr(ages.MaxAgeGyr),
                MetallicityModelKind.LogarithmicAmr => new LogarithmicAmr(ages.MaxAgeGyr),
                _ => throw new ArgumentOutOfRangeException(nameof(options), options.Model, "Unknown metallicity model."),
            }, options.Dispersion);
        var parameters = map.Parameters
            .Concat(templates.Backgrounds.Select(b => new ParameterDefinition($"bg.{b.Name}", ParameterConstraint.Positive, $"amplitude of background template '{b.Name}'")))
            .ToList();
        var layout = new ParameterLayout(parameters, options.Fixed);
        foreach (var name in options.Initial.Keys) layout.IndexOf(name);
        var priors = options.Priors.Select(spec => spec switch
        {
            NormalPriorSpec n => (IPrior)new NormalPrior(layout.IndexOf(n.Parameter), n.Mean, n.StandardDeviation),
            ContinuityPriorSpec c => new ContinuityPrior([.. Enumerable.Range(0, ages.Count)], ages.Widths, c.DegreesOfFreedom, c.Scale),
            _ => throw new ArgumentException($"Unknown prior {spec}."),
        }).ToImmutableArray();
        return new SfhModel(templates, observed, ages, map, likelihood, layout, priors, options);
    }

    /// <summary>The templates.</summary>
    public TemplateSet Templates { get; }

    /// <summary>The observed diagram.</summary>
    public HessDiagram Observed { get; }

    /// <summary>The star-formation time bins.</summary>
    public AgeBins Ages { get; }

    /// <summary>The metallicity model (maps parameters to SSP coefficients).</summary>
    public ICoefficientMap Map { get; }

    /// <summary>The Poisson likelihood.</summary>
    public HessLikelihood Likelihood { get; }

    /// <summary>Natural parameters, fixed flags, and the bijection to θ.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>Priors beyond the default flat prior.</summary>
    public ImmutableArray<IPrior> Priors { get; }

    /// <summary>The options the model was built from.</summary>
    public SfhModelOptions Options { get; }

    /// <summary>
    /// Default starting point in natural units: constant SFR scaled so the expected number of stars equals the observed
    /// number, metallicity parameters from the model's guess, then user starting values and fixed values.
    /// </summary>
    public ImmutableArray<double> InitialNatural { get; }

    /// <summary>Parameter names in natural order.</summary>
    public IEnumerable<string> ParameterNames => Layout.Parameters.Select(p => p.Name);

    /// <summary>
    /// Names of the output values of a sampled draw (see <see cref="ThetaToOutput"/>): every natural parameter, fixed
    /// ones included, in natural order and named as <c>bayessfh fit</c> names them (<c>R.1</c> … <c>R.J</c> in increasing
    /// log age, the metallicity parameters such as <c>alpha</c>, <c>mh0</c>, <c>sigma</c>, then <c>bg.NAME</c>).
    /// </summary>
    public ImmutableArray<string> OutputNames => [.. ParameterNames];

    /// <summary>
    /// Writes the output values of the unconstrained draw θ: x(θ) for every natural parameter, fixed ones at their values.
    /// Thread-safe and allocation-free, so it can be handed to a sampler's output sink as the θ → output transform.
    /// </summary>
    /// <param name="theta">The free parameters on the unconstrained scale (length <see cref="ParameterLayout.FreeCount"/>).</param>
    /// <param name="output">Destination (length <see cref="ParameterLayout.NaturalCount"/>), in the order of <see cref="OutputNames"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong.</exception>
    public void ThetaToOutput(ReadOnlySpan<double> theta, Span<double> output) => Layout.ToNatural(theta, output);

    /// <summary>Creates a log density over θ for one caller.</summary>
    public SfhLogDensity CreateLogDensity(Objective objective = Objective.Posterior) => new(this, objective, UsesOnePass);

    /// <summary>As <see cref="CreateLogDensity(Objective)"/>, choosing the likelihood kernel: one pass (needs
    /// <see cref="GroupedLikelihood"/>) or two. Same values up to rounding; for benchmarks and comparisons.</summary>
    /// <exception cref="ArgumentException"><paramref name="onePass"/> without a <see cref="GroupedLikelihood"/>.</exception>
    public SfhLogDensity CreateLogDensity(Objective objective, bool onePass) => new(this, objective, onePass);

    /// <summary>
    /// True when <see cref="CreateLogDensity(Objective)"/> evaluates through <see cref="GroupedLikelihood"/>: the map supports it and
    /// the templates take more than <see cref="HessLikelihood.ColumnCopyMaxBytes"/> per pass. Smaller matrices stay in
    /// cache, where the two-pass kernels (with their column-major copy) are faster; larger ones are bound by memory
    /// traffic, which the one-pass kernel halves (docs/performance.md).
    /// </summary>
    public bool UsesOnePass => Likelihood.Matrix.BytesPerPass > HessLikelihood.ColumnCopyMaxBytes && GroupedLikelihood is not null;

    /// <summary>SSP coefficients then background amplitudes at natural point <paramref name="natural"/>.</summary>
    public double[] Coefficients(ReadOnlySpan<double> natural)
    {
        var r = new double[Likelihood.CoefficientCount];
        Map.CreateEvaluator().Coefficients(natural[..Map.Parameters.Count], r.AsSpan(0, Map.CoefficientCount));
        natural[Map.Parameters.Count..].CopyTo(r.AsSpan(Map.CoefficientCount));
        return r;
    }

    /// <summary>F = −ln L at natural point <paramref name="natural"/>.</summary>
    public double NegativeLogLikelihood(ReadOnlySpan<double> natural) => Likelihood.Value(Coefficients(natural), Likelihood.CreateWorkspace());

    /// <summary>Expected counts m_i in every bin of the full diagram at natural point <paramref name="natural"/>.</summary>
    public double[] ExpectedCounts(ReadOnlySpan<double> natural)
    {
        var m = new double[Templates.BinCount];
        Likelihood.ExpectedCounts(Coefficients(natural), m);
        return m;
    }

    /// <summary>The log10 age of each age bin index, for output tables.</summary>
    public ImmutableArray<double> LogAges => Ages.LogAges;

    private double[] ComputeInitialPoint()
    {
        int n = Layout.NaturalCount, mapCount = Map.Parameters.Count, massCount = Map.MassParameterCount;
        var x = new double[n];
        Map.InitialGuess(1e6, x.AsSpan(0, mapCount));
        double observedTotal = Math.Max(Observed.Total, 1);
        int backgrounds = Templates.Backgrounds.Length;
        for (int b = 0; b < backgrounds; b++)
            x[mapCount + b] = 0.05 * observedTotal / backgrounds / Templates.Backgrounds[b].Values.Sum();
        for (int i = 0; i < n; i++)
        {
            string name = Layout.Parameters[i].Name;
            if (Options.Initial.TryGetValue(name, out double v)) x[i] = v;
            if (Options.Fixed.TryGetValue(name, out double f)) x[i] = f;
        }
        // Rescale the free, user-unset masses so that Σ m_i = Σ n_i; repeated because an MZR's μ moves with the mass.
        var scalable = Enumerable.Range(0, massCount)
            .Where(i => !Layout.IsFixed[i] && !Options.Initial.ContainsKey(Layout.Parameters[i].Name)).ToArray();
        if (scalable.Length == 0) return x;
        var model = new double[Templates.BinCount];
        for (int iteration = 0; iteration < 20; iteration++)
        {
            Likelihood.ExpectedCounts(Coefficients(x), model);
            double expected = model.Sum();
            if (!(expected > 0) || !double.IsFinite(expected)) break;
            double factor = observedTotal / expected;
            if (Math.Abs(factor - 1) < 1e-10) break;
            foreach (int i in scalable) x[i] *= factor;
        }
        return x;
    }
}

/// <summary>What a log density measures.</summary>
public enum Objective
{
    /// <summary>ln L + ln prior + ln|Jacobian|: the posterior density of θ (its mode is the MAP).</summary>
    Posterior,

    /// <summary>ln L alone (its mode is the MLE).</summary>
    Likelihood,
}
