using BayesSfh.Parameters;
using BayesSfh.Randomness;
using BayesSfh.Tests.TestSupport;
using Xunit;

namespace BayesSfh.Tests.Parameters;

public class ParameterLayoutTests
{
    private static readonly ParameterDefinition[] Definitions =
    [
        new("R.1", ParameterConstraint.Positive, ""),
        new("R.2", ParameterConstraint.Positive, ""),
        new("alpha", ParameterConstraint.Positive, ""),
        new("mh0", ParameterConstraint.Real, ""),
        new("sigma", ParameterConstraint.Positive, ""),
        new("shift", ParameterConstraint.Real, ""),
    ];

    /// <summary>Every subset of fixed parameters (bit i fixes parameter i), with fixed values in each support.</summary>
    public static TheoryData<int> FixedMasks() => [.. Enumerable.Range(0, 1 << Definitions.Length)];

    private static ParameterLayout Layout(int mask) => new(Definitions, Enumerable.Range(0, Definitions.Length)
        .Where(i => (mask & (1 << i)) != 0)
        .ToDictionary(i => Definitions[i].Name, i => FixedValue(i)));

    private static double FixedValue(int i) => Definitions[i].Constraint == ParameterConstraint.Positive ? 0.5 + i : -1.0 - i;

    [Theory]
    [MemberData(nameof(FixedMasks))]
    public void ToTheta_OfToNatural_ReturnsTheta(int mask)
    {
        var layout = Layout(mask);
        var rng = new Xoshiro256StarStar((ulong)mask);
        var theta = Enumerable.Range(0, layout.FreeCount).Select(_ => rng.NextUniform(-5, 5)).ToArray();
        var x = new double[layout.NaturalCount];
        var back = new double[layout.FreeCount];

        layout.ToNatural(theta, x);
        layout.ToTheta(x, back);

        for (int f = 0; f < theta.Length; f++) Numeric.AssertRelative(theta[f], back[f], 1e-15, 1, $"θ{f}");
    }

    [Theory]
    [MemberData(nameof(FixedMasks))]
    public void ToNatural_AnyTheta_HonoursFixedValuesAndTransforms(int mask)
    {
        var layout = Layout(mask);
        var theta = Enumerable.Range(0, layout.FreeCount).Select(f => 0.3 * f - 0.7).ToArray();
        var x = new double[layout.NaturalCount];

        layout.ToNatural(theta, x);

        int free = 0;
        for (int i = 0; i < Definitions.Length; i++)
        {
            bool isFixed = (mask & (1 << i)) != 0;
            Assert.Equal(isFixed, layout.IsFixed[i]);
            if (isFixed) Assert.Equal(FixedValue(i), x[i]);
            else
            {
                Assert.Equal(i, layout.FreeIndices[free]);
                double t = theta[free++];
                Assert.Equal(Definitions[i].Constraint == ParameterConstraint.Positive ? Math.Exp(t) : t, x[i]);
            }
        }
        Assert.Equal(free, layout.FreeCount);
    }

    [Theory]
    [MemberData(nameof(FixedMasks))]
    public void ToNatural_LogJacobian_MatchesFiniteDifferenceOfTransform(int mask)
    {
        var layout = Layout(mask);
        var rng = new Xoshiro256StarStar(100 + (ulong)mask);
        var theta = Enumerable.Range(0, layout.FreeCount).Select(_ => rng.NextUniform(-3, 3)).ToArray();
        var x = new double[layout.NaturalCount];

        double logJacobian = layout.ToNatural(theta, x);

        // ∂x/∂θ is diagonal (each free x_i depends on its own θ_f only), so ln|det| = Σ_f ln|∂x_i/∂θ_f|.
        double expected = 0;
        var shifted = new double[layout.NaturalCount];
        for (int f = 0; f < theta.Length; f++)
        {
            int i = layout.FreeIndices[f];
            double centre = theta[f];
            double slope = Numeric.Derivative(v =>
            {
                theta[f] = v;
                layout.ToNatural(theta, shifted);
                return shifted[i];
            }, centre, 1e-3);
            theta[f] = centre;
            expected += Math.Log(Math.Abs(slope));
        }
        Numeric.AssertRelative(expected, logJacobian, 1e-10, 1, "ln|det ∂x/∂θ|");
    }

    [Theory]
    [MemberData(nameof(FixedMasks))]
    public void PullbackToTheta_AnyFunction_MatchesFiniteDifferencesWithAndWithoutJacobian(int mask)
    {
        var layout = Layout(mask);
        var rng = new Xoshiro256StarStar(200 + (ulong)mask);
        var theta = Enumerable.Range(0, layout.FreeCount).Select(_ => rng.NextUniform(-1, 1)).ToArray();
        var weights = Enumerable.Range(0, layout.NaturalCount).Select(_ => rng.NextUniform(-2, 2)).ToArray();
        var x = new double[layout.NaturalCount];
        // g(x) = Σ w_i x_i² / 2, so ∂g/∂x_i = w_i x_i.
        double G(double[] t, bool jacobian)
        {
            double logJ = layout.ToNatural(t, x);
            return x.Select((v, i) => 0.5 * weights[i] * v * v).Sum() + (jacobian ? logJ : 0);
        }
        layout.ToNatural(theta, x);
        var dNatural = x.Select((v, i) => weights[i] * v).ToArray();
        var natural = x.ToArray();

        foreach (bool jacobian in new[] { false, true })
        {
            var dTheta = new double[layout.FreeCount];
            layout.PullbackToTheta(natural, dNatural, jacobian, dTheta);
            for (int f = 0; f < theta.Length; f++)
            {
                double centre = theta[f];
                double fd = Numeric.Derivative(v =>
                {
                    theta[f] = v;
                    return G(theta, jacobian);
                }, centre, 1e-3);
                theta[f] = centre;
                Numeric.AssertRelative(fd, dTheta[f], 1e-9, 1, $"∂g/∂θ{f} (jacobian {jacobian})");
            }
        }
    }

    [Fact]
    public void Constructor_UnknownFixedName_ThrowsUnknownParameterException()
    {
        var error = Assert.Throws<UnknownParameterException>(() =>
            new ParameterLayout(Definitions, new Dictionary<string, double> { ["beta"] = 1 }));

        Assert.Equal("beta", error.Name);
        Assert.Contains("alpha", error.Message);
    }

    [Fact]
    public void IndexOf_UnknownName_ThrowsUnknownParameterException()
    {
        var layout = new ParameterLayout(Definitions);

        Assert.Equal(3, layout.IndexOf("mh0"));
        Assert.Throws<UnknownParameterException>(() => layout.IndexOf("MH0"));
    }

    [Theory]
    [InlineData("alpha", -0.1)]
    [InlineData("alpha", double.NaN)]
    [InlineData("mh0", double.PositiveInfinity)]
    public void Constructor_FixedValueOutsideSupport_ThrowsArgumentException(string name, double value)
    {
        Assert.Throws<ArgumentException>(() => new ParameterLayout(Definitions, new Dictionary<string, double> { [name] = value }));
    }

    [Fact]
    public void Constructor_PositiveFixedAtZero_IsAllowed()
    {
        var layout = new ParameterLayout(Definitions, new Dictionary<string, double> { ["R.2"] = 0 });
        var x = new double[layout.NaturalCount];

        layout.ToNatural(new double[layout.FreeCount], x);

        Assert.Equal(0.0, x[1]);
    }

    [Fact]
    public void ToTheta_FreePositiveAtZero_ThrowsArgumentException()
    {
        var layout = new ParameterLayout(Definitions);

        Assert.Throws<ArgumentException>(() => layout.ToTheta([1, 0, 1, 0, 1, 0], new double[6]));
    }

    [Fact]
    public void ToNatural_WrongLengths_ThrowsArgumentException()
    {
        var layout = Layout(0b000011);

        Assert.Throws<ArgumentException>(() => layout.ToNatural(new double[5], new double[6]));
        Assert.Throws<ArgumentException>(() => layout.ToNatural(new double[4], new double[5]));
    }
}
