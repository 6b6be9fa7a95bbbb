using BayesSfh.Sampling;

namespace BayesSfh.Numerics;

/// <summary>One coordinate of a gradient check.</summary>
/// <param name="Index">Coordinate index in θ.</param>
/// <param name="Analytic">∂ln p/∂θ_i from the density.</param>
/// <param name="FiniteDifference">Five-point finite-difference estimate.</param>
/// <param name="RelativeError">|analytic − fd| / max(|analytic|, |fd|, <see cref="GradientCheck.ErrorFloor"/>).</param>
public readonly record struct GradientCheckEntry(int Index, double Analytic, double FiniteDifference, double RelativeError);

/// <summary>Compares an analytic gradient with finite differences (in the spirit of CmdStan's diagnose method).</summary>
public static class GradientCheck
{
    /// <summary>Denominator floor of the relative error, so that a gradient near zero is judged by its absolute error.</summary>
    public const double ErrorFloor = 1e-2;

    /// <summary>Checks the gradient of <paramref name="density"/> at <paramref name="theta"/>.</summary>
    /// <returns>One entry per coordinate; a non-finite finite difference gives a relative error of +∞.</returns>
    public static GradientCheckEntry[] Run(ILogDensity density, ReadOnlySpan<double> theta, double step = FiniteDifferences.DefaultGradientStep)
    {
        int d = density.Dimension;
        var analytic = new double[d];
        double value = density.ValueAndGradient(theta, analytic);
        if (!double.IsFinite(value)) throw new ArgumentException("The log density is not finite at the point to check.");
        var numeric = new double[d];
        FiniteDifferences.Gradient(density, theta, numeric, step);
        var result = new GradientCheckEntry[d];
        for (int i = 0; i < d; i++)
        {
            double error = double.IsFinite(numeric[i])
                ? Math.Abs(analytic[i] - numeric[i]) / Math.Max(Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric[i])), ErrorFloor)
                : double.PositiveInfinity;
            result[i] = new GradientCheckEntry(i, analytic[i], numeric[i], error);
        }
        return result;
    }
}
