using BayesSfh.Cli;
using Spectre.Console;

// Redirected output (files, pipes, CI logs) has no terminal width: give wide tables room instead of wrapping at 80.
if (Console.IsOutputRedirected) AnsiConsole.Console.Profile.Width = 200;
return CliApp.Run(args, AnsiConsole.Console, Console.Error);
