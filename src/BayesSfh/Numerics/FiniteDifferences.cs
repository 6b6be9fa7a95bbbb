using BayesSfh.Sampling;

namespace BayesSfh.Numerics;

/// <summary>Finite-difference derivatives of an <see cref="ILogDensity"/>, for checks and Laplace approximations.</summary>
public static class FiniteDifferences
{
    /// <summary>Default relative step of <see cref="Gradient"/>.</summary>
    public const double DefaultGradientStep = 1e-4;

    /// <summary>Default relative step of <see cref="Hessian"/>.</summary>
    public const double DefaultHessianStep = 1e-5;

    /// <summary>
    /// Five-point central difference of the log density: ∂f/∂θ_i ≈ [f(θ−2h) − 8f(θ−h) + 8f(θ+h) − f(θ+2h)]/(12h),
    /// h = step·max(1, |θ_i|); truncation error O(h⁴).
    /// </summary>
    /// <returns>False when some evaluation was not finite (the destination entry is then NaN).</returns>
    public static bool Gradient(ILogDensity density, ReadOnlySpan<double> theta, Span<double> destination, double step = DefaultGradientStep)
    {
        int d = density.Dimension;
        if (theta.Length != d || destination.Length != d) throw new ArgumentException($"Spans must have {d} elements.");
        var point = theta.ToArray();
        var origin = theta.ToArray();
        var scratch = new double[d];
        bool finite = true;
        for (int i = 0; i < d; i++)
        {
            double h = step * Math.Max(1, Math.Abs(theta[i]));
            double Eval(double offset)
            {
                point[i] = origin[i] + offset;
                return density.ValueAndGradient(point, scratch);
            }
            double value = (Eval(-2 * h) - 8 * Eval(-h) + 8 * Eval(h) - Eval(2 * h)) / (12 * h);
            point[i] = theta[i];
            destination[i] = double.IsFinite(value) ? value : double.NaN;
            finite &= double.IsFinite(value);
        }
        return finite;
    }

    /// <summary>
    /// Hessian of the log density by central differences of its analytic gradient,
    /// H_ik ≈ [g_k(θ + h e_i) − g_k(θ − h e_i)]/(2h), symmetrised as ½(H + Hᵀ); h = step·max(1, |θ_i|).
    /// </summary>
    /// <returns>The d × d Hessian of ln p (negative definite at a mode); null when an evaluation was not finite.</returns>
    public static double[,]? Hessian(ILogDensity density, ReadOnlySpan<double> theta, double step = DefaultHessianStep)
    {
        int d = density.Dimension;
        if (theta.Length != d) throw new ArgumentException($"θ must have {d} elements.");
        var point = theta.ToArray();
        var plus = new double[d];
        var minus = new double[d];
        var hessian = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            double h = step * Math.Max(1, Math.Abs(theta[i]));
            point[i] = theta[i] + h;
            double a = density.ValueAndGradient(point, plus);
            point[i] = theta[i] - h;
            double b = density.ValueAndGradient(point, minus);
            point[i] = theta[i];
            if (!double.IsFinite(a) || !double.IsFinite(b)) return null;
            for (int k = 0; k < d; k++) hessian[i, k] = (plus[k] - minus[k]) / (2 * h);
        }
        for (int i = 0; i < d; i++)
            for (int k = i + 1; k < d; k++)
            {
                double mean = 0.5 * (hessian[i, k] + hessian[k, i]);
                hessian[i, k] = mean;
                hessian[k, i] = mean;
            }
        return hessian;
    }
}
