using System.Collections.Immutable;

namespace BayesSfh.Sampling.Adaptation;

/// <summary>
/// Stan's windowed warm-up schedule as data: which warm-up iterations feed the metric estimator and after which ones
/// the metric is updated (Stan <c>windowed_adaptation.hpp</c>; Stan Reference Manual, "Automatic parameter tuning").
/// </summary>
/// <remarks>
/// <para>
/// With N warm-up iterations and buffers (init, window, term) = (75, 25, 50) by default: an initial buffer of init
/// iterations, then slow windows of 25, 50, 100, … draws, the last one stretched to end at iteration N − term − 1 when
/// the following (doubled) window would not fit, then the terminal buffer. E.g. N = 1000 gives windows ending at
/// 99, 149, 249, 449, 949 with 25, 50, 100, 200, 500 draws.
/// </para>
/// <para>
/// Departures from Stan, fixing its known flaws: when init + window + term &gt; N, Stan logs 15%/75%/10% buffers but
/// never starts the window, so no metric is estimated for 20 ≤ N &lt; 150; here the single window
/// ⌊0.15N⌋ … N − ⌊0.10N⌋ − 1 is used. A window with fewer than 2 draws (Stan: N = 151 gives a 1-draw window that
/// collapses the metric) is merged into the window before it. Below <see cref="WindowedAdaptationOptions.MinimumWarmupForMetric"/>
/// (default 20) there are no windows, as in Stan.
/// </para>
/// </remarks>
public sealed class WarmupSchedule
{
    private WarmupSchedule(int warmupIterations, int initialBuffer, int terminalBuffer, ImmutableArray<MetricWindow> windows)
    {
        WarmupIterations = warmupIterations;
        InitialBuffer = initialBuffer;
        TerminalBuffer = terminalBuffer;
        Windows = windows;
    }

    /// <summary>N, the number of warm-up iterations.</summary>
    public int WarmupIterations { get; }

    /// <summary>Iterations before the first window (all N when there is no window).</summary>
    public int InitialBuffer { get; }

    /// <summary>Iterations after the last window (0 when there is no window).</summary>
    public int TerminalBuffer { get; }

    /// <summary>The slow windows in order; empty when the metric is not adapted.</summary>
    public ImmutableArray<MetricWindow> Windows { get; }

    /// <summary>Whether the draw of warm-up iteration <paramref name="iteration"/> (0-based) feeds the metric estimator.</summary>
    public bool IsCollecting(int iteration) => Windows.Length > 0 && iteration >= Windows[0].FirstIteration && iteration <= Windows[^1].LastIteration;

    /// <summary>Whether the metric is updated right after warm-up iteration <paramref name="iteration"/> (0-based).</summary>
    public bool IsWindowEnd(int iteration)
    {
        foreach (var window in Windows)
            if (window.LastIteration == iteration) return true;
        return false;
    }

    /// <summary>Builds the schedule for <paramref name="warmupIterations"/> warm-up iterations.</summary>
    /// <param name="warmupIterations">N ≥ 0.</param>
    /// <param name="options">Buffer and window sizes; validated here.</param>
    /// <returns>The schedule (a pure function of its arguments).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="warmupIterations"/> is negative, or invalid options.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static WarmupSchedule Build(int warmupIterations, WindowedAdaptationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(warmupIterations);
        int n = warmupIterations;
        if (n < options.MinimumWarmupForMetric) return new WarmupSchedule(n, n, 0, []);

        int init = options.InitialBuffer, term = options.TerminalBuffer, size = options.BaseWindow;
        if ((long)init + size + term > n)
        {
            init = (int)(0.15 * n);
            term = (int)(0.10 * n);
            size = n - init - term;
        }
        int lastEnd = n - term - 1;
        var ends = new List<int>();
        int end = init + size - 1;
        while (true)
        {
            ends.Add(end);
            if (end == lastEnd) break;
            size *= 2;
            int next = end + size;
            if (next != lastEnd && (long)next + 2L * size >= n - term) next = lastEnd;
            end = next;
        }

        var windows = ImmutableArray.CreateBuilder<MetricWindow>(ends.Count);
        int first = init;
        foreach (int e in ends)
        {
            var window = new MetricWindow(first, e);
            if (window.Draws < 2)
            {
                if (windows.Count > 0) windows[^1] = windows[^1] with { LastIteration = e };
            }
            else
            {
                windows.Add(window);
            }
            first = e + 1;
        }
        if (windows.Count == 0) return new WarmupSchedule(n, n, 0, []);
        return new WarmupSchedule(n, windows[0].FirstIteration, n - 1 - windows[^1].LastIteration, windows.ToImmutable());
    }
}
