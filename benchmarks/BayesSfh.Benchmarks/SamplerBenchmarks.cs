using BenchmarkDotNet.Attributes;
using BayesSfh.Diagnostics;
using BayesSfh.Randomness;
using BayesSfh.Sampling;
using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Hamiltonian;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Sampling.Nuts;
using BayesSfh.Sampling.Running;

namespace BayesSfh.Benchmarks;

/// <summary>
/// NUTS sampler cost on a 100-dimensional standard normal, whose gradient is almost free, so that what is measured is
/// the sampler itself. Sampler overhead per gradient evaluation = <see cref="NutsTransition"/> / L̄ −
/// <see cref="GradientEvaluation"/>, with L̄ the mean leapfrog steps per transition printed by the setup (the benchmark
/// replays the same 100 transitions every invocation, so L̄ is exact for what is timed). The setup also runs 4 chains
/// × (1000 warm-up + 1000 draws) and prints the effective sample size (posterior's <c>ess_mean</c> from
/// <see cref="Ess.Mean"/>) per gradient evaluation, for θᵢ and θᵢ².
/// Run: <c>dotnet run -c Release --project benchmarks/BayesSfh.Benchmarks -- --filter '*SamplerBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class SamplerBenchmarks
{
    private const int Dimension = 100, TransitionsPerInvoke = 100;
    private const ulong Seed = 20240601;
    private GuardedLogDensity _density = null!;
    private NutsKernel _kernel = null!;
    private PhasePoint _start = null!, _state = null!;
    private IMetric _metric = null!;
    private double _stepSize;
    private readonly double[] _gradient = new double[Dimension];

    /// <summary>Warms one chain up, records its adapted step size and metric, L̄, and ESS per gradient of a full run.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _density = new GuardedLogDensity(new StandardNormal(Dimension));
        _kernel = new NutsKernel(_density, new NutsOptions());
        _start = new PhasePoint(Dimension);
        _state = new PhasePoint(Dimension);
        var random = Xoshiro256StarStar.ForStream(Seed, 0);
        for (int i = 0; i < Dimension; i++) _start.Position[i] = random.NextUniform(-2, 2);
        _start.LogDensity = _density.ValueAndGradient(_start.Position, _start.Gradient);
        var adapter = new WarmupAdapter(_density, 1000, new WarmupOptions());
        adapter.Start(random, _start);
        for (int i = 0; i < 1000; i++) adapter.Learn(i, _kernel.Transition(random, _start, adapter.StepSize, adapter.Metric), _start, random);
        var adaptation = adapter.Finish();
        _stepSize = adaptation.StepSize;
        _metric = adaptation.Metric;
        long leapfrogs = NutsTransition();
        Console.WriteLine($"// SamplerBenchmarks: d = {Dimension}, adapted ε = {_stepSize:F4}, L̄ = {leapfrogs / (double)TransitionsPerInvoke:F2} leapfrog steps per timed transition");
        ReportEssPerGradient();
    }

    /// <summary>One NUTS transition (the same 100 replayed per invocation), adapted diagonal metric.</summary>
    [Benchmark(OperationsPerInvoke = TransitionsPerInvoke)]
    public long NutsTransition()
    {
        var random = new Xoshiro256StarStar(Seed);
        _state.CopyFrom(_start);
        long leapfrogs = 0;
        for (int i = 0; i < TransitionsPerInvoke; i++) leapfrogs += _kernel.Transition(random, _state, _stepSize, _metric).LeapfrogSteps;
        return leapfrogs;
    }

    /// <summary>One log density and gradient of the 100-d standard normal, through the guard the sampler uses.</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public double GradientEvaluation()
    {
        double sum = 0;
        for (int i = 0; i < 1000; i++) sum += _density.ValueAndGradient(_start.Position, _gradient);
        return sum;
    }

    private static void ReportEssPerGradient()
    {
        var result = NutsSampler.Run(_ => new StandardNormal(Dimension), new SamplerRunOptions { Seed = Seed, MaxDegreeOfParallelism = 1 });
        long samplingGradients = result.Chains.Sum(c => c.Statistics.SamplingGradientEvaluations);
        long allGradients = result.GradientEvaluations;
        double minMean = double.PositiveInfinity, sumMean = 0, minSquare = double.PositiveInfinity, sumSquare = 0;
        for (int i = 0; i < Dimension; i++)
        {
            var chains = result.Chains.Select(c => c.Coordinate(i)).ToArray();
            double essMean = Ess.Mean(DrawsMatrix.FromChains(chains)), essSquare = Ess.Mean(DrawsMatrix.FromChains(chains.Select(c => c.Select(x => x * x).ToArray()).ToArray()));
            minMean = Math.Min(minMean, essMean);
            sumMean += essMean;
            minSquare = Math.Min(minSquare, essSquare);
            sumSquare += essSquare;
        }
        Console.WriteLine($"// SamplerBenchmarks: 4 chains × 1000 draws, {samplingGradients} sampling gradients ({allGradients} with warm-up)");
        Console.WriteLine($"// ESS(θᵢ): mean {sumMean / Dimension:F0}, min {minMean:F0}; ESS(θᵢ²): mean {sumSquare / Dimension:F0}, min {minSquare:F0}");
        Console.WriteLine($"// ESS per sampling gradient: θ mean {sumMean / Dimension / samplingGradients:F4}, min {minMean / samplingGradients:F4}; θ² mean {sumSquare / Dimension / samplingGradients:F4}, min {minSquare / samplingGradients:F4}");
        Console.WriteLine($"// ESS per gradient incl. warm-up: θ min {minMean / allGradients:F4}; θ² min {minSquare / allGradients:F4}");
    }

    /// <summary>log π = −½|q|², ∇ = −q.</summary>
    private sealed class StandardNormal(int dimension) : ILogDensity
    {
        public int Dimension { get; } = dimension;

        public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
        {
            double s = 0;
            for (int i = 0; i < position.Length; i++)
            {
                s += position[i] * position[i];
                gradient[i] = -position[i];
            }
            return -0.5 * s;
        }
    }
}
