using BayesSfh.Benchmarks;
using BenchmarkDotNet.Running;

// load-csv: timing of ProblemLoader.Load on a generated ~100 MB templates CSV.
if (args.Length > 0 && args[0] == "load-csv") return CsvLoadTiming.Run(args[1..]);
// quick: problem statistics plus a Stopwatch timing of every benchmark, in seconds rather than minutes.
if (args.Length > 0 && args[0] == "quick") return QuickTiming.Run(args[1..]);
// reparam: geometry of the example posterior and NUTS over θ vs star-share coordinates (docs/reparameterisation.md).
if (args.Length > 0 && args[0] == "reparam") return ReparamExperiment.Run(args[1..]);
// template-accuracy [PATH… --blue F --red F [--mag F] | --frontier]: templates against a converged reference (docs/templates.md).
if (args.Length > 0 && args[0] == "template-accuracy") return TemplateAccuracy.Run(args[1..]);
// passes: in-process A/B of the two-pass and one-pass likelihood kernels inside the log density (docs/performance.md).
if (args.Length > 0 && args[0] == "passes") return PassesAb.Run(args[1..]);
// templates: Stopwatch timing of SspTemplateBuilder.Build on the SspTemplateBenchmarks cases.
if (args.Length > 0 && args[0] == "templates") return SspTemplateBenchmarks.Quick();
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
