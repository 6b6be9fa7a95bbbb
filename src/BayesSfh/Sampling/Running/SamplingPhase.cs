namespace BayesSfh.Sampling.Running;

/// <summary>The two phases of a chain.</summary>
public enum SamplingPhase
{
    /// <summary>Adaptation of step size and metric; draws are not from a stationary kernel.</summary>
    Warmup,

    /// <summary>Fixed step size and metric; the draws are the output.</summary>
    Sampling,
}
