namespace BayesSfh.Cli;

/// <summary>Process exit codes of <c>bayessfh</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The command line could not be parsed (System.CommandLine's own code).</summary>
    public const int Usage = 1;

    /// <summary>An input file or option value is invalid.</summary>
    public const int InvalidInput = 2;

    /// <summary>A check failed (for example the gradient check).</summary>
    public const int CheckFailed = 3;

    /// <summary>An output could not be written.</summary>
    public const int OutputFailure = 4;
}
