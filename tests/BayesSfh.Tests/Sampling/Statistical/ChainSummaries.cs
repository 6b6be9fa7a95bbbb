namespace BayesSfh.Tests.Sampling.Statistical;

/// <summary>
/// Minimal convergence diagnostics for the statistical tests only (the project's diagnostics package is built
/// elsewhere): split-R̂ and split-chain ESS with Geyer's initial monotone sequence, following the R package posterior's
/// <c>.rhat</c> / <c>.ess</c> (Vehtari et al. 2021) without rank normalisation.
/// </summary>
internal static class ChainSummaries
{
    /// <summary>Splits each chain into two halves (odd lengths drop the middle draw).</summary>
    public static double[][] Split(IReadOnlyList<double[]> chains)
    {
        var halves = new List<double[]>();
        foreach (var chain in chains)
        {
            int half = chain.Length / 2;
            halves.Add(chain[..half]);
            halves.Add(chain[(chain.Length - half)..]);
        }
        return [.. halves];
    }

    public static double Mean(IReadOnlyList<double[]> chains) => chains.SelectMany(c => c).Average();

    /// <summary>Pooled sample variance (denominator N − 1).</summary>
    public static double Variance(IReadOnlyList<double[]> chains)
    {
        double mean = Mean(chains);
        var all = chains.SelectMany(c => c).ToArray();
        return all.Sum(x => (x - mean) * (x - mean)) / (all.Length - 1);
    }

    /// <summary>Split R̂ = sqrt(((n−1)/n·W + B/n)/W).</summary>
    public static double SplitRhat(IReadOnlyList<double[]> chains)
    {
        var split = Split(chains);
        int n = split[0].Length, m = split.Length;
        var means = split.Select(c => c.Average()).ToArray();
        double grand = means.Average();
        double b = n * means.Sum(x => (x - grand) * (x - grand)) / (m - 1);
        double w = split.Select((c, j) => c.Sum(x => (x - means[j]) * (x - means[j])) / (n - 1)).Average();
        return Math.Sqrt(((n - 1.0) / n * w + b / n) / w);
    }

    /// <summary>Effective sample size of the mean on split chains (posterior <c>.ess</c>: Geyer initial positive + monotone sequence, capped at S·log10 S).</summary>
    public static double SplitEss(IReadOnlyList<double[]> chains)
    {
        var split = Split(chains);
        int n = split[0].Length, m = split.Length;
        var means = split.Select(c => c.Average()).ToArray();
        var acovCache = new Dictionary<int, double>();
        double MeanAutocovariance(int lag)
        {
            if (acovCache.TryGetValue(lag, out double cached)) return cached;
            double total = 0;
            for (int j = 0; j < m; j++)
            {
                var c = split[j];
                double s = 0;
                for (int i = 0; i + lag < n; i++) s += (c[i] - means[j]) * (c[i + lag] - means[j]);
                total += s / n;
            }
            return acovCache[lag] = total / m;
        }
        double grand = means.Average();
        double w = MeanAutocovariance(0) * n / (n - 1.0);
        double varPlus = w * (n - 1.0) / n + (m > 1 ? means.Sum(x => (x - grand) * (x - grand)) / (m - 1) : 0);
        var rho = new double[n];
        rho[0] = 1;
        double even = 1, odd = 1 - (w - MeanAutocovariance(1)) / varPlus;
        rho[1] = odd;
        int t = 0;
        while (t < n - 5 && !double.IsNaN(even + odd) && even + odd > 0)
        {
            t += 2;
            even = 1 - (w - MeanAutocovariance(t)) / varPlus;
            odd = 1 - (w - MeanAutocovariance(t + 1)) / varPlus;
            if (even + odd >= 0)
            {
                rho[t] = even;
                rho[t + 1] = odd;
            }
        }
        int maxT = t;
        if (even > 0) rho[maxT] = even;
        t = 0;
        while (t <= maxT - 4)
        {
            t += 2;
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1])
            {
                rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
                rho[t + 1] = rho[t];
            }
        }
        double s = n * m;
        double tau = -1 + 2 * rho.Take(maxT).Sum() + rho[maxT];
        tau = Math.Max(tau, 1 / Math.Log10(s));
        return s / tau;
    }

    /// <summary>E-BFMI of one chain's energies: Σ(Eₙ − Eₙ₋₁)² / Σ(Eₙ − Ē)² (Betancourt 2016).</summary>
    public static double Ebfmi(double[] energy)
    {
        double mean = energy.Average(), numerator = 0, denominator = 0;
        for (int i = 0; i < energy.Length; i++)
        {
            if (i > 0) numerator += (energy[i] - energy[i - 1]) * (energy[i] - energy[i - 1]);
            denominator += (energy[i] - mean) * (energy[i] - mean);
        }
        return numerator / denominator;
    }
}
