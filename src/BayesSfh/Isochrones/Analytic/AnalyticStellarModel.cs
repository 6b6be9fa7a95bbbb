namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// Analytic single-star evolution for one metallicity: zero-age main sequence from Tout, Pols, Eggleton &amp; Han (1996,
/// MNRAS 281, 257) and main sequence, Hertzsprung gap, giant branch, core helium burning and early AGB from the fitting
/// formulae of Hurley, Pols &amp; Tout (2000, MNRAS 315, 543), without mass loss. Approximate (a few per cent in L and R
/// against the detailed models the fits were made to); meant for demos, tests and offline use.
/// </summary>
/// <remarks>
/// Valid for metal mass fractions <see cref="MinMetalMassFraction"/> … <see cref="MaxMetalMassFraction"/> and initial
/// masses <see cref="MinMass"/> … <see cref="MaxMass"/> M☉ (the ranges of the fits); outside them every method throws
/// <see cref="ArgumentOutOfRangeException"/>. Ages are in years. Evolution stops at the first thermal pulse on the AGB
/// (or carbon ignition): no thermally pulsing AGB, post-AGB, white dwarfs or remnants. Thread-safe (immutable).
/// </remarks>
public sealed class AnalyticStellarModel
{
    /// <summary>Lowest metal mass fraction Z of the fits.</summary>
    public const double MinMetalMassFraction = 1e-4;

    /// <summary>Highest metal mass fraction Z of the fits.</summary>
    public const double MaxMetalMassFraction = 0.03;

    /// <summary>Lowest initial mass (M☉) of the fits.</summary>
    public const double MinMass = 0.1;

    /// <summary>Highest initial mass (M☉) of the fits.</summary>
    public const double MaxMass = 100;

    /// <summary>IAU 2015 Resolution B3 nominal solar effective temperature, 5772 K.</summary>
    public const double NominalSolarEffectiveTemperature = 5772;

    private const double YearsPerMyr = 1e6;

    private readonly HurleyMetallicityCoefficients _coefficients;

    /// <summary>Creates the model for metal mass fraction <paramref name="metalMassFraction"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Z outside [1e-4, 0.03] or NaN.</exception>
    public AnalyticStellarModel(double metalMassFraction)
    {
        if (!(metalMassFraction >= MinMetalMassFraction && metalMassFraction <= MaxMetalMassFraction))
            throw new ArgumentOutOfRangeException(nameof(metalMassFraction), metalMassFraction,
                $"The analytic stellar model is fitted for Z in [{MinMetalMassFraction}, {MaxMetalMassFraction}].");
        _coefficients = new HurleyMetallicityCoefficients(metalMassFraction);
    }

    /// <summary>Metal mass fraction Z.</summary>
    public double MetalMassFraction => _coefficients.Z;

    /// <summary>M_hook (M☉): lowest mass whose main sequence ends with a hook (convective core), eq. (1).</summary>
    public double HookMass => _coefficients.HookMass;

    /// <summary>M_HeF (M☉): highest mass with a degenerate helium core (helium flash), eq. (2).</summary>
    public double HeliumFlashMass => _coefficients.HeliumFlashMass;

    /// <summary>M_FGB (M☉): highest mass with a first giant branch, eq. (3).</summary>
    public double GiantBranchMass => _coefficients.GiantBranchMass;

    internal HurleyMetallicityCoefficients Coefficients => _coefficients;

    /// <summary>ZAMS luminosity in L☉ (Tout et al. 1996 eq. 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Mass outside [0.1, 100] M☉ or NaN.</exception>
    public double ZamsLuminosity(double mass) => _coefficients.ZamsLuminosity(CheckMass(mass));

    /// <summary>ZAMS radius in R☉ (Tout et al. 1996 eq. 2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Mass outside [0.1, 100] M☉ or NaN.</exception>
    public double ZamsRadius(double mass) => _coefficients.ZamsRadius(CheckMass(mass));

    /// <summary>Main-sequence lifetime t_MS in years: max(μ, x)·t_BGB (Hurley et al. 2000 eqs. 4–7).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Mass outside [0.1, 100] M☉ or NaN.</exception>
    public double MainSequenceLifetime(double mass) => Track(CheckMass(mass)).MainSequenceTime * YearsPerMyr;

    /// <summary>The ages (years) at which a star of initial mass <paramref name="mass"/> leaves each phase.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Mass outside [0.1, 100] M☉ or NaN.</exception>
    public StellarLifetimes Lifetimes(double mass)
    {
        var track = Track(CheckMass(mass));
        return new StellarLifetimes(
            track.MainSequenceTime * YearsPerMyr, track.BaseOfGiantBranchTime * YearsPerMyr, track.HeliumIgnitionTime * YearsPerMyr,
            track.BaseOfAgbTime * YearsPerMyr, track.EndTime * YearsPerMyr);
    }

    /// <summary>
    /// Turnoff mass at age <paramref name="age"/> (years): the initial mass whose main-sequence lifetime equals the age,
    /// found by bisection in log M (relative precision 1e-12; t_MS decreases monotonically with mass).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The age is not finite and positive, or outside [t_MS(100 M☉), t_MS(0.1 M☉)].
    /// </exception>
    public double TurnoffMass(double age)
    {
        if (!(age > 0) || double.IsPositiveInfinity(age))
            throw new ArgumentOutOfRangeException(nameof(age), age, "Age must be finite and positive (years).");
        double ageMyr = age / YearsPerMyr;
        double young = Track(MaxMass).MainSequenceTime, old = Track(MinMass).MainSequenceTime;
        if (ageMyr < young || ageMyr > old)
            throw new ArgumentOutOfRangeException(nameof(age), age,
                $"Turnoff masses exist for ages {young * YearsPerMyr:G4} … {old * YearsPerMyr:G4} yr at Z = {MetalMassFraction}.");
        return FindMass(static t => t.MainSequenceTime, ageMyr, MinMass, MaxMass).Later;
    }

    /// <summary>
    /// The star of initial mass <paramref name="mass"/> at age <paramref name="age"/> (years). Returns false once the
    /// star has left the modelled phases (thermally pulsing AGB and later).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Mass outside [0.1, 100] M☉, or age negative or not finite.</exception>
    public bool TryEvaluate(double mass, double age, out StellarState state)
    {
        CheckMass(mass);
        if (!(age >= 0) || double.IsPositiveInfinity(age))
            throw new ArgumentOutOfRangeException(nameof(age), age, "Age must be finite and non-negative (years).");
        return TryEvaluateMyr(Track(mass, age / YearsPerMyr), age / YearsPerMyr, out state);
    }

    /// <summary>The track of <paramref name="mass"/>; for an <paramref name="ageMyr"/> on the main sequence only its MS part.</summary>
    internal HurleyTrack Track(double mass, double ageMyr = double.PositiveInfinity) => new(_coefficients, mass, ageMyr);

    internal static bool TryEvaluateMyr(in HurleyTrack track, double ageMyr, out StellarState state)
    {
        if (track.TryEvaluate(ageMyr, out var phase, out double luminosity, out double radius))
        {
            state = new StellarState(phase, luminosity, radius);
            return true;
        }
        state = default;
        return false;
    }

    /// <summary>
    /// Root of ln time(M) = ln age in ln M (Illinois false position with a bisection step whenever the bracket fails to
    /// halve), assuming the time decreases with mass: returns the bracket (Earlier, Later) with time(Earlier) &gt; age ≥
    /// time(Later) and Later/Earlier − 1 ≤ 1e-12. If time(lo) ≤ age, both are <paramref name="lo"/>; if time(hi) &gt; age,
    /// both are <paramref name="hi"/>.
    /// </summary>
    internal (double Earlier, double Later) FindMass(Func<HurleyTrack, double> time, double ageMyr, double lo, double hi)
    {
        double logAge = Math.Log(ageMyr);
        double F(double x) => Math.Log(time(Track(Math.Exp(x)))) - logAge;
        double a = Math.Log(lo), b = Math.Log(hi);
        double fa = F(a), fb = F(b);
        if (!(fa > 0)) return (lo, lo);
        if (fb > 0) return (hi, hi);
        int side = 0;
        double width = b - a;
        for (int iteration = 0; iteration < 200 && b - a > 1e-12; iteration++)
        {
            double x = iteration % 3 == 2 && b - a > 0.5 * width ? 0.5 * (a + b) : (a * fb - b * fa) / (fb - fa);
            if (iteration % 3 == 2) width = b - a;
            if (!(x > a && x < b)) x = 0.5 * (a + b);
            if (!(x > a && x < b)) break;
            double fx = F(x);
            if (fx > 0)
            {
                (a, fa) = (x, fx);
                if (side == 1) fb *= 0.5;
                side = 1;
            }
            else
            {
                (b, fb) = (x, fx);
                if (side == -1) fa *= 0.5;
                side = -1;
            }
        }
        double earlier = Math.Exp(a), later = Math.Exp(b);
        return (Math.Max(lo, Math.Min(earlier, hi)), Math.Max(lo, Math.Min(later, hi)));
    }

    private static double CheckMass(double mass)
    {
        if (!(mass >= MinMass && mass <= MaxMass))
            throw new ArgumentOutOfRangeException(nameof(mass), mass, $"The analytic stellar model is fitted for masses {MinMass} … {MaxMass} M☉.");
        return mass;
    }
}
