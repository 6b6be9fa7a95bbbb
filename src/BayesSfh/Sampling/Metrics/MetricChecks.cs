namespace BayesSfh.Sampling.Metrics;

/// <summary>Argument checks shared by the metrics.</summary>
internal static class MetricChecks
{
    public static void Length(int actual, int expected)
    {
        if (actual != expected) throw new ArgumentException($"Expected a span of length {expected}, got {actual}.");
    }
}
