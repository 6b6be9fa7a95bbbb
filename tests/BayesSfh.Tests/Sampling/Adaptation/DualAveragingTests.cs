using BayesSfh.Sampling.Adaptation;
using Xunit;

namespace BayesSfh.Tests.Sampling.Adaptation;

public class DualAveragingTests
{
    /// <summary>Stan <c>src/test/unit/mcmc/stepsize_adaptation_test.cpp</c>, <c>learn_stepsize_2</c> (tolerance 1e-14 there).</summary>
    [Fact]
    public void Update_StanTestVector_ReproducesStan()
    {
        var options = new DualAveragingOptions { TargetAcceptance = 0.5 };
        var state = new DualAveragingState(Mu: 4.13018724667137, Counter: 79, ErrorAverage: 0.0209457573689391,
            LogStepSize: 0.0, LogStepSizeAverage: 0.821976337071218);

        var next = state.Update(0.728285153733299, options);

        Assert.Equal(2.40769920051673, next.StepSize, 1e-13);
        Assert.Equal(80, next.Counter);
        Assert.Equal(0.0181765250233587, next.ErrorAverage, 1e-14);
        Assert.Equal(0.824095816988227, next.LogStepSizeAverage, 1e-14);
        Assert.Equal(79, state.Counter); // pure: the old state is unchanged
    }

    [Fact]
    public void Start_SetsMuToLogTenEpsilonAndFirstUpdateAveragesToTheIterate()
    {
        var state = DualAveragingState.Start(0.3);
        Assert.Equal(Math.Log(3.0), state.Mu, 1e-15);
        Assert.Equal(0.3, state.StepSize, 1e-15);
        Assert.Equal(0.3, state.FinalStepSize, 1e-15); // no update yet: keep the searched ε (Stan would give 1)
        var next = state.Update(0.9, new DualAveragingOptions());
        Assert.Equal(next.LogStepSize, next.LogStepSizeAverage, 1e-15);
        Assert.True(next.StepSize > 3 * 0.3, "acceptance above δ must increase ε (towards and past 10ε₀)");
    }

    [Fact]
    public void Update_SyntheticAcceptanceCurve_ConvergesToTarget()
    {
        // DynamicHMC's test idea: a deterministic acceptance curve a(ε) = exp(−ε²/4) (a(ε*) = 0.8 at ε* = 2√(−ln 0.8)),
        // from ε₀ = 100 and ε₀ = 0.01, converges so that a(ε̄) is within 0.02 of δ.
        var options = new DualAveragingOptions();
        foreach (double start in new[] { 100.0, 0.01 })
        {
            var state = DualAveragingState.Start(start);
            for (int i = 0; i < 2000; i++) state = state.Update(Math.Exp(-state.StepSize * state.StepSize / 4), options);
            double final = state.FinalStepSize;
            Assert.InRange(Math.Exp(-final * final / 4), 0.78, 0.82);
        }
    }

    [Fact]
    public void Update_NaNOrAboveOneAcceptance_IsSanitised()
    {
        var options = new DualAveragingOptions();
        var state = DualAveragingState.Start(1);
        Assert.Equal(state.Update(0.0, options), state.Update(double.NaN, options));
        Assert.Equal(state.Update(1.0, options), state.Update(7.0, options));
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DualAveragingOptions { TargetAcceptance = 1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DualAveragingOptions { Gamma = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DualAveragingOptions { Kappa = 0.5 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DualAveragingOptions { T0 = double.NaN }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => DualAveragingState.Start(0));
    }
}
