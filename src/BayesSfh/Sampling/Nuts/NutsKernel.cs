using System.Numerics.Tensors;
using BayesSfh.Randomness;
using BayesSfh.Sampling.Hamiltonian;
using BayesSfh.Sampling.Metrics;

namespace BayesSfh.Sampling.Nuts;

/// <summary>
/// The No-U-Turn sampler transition as in Stan ≥ 2.21 (<c>base_nuts.hpp</c>): a trajectory doubled in a random
/// direction until it makes a U-turn, diverges or reaches the maximum depth, with multinomial sampling of the draw
/// (Hoffman &amp; Gelman 2014, "The No-U-Turn Sampler", JMLR 15, Alg. 3/6, with Betancourt 2017, "A Conceptual
/// Introduction to Hamiltonian Monte Carlo", Appendix A.3–A.4: multinomial instead of slice sampling, generalised
/// U-turn criterion).
/// </summary>
/// <remarks>
/// <para>
/// Per transition: draw p ~ N(0, M); H₀ = H(q, p). At each doubling choose forward/backward with probability ½ (one
/// uniform), build a subtree of 2^depth leapfrog steps from the end in that direction, and if it is valid replace the
/// draw by the subtree's proposal with probability min(1, w_new/w_old) (biased progressive sampling; w = Σ e^(H₀−H));
/// inside subtrees the two halves are merged with probability w_final/(w_init + w_final) (uniform progressive sampling).
/// </para>
/// <para>
/// U-turn (generalised criterion, Betancourt 2017 A.4.2): a span with summed momentum ρ and end velocities p♯₋, p♯₊
/// continues only while p♯₋·ρ &gt; 0 and p♯₊·ρ &gt; 0; checked on every merged subtree and on the whole trajectory, plus
/// the two checks across the merge boundary (left part + first state of the right, last state of the left + right
/// part) that Stan added in 2.21 (stan-dev/stan#2800) to catch U-turns the binary criterion misses.
/// </para>
/// <para>
/// Divergence: a leapfrog state with H − H₀ &gt; <see cref="NutsOptions.MaxEnergyError"/>, or with a log density that
/// could not be evaluated (NaN, ±∞, arithmetic exception: see <see cref="GuardedLogDensity"/>), ends the transition
/// and its subtree is never used; the draw comes from the valid part. Nothing throws for a bad region.
/// </para>
/// <para>
/// Random numbers consumed, in order: [one uniform for the jitter], d normals (momentum), then per doubling one
/// uniform (direction), one uniform per merge inside the subtree whose final half does not dominate, and one uniform
/// for the top-level selection when the new subtree's weight does not exceed the old trajectory's.
/// </para>
/// <para>
/// One kernel per chain: it owns a workspace preallocated for the maximum depth (O(d·depth) doubles) and is not
/// thread-safe. <see cref="Transition"/> allocates nothing.
/// </para>
/// </remarks>
public sealed class NutsKernel
{
    private readonly GuardedLogDensity _density;
    private readonly NutsOptions _options;
    private readonly int _dimension;
    private readonly PhasePoint _forward, _backward;
    private readonly TreeProposal[] _slots;
    private readonly int[] _levelFinalSlot;
    private readonly double[][] _rhoInit, _rhoFinal, _pInitEnd, _pSharpInitEnd, _pFinalBegin, _pSharpFinalBegin;
    private readonly double[] _pFwdFwd, _pFwdBck, _pBckFwd, _pBckBck;
    private readonly double[] _pSharpFwdFwd, _pSharpFwdBck, _pSharpBckFwd, _pSharpBckBck;
    private readonly double[] _rho, _rhoFwd, _rhoBck, _rhoScratch;
    private int _sampleSlot, _proposeSlot;

    // State of the transition in progress (kept in fields so the recursion stays short).
    private IMetric _metric = null!;
    private Xoshiro256StarStar _random = null!;
    private double _initialHamiltonian, _sumMetropolis;
    private int _leapfrogSteps;
    private bool _divergent;

    /// <summary>Creates a kernel for one chain on <paramref name="density"/>.</summary>
    /// <param name="density">The guarded target (also counts gradient evaluations).</param>
    /// <param name="options">Transition settings; validated here.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public NutsKernel(GuardedLogDensity density, NutsOptions options)
    {
        ArgumentNullException.ThrowIfNull(density);
        ArgumentNullException.ThrowIfNull(options);
        _density = density;
        _options = options.Validate();
        int d = _dimension = density.Dimension;
        int levels = options.MaxTreeDepth; // recursion levels 1 … MaxTreeDepth − 1 need scratch; index 0 unused
        _forward = new PhasePoint(d);
        _backward = new PhasePoint(d);
        _slots = new TreeProposal[levels + 1];
        for (int i = 0; i < _slots.Length; i++) _slots[i] = new TreeProposal(d);
        _sampleSlot = 0;
        _proposeSlot = 1;
        _levelFinalSlot = new int[levels];
        for (int k = 1; k < levels; k++) _levelFinalSlot[k] = k + 1;
        _rhoInit = Vectors(levels, d);
        _rhoFinal = Vectors(levels, d);
        _pInitEnd = Vectors(levels, d);
        _pSharpInitEnd = Vectors(levels, d);
        _pFinalBegin = Vectors(levels, d);
        _pSharpFinalBegin = Vectors(levels, d);
        _pFwdFwd = new double[d];
        _pFwdBck = new double[d];
        _pBckFwd = new double[d];
        _pBckBck = new double[d];
        _pSharpFwdFwd = new double[d];
        _pSharpFwdBck = new double[d];
        _pSharpBckFwd = new double[d];
        _pSharpBckBck = new double[d];
        _rho = new double[d];
        _rhoFwd = new double[d];
        _rhoBck = new double[d];
        _rhoScratch = new double[d];
    }

    /// <summary>The guarded target.</summary>
    public GuardedLogDensity Density => _density;

    /// <summary>The transition settings.</summary>
    public NutsOptions Options => _options;

    /// <summary>Dimension d.</summary>
    public int Dimension => _dimension;

    /// <summary>
    /// Performs one NUTS transition from <paramref name="state"/> and writes the new draw into it.
    /// </summary>
    /// <param name="random">The chain's generator (see the class remarks for the order of use).</param>
    /// <param name="state">
    /// On entry the current draw: <see cref="PhasePoint.Position"/>, <see cref="PhasePoint.Gradient"/> and a finite
    /// <see cref="PhasePoint.LogDensity"/>. On exit the new draw (position, gradient, log density); its momentum and
    /// velocity are left unspecified. The gradient is carried over, so a transition costs exactly
    /// <see cref="NutsInfo.LeapfrogSteps"/> gradient evaluations.
    /// </param>
    /// <param name="stepSize">Nominal step size ε &gt; 0 (units θ/p), finite.</param>
    /// <param name="metric">The metric, of dimension d.</param>
    /// <returns>The transition's statistics.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A dimension differs from d, or the state's log density is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The step size is not finite and positive.</exception>
    public NutsInfo Transition(Xoshiro256StarStar random, PhasePoint state, double stepSize, IMetric metric)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(metric);
        if (state.Dimension != _dimension || metric.Dimension != _dimension)
            throw new ArgumentException($"State and metric must have dimension {_dimension}.");
        if (!(stepSize > 0) || !double.IsFinite(stepSize))
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "The step size must be finite and positive.");
        if (!double.IsFinite(state.LogDensity))
            throw new ArgumentException("The current state must have a finite log density.", nameof(state));

        double epsilon = stepSize;
        if (_options.StepSizeJitter > 0) epsilon *= 1.0 + _options.StepSizeJitter * (2.0 * random.NextDouble() - 1.0);
        _metric = metric;
        _random = random;

        // z₀ = (q, p₀), both trajectory ends start there.
        state.Position.CopyTo(_forward.Position, 0);
        state.Gradient.CopyTo(_forward.Gradient, 0);
        _forward.LogDensity = state.LogDensity;
        _forward.ResampleMomentum(random, metric);
        _backward.CopyFrom(_forward);
        double h0 = _initialHamiltonian = _forward.Hamiltonian;
        _slots[_sampleSlot].CopyFrom(_forward, h0);

        _forward.Momentum.CopyTo(_pFwdFwd, 0);
        _forward.Momentum.CopyTo(_pFwdBck, 0);
        _forward.Momentum.CopyTo(_pBckFwd, 0);
        _forward.Momentum.CopyTo(_pBckBck, 0);
        _forward.Velocity.CopyTo(_pSharpFwdFwd, 0);
        _forward.Velocity.CopyTo(_pSharpFwdBck, 0);
        _forward.Velocity.CopyTo(_pSharpBckFwd, 0);
        _forward.Velocity.CopyTo(_pSharpBckBck, 0);
        _forward.Momentum.CopyTo(_rho, 0); // the summed momentum includes the initial state

        double logSumWeight = 0.0; // log e^(H₀−H₀)
        _leapfrogSteps = 0;
        _sumMetropolis = 0.0;
        _divergent = false;
        int depth = 0;

        while (depth < _options.MaxTreeDepth)
        {
            Array.Clear(_rhoFwd);
            Array.Clear(_rhoBck);
            double logSumWeightSubtree = double.NegativeInfinity;
            bool valid;
            if (random.NextDouble() > 0.5)
            {
                // The existing trajectory becomes the backward part; extend forward from its forward end.
                _rho.CopyTo(_rhoBck, 0);
                _pFwdFwd.CopyTo(_pBckFwd, 0);
                _pSharpFwdFwd.CopyTo(_pSharpBckFwd, 0);
                valid = BuildTree(depth, _forward, epsilon, _pSharpFwdBck, _pSharpFwdFwd, _rhoFwd, _pFwdBck, _pFwdFwd,
                    ref logSumWeightSubtree, ref _proposeSlot);
            }
            else
            {
                _rho.CopyTo(_rhoFwd, 0);
                _pBckBck.CopyTo(_pFwdBck, 0);
                _pSharpBckBck.CopyTo(_pSharpFwdBck, 0);
                valid = BuildTree(depth, _backward, -epsilon, _pSharpBckFwd, _pSharpBckBck, _rhoBck, _pBckFwd, _pBckBck,
                    ref logSumWeightSubtree, ref _proposeSlot);
            }
            if (!valid) break; // a divergent or turning subtree is never sampled from
            depth++;

            // Biased progressive sampling: favour the new subtree.
            if (logSumWeightSubtree > logSumWeight) SwapSampleAndProposal();
            else if (random.NextDouble() < Math.Exp(logSumWeightSubtree - logSumWeight)) SwapSampleAndProposal();
            logSumWeight = LogSumExp(logSumWeight, logSumWeightSubtree);

            TensorPrimitives.Add(_rhoBck, _rhoFwd, _rho);
            bool persist = NoUTurn(_pSharpBckBck, _pSharpFwdFwd, _rho);
            TensorPrimitives.Add(_rhoBck, _pFwdBck, _rhoScratch);
            persist = persist && NoUTurn(_pSharpBckBck, _pSharpFwdBck, _rhoScratch);
            TensorPrimitives.Add(_rhoFwd, _pBckFwd, _rhoScratch);
            persist = persist && NoUTurn(_pSharpBckFwd, _pSharpFwdFwd, _rhoScratch);
            if (!persist) break;
        }

        TreeProposal sample = _slots[_sampleSlot];
        sample.Position.CopyTo(state.Position, 0);
        sample.Gradient.CopyTo(state.Gradient, 0);
        state.LogDensity = sample.LogDensity;
        double acceptStat = _leapfrogSteps > 0 ? _sumMetropolis / _leapfrogSteps : 0.0;
        _metric = null!;
        _random = null!;
        return new NutsInfo(sample.LogDensity, acceptStat, epsilon, depth, _leapfrogSteps, _divergent, sample.Hamiltonian);
    }

    /// <summary>
    /// Test hook for Stan's <c>build_tree</c> golden values: builds one subtree of depth <paramref name="depth"/> from
    /// <paramref name="start"/> (integrated in place) exactly as inside a transition.
    /// </summary>
    internal bool BuildTreeForTesting(Xoshiro256StarStar random, IMetric metric, PhasePoint start, double signedStepSize,
        int depth, double initialHamiltonian, Span<double> rho, Span<double> pSharpBegin, Span<double> pSharpEnd,
        Span<double> pBegin, Span<double> pEnd, ref double logSumWeight, out int leapfrogSteps, out double sumMetropolis,
        out double[] proposalPosition)
    {
        _metric = metric;
        _random = random;
        _initialHamiltonian = initialHamiltonian;
        _leapfrogSteps = 0;
        _sumMetropolis = 0;
        _divergent = false;
        bool valid = BuildTree(depth, start, signedStepSize, pSharpBegin, pSharpEnd, rho, pBegin, pEnd, ref logSumWeight, ref _proposeSlot);
        leapfrogSteps = _leapfrogSteps;
        sumMetropolis = _sumMetropolis;
        proposalPosition = (double[])_slots[_proposeSlot].Position.Clone();
        return valid;
    }

    /// <summary>
    /// Builds a subtree of 2^<paramref name="depth"/> leapfrog steps from <paramref name="z"/> (Stan <c>build_tree</c>).
    /// "Begin" is the end adjacent to the existing trajectory, "end" the far end, in integration order.
    /// Adds the subtree's summed momentum to <paramref name="rho"/> and its log weight to <paramref name="logSumWeight"/>;
    /// leaves its proposal in slot <paramref name="proposeSlot"/>. Returns false if it diverged or turned.
    /// </summary>
    private bool BuildTree(int depth, PhasePoint z, double signedStepSize, Span<double> pSharpBegin, Span<double> pSharpEnd,
        Span<double> rho, Span<double> pBegin, Span<double> pEnd, ref double logSumWeight, ref int proposeSlot)
    {
        if (depth == 0)
        {
            Leapfrog.Step(_density, _metric, z, signedStepSize);
            _leapfrogSteps++;
            double h = z.Hamiltonian; // NaN already mapped to +∞
            if (double.IsPositiveInfinity(h) || h - _initialHamiltonian > _options.MaxEnergyError) _divergent = true;
            double logWeight = _initialHamiltonian - h;
            logSumWeight = LogSumExp(logSumWeight, logWeight);
            _sumMetropolis += logWeight > 0 ? 1.0 : Math.Exp(logWeight);
            _slots[proposeSlot].CopyFrom(z, h);
            z.Velocity.CopyTo(pSharpBegin);
            z.Velocity.CopyTo(pSharpEnd);
            TensorPrimitives.Add(rho, z.Momentum, rho);
            z.Momentum.CopyTo(pBegin);
            z.Momentum.CopyTo(pEnd);
            return !_divergent;
        }

        // First half, accumulating into fresh ρ_init and weight.
        double[] rhoInit = _rhoInit[depth];
        Array.Clear(rhoInit);
        double logSumWeightInit = double.NegativeInfinity;
        if (!BuildTree(depth - 1, z, signedStepSize, pSharpBegin, _pSharpInitEnd[depth], rhoInit, pBegin, _pInitEnd[depth],
                ref logSumWeightInit, ref proposeSlot))
            return false;

        // Second half, continuing from where the first stopped.
        double[] rhoFinal = _rhoFinal[depth];
        Array.Clear(rhoFinal);
        double logSumWeightFinal = double.NegativeInfinity;
        if (!BuildTree(depth - 1, z, signedStepSize, _pSharpFinalBegin[depth], pSharpEnd, rhoFinal, _pFinalBegin[depth], pEnd,
                ref logSumWeightFinal, ref _levelFinalSlot[depth]))
            return false;

        // Uniform progressive sampling between the halves.
        double logSumWeightSubtree = LogSumExp(logSumWeightInit, logSumWeightFinal);
        logSumWeight = LogSumExp(logSumWeight, logSumWeightSubtree);
        if (logSumWeightFinal > logSumWeightSubtree) SwapSlots(ref proposeSlot, ref _levelFinalSlot[depth]);
        else if (_random.NextDouble() < Math.Exp(logSumWeightFinal - logSumWeightSubtree)) SwapSlots(ref proposeSlot, ref _levelFinalSlot[depth]);

        // ρ_subtree = ρ_init + ρ_final; generalised U-turn on the subtree and across its inner boundary.
        TensorPrimitives.Add(rhoInit, rhoFinal, _rhoScratch);
        TensorPrimitives.Add(rho, _rhoScratch, rho);
        bool persist = NoUTurn(pSharpBegin, pSharpEnd, _rhoScratch);
        TensorPrimitives.Add(rhoInit, _pFinalBegin[depth], _rhoScratch);
        persist = persist && NoUTurn(pSharpBegin, _pSharpFinalBegin[depth], _rhoScratch);
        TensorPrimitives.Add(rhoFinal, _pInitEnd[depth], _rhoScratch);
        persist = persist && NoUTurn(_pSharpInitEnd[depth], pSharpEnd, _rhoScratch);
        return persist;
    }

    /// <summary>Generalised no-U-turn criterion: p♯₊·ρ &gt; 0 and p♯₋·ρ &gt; 0 (strict, as Stan).</summary>
    private static bool NoUTurn(ReadOnlySpan<double> pSharpMinus, ReadOnlySpan<double> pSharpPlus, ReadOnlySpan<double> rho)
        => TensorPrimitives.Dot(pSharpPlus, rho) > 0 && TensorPrimitives.Dot(pSharpMinus, rho) > 0;

    /// <summary>log(eᵃ + eᵇ), exact for −∞ arguments.</summary>
    internal static double LogSumExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        return a > b ? a + Math.Log(1.0 + Math.Exp(b - a)) : b + Math.Log(1.0 + Math.Exp(a - b));
    }

    private void SwapSampleAndProposal() => SwapSlots(ref _sampleSlot, ref _proposeSlot);

    private static void SwapSlots(ref int a, ref int b) => (a, b) = (b, a);

    private static double[][] Vectors(int count, int dimension)
    {
        var vectors = new double[count][];
        for (int i = 0; i < count; i++) vectors[i] = new double[dimension];
        return vectors;
    }
}
