using System.Collections.Concurrent;
using BayesSfh.Likelihood;
using BayesSfh.Modelling;
using BayesSfh.Synthetic;

namespace BayesSfh.Benchmarks;

/// <summary>The two problem sizes benchmarked.</summary>
public enum ProblemSize
{
    /// <summary>20 ages × 12 [M/H] on a 60 × 40 Hess diagram (the synthetic defaults, as the CLI example).</summary>
    Small,

    /// <summary>71 ages × 29 [M/H] on a 99 × 99 Hess diagram (the size of StarFormationHistories.jl's example).</summary>
    Large,
}

/// <summary>
/// One benchmark problem: a mock galaxy (power-law MZR truth, Poisson counts) fitted with the power-law MZR model,
/// evaluated at the model's default starting point. Everything a benchmark needs is built once here.
/// </summary>
public sealed class BenchmarkProblem
{
    private static readonly ConcurrentDictionary<ProblemSize, BenchmarkProblem> Cache = new();

    private BenchmarkProblem(ProblemSize size)
    {
        Size = size;
        TemplateOptions = size switch
        {
            ProblemSize.Small => new SyntheticTemplateOptions(),
            ProblemSize.Large => new SyntheticTemplateOptions
            {
                Ages = 71, MinLogAge = 6.6, MaxLogAge = 10.1, Metallicities = 29, MinMH = -2.8, MaxMH = 0.3,
                ColourBins = 99, MagnitudeBins = 99,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(size)),
        };
        var galaxy = MockGalaxy.Create(new MockGalaxyOptions { Templates = TemplateOptions });
        Model = SfhModel.Create(galaxy.Templates, galaxy.Observed, new SfhModelOptions { Model = MetallicityModelKind.PowerLawMzr });
        Theta = new double[Model.Layout.FreeCount];
        Model.Layout.ToTheta(Model.InitialNatural.AsSpan(), Theta);
        Coefficients = Model.Coefficients(Model.InitialNatural.AsSpan());

        // The arguments of PoissonRatio.Evaluate, rebuilt as HessLikelihood builds them. Its matrix columns are either
        // the bins that hold stars (empty active bins folded into per-template sums) or, in older builds, every active bin.
        var likelihood = Model.Likelihood;
        var counts = galaxy.Observed.Counts.ToArray();
        var active = new bool[counts.Length];
        foreach (var t in galaxy.Templates.Templates) foreach (int b in t.Bins) active[b] = true;
        int[] occupiedBins = [.. Enumerable.Range(0, counts.Length).Where(i => counts[i] > 0)];
        int[] activeBins = [.. Enumerable.Range(0, counts.Length).Where(i => active[i])];
        MatrixBins = likelihood.Matrix.ColumnCount == occupiedBins.Length ? occupiedBins
            : likelihood.Matrix.ColumnCount == activeBins.Length ? activeBins
            : throw new InvalidOperationException($"The likelihood matrix has {likelihood.Matrix.ColumnCount} columns, neither the occupied nor the active bins.");
        int n = MatrixBins.Length;
        Counts = new double[n];
        InverseCounts = new double[n];
        ZeroMask = new double[n];
        for (int a = 0; a < n; a++)
        {
            double c = counts[MatrixBins[a]];
            Counts[a] = c;
            InverseCounts[a] = c > 0 ? 1 / c : 0;
            ZeroMask[a] = c > 0 ? 0 : 1;
        }
        TemplateNonZeros = galaxy.Templates.Templates.Sum(t => (long)t.Bins.Length);
        TotalCount = likelihood.TotalCount;
    }

    /// <summary>The (cached) problem of <paramref name="size"/>.</summary>
    public static BenchmarkProblem Get(ProblemSize size) => Cache.GetOrAdd(size, s => new BenchmarkProblem(s));

    /// <summary>The sizes named on a mode's command line (<c>small</c>, <c>large</c>), both when none is named.</summary>
    public static ProblemSize[] ParseSizes(string[] args) => args.Length == 0
        ? [ProblemSize.Small, ProblemSize.Large]
        : [.. args.Select(a => Enum.Parse<ProblemSize>(a, ignoreCase: true))];

    /// <summary>The size.</summary>
    public ProblemSize Size { get; }

    /// <summary>The synthetic template grid and binning.</summary>
    public SyntheticTemplateOptions TemplateOptions { get; }

    /// <summary>The model (power-law MZR, Gaussian dispersion, flat priors).</summary>
    public SfhModel Model { get; }

    /// <summary>θ of the model's default starting point.</summary>
    public double[] Theta { get; }

    /// <summary>Template coefficients r at the starting point.</summary>
    public double[] Coefficients { get; }

    /// <summary>The bin of each column of <see cref="Matrix"/>.</summary>
    public int[] MatrixBins { get; }

    /// <summary>n_i on the matrix columns.</summary>
    public double[] Counts { get; }

    /// <summary>1/n_i (0 where n_i = 0) on the matrix columns.</summary>
    public double[] InverseCounts { get; }

    /// <summary>1 where n_i = 0, else 0, on the matrix columns.</summary>
    public double[] ZeroMask { get; }

    /// <summary>Non-zero values of all SSP templates over the full diagram.</summary>
    public long TemplateNonZeros { get; }

    /// <summary>Σ n_i.</summary>
    public double TotalCount { get; }

    /// <summary>The packed template matrix read by every evaluation.</summary>
    public BlockSparseTemplates Matrix => Model.Likelihood.Matrix;

    /// <summary>Number of SSP templates.</summary>
    public int TemplateCount => Model.Templates.Templates.Length;

    /// <summary>Bins of the full Hess diagram.</summary>
    public int BinCount => Model.Templates.BinCount;

    /// <summary>Template density: non-zeros / (templates × bins) over the full diagram.</summary>
    public double Sparsity => (double)TemplateNonZeros / ((double)TemplateCount * BinCount);

    /// <summary>NonZeros / (stored blocks × block width): how full the stored blocks are.</summary>
    public double BlockFill => (double)Matrix.NonZeros / ((double)Matrix.BlockCount * BlockSparseTemplates.BlockWidth);

    /// <summary>A short label, e.g. "20×12 / 60×40".</summary>
    public string Label => $"{TemplateOptions.Ages}×{TemplateOptions.Metallicities} / {TemplateOptions.ColourBins}×{TemplateOptions.MagnitudeBins}";
}
