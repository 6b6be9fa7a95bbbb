using BayesSfh.Metallicity;

namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// Built-in approximate isochrones from analytic stellar evolution (<see cref="HurleyStellarModel"/>: Tout et al. 1996
/// ZAMS, Hurley et al. 2000 main sequence, Hertzsprung gap and first giant branch) and approximate Johnson–Cousins
/// photometry (<see cref="JohnsonCousinsPhotometry"/>; filters "U", "B", "V", "R", "I"). For offline demos and tests,
/// not for science: no AGB, white dwarfs, main-sequence hook or mass loss; core-helium burning only as an optional
/// approximate red clump (<see cref="BuiltinIsochroneOptions.IncludeCoreHeliumBurning"/>).
/// </summary>
/// <remarks>
/// [M/H] → Z with <see cref="SolarScaling.ZFromMetallicity"/> (PARSEC convention, Z☉ = 0.01524, Y = 0.2485 + 1.78 Z);
/// the Hurley fits are used at that Z even though they were calibrated with Z☉ = 0.02 (so the model Sun is slightly
/// metal-poor for the fits). Valid: 10^6.5 ≤ age ≤ 10^10.25 yr and 10⁻⁴ ≤ Z ≤ 0.03 (about −2.18 ≤ [M/H] ≤ +0.31);
/// outside, an <see cref="ArgumentException"/> names the parameter and the range. Points run along increasing initial
/// mass through the main sequence, subgiant branch and red-giant branch up to helium ignition, denser where the CMD
/// moves fast, so linear interpolation in initial mass gives a smooth CMD.
/// </remarks>
public static class BuiltinIsochrones
{
    /// <summary>Smallest accepted log10(age/yr).</summary>
    public const double MinimumLogAge = 6.5;

    /// <summary>Largest accepted log10(age/yr).</summary>
    public const double MaximumLogAge = 10.25;

    /// <summary>Source label of built-in isochrones.</summary>
    public const string SourceName = "builtin";

    /// <summary>Smallest accepted [M/H] (Z = 1e-4).</summary>
    public static double MinimumMetallicity { get; } = SolarScaling.MetallicityFromZ(HurleyStellarModel.MinimumZ);

    /// <summary>Largest accepted [M/H] (Z = 0.03).</summary>
    public static double MaximumMetallicity { get; } = SolarScaling.MetallicityFromZ(HurleyStellarModel.MaximumZ);

    /// <summary>Metal mass fraction Z used for <paramref name="mh"/>; throws if outside the valid range.</summary>
    public static double MetalFraction(double mh)
    {
        if (!(mh >= MinimumMetallicity - 1e-12 && mh <= MaximumMetallicity + 1e-12))
            throw new ArgumentException(
                $"[M/H] must lie in [{MinimumMetallicity:F3}, {MaximumMetallicity:F3}] for the built-in isochrones (Z in [1e-4, 0.03]); got {mh}.",
                nameof(mh));
        return Math.Clamp(SolarScaling.ZFromMetallicity(mh), HurleyStellarModel.MinimumZ, HurleyStellarModel.MaximumZ);
    }

    /// <summary>One isochrone of log10(age/yr) <paramref name="logAge"/> and metallicity <paramref name="mh"/>.</summary>
    public static Isochrone Create(double logAge, double mh, BuiltinIsochroneOptions? options = null)
    {
        options ??= BuiltinIsochroneOptions.Default;
        options.Validate();
        CheckLogAge(logAge);
        return Build(new HurleyStellarModel(MetalFraction(mh)), logAge, mh, options);
    }

    /// <summary>
    /// Isochrones for every (log age, [M/H]) pair: result[j, k] has <paramref name="logAges"/>[j] and
    /// <paramref name="metallicities"/>[k]. All inputs are checked before any isochrone is built.
    /// </summary>
    public static Isochrone[,] CreateGrid(IReadOnlyList<double> logAges, IReadOnlyList<double> metallicities, BuiltinIsochroneOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(logAges);
        ArgumentNullException.ThrowIfNull(metallicities);
        options ??= BuiltinIsochroneOptions.Default;
        options.Validate();
        foreach (double logAge in logAges) CheckLogAge(logAge);
        var models = new HurleyStellarModel[metallicities.Count];
        for (int k = 0; k < models.Length; k++) models[k] = new HurleyStellarModel(MetalFraction(metallicities[k]));
        var grid = new Isochrone[logAges.Count, metallicities.Count];
        for (int j = 0; j < logAges.Count; j++)
            for (int k = 0; k < models.Length; k++)
                grid[j, k] = Build(models[k], logAges[j], metallicities[k], options);
        return grid;
    }

    private static void CheckLogAge(double logAge)
    {
        if (!(logAge >= MinimumLogAge && logAge <= MaximumLogAge))
            throw new ArgumentException($"log age must lie in [{MinimumLogAge}, {MaximumLogAge}] for the built-in isochrones (got {logAge}).", nameof(logAge));
    }

    private static Isochrone Build(HurleyStellarModel model, double logAge, double mh, BuiltinIsochroneOptions options)
    {
        double t = Math.Pow(10, logAge - 6); // Myr
        double mMin = options.MinimumMass, mMax = options.MaximumMass;
        if (model.MainSequenceLifetime(mMin) <= t)
            throw new ArgumentException(
                $"At log age {logAge} a {mMin} M☉ star has left the main sequence; lower the minimum mass.", nameof(options));

        var masses = new List<double>(options.MainSequencePoints + options.SubgiantPoints + options.GiantBranchPoints);
        bool hasTurnoff = model.MainSequenceLifetime(mMax) <= t;
        double mTo = hasTurnoff ? SolveDecreasing(model.MainSequenceLifetime, t, mMin, mMax) : mMax;

        // Main sequence: 60 % uniform in log M, 40 % towards the turnoff in τ = t/t_MS.
        int nLog = options.MainSequencePoints * 3 / 5, nTau = options.MainSequencePoints - nLog;
        int nLogUsed = hasTurnoff ? nLog : options.MainSequencePoints - 1;
        for (int i = 0; i < nLogUsed; i++) masses.Add(mMin * Math.Pow(mTo / mMin, (double)i / nLogUsed));
        if (hasTurnoff)
        {
            double tauStart = Math.Max(0.5, t / model.MainSequenceLifetime(mMin));
            for (int j = 1; j <= nTau; j++)
            {
                double u = 1 - (double)j / nTau, tau = 1 - (1 - tauStart) * u * u;
                masses.Add(j == nTau ? mTo : SolveDecreasing(model.MainSequenceLifetime, t / tau, mMin, mTo));
            }
        }
        else masses.Add(mMax);
        masses.Sort();

        if (hasTurnoff && options.IncludeSubgiantBranch)
        {
            bool hasBgb = model.BaseGiantBranchTime(mMax) <= t;
            double mBgb = hasBgb ? SolveDecreasing(model.BaseGiantBranchTime, t, mTo, mMax) : mMax;
            double GapFraction(double m) => (t - model.MainSequenceLifetime(m)) / (model.BaseGiantBranchTime(m) - model.MainSequenceLifetime(m));
            double tauEnd = hasBgb ? 1 : GapFraction(mMax);
            for (int k = 1; k <= options.SubgiantPoints; k++)
                masses.Add(k == options.SubgiantPoints ? mBgb : SolveIncreasing(GapFraction, tauEnd * k / options.SubgiantPoints, mTo, mBgb));

            if (hasBgb && options.IncludeRedGiantBranch && mBgb < model.FirstGiantBranchMass
                && AddGiantBranch(model, t, mBgb, mMax, options.GiantBranchPoints, masses) is { } mTip
                && options.IncludeCoreHeliumBurning)
                AddClump(model, t, mTip, mMax, options.CoreHeliumBurningPoints, masses);
        }
        return Evaluate(model, logAge, mh, t, masses, options.IncludeCoreHeliumBurning);
    }

    // Adds RGB points; returns the tip mass when the isochrone reaches helium ignition below mMax, else null.
    private static double? AddGiantBranch(HurleyStellarModel model, double t, double mBgb, double mMax, int points, List<double> masses)
    {
        bool reachesTip = model.EndTime(mMax) < t;
        double mTip = reachesTip ? SolveDecreasing(model.EndTime, t, mBgb, mMax) : mMax;
        var tipState = model.StateAt(mTip, t);
        if (tipState.Phase != EvolutionaryPhase.RedGiantBranch) return null;
        double lStart = model.BaseGiantBranchLuminosity(mBgb), lEnd = tipState.Luminosity;
        if (!(lEnd > lStart)) return null;
        for (int k = 1; k <= points; k++)
        {
            double l = lStart * Math.Pow(lEnd / lStart, (double)k / points);
            masses.Add(k == points ? mTip : SolveDecreasing(m => model.GiantBranchTimeAtLuminosity(m, l), t, mBgb, mTip));
        }
        return reachesTip ? mTip : null;
    }

    // Red-clump points: masses whose helium ignition happened a fraction f = k/points of the clump duration ago.
    private static void AddClump(HurleyStellarModel model, double t, double mTip, double mMax, int points, List<double> masses)
    {
        for (int k = 1; k <= points; k++)
        {
            double ignition = t - HurleyStellarModel.ClumpDuration * k / points;
            if (model.EndTime(mMax) >= ignition) return;
            double m = SolveDecreasing(model.EndTime, ignition, mTip, mMax);
            if (!(m < model.HeliumFlashMass)) return;
            masses.Add(m);
        }
    }

    private static Isochrone Evaluate(HurleyStellarModel model, double logAge, double mh, double t, List<double> masses, bool clump)
    {
        var kept = new List<(double Mass, StellarState State)>(masses.Count);
        foreach (double m in masses)
        {
            var state = model.StateAt(m, t);
            if (clump && state.Phase == EvolutionaryPhase.Unknown) state = model.ClumpStateAt(m, t);
            if (state.Phase == EvolutionaryPhase.Unknown || !(state.Luminosity > 0) || !(state.Radius > 0)) continue;
            if (kept.Count > 0 && m < kept[^1].Mass) continue; // guard against bisection round-off
            kept.Add((m, state));
        }
        int n = kept.Count;
        var mass = new double[n];
        var logL = new double[n];
        var logTeff = new double[n];
        var phases = new EvolutionaryPhase[n];
        var columns = new double[5][];
        for (int f = 0; f < 5; f++) columns[f] = new double[n];
        Span<double> mags = stackalloc double[5];
        for (int i = 0; i < n; i++)
        {
            var (m, s) = kept[i];
            mass[i] = m;
            phases[i] = s.Phase;
            logL[i] = Math.Log10(s.Luminosity);
            logTeff[i] = Math.Log10(s.EffectiveTemperature);
            JohnsonCousinsPhotometry.AbsoluteMagnitudes(logL[i], logTeff[i], mags);
            for (int f = 0; f < 5; f++) columns[f][i] = mags[f];
        }
        var magnitudes = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int f = 0; f < 5; f++) magnitudes[JohnsonCousinsPhotometry.FilterNames[f]] = columns[f];
        return new Isochrone(logAge, mh, mass, magnitudes, phases, logL, logTeff, model.Z, SourceName);
    }

    // Root of f(m) = target for f decreasing in m on [lo, hi] (Illinois regula falsi in log m, ~1e-12 relative). Returns
    // the bracket end on the f > target side, so a star placed at a phase boundary is still in the earlier phase.
    private static double SolveDecreasing(Func<double, double> f, double target, double lo, double hi) =>
        SolveIncreasing(m => -f(m), -target, lo, hi);

    // Root of f(m) = target for f increasing in m; returns the bracket end with f < target.
    private static double SolveIncreasing(Func<double, double> f, double target, double lo, double hi)
    {
        double a = Math.Log(lo), b = Math.Log(hi);
        double fa = f(lo) - target, fb = f(hi) - target;
        if (!(fa < 0)) return lo;
        if (!(fb > 0)) return hi;
        int side = 0;
        for (int i = 0; i < 200 && b - a > 1e-12; i++)
        {
            double c = (a * fb - b * fa) / (fb - fa);
            if (!(c > a && c < b)) c = 0.5 * (a + b);
            double fc = f(Math.Exp(c)) - target;
            if (fc == 0) return Math.Exp(c);
            if (fc < 0)
            {
                a = c; fa = fc;
                if (side == -1) fb *= 0.5;
                side = -1;
            }
            else
            {
                b = c; fb = fc;
                if (side == 1) fa *= 0.5;
                side = 1;
            }
        }
        return Math.Exp(a);
    }
}
