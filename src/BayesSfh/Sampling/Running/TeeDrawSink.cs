using BayesSfh.Sampling.Adaptation;
using BayesSfh.Sampling.Nuts;

namespace BayesSfh.Sampling.Running;

/// <summary>Forwards every call to several sinks in order (e.g. a CSV file and an in-memory table).</summary>
/// <param name="sinks">The sinks; null entries are skipped.</param>
public sealed class TeeDrawSink(params IDrawSink?[] sinks) : IDrawSink
{
    private readonly IDrawSink[] _sinks = [.. sinks.OfType<IDrawSink>()];

    /// <inheritdoc/>
    public void Write(int iteration, bool isWarmup, in NutsInfo info, ReadOnlySpan<double> position)
    {
        foreach (var sink in _sinks) sink.Write(iteration, isWarmup, info, position);
    }

    /// <inheritdoc/>
    public void AdaptationComplete(AdaptationResult adaptation)
    {
        foreach (var sink in _sinks) sink.AdaptationComplete(adaptation);
    }

    /// <inheritdoc/>
    public void Complete(ChainStatistics statistics)
    {
        foreach (var sink in _sinks) sink.Complete(statistics);
    }
}
