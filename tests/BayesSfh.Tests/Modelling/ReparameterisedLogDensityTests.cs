using BayesSfh.Modelling;
using BayesSfh.Numerics;
using BayesSfh.Randomness;
using BayesSfh.Tests.TestSupport;
using Xunit;

namespace BayesSfh.Tests.Modelling;

/// <summary>
/// The prototype sampling coordinates <see cref="StarShareLogDensity"/> and <see cref="SqrtMassLogDensity"/>: round trips,
/// the log density equals the θ density plus the stated log-Jacobian, and the analytic gradient matches finite differences.
/// </summary>
public class ReparameterisedLogDensityTests
{
    private static SfhModel Model()
    {
        var rng = new Xoshiro256StarStar(20260102);
        var templates = RandomTemplates.Create(rng, ages: 5, metallicities: 4, binCount: 120, backgrounds: 0, shuffle: false);
        return SfhModel.Create(templates, RandomTemplates.Observe(rng, templates), new SfhModelOptions { Model = MetallicityModelKind.PowerLawMzr });
    }

    private static double[] Theta(SfhModel model, double shift)
    {
        var theta = new double[model.Layout.FreeCount];
        model.Layout.ToTheta(model.InitialNatural.AsSpan(), theta);
        for (int i = 0; i < theta.Length; i++) theta[i] += shift * Math.Sin(3.7 * i + 1);
        return theta;
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.3, false)]
    [InlineData(0.3, true)]
    public void StarShareIsVolumePreservingWithTheRightGradient(double shift, bool unitYields)
    {
        var model = Model();
        int bins = model.Ages.Count, d = model.Layout.FreeCount;
        double[] yields = unitYields ? [.. Enumerable.Repeat(1.0, bins)] : [.. Enumerable.Range(0, bins).Select(j => 0.2 / (1 + j))];
        var density = new StarShareLogDensity(model.CreateLogDensity(), yields);
        var theta = Theta(model, shift);
        var phi = new double[d];
        density.ToPhi(theta, phi);
        var back = new double[d];
        density.ToTheta(phi, back);
        for (int i = 0; i < d; i++) Assert.Equal(theta[i], back[i], 1e-12);
        var g = new double[d];
        Assert.Equal(model.CreateLogDensity().ValueAndGradient(theta, g), density.ValueAndGradient(phi, g), 1e-9);
        var jacobian = density.JacobianPhiByTheta(theta);
        double det = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d, (i, j) => jacobian[i * d + j]).Determinant();
        Assert.Equal(1.0, Math.Abs(det), 1e-10);
        foreach (var entry in GradientCheck.Run(density, phi, 3e-4))
            Assert.True(Math.Abs(entry.Analytic - entry.FiniteDifference) <= 1e-6 * Math.Max(1, Math.Abs(entry.Analytic)), entry.ToString());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    public void SqrtMassHasTheStatedJacobianAndGradient(double shift)
    {
        var model = Model();
        int bins = model.Ages.Count, d = model.Layout.FreeCount;
        var density = new SqrtMassLogDensity(model.CreateLogDensity(), bins);
        var theta = Theta(model, shift);
        var z = new double[d];
        density.ToZ(theta, z);
        var g = new double[d];
        double logJacobian = Enumerable.Range(0, bins).Sum(j => Math.Log(2 / z[j]));
        Assert.Equal(model.CreateLogDensity().ValueAndGradient(theta, g) + logJacobian, density.ValueAndGradient(z, g), 1e-9);
        foreach (var entry in GradientCheck.Run(density, z, 1e-5))
            Assert.True(Math.Abs(entry.Analytic - entry.FiniteDifference) <= 1e-5 * Math.Max(1, Math.Abs(entry.Analytic)), entry.ToString());
    }
}
