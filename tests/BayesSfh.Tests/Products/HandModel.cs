using BayesSfh.Hess;
using BayesSfh.Modelling;
using BayesSfh.Products;
using BayesSfh.Templates;

namespace BayesSfh.Tests.Products;

/// <summary>
/// A tiny hand-made problem whose products are computed by hand in the tests: 3 ages (log age 8, 9, 10; T_max 13.7 Gyr)
/// × 2 metallicities (−1, 0) on 4 Hess bins, c_jk,i = 10⁻⁴ (1 + j + 2k + i) stars per M☉, luminosity ℓ_jk = 10^−j (1 + k)
/// L☉ per M☉, and two posterior draws of the power-law MZR model.
/// </summary>
internal static class HandModel
{
    public static readonly double[] LogAges = [8, 9, 10];
    public static readonly double[] Metallicities = [-1, 0];
    public static readonly double[] Observed = [3, 5, 8, 2];

    /// <summary>The two draws: (R.1, R.2, R.3, alpha, mh0, sigma).</summary>
    public static readonly double[][] Draws =
    [
        [1e4, 2e4, 3e4, 0.3, -0.5, 0.2],
        [3e4, 2e4, 1e4, 0.5, -0.7, 0.4],
    ];

    public static readonly string[] Names = ["R.1", "R.2", "R.3", "alpha", "mh0", "sigma"];

    public static double Template(int j, int k, int bin) => 1e-4 * (1 + j + 2 * k + bin);

    public static double Luminosity(int j, int k) => Math.Pow(10, -j) * (1 + k);

    /// <summary>Bin edges as lookback times, Gyr: 0.1, 1, 10, 13.7.</summary>
    public static readonly double[] EdgesGyr = [0.1, 1, 10, 13.7];

    public static TemplateSet Templates(bool luminosity = true)
    {
        var list = new List<SspTemplate>();
        for (int k = 0; k < 2; k++) // metallicity-major input order, to check that nothing assumes age-major order
            for (int j = 0; j < 3; j++)
                list.Add(new SspTemplate(LogAges[j], Metallicities[k], [0, 1, 2, 3], [.. Enumerable.Range(0, 4).Select(i => Template(j, k, i))],
                    luminosity ? Luminosity(j, k) : null));
        return new TemplateSet(4, list);
    }

    public static SfhModel Model(MetallicityModelKind kind = MetallicityModelKind.PowerLawMzr, bool luminosity = true) =>
        SfhModel.Create(Templates(luminosity), new HessDiagram(Observed), new SfhModelOptions { Model = kind });

    public static PosteriorDraws PosteriorDraws() => global::BayesSfh.Products.PosteriorDraws.Create(Names, Draws);

    /// <summary>μ_j = mh0 + α (log10 M*_j − 6) with M*_j = Σ_{j' ≥ j} R_j', written out.</summary>
    public static double[] MeanMetallicities(double[] draw)
    {
        double[] cumulative = [draw[0] + draw[1] + draw[2], draw[1] + draw[2], draw[2]];
        return [.. cumulative.Select(m => draw[4] + draw[3] * (Math.Log10(m) - 6))];
    }

    /// <summary>r_jk = R_j w_jk with Gaussian weights normalised over the two metallicities.</summary>
    public static double[,] Coefficients(double[] draw)
    {
        var mu = MeanMetallicities(draw);
        var r = new double[3, 2];
        for (int j = 0; j < 3; j++)
        {
            double a0 = Math.Exp(-0.5 * Math.Pow((Metallicities[0] - mu[j]) / draw[5], 2));
            double a1 = Math.Exp(-0.5 * Math.Pow((Metallicities[1] - mu[j]) / draw[5], 2));
            r[j, 0] = draw[j] * a0 / (a0 + a1);
            r[j, 1] = draw[j] * a1 / (a0 + a1);
        }
        return r;
    }

    /// <summary>The type-7 quantile of two values, written out: (1 − h) lo + h hi with h = p.</summary>
    public static double Quantile2(double a, double b, double p) => (1 - p) * Math.Min(a, b) + p * Math.Max(a, b);
}
