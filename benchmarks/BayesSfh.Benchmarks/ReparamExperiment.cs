using System.Diagnostics;
using System.Globalization;
using BayesSfh.Diagnostics;
using BayesSfh.IO;
using BayesSfh.Modelling;
using BayesSfh.Numerics;
using BayesSfh.Optimization;
using BayesSfh.Sampling;
using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Metrics;
using BayesSfh.Sampling.Nuts;
using BayesSfh.Sampling.Running;
using MathNet.Numerics.LinearAlgebra;

namespace BayesSfh.Benchmarks;

/// <summary>
/// <c>reparam FOLDER [SEED] [RUNS] [WARMUP] [DRAWS]</c>: the geometry of the example's Laplace covariance, a gradient check
/// of <see cref="StarShareLogDensity"/>, and NUTS over θ and over φ (star-share coordinates) with the options of
/// <c>bayessfh sample</c>. RUNS is a comma list of COORDS-diag or COORDS-dense with COORDS = theta, phi (star share, MAP yields), phi1 (s = 1) or sqrt (z = √R); default phi/theta × dense/diag.
/// </summary>
public static class ReparamExperiment
{
    public static int Run(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        string folder = args.Length > 0 ? args[0] : "/tmp/rp";
        ulong seed = args.Length > 1 ? ulong.Parse(args[1]) : 2024;
        string[] runs = args.Length > 2 ? args[2].Split(',') : ["phi-dense", "theta-dense", "phi-diag", "theta-diag"];
        int warmup = args.Length > 3 ? int.Parse(args[3]) : 1000, draws = args.Length > 4 ? int.Parse(args[4]) : 1000;

        var problem = ProblemLoader.Load(new ProblemFiles(Path.Combine(folder, "templates.csv"), Path.Combine(folder, "observed.csv"),
            Path.Combine(folder, "grid.csv"), null, null));
        var model = SfhModel.Create(problem.Templates, problem.Observed, new SfhModelOptions
        {
            Model = MetallicityModelKind.PowerLawMzr,
            // REPARAM_FIX=alpha=0.35,mh0=-1 holds parameters fixed (to isolate the SFH geometry).
            Fixed = (Environment.GetEnvironmentVariable("REPARAM_FIX") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => double.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture)),
        });
        var fit = SfhFitter.Fit(model);
        int d = model.Layout.FreeCount, bins = model.Ages.Count;
        double[] thetaMap = [.. fit.Theta];
        var cov = Symmetric(fit.ThetaCovariance ?? throw new InvalidOperationException("No Laplace covariance."), d);
        Console.WriteLine($"d = {d}, J = {bins}, N_obs = {model.Observed.Total}, MAP status {fit.Status}");

        // Yields s_j at the MAP: expected stars per M☉ of bin j with the MAP metallicity weights.
        double[] natural = new double[model.Layout.NaturalCount];
        model.Layout.ToNatural(thetaMap, natural);
        var r = model.Coefficients(natural);
        var yields = new double[bins];
        for (int t = 0; t < model.Templates.Templates.Length; t++)
            yields[model.Templates.Grid.AgeIndexOfTemplate[t]] += r[t] * model.Templates.Templates[t].StarsPerMass;
        double expectedStars = yields.Sum();
        for (int j = 0; j < bins; j++) yields[j] /= natural[j];
        Console.WriteLine($"expected stars at MAP {expectedStars:F1}; yields s_j (stars/M☉) {string.Join(" ", yields.Select(s => s.ToString("G3")))}");

        Geometry(cov, thetaMap, yields, bins, d);

        // Gradient check of the φ density at φ_MAP and at two jittered points.
        var phiDensity = new StarShareLogDensity(model.CreateLogDensity(), yields);
        var phiMap = new double[d];
        phiDensity.ToPhi(thetaMap, phiMap);
        var back = new double[d];
        phiDensity.ToTheta(phiMap, back);
        Console.WriteLine($"round trip max |θ − θ(φ(θ))| = {thetaMap.Zip(back, (a, b) => Math.Abs(a - b)).Max():E2}");
        var thetaDensity = model.CreateLogDensity();
        var g = new double[d];
        Console.WriteLine($"ln p_θ(θ_MAP) = {thetaDensity.ValueAndGradient(thetaMap, g):R}, ln p_φ(φ_MAP) = {phiDensity.ValueAndGradient(phiMap, g):R}");
        var rng = new Random(7);
        for (int point = 0; point < 3; point++)
        {
            var phi = (double[])phiMap.Clone();
            if (point > 0) for (int i = 0; i < d; i++) phi[i] += 0.3 * (rng.NextDouble() - 0.5);
            var check = GradientCheck.Run(phiDensity, phi);
            var worst = check.MaxBy(e => e.RelativeError);
            Console.WriteLine($"gradient check point {point}: max relative error {worst.RelativeError:E2} (coordinate {worst.Index}: analytic {worst.Analytic:G6}, fd {worst.FiniteDifference:G6})");
        }
        // Log-Jacobian check: |det ∂φ/∂θ| at a random point.
        var jacobian = phiDensity.JacobianPhiByTheta(thetaMap);
        Console.WriteLine($"det ∂φ/∂θ at θ_MAP = {Matrix<double>.Build.Dense(d, d, (i, j) => jacobian[i * d + j]).Determinant():G6}");

        // Gradient check of the √R density.
        var sqrtDensity = new SqrtMassLogDensity(model.CreateLogDensity(), bins);
        var zMap = new double[d];
        sqrtDensity.ToZ(thetaMap, zMap);
        for (int point = 0; point < 2; point++)
        {
            var z = (double[])zMap.Clone();
            if (point > 0) for (int i = 0; i < d; i++) z[i] *= 1 + 0.2 * (rng.NextDouble() - 0.5);
            var check = GradientCheck.Run(sqrtDensity, z);
            var worst = check.MaxBy(e => e.RelativeError);
            Console.WriteLine($"√R gradient check point {point}: max relative error {worst.RelativeError:E2} (coordinate {worst.Index})");
        }

        var ones = Enumerable.Repeat(1.0, bins).ToArray();
        var phi1 = new StarShareLogDensity(model.CreateLogDensity(), ones);
        var coordinates = new Dictionary<string, Coordinates>
        {
            ["theta"] = new(() => model.CreateLogDensity(), thetaMap, Identity(d), (a, b) => a.CopyTo(b)),
            ["phi"] = new(() => new StarShareLogDensity(model.CreateLogDensity(), yields), phiMap, jacobian, phiDensity.ToTheta),
            ["phi1"] = new(() => new StarShareLogDensity(model.CreateLogDensity(), ones), Map(phi1.ToPhi, thetaMap), phi1.JacobianPhiByTheta(thetaMap), phi1.ToTheta),
            ["sqrt"] = new(() => new SqrtMassLogDensity(model.CreateLogDensity(), bins), zMap, sqrtDensity.JacobianZByTheta(thetaMap), sqrtDensity.ToTheta),
        };
        var covTheta = Matrix<double>.Build.Dense(d, d, (i, j) => cov[i * d + j]);
        var transformed = new Dictionary<string, double[]>();
        foreach (var (name, coords) in coordinates)
        {
            // Σ_φ = J Σ_θ Jᵀ.
            var jm = Matrix<double>.Build.Dense(d, d, (i, j) => coords.Jacobian[i * d + j]);
            transformed[name] = Symmetric((jm * covTheta * jm.Transpose()).ToArray(), d);
            if (name != "theta")
            {
                Console.WriteLine($"geometry of the Laplace covariance in {name}:");
                Conditioning(transformed[name], d);
            }
        }

        var summaries = new Dictionary<string, (double[] Mean, double[] Mcse)>();
        foreach (string run in runs)
        {
            string coordName = run[..run.IndexOf('-')];
            var coords = coordinates[coordName];
            var kind = run.EndsWith("dense", StringComparison.Ordinal) ? MetricKind.Dense : MetricKind.Diagonal;
            var c = transformed[coordName];
            var point = coords.Point;
            IMetric metric = kind == MetricKind.Dense ? new DenseMetric(c) : new DiagonalMetric([.. Enumerable.Range(0, d).Select(i => c[i * d + i])]);
            double[] factor = [.. Matrix<double>.Build.Dense(d, d, (i, j) => c[i * d + j]).Cholesky().Factor.ToRowMajorArray()];
            var options = new SamplerRunOptions
            {
                Seed = seed,
                Chains = 4,
                WarmupIterations = warmup,
                SamplingIterations = draws,
                Nuts = new NutsOptions { MaxTreeDepth = 10 },
                Warmup = new WarmupOptions
                {
                    AdaptedMetric = kind,
                    InitialMetric = metric,
                    DualAveraging = new DualAveragingOptions { TargetAcceptance = 0.8 },
                },
                Initialization = new InitializationOptions { Point = point, JitterScale = 1.0, JitterFactor = factor },
                KeepDrawsInMemory = true,
            };
            var clock = Stopwatch.StartNew();
            var result = NutsSampler.Run(chain => coords.Create(), options);
            double seconds = clock.Elapsed.TotalSeconds;
            summaries[run] = Report(run, model, result, coords.ToTheta, seconds);
        }
        // Sanity: posterior means of every pair of runs agree within MCSE (z = Δmean / √(mcse₁² + mcse₂²)).
        var names = model.OutputNames;
        var keys = summaries.Keys.ToList();
        for (int a = 0; a < keys.Count; a++)
            for (int b = a + 1; b < keys.Count; b++)
            {
                var (m1, e1) = summaries[keys[a]];
                var (m2, e2) = summaries[keys[b]];
                var z = names.Select((n, p) => (n, z: (m1[p] - m2[p]) / Math.Sqrt(e1[p] * e1[p] + e2[p] * e2[p]))).Where(t => double.IsFinite(t.z)).ToList();
                var worst = z.MaxBy(t => Math.Abs(t.z));
                Console.WriteLine($"z {keys[a]} vs {keys[b]}: max |z| {Math.Abs(worst.z):F2} ({worst.n}); rms z {Math.Sqrt(z.Average(t => t.z * t.z)):F2}; |z| > 2: {z.Count(t => Math.Abs(t.z) > 2)} of {z.Count}");
            }
        return 0;
    }

    private delegate void VectorMap(ReadOnlySpan<double> from, Span<double> to);

    private sealed record Coordinates(Func<ILogDensity> Create, double[] Point, double[] Jacobian, VectorMap ToTheta);

    private static double[] Identity(int d)
    {
        var m = new double[d * d];
        for (int i = 0; i < d; i++) m[i * d + i] = 1;
        return m;
    }

    private static double[] Map(VectorMap map, double[] x)
    {
        var y = new double[x.Length];
        map(x, y);
        return y;
    }

    private static void Geometry(double[] cov, double[] theta, double[] yields, int bins, int d)
    {
        Console.WriteLine("geometry of θ Laplace covariance:");
        Conditioning(cov, d);
        // Delta method: Var(ln Σ w_j R_j) = aᵀ Σ a with a_j = w_j R_j / Σ w R.
        foreach (var (label, w) in new[] { ("ln Σ R_j", Enumerable.Repeat(1.0, bins).ToArray()), ("ln Σ s_j R_j (expected stars)", yields) })
        {
            var a = new double[d];
            double sum = 0;
            for (int j = 0; j < bins; j++) sum += a[j] = w[j] * Math.Exp(theta[j]);
            for (int j = 0; j < bins; j++) a[j] /= sum;
            double v = 0;
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) v += a[i] * cov[i * d + j] * a[j];
            Console.WriteLine($"  sd({label}) = {Math.Sqrt(v):G4}");
        }
        var sds = Enumerable.Range(0, bins).Select(j => Math.Sqrt(cov[j * d + j])).ToArray();
        Console.WriteLine($"  sd(ln R_j): min {sds.Min():G3}, median {sds.Order().ElementAt(bins / 2):G3}, max {sds.Max():G3}  [{string.Join(" ", sds.Select(s => s.ToString("F2")))}]");
        Console.WriteLine($"  sd(other θ): {string.Join(" ", Enumerable.Range(bins, d - bins).Select(i => Math.Sqrt(cov[i * d + i]).ToString("G3")))}");
    }

    private static void Conditioning(double[] cov, int d)
    {
        var m = Matrix<double>.Build.Dense(d, d, (i, j) => cov[i * d + j]);
        var evd = m.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var eig = evd.EigenValues.Select(z => z.Real).Order().ToArray();
        var order = Enumerable.Range(0, d).OrderBy(i => evd.EigenValues[i].Real).ToArray();
        for (int e = 0; e < 3; e++)
        {
            var vec = evd.EigenVectors.Column(order[e]);
            var top = Enumerable.Range(0, d).OrderByDescending(i => Math.Abs(vec[i])).Take(6);
            Console.WriteLine($"  eigenvector {e} (λ = {evd.EigenValues[order[e]].Real:G3}): {string.Join(", ", top.Select(i => $"[{i}] {vec[i]:F2}"))}");
        }
        Console.WriteLine($"  covariance eigenvalues: {string.Join(" ", eig.Select(e => e.ToString("G3")))}");
        Console.WriteLine($"  condition number {eig[^1] / eig[0]:G4}; sqrt (scale ratio) {Math.Sqrt(eig[^1] / eig[0]):G4}");
        var corr = Matrix<double>.Build.Dense(d, d, (i, j) => cov[i * d + j] / Math.Sqrt(cov[i * d + i] * cov[j * d + j]));
        var ce = corr.Evd().EigenValues.Select(z => z.Real).Order().ToArray();
        Console.WriteLine($"  correlation-matrix eigenvalues (what a diagonal metric sees): min {ce[0]:G3}, max {ce[^1]:G3}, condition {ce[^1] / ce[0]:G4}");
    }

    private static (double[] Mean, double[] Mcse) Report(string run, SfhModel model, SamplerRunResult result, VectorMap toTheta, double seconds)
    {
        int d = model.Layout.FreeCount, n = model.Layout.NaturalCount, chains = result.Chains.Length;
        var names = model.OutputNames;
        var perChain = new double[n][][];
        for (int p = 0; p < n; p++) perChain[p] = new double[chains][];
        var theta = new double[d];
        var x = new double[n];
        for (int c = 0; c < chains; c++)
        {
            var ch = result.Chains[c];
            for (int p = 0; p < n; p++) perChain[p][c] = new double[ch.DrawCount];
            for (int i = 0; i < ch.DrawCount; i++)
            {
                toTheta(ch.Draw(i), theta);
                model.ThetaToOutput(theta, x);
                for (int p = 0; p < n; p++) perChain[p][c][i] = x[p];
            }
        }
        long gradients = result.GradientEvaluations;
        var infos = result.Chains.SelectMany(c => c.Infos).ToArray();
        double minEss = double.PositiveInfinity;
        string minName = "";
        var lines = new List<string>();
        var means = Enumerable.Repeat(double.NaN, n).ToArray();
        var mcses = Enumerable.Repeat(double.NaN, n).ToArray();
        for (int p = 0; p < n; p++)
        {
            if (model.Layout.IsFixed[p]) continue;
            var m = DrawsMatrix.FromChains(perChain[p]);
            double ess = Ess.Bulk(m), mean = m.Values.ToArray().Average(), mcse = Mcse.Mean(m), rhat = Rhat.RankNormalized(m);
            means[p] = mean;
            mcses[p] = mcse;
            if (ess < minEss) { minEss = ess; minName = names[p]; }
            lines.Add($"    {names[p],-8} mean {mean,12:G6} mcse {mcse,10:G3} ess_bulk {ess,7:F0} rhat {rhat:F4}");
        }
        Console.WriteLine($"== {run}: wall {seconds:F1} s; gradients {gradients:N0}; step sizes {string.Join(" ", result.Chains.Select(c => c.Adaptation.StepSize.ToString("F4")))}; " +
            $"mean tree depth {infos.Average(i => i.TreeDepth):F2}; mean leapfrog {infos.Average(i => i.LeapfrogSteps):F1}; divergences {result.SamplingDivergences}; " +
            $"min bulk ESS {minEss:F0} ({minName}); {1000 * minEss / gradients:F2} per 1000 gradients; {minEss / seconds:F2} per s");
        foreach (var line in lines) Console.WriteLine(line);
        Console.Out.Flush();
        return (means, mcses);
    }

    private static double[] Symmetric(double[,] m, int d)
    {
        var s = new double[d * d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) s[i * d + j] = 0.5 * (m[i, j] + m[j, i]);
        return s;
    }
}
