using Xunit.Abstractions;

namespace BayesSfh.Tests.Sampling.Statistical;

/// <summary>
/// Two-threshold bookkeeping for seeded statistical tests (DynamicHMC's alert/fail scheme): crossing an alert
/// threshold only writes a message to the test output; crossing a fail threshold is collected and fails the test at
/// <see cref="AssertNoFailures"/>.
/// </summary>
internal sealed class StatisticalCheck(ITestOutputHelper output, string target)
{
    private readonly List<string> _failures = [];

    /// <summary>Larger is worse (|z|, R̂).</summary>
    public void AtMost(string what, double value, double alert, double fail)
    {
        if (!(value <= fail)) _failures.Add($"{target}: {what} = {value:G5} > fail threshold {fail}");
        else if (value > alert) output.WriteLine($"ALERT {target}: {what} = {value:G5} > {alert}");
    }

    /// <summary>Smaller is worse (ESS per draw, E-BFMI).</summary>
    public void AtLeast(string what, double value, double alert, double fail)
    {
        if (!(value >= fail)) _failures.Add($"{target}: {what} = {value:G5} < fail threshold {fail}");
        else if (value < alert) output.WriteLine($"ALERT {target}: {what} = {value:G5} < {alert}");
    }

    public void Note(string message) => output.WriteLine($"{target}: {message}");

    public void AssertNoFailures()
    {
        if (_failures.Count > 0) Xunit.Assert.Fail(string.Join(Environment.NewLine, _failures));
    }
}
