using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "load-csv") return BayesSfh.Benchmarks.CsvLoadTiming.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(BayesSfh.Benchmarks.CsvLoadTiming).Assembly).Run(args);
return 0;
