using BayesSfh.Randomness;
using BayesSfh.Sampling.Hamiltonian;

namespace BayesSfh.Sampling.Running;

/// <summary>Finds a starting draw with finite log density and gradient (Stan <c>services/util/initialize.hpp</c>).</summary>
internal static class ChainInitializer
{
    /// <summary>Writes the start into <paramref name="state"/> (position, gradient, log density).</summary>
    /// <exception cref="InvalidOperationException">No finite start within the allowed attempts.</exception>
    public static void Initialize(Xoshiro256StarStar random, GuardedLogDensity density, PhasePoint state, InitializationOptions options)
    {
        int d = density.Dimension;
        var point = options.Point;
        if (point is not null && point.Count != d)
            throw new ArgumentException($"The initial point has {point.Count} coordinates, the density {d}.", nameof(options));
        bool deterministic = point is not null && options.JitterScale == 0;
        int attempts = deterministic ? 1 : options.MaxAttempts;
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            if (point is not null && options.JitterFactor is { } factor && options.JitterScale > 0)
            {
                var u = new double[d];
                for (int i = 0; i < d; i++) u[i] = random.NextUniform(-1.0, 1.0);
                for (int i = 0; i < d; i++)
                {
                    double sum = 0;
                    for (int k = 0; k <= i; k++) sum += factor[i * d + k] * u[k];
                    state.Position[i] = point[i] + options.JitterScale * sum;
                }
            }
            else for (int i = 0; i < d; i++)
            {
                if (point is null)
                {
                    state.Position[i] = random.NextUniform(-options.Radius, options.Radius);
                }
                else
                {
                    double scale = options.JitterScale * (options.JitterScales?[i] ?? 1.0);
                    state.Position[i] = point[i] + (scale == 0 ? 0.0 : scale * random.NextUniform(-1.0, 1.0));
                }
            }
            state.LogDensity = density.ValueAndGradient(state.Position, state.Gradient);
            if (double.IsFinite(state.LogDensity)) return;
        }
        throw new InvalidOperationException(deterministic
            ? "The log density or its gradient is not finite at the given initial point."
            : $"No initial point with a finite log density and gradient was found in {attempts} attempts.");
    }
}
