using System.CommandLine;
using BayesSfh.IO;
using BayesSfh.Modelling;
using BayesSfh.Optimization;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary><c>bayessfh fit</c>: MAP (default) or MLE fit with Laplace standard errors.</summary>
internal static class FitCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var problem = new ProblemOptions();
        var mle = new Option<bool>("--mle") { Description = "Report the maximum-likelihood estimate (no prior, no Jacobian), started from the MAP." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder for fit.csv and covariance.csv.", Required = true };
        var command = new Command("fit", "Fit an SFH and metallicity model by MAP (default) or MLE; print and write a table of estimates and standard errors.");
        problem.AddTo(command);
        command.Options.Add(mle);
        command.Options.Add(output);
        command.SetAction(result => CliApp.Guard(error, () =>
        {
            var model = problem.Build(result);
            var fit = Run(model, result.GetValue(mle));
            FitReport.Render(console, model, fit);
            Write(console, model, fit, result.GetValue(output)!.FullName);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>MAP, then (for the MLE) a likelihood fit started at the MAP.</summary>
    public static FitResult Run(SfhModel model, bool mle)
    {
        var map = SfhFitter.Fit(model, new FitOptions { Objective = Objective.Posterior });
        if (!mle) return map;
        var start = map.Values.ToArray();
        return SfhFitter.Fit(model, new FitOptions { Objective = Objective.Likelihood, StartNatural = start });
    }

    public static void Write(IAnsiConsole console, SfhModel model, FitResult fit, string folder)
    {
        Directory.CreateDirectory(folder);
        string parameters = Path.Combine(folder, "fit.csv");
        FitResultCsvWriter.WriteParameters(parameters, fit, name => FitReport.LogAgeOf(model, name));
        console.MarkupLine($"wrote [blue]{Markup.Escape(parameters)}[/]");
        string covariance = Path.Combine(folder, "covariance.csv");
        if (FitResultCsvWriter.WriteCovariance(covariance, fit)) console.MarkupLine($"wrote [blue]{Markup.Escape(covariance)}[/]");
    }
}
