using BayesSfh.Randomness;

namespace BayesSfh.Plotting.Tests;

/// <summary>Small synthetic inputs shaped like the real ones: an SFH over log-spaced bins, an MDF, relations, draws, a Hess diagram.</summary>
internal static class TestData
{
    /// <summary>Lookback-time edges in Gyr: log10(age/yr) from 6.6 to 10.1 in 0.5 dex steps.</summary>
    internal static double[] TimeEdges => [.. Enumerable.Range(0, 8).Select(i => Math.Pow(10, 6.6 + 0.5 * i - 9))];

    internal static double[] Around(double[] values, double factor) => [.. values.Select(v => v * factor)];

    internal static StepBand Sfr(bool truth = true)
    {
        double[] edges = TimeEdges;
        double[] median = [.. Enumerable.Range(0, edges.Length - 1).Select(j => 0.002 + 0.01 * j * j / 36.0)];
        return new StepBand(edges, median, Around(median, 0.8), Around(median, 1.2), Around(median, 0.6), Around(median, 1.5),
            truth ? Around(median, 1.1) : null);
    }

    internal static Band Cumulative()
    {
        double[] x = TimeEdges;
        double[] f = [.. x.Select(t => 1 - Math.Log10(t / x[0]) / Math.Log10(x[^1] / x[0]))];
        double[] Shift(double d) => [.. f.Select(v => Math.Clamp(v + d * Math.Sin(Math.PI * v), 0, 1))];
        return new Band(x, f, Shift(-0.05), Shift(0.05), Shift(-0.1), Shift(0.1), Shift(0.02));
    }

    internal static Band SmoothMdf()
    {
        double[] x = [.. Enumerable.Range(0, 101).Select(i => -2.5 + 0.025 * i)];
        double[] p = [.. x.Select(m => Math.Exp(-0.5 * Math.Pow((m + 1) / 0.3, 2)) / (0.3 * Math.Sqrt(2 * Math.PI)))];
        return new Band(x, p, Around(p, 0.85), Around(p, 1.15), Around(p, 0.7), Around(p, 1.3), Around(p, 1.05));
    }

    internal static StepBand BinnedMdf()
    {
        double[] edges = [-2.5, -2.0, -1.5, -1.0, -0.5, 0.0];
        double[] v = [0.05, 0.5, 1.1, 0.3, 0.05];
        return new StepBand(edges, v, Around(v, 0.8), Around(v, 1.2), Around(v, 0.6), Around(v, 1.4));
    }

    internal static Band Amr()
    {
        double[] e = TimeEdges;
        double[] t = [.. Enumerable.Range(0, e.Length - 1).Select(j => Math.Sqrt(e[j] * e[j + 1]))];
        double[] mu = [.. t.Select(a => -0.2 - 0.5 * Math.Log10(1 + a))];
        return new Band(t, mu, [.. mu.Select(v => v - 0.1)], [.. mu.Select(v => v + 0.1)], [.. mu.Select(v => v - 0.2)], [.. mu.Select(v => v + 0.2)],
            [.. mu.Select(v => v + 0.03)]);
    }

    internal static Band Mzr()
    {
        double[] x = [.. Enumerable.Range(0, 30).Select(i => 4 + 0.1 * i)];
        double[] mu = [.. x.Select(m => -2 + 0.35 * (m - 4))];
        return new Band(x, mu, [.. mu.Select(v => v - 0.05)], [.. mu.Select(v => v + 0.05)], [.. mu.Select(v => v - 0.1)], [.. mu.Select(v => v + 0.1)]);
    }

    /// <summary>Three correlated parameters, <paramref name="chains"/> AR(1) chains of <paramref name="draws"/> each.</summary>
    internal static List<ParameterDraws> Draws(int chains = 3, int draws = 400, ulong seed = 7)
    {
        var a = new double[chains][];
        var b = new double[chains][];
        var s = new double[chains][];
        for (int c = 0; c < chains; c++)
        {
            var rng = Xoshiro256StarStar.ForStream(seed, c);
            (a[c], b[c], s[c]) = (new double[draws], new double[draws], new double[draws]);
            double z1 = 0, z2 = 0;
            for (int i = 0; i < draws; i++)
            {
                z1 = 0.6 * z1 + 0.8 * rng.NextStandardNormal();
                z2 = 0.6 * z2 + 0.8 * rng.NextStandardNormal();
                (a[c][i], b[c][i], s[c][i]) = (0.35 + 0.03 * z1, -1 + 0.05 * (0.6 * z2 - 0.8 * z1), 0.2 + 0.02 * Math.Abs(rng.NextStandardNormal()));
            }
        }
        return [new ParameterDraws("α", a, 0.36), new ParameterDraws("[M/H]₀", b, -1.0), new ParameterDraws("σ", s)];
    }

    /// <summary>Hess maps [colour, magnitude] over B − V ∈ [−0.5, 2], V ∈ [14, 26]: a main sequence and a giant branch.</summary>
    internal static (double[,] Observed, double[,] Model, double[] ColourEdges, double[] MagnitudeEdges) Hess(int colours = 40, int magnitudes = 48)
    {
        double[] ce = [.. Enumerable.Range(0, colours + 1).Select(i => -0.5 + 2.5 * i / colours)];
        double[] me = [.. Enumerable.Range(0, magnitudes + 1).Select(i => 14 + 12.0 * i / magnitudes)];
        var model = new double[colours, magnitudes];
        var observed = new double[colours, magnitudes];
        var rng = new Xoshiro256StarStar(11);
        for (int i = 0; i < colours; i++)
            for (int k = 0; k < magnitudes; k++)
            {
                double col = 0.5 * (ce[i] + ce[i + 1]), v = 0.5 * (me[k] + me[k + 1]);
                double ms = v > 20 ? 30 * Math.Exp(0.3 * (v - 20)) * Math.Exp(-0.5 * Math.Pow((col - 0.45 - 0.12 * (v - 20)) / 0.08, 2)) : 0;
                double rgb = v is > 15.5 and < 20 ? 6 * Math.Exp(-0.5 * Math.Pow((col - 0.85 - 0.15 * (20 - v)) / 0.06, 2)) : 0;
                model[i, k] = ms + rgb + 0.01;
                observed[i, k] = rng.NextPoisson(model[i, k]);
            }
        return (observed, model, ce, me);
    }
}
