using System.Numerics.Tensors;
using BayesSfh.Metallicity;
using BayesSfh.Parameters;
using BayesSfh.Templates;

namespace BayesSfh.Modelling;

/// <summary>
/// Coefficients tied by a metallicity model: r_jk = R_j w_jk with w_jk = A_jk / Σ_k A_jk, A from the dispersion model
/// around the mean μ_j of the mean-metallicity model (an AMR, or an MZR of the cumulative birth mass
/// M*_j = Σ_{j' ≥ j} R_j', bins ordered youngest first). Parameters: <c>R.1 … R.J</c> (M☉ formed per age bin, increasing
/// log age), then the mean model's, then the dispersion model's. Needs a complete age × metallicity grid.
/// </summary>
/// <remarks>
/// Weights are normalised with a log-sum-exp, so μ far outside the grid gives a one-hot weight, never 0/0.
/// The pullback costs O(J·K): ∂F/∂μ_j feeds every older-or-equal bin's R through a prefix sum
/// (∂M*_j/∂R_j' = 1 for j' ≥ j), as in StarFormationHistories.jl's MZR gradient.
/// </remarks>
public sealed class HierarchicalCoefficientMap : IGroupedCoefficientMap
{
    private readonly int[] _templateOfCell;
    private readonly double[] _metallicities;
    private readonly double[] _lookbackGyr;
    private readonly AgeBins _ages;

    /// <summary>Creates the map.</summary>
    /// <exception cref="IncompleteGridException">Some (age, metallicity) cell has no template.</exception>
    public HierarchicalCoefficientMap(TemplateSet templates, AgeBins ages, IMeanMetallicityModel meanModel, IMetallicityDispersion dispersion)
    {
        var grid = templates.Grid;
        if (!grid.IsComplete) throw new IncompleteGridException(grid.MissingCells().ToList());
        if (ages.Count != grid.LogAges.Length) throw new ArgumentException($"{ages.Count} age bins for {grid.LogAges.Length} template ages.");
        MeanModel = meanModel;
        Dispersion = dispersion;
        _ages = ages;
        AgeCount = grid.LogAges.Length;
        MetallicityCount = grid.Metallicities.Length;
        _metallicities = [.. grid.Metallicities];
        _lookbackGyr = [.. Enumerable.Range(0, AgeCount).Select(ages.LookbackGyr)];
        _templateOfCell = new int[AgeCount * MetallicityCount];
        for (int j = 0; j < AgeCount; j++)
            for (int k = 0; k < MetallicityCount; k++)
                _templateOfCell[j * MetallicityCount + k] = grid.TemplateAt(j, k);
        CoefficientCount = templates.Templates.Length;
        Parameters =
        [
            .. grid.LogAges.Select((a, j) => new ParameterDefinition($"R.{j + 1}", ParameterConstraint.Positive, $"stellar mass formed in age bin {j + 1} (log age {a}) (M☉)")),
            .. meanModel.Parameters,
            .. dispersion.Parameters,
        ];
        var duplicate = Parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Parameter name '{duplicate.Key}' is used twice by the metallicity models.");
    }

    /// <summary>The mean-metallicity model.</summary>
    public IMeanMetallicityModel MeanModel { get; }

    /// <summary>The dispersion model.</summary>
    public IMetallicityDispersion Dispersion { get; }

    /// <summary>Number of age bins J.</summary>
    public int AgeCount { get; }

    /// <summary>Number of metallicities K.</summary>
    public int MetallicityCount { get; }

    /// <inheritdoc/>
    public IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <inheritdoc/>
    public int CoefficientCount { get; }

    /// <inheritdoc/>
    public int MassParameterCount => AgeCount;

    /// <inheritdoc/>
    public ICoefficientEvaluator CreateEvaluator() => new Evaluator(this);

    /// <inheritdoc/>
    /// <remarks>One group per age bin: s_j = R_j, v_jk,0 = w_jk, v_jk,1 = w_jk (∂lnA_jk/∂μ_j − Σ_k' w_jk' ∂lnA_jk'/∂μ_j) and
    /// v_jk,1+d = w_jk (∂lnA_jk/∂p_d − Σ_k' w_jk' ∂lnA_jk'/∂p_d) per dispersion parameter p_d, so that γ_j,0 = ∂F/∂R_j at
    /// fixed μ, γ_j,1 = ∂F/∂μ_j / R_j and Σ_j R_j γ_j,1+d = ∂F/∂p_d.</remarks>
    public int GroupCount => AgeCount;

    /// <inheritdoc/>
    public int DirectionCount => 2 + Dispersion.Parameters.Count;

    /// <inheritdoc/>
    public IReadOnlyList<int> CoefficientGroups
    {
        get
        {
            var groups = new int[CoefficientCount];
            for (int cell = 0; cell < _templateOfCell.Length; cell++) groups[_templateOfCell[cell]] = cell / MetallicityCount;
            return groups;
        }
    }

    /// <inheritdoc/>
    public IGroupedCoefficientEvaluator CreateGroupedEvaluator() => new Evaluator(this);

    /// <inheritdoc/>
    public void InitialGuess(double totalMass, Span<double> parameters)
    {
        double totalTime = _ages.Widths.Sum();
        for (int j = 0; j < AgeCount; j++) parameters[j] = totalMass * _ages.Widths[j] / totalTime;
        var context = new MetallicityGuessContext(_metallicities[0], _metallicities[^1], _ages.MaxAgeGyr, totalMass);
        int pm = MeanModel.Parameters.Count;
        MeanModel.InitialGuess(context, parameters.Slice(AgeCount, pm));
        Dispersion.InitialGuess(context, parameters.Slice(AgeCount + pm, Dispersion.Parameters.Count));
    }

    /// <inheritdoc/>
    public void MassPerAgeBin(ReadOnlySpan<double> parameters, Span<double> destination) => parameters[..AgeCount].CopyTo(destination);

    /// <summary>Mean metallicity μ_j of each age bin at <paramref name="parameters"/> (youngest first).</summary>
    public void MeanMetallicities(ReadOnlySpan<double> parameters, Span<double> destination)
    {
        var evaluator = new Evaluator(this);
        evaluator.Coefficients(parameters, new double[CoefficientCount]);
        evaluator.Means.CopyTo(destination);
    }

    private sealed class Evaluator : IGroupedCoefficientEvaluator
    {
        private readonly HierarchicalCoefficientMap _map;
        private readonly int _meanCount, _dispersionCount;
        private readonly double[] _mass, _cumulative, _mean, _dMeanDParameters, _dMeanDLogMass;
        private readonly double[] _weights, _dLogWeightDMean, _meanSlope, _meanParameterSlope, _dispersionGradient, _groupGradients;
        // ∂lnA/∂p per age bin j, parameter d, metallicity k at (j·P + d)·K + k (the layout of IMetallicityDispersion.LogWeights).
        private readonly double[] _dLogWeightDParameters;

        public Evaluator(HierarchicalCoefficientMap map)
        {
            _map = map;
            int ages = map.AgeCount, cells = ages * map.MetallicityCount;
            _meanCount = map.MeanModel.Parameters.Count;
            _dispersionCount = map.Dispersion.Parameters.Count;
            _mass = new double[ages];
            _cumulative = new double[ages];
            _mean = new double[ages];
            _dMeanDParameters = new double[ages * _meanCount];
            _dMeanDLogMass = new double[ages];
            _weights = new double[cells];
            _dLogWeightDMean = new double[cells];
            _dLogWeightDParameters = new double[cells * _dispersionCount];
            _meanSlope = new double[ages];
            _meanParameterSlope = new double[ages * _dispersionCount];
            _dispersionGradient = new double[_dispersionCount];
            _groupGradients = new double[ages * map.DirectionCount];
        }

        public ReadOnlySpan<double> Means => _mean;

        public void Coefficients(ReadOnlySpan<double> parameters, Span<double> coefficients)
        {
            int ages = _map.AgeCount, metals = _map.MetallicityCount;
            var meanParameters = parameters.Slice(ages, _meanCount);
            var dispersionParameters = parameters.Slice(ages + _meanCount, _dispersionCount);
            parameters[..ages].CopyTo(_mass);
            var templateOfCell = _map._templateOfCell.AsSpan(0, ages * metals);
            double total = 0;
            for (int j = ages - 1; j >= 0; j--)
            {
                total += _mass[j];
                _cumulative[j] = total;
            }
            // ln A_jk − max_k ln A_jk for every cell, then one vectorised exp over all of them: w_jk = exp(·) / Σ_k exp(·).
            // The largest term of each bin is exp(0) = 1, so the sum is ≥ 1 and never 0/0.
            for (int j = 0; j < ages; j++)
            {
                double mean = _map.MeanModel.Mean(meanParameters, _map._lookbackGyr[j], Math.Log10(_cumulative[j]),
                    _dMeanDParameters.AsSpan(j * _meanCount, _meanCount), out _dMeanDLogMass[j]);
                _mean[j] = mean;
                var logWeights = _weights.AsSpan(j * metals, metals);
                // ∂lnA_k/∂p_d of this bin at d·K + k.
                var dParameters = _dLogWeightDParameters.AsSpan(j * _dispersionCount * metals, _dispersionCount * metals);
                _map.Dispersion.LogWeights(dispersionParameters, _map._metallicities, mean, logWeights, _dLogWeightDMean.AsSpan(j * metals, metals), dParameters);
                double max = double.NegativeInfinity;
                for (int k = 0; k < metals; k++) max = Math.Max(max, logWeights[k]);
                TensorPrimitives.Subtract(logWeights, max, logWeights);
            }
            TensorPrimitives.Exp(_weights, _weights);
            for (int j = 0; j < ages; j++)
            {
                var weights = _weights.AsSpan(j * metals, metals);
                var dMean = _dLogWeightDMean.AsSpan(j * metals, metals);
                double sum = 0;
                for (int k = 0; k < metals; k++) sum += weights[k];
                double meanSlope = 0;
                double mass = _mass[j];
                for (int k = 0; k < metals; k++)
                {
                    double w = weights[k] / sum;
                    weights[k] = w;
                    meanSlope += w * dMean[k];
                    coefficients[templateOfCell[j * metals + k]] = mass * w;
                }
                for (int d = 0; d < _dispersionCount; d++)
                {
                    var dParameter = _dLogWeightDParameters.AsSpan((j * _dispersionCount + d) * metals, metals);
                    double slope = 0;
                    for (int k = 0; k < metals; k++) slope += weights[k] * dParameter[k];
                    _meanParameterSlope[j * _dispersionCount + d] = slope;
                }
                _meanSlope[j] = meanSlope;
            }
        }

        public void Directions(Span<double> groupScales, Span<double> directions)
        {
            int ages = _map.AgeCount, metals = _map.MetallicityCount, L = _map.DirectionCount;
            var templateOfCell = _map._templateOfCell.AsSpan(0, ages * metals);
            _mass.CopyTo(groupScales);
            for (int j = 0; j < ages; j++)
            {
                double meanSlope = _meanSlope[j];
                for (int k = 0; k < metals; k++)
                {
                    int cell = j * metals + k;
                    double w = _weights[cell];
                    var target = directions.Slice(templateOfCell[cell] * L, L);
                    target[0] = w;
                    target[1] = w * (_dLogWeightDMean[cell] - meanSlope);
                    for (int d = 0; d < _dispersionCount; d++)
                        target[2 + d] = w * (_dLogWeightDParameters[(j * _dispersionCount + d) * metals + k] - _meanParameterSlope[j * _dispersionCount + d]);
                }
            }
        }

        public void Pullback(ReadOnlySpan<double> dFdCoefficients, Span<double> dFdParameters)
        {
            int ages = _map.AgeCount, metals = _map.MetallicityCount, L = _map.DirectionCount;
            var templateOfCell = _map._templateOfCell.AsSpan(0, ages * metals);
            // γ_j,l = Σ_k v_jk,l ∂F/∂r_jk with the directions of Directions.
            for (int j = 0; j < ages; j++)
            {
                var gamma = _groupGradients.AsSpan(j * L, L);
                gamma.Clear();
                double meanSlope = _meanSlope[j];
                for (int k = 0; k < metals; k++)
                {
                    int cell = j * metals + k;
                    double g = dFdCoefficients[templateOfCell[cell]] * _weights[cell];
                    gamma[0] += g;
                    gamma[1] += g * (_dLogWeightDMean[cell] - meanSlope);
                    for (int d = 0; d < _dispersionCount; d++)
                        gamma[2 + d] += g * (_dLogWeightDParameters[(j * _dispersionCount + d) * metals + k] - _meanParameterSlope[j * _dispersionCount + d]);
                }
            }
            GroupPullback(_groupGradients, dFdParameters);
        }

        public void GroupPullback(ReadOnlySpan<double> groupGradients, Span<double> dFdParameters)
        {
            int ages = _map.AgeCount, L = _map.DirectionCount;
            var dFdMeanParameters = dFdParameters.Slice(ages, _meanCount);
            dFdMeanParameters.Clear();
            _dispersionGradient.AsSpan().Clear();
            double throughMass = 0;
            for (int j = 0; j < ages; j++)
            {
                var gamma = groupGradients.Slice(j * L, L);
                for (int d = 0; d < _dispersionCount; d++) _dispersionGradient[d] += _mass[j] * gamma[2 + d];
                double dFdMean = _mass[j] * gamma[1];
                for (int p = 0; p < _meanCount; p++) dFdMeanParameters[p] += dFdMean * _dMeanDParameters[j * _meanCount + p];
                // μ_j depends on M*_j = Σ_{j' ≥ j} R_j': prefix sum over younger-or-equal bins.
                if (_dMeanDLogMass[j] != 0) throughMass += dFdMean * _dMeanDLogMass[j] / (_cumulative[j] * Math.Log(10));
                dFdParameters[j] = gamma[0] + throughMass;
            }
            _dispersionGradient.CopyTo(dFdParameters.Slice(ages + _meanCount, _dispersionCount));
        }
    }
}

/// <summary>A metallicity model needs one template per (age, metallicity) cell, and some are missing.</summary>
public sealed class IncompleteGridException(IReadOnlyList<(double LogAge, double MH)> missing)
    : ArgumentException($"The age × metallicity grid is incomplete: {missing.Count} cell(s) have no template, e.g. " +
        string.Join(", ", missing.Take(5).Select(m => $"(log_age {m.LogAge}, mh {m.MH})")) +
        ". A metallicity model needs every cell; use --model free for an incomplete grid.")
{
    /// <summary>The empty cells.</summary>
    public IReadOnlyList<(double LogAge, double MH)> Missing { get; } = missing;
}
