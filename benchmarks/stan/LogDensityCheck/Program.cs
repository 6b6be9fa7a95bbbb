using System.Diagnostics;
using System.Globalization;
using BayesSfh.IO;
using BayesSfh.Modelling;

// Usage: LogDensityCheck TEMPLATES OBSERVED GRID POINTS.csv [GRADIENT_CALLS]
// POINTS.csv: a header of free-parameter names, then one θ per row (unconstrained: ln R.j, ln alpha, mh0, ln sigma).
// Prints "point,lp,grad.NAME…" with BayesSfh's default posterior ln p(θ) = ln L + ln|Jacobian| (flat prior in the natural
// parameters, ln L the Poisson likelihood ratio) and its gradient in θ, then the mean time of one log density + gradient on one thread.
var inv = CultureInfo.InvariantCulture;
if (args.Length is < 4 or > 5)
{
    Console.Error.WriteLine("usage: LogDensityCheck TEMPLATES OBSERVED GRID POINTS.csv [GRADIENT_CALLS]");
    return 1;
}
var problem = ProblemLoader.Load(new ProblemFiles(args[0], args[1], args[2]));
var model = SfhModel.Create(problem.Templates, problem.Observed, new SfhModelOptions { Model = MetallicityModelKind.PowerLawMzr });
var density = model.CreateLogDensity();
var names = model.Layout.Parameters.Select(p => p.Name).ToArray();
var lines = File.ReadAllLines(args[3]).Where(l => l.Trim().Length > 0).ToArray();
var header = lines[0].Split(',').Select(h => h.Trim().Trim('"')).ToArray();
if (!header.SequenceEqual(names))
{
    Console.Error.WriteLine($"{args[3]}: header must be {string.Join(",", names)}");
    return 2;
}
var gradient = new double[density.Dimension];
double[] theta = [];
Console.WriteLine("point,lp," + string.Join(",", names.Select(n => "grad." + n)));
for (int p = 1; p < lines.Length; p++)
{
    theta = [.. lines[p].Split(',').Select(v => double.Parse(v, inv))];
    double lp = density.ValueAndGradient(theta, gradient);
    Console.WriteLine(string.Create(inv, $"{p},{lp:R},{string.Join(",", gradient.Select(g => g.ToString("R", inv)))}"));
}
int calls = args.Length == 5 ? int.Parse(args[4], inv) : 0;
if (calls > 0)
{
    // Warm up for 3 s so that the JIT's tiered compilation has reached its optimised code before timing.
    var warmup = Stopwatch.StartNew();
    while (warmup.Elapsed.TotalSeconds < 3) density.ValueAndGradient(theta, gradient);
    var watch = Stopwatch.StartNew();
    for (int i = 0; i < calls; i++) density.ValueAndGradient(theta, gradient);
    Console.Error.WriteLine(string.Create(inv, $"BayesSfh: {watch.Elapsed.TotalMicroseconds / calls:F2} µs per log density + gradient ({calls} calls, one thread)"));
}
return 0;
