using System.Collections.Immutable;
using BayesSfh.Diagnostics;
using BayesSfh.Metallicity;
using BayesSfh.Modelling;
using BayesSfh.Randomness;

namespace BayesSfh.Products;

/// <summary>
/// Posterior products of an SFH fit, computed from posterior draws and the model: the credible SFH, the metallicity
/// model's posterior (MZR/AMR bands), the MDF, mass- and light-weighted mean ages and metallicities, and a posterior
/// predictive check of the Hess diagram. Every quantity is computed per draw, then summarised by
/// <see cref="CredibleInterval"/> (mean, median, 16/84 % and 2.5/97.5 % quantiles).
/// </summary>
/// <example>
/// <code>
/// var run = RunDirectory.Load("chains/example-run");
/// var products = PosteriorProducts.Compute(run.Model, run.Draws);
/// Console.WriteLine($"M = {products.Sfh.TotalMass.Median:E3} M☉, t50 = {products.Sfh.T50Gyr.Median:F2} Gyr");
/// ProductWriter.Write(Path.Combine(run.Path, "summary"), products);
/// </code>
/// </example>
public sealed class PosteriorProducts
{
    private PosteriorProducts(int drawCount, ProductOptions options, ImmutableArray<ParameterPosterior> parameters, SfhProducts sfh,
        MetallicityProducts? metallicity, MdfProducts mdf, PopulationMeans means, PredictiveCheck? check)
    {
        DrawCount = drawCount;
        Options = options;
        Parameters = parameters;
        Sfh = sfh;
        Metallicity = metallicity;
        Mdf = mdf;
        Means = means;
        Check = check;
    }

    /// <summary>Number of draws summarised (all chains).</summary>
    public int DrawCount { get; }

    /// <summary>The options used.</summary>
    public ProductOptions Options { get; }

    /// <summary>Posterior of every natural parameter of the model, in the model's order.</summary>
    public ImmutableArray<ParameterPosterior> Parameters { get; }

    /// <summary>The credible SFH, total mass, t50 and t90.</summary>
    public SfhProducts Sfh { get; }

    /// <summary>Metallicity-model parameters, μ per time bin, MZR band; null for the free model.</summary>
    public MetallicityProducts? Metallicity { get; }

    /// <summary>The metallicity distribution function.</summary>
    public MdfProducts Mdf { get; }

    /// <summary>Mass- and light-weighted mean ages and metallicities.</summary>
    public PopulationMeans Means { get; }

    /// <summary>The posterior predictive check; null when <see cref="ProductOptions.PredictiveDraws"/> is 0.</summary>
    public PredictiveCheck? Check { get; }

    /// <summary>The posterior of the parameter <paramref name="name"/>, or null.</summary>
    public ParameterPosterior? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>Computes every product from <paramref name="draws"/> of <paramref name="model"/>'s parameters.</summary>
    /// <param name="model">The model the draws come from (templates, time bins, metallicity model, observed diagram).</param>
    /// <param name="draws">Draws of at least every name in <see cref="SfhModel.OutputNames"/> (natural units); other columns are ignored.</param>
    /// <param name="options">Options; the defaults when null.</param>
    /// <exception cref="ArgumentException">A model parameter has no column in the draws, or an option is out of range.</exception>
    public static PosteriorProducts Compute(SfhModel model, PosteriorDraws draws, ProductOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(draws);
        options = (options ?? new ProductOptions()).Validate();
        var names = model.OutputNames;
        var columns = names.Select(n => draws.IndexOf(n)).ToArray();
        int missing = Array.IndexOf(columns, -1);
        if (missing >= 0) throw new ArgumentException($"The draws have no column '{names[missing]}', a parameter of the model.", nameof(draws));

        var pass = new DrawPass(model, draws, columns, options);
        pass.Run();
        var parameters = names.Select((name, i) =>
        {
            var values = draws.Column(name);
            return new ParameterPosterior(name, CredibleInterval.Of(values), SampleStatistics.StandardDeviation(values), model.Layout.IsFixed[i]);
        }).ToImmutableArray();
        var metallicity = pass.BuildMetallicity(parameters);
        var check = options.PredictiveDraws > 0 ? pass.BuildCheck() : null;
        return new PosteriorProducts(draws.Count, options, parameters, pass.BuildSfh(), metallicity, pass.BuildMdf(), pass.BuildMeans(), check);
    }

    /// <summary>The per-draw computations and their accumulators.</summary>
    private sealed class DrawPass
    {
        private readonly SfhModel _model;
        private readonly PosteriorDraws _draws;
        private readonly int[] _columns;
        private readonly ProductOptions _options;
        private readonly HierarchicalCoefficientMap? _hierarchical;
        private readonly int _ages, _metals, _draw, _mapCount, _sspCount;
        private readonly double[] _lookbackEdges, _widths, _templateLogAge, _templateMH, _starsPerMass;
        private readonly double[]? _luminosity, _fineGrid;
        private readonly int[] _templateMetal;
        private readonly double[] _natural, _coefficients, _masses, _cumulative, _means, _expected, _meanModel;
        private readonly ICoefficientEvaluator _evaluator;
        private readonly BandBuilder _mass, _sfr, _cumulativeMass, _cumulativeFraction, _mdfMass, _mdfStars;
        private readonly BandBuilder? _meanMetallicity, _fine;
        private readonly double[] _total, _t50, _t90, _log10Oldest;
        private readonly double[][] _massMeans, _lightMeans;

        public DrawPass(SfhModel model, PosteriorDraws draws, int[] columns, ProductOptions options)
        {
            _model = model;
            _draws = draws;
            _columns = columns;
            _options = options;
            _hierarchical = model.Map as HierarchicalCoefficientMap;
            var grid = model.Templates.Grid;
            var templates = model.Templates.Templates;
            _ages = model.Ages.Count;
            _metals = grid.Metallicities.Length;
            _draw = draws.Count;
            _mapCount = model.Map.Parameters.Count;
            _sspCount = model.Map.CoefficientCount;
            _lookbackEdges = [.. model.Ages.LogEdges.Select(e => Math.Pow(10, e - 9))];
            _widths = [.. model.Ages.Widths];
            _templateLogAge = [.. templates.Select(t => t.LogAge)];
            _templateMH = [.. templates.Select(t => t.MH)];
            _templateMetal = [.. grid.MetallicityIndexOfTemplate];
            _starsPerMass = [.. templates.Select(t => t.StarsPerMass)];
            _luminosity = model.Templates.HasLuminosity ? [.. templates.Select(t => t.LuminosityPerMass!.Value)] : null;
            _natural = new double[model.Layout.NaturalCount];
            _coefficients = new double[model.Likelihood.CoefficientCount];
            _masses = new double[_ages];
            _cumulative = new double[_ages + 1];
            _means = new double[_ages];
            _expected = new double[model.Templates.BinCount];
            _meanModel = new double[model.Templates.BinCount];
            _evaluator = model.Map.CreateEvaluator();
            _mass = new BandBuilder(_ages, _draw);
            _sfr = new BandBuilder(_ages, _draw);
            _cumulativeMass = new BandBuilder(_ages + 1, _draw);
            _cumulativeFraction = new BandBuilder(_ages + 1, _draw);
            _mdfMass = new BandBuilder(_metals, _draw);
            _mdfStars = new BandBuilder(_metals, _draw);
            _total = new double[_draw];
            _t50 = new double[_draw];
            _t90 = new double[_draw];
            _log10Oldest = new double[_draw];
            _massMeans = [new double[_draw], new double[_draw], new double[_draw]];
            _lightMeans = [new double[_draw], new double[_draw], new double[_draw]];
            if (_hierarchical is not null)
            {
                _meanMetallicity = new BandBuilder(_ages, _draw);
                if (_hierarchical.Dispersion is GaussianDispersion)
                {
                    double low = grid.Metallicities[0] - options.FineMetallicityMargin, high = grid.Metallicities[^1] + options.FineMetallicityMargin;
                    int points = (int)Math.Floor((high - low) / options.FineMetallicityStep + 1e-9) + 1;
                    _fineGrid = [.. Enumerable.Range(0, points).Select(i => low + i * options.FineMetallicityStep)];
                    _fine = new BandBuilder(points, _draw);
                }
            }
        }

        public void Run()
        {
            for (int s = 0; s < _draw; s++)
            {
                LoadDraw(s);
                Sfh(s);
                Mdf(s);
                WeightedMeans(s);
                if (_hierarchical is not null) MeanMetallicity(s);
                if (_options.PredictiveDraws > 0)
                {
                    _model.Likelihood.ExpectedCounts(_coefficients, _expected);
                    for (int i = 0; i < _expected.Length; i++) _meanModel[i] += _expected[i];
                }
            }
            for (int i = 0; i < _meanModel.Length; i++) _meanModel[i] /= _draw;
        }

        /// <summary>Natural parameters, masses per bin and coefficients of draw <paramref name="s"/>.</summary>
        private void LoadDraw(int s)
        {
            var row = _draws.Draw(s);
            for (int p = 0; p < _natural.Length; p++) _natural[p] = row[_columns[p]];
            var mapParameters = _natural.AsSpan(0, _mapCount);
            _model.Map.MassPerAgeBin(mapParameters, _masses);
            _evaluator.Coefficients(mapParameters, _coefficients.AsSpan(0, _sspCount));
            _natural.AsSpan(_mapCount).CopyTo(_coefficients.AsSpan(_sspCount));
        }

        private void Sfh(int s)
        {
            _cumulative[_ages] = 0;
            for (int j = _ages - 1; j >= 0; j--) _cumulative[j] = _cumulative[j + 1] + _masses[j];
            double total = _cumulative[0];
            _total[s] = total;
            for (int j = 0; j < _ages; j++)
            {
                _mass.Set(j, s, _masses[j]);
                _sfr.Set(j, s, _masses[j] / _widths[j]);
            }
            for (int e = 0; e <= _ages; e++)
            {
                _cumulativeMass.Set(e, s, _cumulative[e]);
                _cumulativeFraction.Set(e, s, total > 0 ? _cumulative[e] / total : double.NaN);
            }
            _t50[s] = SfhProducts.FormationLookbackGyr(_masses, _lookbackEdges, 0.5);
            _t90[s] = SfhProducts.FormationLookbackGyr(_masses, _lookbackEdges, 0.9);
            _log10Oldest[s] = Math.Log10(_masses[_ages - 1]);
        }

        private void Mdf(int s)
        {
            Span<double> byMass = stackalloc double[_metals];
            Span<double> byStars = stackalloc double[_metals];
            byMass.Clear();
            byStars.Clear();
            double mass = 0, stars = 0;
            for (int t = 0; t < _sspCount; t++)
            {
                double r = _coefficients[t], n = r * _starsPerMass[t];
                byMass[_templateMetal[t]] += r;
                byStars[_templateMetal[t]] += n;
                mass += r;
                stars += n;
            }
            for (int k = 0; k < _metals; k++)
            {
                _mdfMass.Set(k, s, byMass[k] / mass);
                _mdfStars.Set(k, s, byStars[k] / stars);
            }
        }

        private void WeightedMeans(int s)
        {
            double mass = 0, massLogAge = 0, massAge = 0, massMH = 0, light = 0, lightLogAge = 0, lightAge = 0, lightMH = 0;
            for (int t = 0; t < _sspCount; t++)
            {
                double r = _coefficients[t], age = Math.Pow(10, _templateLogAge[t] - 9);
                mass += r;
                massLogAge += r * _templateLogAge[t];
                massAge += r * age;
                massMH += r * _templateMH[t];
                if (_luminosity is null) continue;
                double l = r * _luminosity[t];
                light += l;
                lightLogAge += l * _templateLogAge[t];
                lightAge += l * age;
                lightMH += l * _templateMH[t];
            }
            (_massMeans[0][s], _massMeans[1][s], _massMeans[2][s]) = (massLogAge / mass, massAge / mass, massMH / mass);
            (_lightMeans[0][s], _lightMeans[1][s], _lightMeans[2][s]) = (lightLogAge / light, lightAge / light, lightMH / light);
        }

        private void MeanMetallicity(int s)
        {
            var map = _hierarchical!;
            map.MeanMetallicities(_natural.AsSpan(0, _mapCount), _means);
            for (int j = 0; j < _ages; j++) _meanMetallicity!.Set(j, s, _means[j]);
            if (_fine is null) return;
            // p(MH) = Σ_j R_j N(MH; μ_j, σ) / Σ_j R_j, with N = exp(ln A)/(σ√(2π)) for the Gaussian ln A = −½((MH − μ)/σ)².
            var dispersion = _natural.AsSpan(_ages + map.MeanModel.Parameters.Count, map.Dispersion.Parameters.Count);
            double sigma = dispersion[0];
            Span<double> scratch = stackalloc double[dispersion.Length];
            double normaliser = 1 / (_total[s] * sigma * Math.Sqrt(2 * Math.PI));
            for (int i = 0; i < _fineGrid!.Length; i++)
            {
                double sum = 0;
                for (int j = 0; j < _ages; j++)
                    sum += _masses[j] * Math.Exp(map.Dispersion.LogWeight(dispersion, _fineGrid[i], _means[j], scratch, out _));
                _fine.Set(i, s, sum * normaliser);
            }
        }

        public SfhProducts BuildSfh() => new(
            [.. _model.Ages.LogAges], [.. _model.Ages.LogEdges], [.. _lookbackEdges], [.. _widths],
            _mass.ToBand(), _sfr.ToBand(), _cumulativeMass.ToBand(), _cumulativeFraction.ToBand(),
            CredibleInterval.Of(_total), CredibleInterval.Of(_t50), CredibleInterval.Of(_t90));

        public MdfProducts BuildMdf() => new([.. _model.Templates.Grid.Metallicities], _mdfMass.ToBand(), _mdfStars.ToBand(),
            _fineGrid is null ? null : [.. _fineGrid], _fine?.ToBand());

        public PopulationMeans BuildMeans() => new(
            new WeightedMeans(CredibleInterval.Of(_massMeans[0]), CredibleInterval.Of(_massMeans[1]), CredibleInterval.Of(_massMeans[2])),
            _luminosity is null ? null : new WeightedMeans(CredibleInterval.Of(_lightMeans[0]), CredibleInterval.Of(_lightMeans[1]), CredibleInterval.Of(_lightMeans[2])));

        public MetallicityProducts? BuildMetallicity(ImmutableArray<ParameterPosterior> parameters)
        {
            if (_hierarchical is null) return null;
            var meanModel = _hierarchical.MeanModel;
            var own = meanModel.Parameters.Concat(_hierarchical.Dispersion.Parameters).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            double[]? massGrid = null;
            CredibleBand? mzr = null;
            if (meanModel.UsesStellarMass)
            {
                massGrid = MassGrid();
                var band = new BandBuilder(massGrid.Length, _draw);
                Span<double> scratch = stackalloc double[meanModel.Parameters.Count];
                for (int s = 0; s < _draw; s++)
                {
                    var row = _draws.Draw(s);
                    for (int p = 0; p < _natural.Length; p++) _natural[p] = row[_columns[p]];
                    var meanParameters = _natural.AsSpan(_ages, meanModel.Parameters.Count);
                    for (int g = 0; g < massGrid.Length; g++) band.Set(g, s, meanModel.Mean(meanParameters, double.NaN, massGrid[g], scratch, out _));
                }
                mzr = band.ToBand();
            }
            return new MetallicityProducts([.. parameters.Where(p => own.Contains(p.Name))], [.. _model.Ages.LogAges],
                [.. Enumerable.Range(0, _ages).Select(_model.Ages.LookbackGyr)], _meanMetallicity!.ToBand(), massGrid, mzr);
        }

        /// <summary>log10 M* from the 2.5th percentile of log10 R_J to the 97.5th percentile of log10 M_total.</summary>
        private double[] MassGrid()
        {
            double low = SampleStatistics.Quantile(_log10Oldest, CredibleInterval.Low95Probability);
            double high = SampleStatistics.Quantile(_total.Select(Math.Log10).ToArray(), CredibleInterval.High95Probability);
            if (!double.IsFinite(high)) high = 0;
            if (!double.IsFinite(low) || low >= high) low = high - 1;
            int n = _options.MassGridPoints;
            return [.. Enumerable.Range(0, n).Select(i => low + (high - low) * i / (n - 1))];
        }

        public PredictiveCheck BuildCheck()
        {
            var observed = _model.Observed.Counts.ToArray();
            int used = Math.Min(_draw, _options.PredictiveDraws);
            var observedStatistic = new double[used];
            var replicatedStatistic = new double[used];
            var replicated = new double[observed.Length];
            int exceed = 0;
            for (int i = 0; i < used; i++)
            {
                int s = (int)((long)i * _draw / used);
                LoadDraw(s);
                _model.Likelihood.ExpectedCounts(_coefficients, _expected);
                var rng = Xoshiro256StarStar.ForStream(_options.Seed, i);
                for (int b = 0; b < replicated.Length; b++) replicated[b] = _expected[b] > 0 ? rng.NextPoisson(_expected[b]) : 0;
                observedStatistic[i] = PredictiveCheck.Statistic(observed, _expected);
                replicatedStatistic[i] = PredictiveCheck.Statistic(replicated, _expected);
                if (replicatedStatistic[i] >= observedStatistic[i]) exceed++;
            }
            var residuals = new double[observed.Length];
            for (int b = 0; b < observed.Length; b++) residuals[b] = PredictiveCheck.SignedDevianceResidual(observed[b], _meanModel[b]);
            return new PredictiveCheck(observed, [.. _meanModel], residuals, _model.Observed.Grid, (double)exceed / used, used, _options.Seed,
                CredibleInterval.Of(observedStatistic), CredibleInterval.Of(replicatedStatistic));
        }
    }
}
