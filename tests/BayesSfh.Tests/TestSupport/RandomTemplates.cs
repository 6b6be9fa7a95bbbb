using BayesSfh.Hess;
using BayesSfh.Randomness;
using BayesSfh.Templates;

namespace BayesSfh.Tests.TestSupport;

/// <summary>
/// Small random problems built in code: sparse SSP template sets on a J × K (age × [M/H]) grid over a small Hess
/// diagram, optional background templates, and Poisson-drawn observed diagrams. Everything is driven by a seeded
/// <see cref="Xoshiro256StarStar"/>, so a seed fixes the problem bit for bit.
/// </summary>
internal static class RandomTemplates
{
    /// <summary>Log10 age (yr) of age index <paramref name="j"/>: 8.0, 8.3, 8.6, … (all younger than T_max = 13.7 Gyr).</summary>
    public static double LogAge(int j) => 8.0 + 0.3 * j;

    /// <summary>[M/H] of metallicity index <paramref name="k"/>: −2.0, −1.5, −1.0, …</summary>
    public static double Metallicity(int k) => -2.0 + 0.5 * k;

    /// <summary>
    /// A complete J × K template set. Each template is non-zero in a random subset of the bins (each bin with probability
    /// <paramref name="fill"/>, at least one bin), with values uniform in [0.2, 1) × 10⁻⁴ stars per M☉.
    /// </summary>
    /// <param name="rng">Seeded generator.</param>
    /// <param name="ages">J.</param>
    /// <param name="metallicities">K.</param>
    /// <param name="binCount">Number of flattened Hess bins.</param>
    /// <param name="backgrounds">Number of background templates (named <c>fg0</c>, <c>fg1</c>, …).</param>
    /// <param name="fill">Probability that a template is non-zero in a given bin.</param>
    /// <param name="shuffle">Scramble the input order of the SSP templates (so age order is not the input order).</param>
    public static TemplateSet Create(Xoshiro256StarStar rng, int ages, int metallicities, int binCount = 120, int backgrounds = 0,
        double fill = 0.3, bool shuffle = true)
    {
        var templates = new List<SspTemplate>();
        for (int j = 0; j < ages; j++)
            for (int k = 0; k < metallicities; k++)
            {
                var (bins, values) = SparseRow(rng, binCount, fill, 1e-4);
                templates.Add(new SspTemplate(LogAge(j), Metallicity(k), bins, values));
            }
        if (shuffle) Shuffle(rng, templates);
        var extra = new List<BackgroundTemplate>();
        for (int b = 0; b < backgrounds; b++)
        {
            var (bins, values) = SparseRow(rng, binCount, 0.5, 1.0);
            extra.Add(new BackgroundTemplate($"fg{b}", bins, values));
        }
        return new TemplateSet(binCount, templates, extra);
    }

    /// <summary>
    /// A Poisson-drawn observed diagram: expected counts from random positive coefficients scaled to
    /// <paramref name="totalStars"/> in total, then each covered bin is forced empty with probability
    /// <paramref name="emptyFraction"/> so that zero-count bins with a positive model are always exercised.
    /// Bins no template reaches stay empty.
    /// </summary>
    public static HessDiagram Observe(Xoshiro256StarStar rng, TemplateSet templates, double totalStars = 2000, double emptyFraction = 0.15)
    {
        var expected = new double[templates.BinCount];
        void Add(int[] bins, double[] values, double weight)
        {
            for (int e = 0; e < bins.Length; e++) expected[bins[e]] += weight * values[e];
        }
        foreach (var t in templates.Templates) Add(t.Bins, t.Values, rng.NextUniform(0.5, 1.5));
        foreach (var b in templates.Backgrounds) Add(b.Bins, b.Values, rng.NextUniform(0.5, 1.5) * 1e-4 * templates.Templates.Length);
        double scale = totalStars / expected.Sum();
        var counts = new double[templates.BinCount];
        for (int i = 0; i < counts.Length; i++)
        {
            if (expected[i] == 0) continue;
            long n = rng.NextPoisson(expected[i] * scale);
            counts[i] = rng.NextDouble() < emptyFraction ? 0 : n;
        }
        return new HessDiagram(counts);
    }

    /// <summary>Fisher–Yates shuffle with the project generator.</summary>
    public static void Shuffle<T>(Xoshiro256StarStar rng, IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int swap = (int)(rng.NextUInt64() % (ulong)(i + 1));
            (items[i], items[swap]) = (items[swap], items[i]);
        }
    }

    /// <summary>A strictly increasing random subset of 0..<paramref name="binCount"/>−1 (never empty) with positive values.</summary>
    public static (int[] Bins, double[] Values) SparseRow(Xoshiro256StarStar rng, int binCount, double fill, double scale)
    {
        var bins = new List<int>();
        for (int i = 0; i < binCount; i++) if (rng.NextDouble() < fill) bins.Add(i);
        if (bins.Count == 0) bins.Add((int)(rng.NextUInt64() % (ulong)binCount));
        return ([.. bins], [.. bins.Select(_ => scale * rng.NextUniform(0.2, 1.0))]);
    }
}
