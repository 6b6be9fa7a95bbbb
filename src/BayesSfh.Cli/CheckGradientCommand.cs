using System.CommandLine;
using System.Globalization;
using BayesSfh.Modelling;
using BayesSfh.Numerics;
using BayesSfh.Optimization;
using BayesSfh.Randomness;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary>
/// <c>bayessfh check-gradient</c>: compares the analytic gradient of the log posterior (and log likelihood) in θ with
/// five-point finite differences at the MAP and at random points around it, in the spirit of CmdStan's diagnose method.
/// </summary>
internal static class CheckGradientCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var problem = new ProblemOptions();
        var points = new Option<int>("--points") { Description = "Number of random points (θ_MAP + uniform(−1, 1) per coordinate).", DefaultValueFactory = _ => 5 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random points.", DefaultValueFactory = _ => 1UL };
        var tolerance = new Option<double>("--tolerance") { Description = "Largest accepted relative error |analytic − fd| / max(|analytic|, |fd|, 0.01).", DefaultValueFactory = _ => 1e-4 };
        var command = new Command("check-gradient", "Compare analytic and finite-difference gradients; exit 3 above the tolerance.");
        problem.AddTo(command);
        command.Options.Add(points);
        command.Options.Add(seed);
        command.Options.Add(tolerance);
        command.SetAction(result => CliApp.Guard(error, () =>
        {
            int count = result.GetValue(points);
            double limit = result.GetValue(tolerance);
            if (count < 0) throw new UsageException("--points must be ≥ 0.");
            if (!(limit > 0)) throw new UsageException("--tolerance must be positive.");
            var model = problem.Build(result);
            var map = SfhFitter.Fit(model);
            var rng = new Xoshiro256StarStar(result.GetValue(seed));
            var locations = new List<(string Label, double[] Theta)> { ("MAP", map.Theta.ToArray()) };
            for (int p = 0; p < count; p++)
                locations.Add(($"random {p + 1}", map.Theta.Select(t => t + rng.NextUniform(-1, 1)).ToArray()));
            var names = Enumerable.Range(0, model.Layout.FreeCount).Select(f => model.Layout.Parameters[model.Layout.FreeIndices[f]].Name).ToArray();
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]gradient check[/]");
            foreach (var column in new[] { "point", "objective", "worst parameter", "analytic", "finite difference", "relative error" }) table.AddColumn(column);
            double worst = 0;
            foreach (var (label, theta) in locations)
                foreach (var objective in new[] { Objective.Posterior, Objective.Likelihood })
                {
                    var density = model.CreateLogDensity(objective);
                    if (!double.IsFinite(density.ValueAndGradient(theta, new double[theta.Length])))
                    {
                        table.AddRow(label, objective.ToString(), "(log density not finite here)", "", "", "");
                        continue;
                    }
                    var entries = GradientCheck.Run(density, theta);
                    if (entries.Length == 0) continue;
                    var e = entries.MaxBy(x => x.RelativeError);
                    worst = Math.Max(worst, e.RelativeError);
                    table.AddRow(label, objective.ToString(), Markup.Escape(names[e.Index]), G(e.Analytic), G(e.FiniteDifference),
                        (e.RelativeError > limit ? "[red]" : "[green]") + G(e.RelativeError) + "[/]");
                }
            console.Write(table);
            bool ok = worst <= limit;
            console.MarkupLine($"largest relative error {G(worst)} (tolerance {G(limit)}): {(ok ? "[green]OK[/]" : "[red]FAILED[/]")}");
            return ok ? ExitCodes.Success : ExitCodes.CheckFailed;
        }));
        return command;
    }

    private static string G(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
