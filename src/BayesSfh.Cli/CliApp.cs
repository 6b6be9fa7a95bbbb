using System.CommandLine;
using BayesSfh.IO;
using Spectre.Console;

namespace BayesSfh.Cli;

/// <summary>The <c>bayessfh</c> command tree. Thin: parses options, calls the library, renders and writes results.</summary>
internal static class CliApp
{
    /// <summary>Runs the command line <paramref name="args"/>, writing to <paramref name="console"/> and <paramref name="error"/>.</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error)
    {
        var root = new RootCommand("BayesSfh: Bayesian star-formation histories from colour–magnitude diagrams.");
        root.Subcommands.Add(ExampleCommand.Create(console, error));
        root.Subcommands.Add(FitCommand.Create(console, error));
        root.Subcommands.Add(CheckGradientCommand.Create(console, error));
        root.Subcommands.Add(SampleCommand.Create(console, error));
        root.Subcommands.Add(DiagnoseCommand.Create(console, error));
        root.Subcommands.Add(SummarizeCommand.Create(console, error));
        root.Subcommands.Add(TemplatesCommand.Create(console, error));
        root.Subcommands.Add(SimulateCommand.Create(console, error));
        foreach (var command in root.Subcommands) command.Options.Add(RunConfigFile.Option());
        int code = Guard(error, () =>
        {
            args = RunConfigFile.Expand(args, root);
            return ExitCodes.Success;
        });
        if (code != ExitCodes.Success) return code;
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = console.Profile.Out.Writer, Error = error });
    }

    /// <summary>
    /// Runs a command body and maps user mistakes to a one-line message and an exit code (never a stack trace).
    /// </summary>
    public static int Guard(TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (KeyNotFoundException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: could not write output: {e.Message}");
            return ExitCodes.OutputFailure;
        }
    }
}

/// <summary>An option value that cannot be used; the message names the option.</summary>
internal sealed class UsageException(string message) : Exception(message);
