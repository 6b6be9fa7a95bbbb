using System.Collections.Immutable;
using BayesSfh.Modelling;
using BayesSfh.Numerics;
using BayesSfh.Parameters;
using BayesSfh.Sampling;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace BayesSfh.Optimization;

/// <summary>
/// MAP and MLE fits of an <see cref="SfhModel"/> in θ: L-BFGS (MathNet.Numerics) from the model's default start
/// (constant SFR scaled to the observed counts), then Newton steps with a finite-difference Hessian of the analytic
/// gradient until the gradient is below tolerance, then the Laplace covariance from that Hessian.
/// </summary>
public static class SfhFitter
{
    /// <summary>Fits <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The starting point is outside the support or has zero density.</exception>
    public static FitResult Fit(SfhModel model, FitOptions? options = null)
    {
        options = (options ?? new FitOptions()).Validate();
        var layout = model.Layout;
        var density = new CountingDensity(model.CreateLogDensity(options.Objective));
        int d = density.Dimension;
        var start = options.StartNatural?.ToArray() ?? [.. model.InitialNatural];
        if (start.Length != layout.NaturalCount) throw new ArgumentException($"The start needs {layout.NaturalCount} natural values; got {start.Length}.");
        var theta = new double[d];
        layout.ToTheta(start, theta);
        var gradient = new double[d];
        if (!double.IsFinite(density.ValueAndGradient(theta, gradient)))
            throw new ArgumentException("The log density is not finite at the starting point; give other starting values (--init).");

        int iterations = d == 0 ? 0 : RunLbfgs(density, theta, options);
        var (newtonSteps, status) = d == 0 ? (0, FitStatus.Converged) : RunNewton(density, theta, options);
        iterations += newtonSteps;

        double logDensity = density.ValueAndGradient(theta, gradient);
        double gradientNorm = d == 0 ? 0 : gradient.Max(Math.Abs);
        var warnings = ImmutableArray.CreateBuilder<string>();
        if (status != FitStatus.Converged)
            warnings.Add($"The optimiser stopped ({status}) with max |∂ln p/∂θ| = {gradientNorm:G3} > {options.GradientTolerance:G3}.");
        var covariance = d == 0 ? new double[0, 0] : Covariance(density, theta);
        if (covariance is null) warnings.Add("The Hessian at the optimum is not negative definite: standard errors are unavailable (NaN). Some parameter may be unconstrained or at a boundary.");

        var natural = new double[layout.NaturalCount];
        layout.ToNatural(theta, natural);
        var errors = new double[layout.NaturalCount];
        for (int f = 0; f < d; f++)
        {
            int i = layout.FreeIndices[f];
            double sd = covariance is null ? double.NaN : Math.Sqrt(covariance[f, f]);
            errors[i] = layout.Parameters[i].Constraint == ParameterConstraint.Positive ? natural[i] * sd : sd;
        }
        return new FitResult
        {
            Objective = options.Objective,
            Status = status,
            Names = [.. layout.Parameters.Select(p => p.Name)],
            Values = [.. natural],
            StandardErrors = [.. errors],
            IsFixed = layout.IsFixed,
            Theta = [.. theta],
            ThetaCovariance = covariance,
            NegativeLogLikelihood = model.NegativeLogLikelihood(natural),
            LogDensity = logDensity,
            GradientNorm = gradientNorm,
            Iterations = iterations,
            Evaluations = density.Evaluations,
            Warnings = warnings.ToImmutable(),
        };
    }

    // L-BFGS on −ln p. MathNet throws when a line search fails or a value is not finite; the best point seen is kept
    // and the Newton stage takes over from there.
    private static int RunLbfgs(CountingDensity density, double[] theta, FitOptions options)
    {
        int d = theta.Length;
        var best = (double[])theta.Clone();
        double bestValue = double.PositiveInfinity;
        var gradient = new double[d];
        var objective = ObjectiveFunction.Gradient(point =>
        {
            var p = point.AsArray() ?? point.ToArray();
            double logp = density.ValueAndGradient(p, gradient);
            if (!double.IsFinite(logp)) return (double.MaxValue, Vector<double>.Build.Dense(d));
            if (-logp < bestValue)
            {
                bestValue = -logp;
                p.CopyTo(best, 0);
            }
            var g = Vector<double>.Build.Dense(d);
            for (int i = 0; i < d; i++) g[i] = -gradient[i];
            return (-logp, g);
        });
        int iterations = 0;
        try
        {
            var minimizer = new LimitedMemoryBfgsMinimizer(options.GradientTolerance, 1e-14, 1e-14, memory: 10, maximumIterations: options.MaxIterations);
            var result = minimizer.FindMinimum(objective, Vector<double>.Build.DenseOfArray(theta));
            iterations = result.Iterations;
        }
        catch (Exception e) when (e is MaximumIterationsException or InnerOptimizationException or EvaluationException or ArgumentException or OptimizationException)
        {
            iterations = options.MaxIterations;
        }
        best.CopyTo(theta, 0);
        return iterations;
    }

    // Newton steps θ ← θ − t H⁻¹g with the finite-difference Hessian of −ln p (damped towards the gradient when not
    // positive definite) and a backtracking line search.
    private static (int Steps, FitStatus Status) RunNewton(CountingDensity density, double[] theta, FitOptions options)
    {
        int d = theta.Length;
        var gradient = new double[d];
        var trial = new double[d];
        var trialGradient = new double[d];
        for (int step = 0; step <= options.MaxNewtonSteps; step++)
        {
            double value = -density.ValueAndGradient(theta, gradient);
            if (gradient.Max(Math.Abs) <= options.GradientTolerance) return (step, FitStatus.Converged);
            if (step == options.MaxNewtonSteps) return (step, FitStatus.IterationLimit);
            var hessian = FiniteDifferences.Hessian(density, theta);
            if (hessian is null) return (step, FitStatus.Stalled);
            var direction = NewtonDirection(hessian, gradient);
            double slope = 0;
            for (int i = 0; i < d; i++) slope -= gradient[i] * direction[i];
            bool accepted = false;
            double gradientNorm = gradient.Max(Math.Abs);
            for (double t = 1; t > 1e-8; t *= 0.5)
            {
                for (int i = 0; i < d; i++) trial[i] = theta[i] + t * direction[i];
                double trialValue = -density.ValueAndGradient(trial, trialGradient);
                if (!double.IsFinite(trialValue)) continue;
                // Armijo, or — where F has reached its rounding floor (it sums ~N stars of cancelling terms) — no
                // significant increase and a clearly smaller gradient.
                bool armijo = trialValue <= value + 1e-4 * t * slope;
                bool withinNoise = trialValue <= value + 1e-9 * (1 + Math.Abs(value)) && trialGradient.Max(Math.Abs) < 0.5 * gradientNorm;
                if (armijo || withinNoise)
                {
                    trial.CopyTo(theta, 0);
                    accepted = true;
                    break;
                }
            }
            if (!accepted) return (step, FitStatus.Stalled);
        }
        return (options.MaxNewtonSteps, FitStatus.IterationLimit);
    }

    // Solves (−H + λI) p = g for the ascent direction p of ln p, with λ raised until −H + λI is positive definite.
    private static double[] NewtonDirection(double[,] hessian, double[] gradient)
    {
        int d = gradient.Length;
        var negative = Matrix<double>.Build.Dense(d, d, (i, k) => -hessian[i, k]);
        double scale = Math.Max(1e-8, Enumerable.Range(0, d).Max(i => Math.Abs(negative[i, i])));
        for (double lambda = 0; lambda < 1e12 * scale; lambda = lambda == 0 ? 1e-8 * scale : lambda * 10)
        {
            var damped = negative + Matrix<double>.Build.DenseIdentity(d) * lambda;
            try
            {
                var cholesky = damped.Cholesky();
                if (cholesky.Determinant <= 0 || double.IsNaN(cholesky.Determinant)) continue;
                return cholesky.Solve(Vector<double>.Build.DenseOfArray(gradient)).ToArray();
            }
            catch (ArgumentException)
            {
            }
        }
        return [.. gradient.Select(g => g / scale)];
    }

    // (−∇² ln p)⁻¹ when −∇² ln p is positive definite, else null.
    private static double[,]? Covariance(ILogDensity density, double[] theta)
    {
        var hessian = FiniteDifferences.Hessian(density, theta);
        if (hessian is null) return null;
        int d = theta.Length;
        var negative = Matrix<double>.Build.Dense(d, d, (i, k) => -hessian[i, k]);
        try
        {
            var cholesky = negative.Cholesky();
            var inverse = cholesky.Solve(Matrix<double>.Build.DenseIdentity(d));
            for (int i = 0; i < d; i++) if (!(inverse[i, i] > 0) || !double.IsFinite(inverse[i, i])) return null;
            return inverse.ToArray();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private sealed class CountingDensity(ILogDensity inner) : ILogDensity
    {
        public long Evaluations { get; private set; }

        public int Dimension => inner.Dimension;

        public double ValueAndGradient(ReadOnlySpan<double> position, Span<double> gradient)
        {
            Evaluations++;
            return inner.ValueAndGradient(position, gradient);
        }
    }
}
