using BayesSfh.Sampling.Adaptation;
using Xunit;

namespace BayesSfh.Tests.Sampling.Adaptation;

public class WarmupScheduleTests
{
    /// <summary>
    /// Window ends (0-based iteration, draws) from compiling Stan's <c>windowed_adaptation.hpp</c> (reference notes §2.4),
    /// except where Stan is knowingly wrong: 151 (Stan adds a 1-draw window (100, 1); merged here) and 20 … 149 (Stan
    /// adapts no metric; here one window of 75%).
    /// </summary>
    public static TheoryData<int, int, int, int[]> Table => new()
    {
        // N, initial buffer, terminal buffer, flattened (last iteration, draws) pairs
        { 1000, 75, 50, [99, 25, 149, 50, 249, 100, 449, 200, 949, 500] },
        { 2000, 75, 50, [99, 25, 149, 50, 249, 100, 449, 200, 849, 400, 1949, 1100] },
        { 500, 75, 50, [99, 25, 149, 50, 249, 100, 449, 200] },
        { 300, 75, 50, [99, 25, 149, 50, 249, 100] },
        { 200, 75, 50, [99, 25, 149, 50] },
        { 151, 75, 50, [100, 26] },
        { 150, 75, 50, [99, 25] },
        { 149, 22, 14, [134, 113] },
        { 100, 15, 10, [89, 75] },
        { 20, 3, 2, [17, 15] },
        { 19, 19, 0, [] },
        { 0, 0, 0, [] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Build_DefaultBuffers_MatchesTable(int warmup, int initialBuffer, int terminalBuffer, int[] ends)
    {
        var schedule = WarmupSchedule.Build(warmup, new WindowedAdaptationOptions());
        Assert.Equal(initialBuffer, schedule.InitialBuffer);
        Assert.Equal(terminalBuffer, schedule.TerminalBuffer);
        var actual = schedule.Windows.SelectMany(w => new[] { w.LastIteration, w.Draws }).ToArray();
        Assert.Equal(ends, actual);
    }

    [Fact]
    public void Build_AnyLength_WindowsAreContiguousWithAtLeastTwoDraws()
    {
        var options = new WindowedAdaptationOptions();
        for (int n = 0; n <= 3000; n++)
        {
            var s = WarmupSchedule.Build(n, options);
            if (n < 20)
            {
                Assert.Empty(s.Windows);
                continue;
            }
            Assert.NotEmpty(s.Windows);
            Assert.Equal(s.InitialBuffer, s.Windows[0].FirstIteration);
            Assert.Equal(n - 1 - s.TerminalBuffer, s.Windows[^1].LastIteration);
            for (int i = 0; i < s.Windows.Length; i++)
            {
                Assert.True(s.Windows[i].Draws >= 2, $"N = {n}: window {i} has {s.Windows[i].Draws} draws");
                if (i > 0) Assert.Equal(s.Windows[i - 1].LastIteration + 1, s.Windows[i].FirstIteration);
            }
            int collecting = Enumerable.Range(0, n).Count(s.IsCollecting);
            Assert.Equal(s.Windows.Sum(w => w.Draws), collecting);
            Assert.Equal(s.Windows.Length, Enumerable.Range(0, n).Count(s.IsWindowEnd));
        }
    }

    [Fact]
    public void Build_ZeroTerminalBuffer_LastWindowEndsAtLastIteration()
    {
        var s = WarmupSchedule.Build(1000, new WindowedAdaptationOptions { TerminalBuffer = 0 });
        Assert.Equal(999, s.Windows[^1].LastIteration);
        Assert.Equal(0, s.TerminalBuffer);
    }

    [Fact]
    public void Build_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WarmupSchedule.Build(-1, new WindowedAdaptationOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => WarmupSchedule.Build(100, new WindowedAdaptationOptions { BaseWindow = 1 }));
    }
}
