namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// Analytic single-star evolution at one metallicity after Hurley, Pols &amp; Tout (2000, MNRAS 315, 543; "SSE"):
/// main-sequence lifetime (eqs. 4–7), main-sequence luminosity and radius tracks (eqs. 8–9, 11–13, 18–24, without the hook terms),
/// Hertzsprung gap (§5.1), first giant branch via the core-mass–luminosity relation (eqs. 37–43, radius eq. 46) up to
/// helium ignition (eq. 49). ZAMS from <see cref="ToutZams"/>. Times in Myr, masses in M☉, L and R in solar units.
/// </summary>
/// <remarks>
/// Simplifications (see docs/builtin-isochrones.md): no main-sequence hook (ΔL = ΔR = 0 in eqs. 12–13); below
/// Z = 0.02 the giant-branch radius is interpolated in log Z (see <see cref="GiantBranchRadius"/>); on the giant branch every
/// mass below M_FGB uses the degenerate-core relations of eqs. 37–43 (Hurley use a different core-mass law above
/// M_HeF); stars above M_FGB end at the end of the Hertzsprung gap with L = L_HeI; no mass loss, no core-helium
/// burning or later phases. Z must lie in [1e-4, 0.03].
/// </remarks>
public sealed class HurleyStellarModel
{
    /// <summary>Smallest metal mass fraction the fits cover.</summary>
    public const double MinimumZ = 1e-4;

    /// <summary>Largest metal mass fraction the fits cover.</summary>
    public const double MaximumZ = 0.03;

    private readonly double _z, _zeta, _sigma;
    private readonly ToutZams.Coefficients _zams;
    private readonly double[] _a = new double[82];
    private readonly double[] _b = new double[14];
    private readonly double _xParam, _mHook, _mHeF, _mFgb, _lHeF, _alpha1;
    private readonly GiantRadiusFit _giantRadius, _giantRadiusPoor;
    private readonly double _giantRadiusWeight;

    /// <summary>Prepares the Z-dependent coefficients (Appendix A/B of Hurley et al. 2000).</summary>
    /// <param name="z">Metal mass fraction, 1e-4 ≤ Z ≤ 0.03.</param>
    public HurleyStellarModel(double z)
    {
        if (!(z >= MinimumZ && z <= MaximumZ))
            throw new ArgumentException($"Metal mass fraction must lie in [{MinimumZ}, {MaximumZ}] (got {z}).", nameof(z));
        _z = z;
        _zeta = Math.Log10(z / 0.02);
        _sigma = Math.Log10(z);
        _zams = ToutZams.At(z);
        InitialiseACoefficients();
        InitialiseBCoefficients();
        _giantRadius = new GiantRadiusFit(Math.Max(z, 0.02));
        _giantRadiusPoor = new GiantRadiusFit(MinimumZ);
        _giantRadiusWeight = z >= 0.02 ? 0 : Math.Log10(z / 0.02) / Math.Log10(MinimumZ / 0.02);
        _xParam = Math.Max(0.95, Math.Min(0.95 - 0.03 * (_zeta + 0.30103), 0.99));
        _mHook = 1.0185 + 0.16015 * _zeta + 0.0892 * _zeta * _zeta;
        _mHeF = 1.995 + 0.25 * _zeta + 0.087 * _zeta * _zeta;
        _mFgb = 13.048 * Math.Pow(z / 0.02, 0.06) / (1 + 0.0012 * Math.Pow(0.02 / z, 1.27));
        _lHeF = (_b[11] + _b[12] * Math.Pow(_mHeF, 3.8)) / (_b[13] + _mHeF * _mHeF);
        _alpha1 = (_b[9] * Math.Pow(_mHeF, _b[10]) - _lHeF) / _lHeF;
    }

    /// <summary>Metal mass fraction Z.</summary>
    public double Z => _z;

    /// <summary>Mass above which the main sequence has a hook, eq. 1 (informational; the hook is not modelled).</summary>
    public double HookMass => _mHook;

    /// <summary>Largest mass with a degenerate helium flash, M_HeF (eq. 2).</summary>
    public double HeliumFlashMass => _mHeF;

    /// <summary>Largest mass that ignites helium on the first giant branch, M_FGB (eq. 3).</summary>
    public double FirstGiantBranchMass => _mFgb;

    /// <summary>ZAMS luminosity (Tout et al. 1996 eq. 1).</summary>
    public double ZamsLuminosity(double mass) => ToutZams.Luminosity(mass, _zams);

    /// <summary>ZAMS radius (Tout et al. 1996 eq. 2).</summary>
    public double ZamsRadius(double mass) => ToutZams.Radius(mass, _zams);

    /// <summary>Time to the base of the giant branch, t_BGB = (a1 + a2 M⁴ + a3 M^5.5 + M⁷)/(a4 M² + a5 M⁷) Myr (eq. 4).</summary>
    public double BaseGiantBranchTime(double mass)
    {
        double m2 = mass * mass, m4 = m2 * m2, m7 = m4 * m2 * mass;
        return (_a[1] + _a[2] * m4 + _a[3] * m4 * mass * Math.Sqrt(mass) + m7) / (_a[4] * m2 + _a[5] * m7);
    }

    /// <summary>Main-sequence lifetime t_MS = max(μ, x) t_BGB in Myr (eqs. 5–7).</summary>
    public double MainSequenceLifetime(double mass)
    {
        double mu = Math.Max(0.5, 1 - 0.01 * Math.Max(_a[6] / Math.Pow(mass, _a[7]), _a[8] + _a[9] / Math.Pow(mass, _a[10])));
        return Math.Max(mu, _xParam) * BaseGiantBranchTime(mass);
    }

    /// <summary>Luminosity at the end of the main sequence, eq. 8.</summary>
    public double TerminalMainSequenceLuminosity(double mass) =>
        (_a[11] * mass * mass * mass + _a[12] * Math.Pow(mass, 4) + _a[13] * Math.Pow(mass, _a[16] + 1.8))
        / (_a[14] + _a[15] * Math.Pow(mass, 5) + Math.Pow(mass, _a[16]));

    /// <summary>Radius at the end of the main sequence, eq. 9 (with R_TMS ≥ 1.5 R_ZAMS below 0.5 M☉).</summary>
    public double TerminalMainSequenceRadius(double mass)
    {
        double m17 = _a[17], mStar = m17 + 0.1;
        double r;
        if (mass <= m17) r = LowMassTmsRadius(mass);
        else if (mass >= mStar) r = HighMassTmsRadius(mass);
        else
        {
            double r1 = LowMassTmsRadius(m17), r2 = HighMassTmsRadius(mStar);
            r = r1 + (r2 - r1) * (mass - m17) / (mStar - m17);
        }
        return mass < 0.5 ? Math.Max(r, 1.5 * ZamsRadius(mass)) : r;
    }

    private double LowMassTmsRadius(double m) => (_a[18] + _a[19] * Math.Pow(m, _a[21])) / (_a[20] + Math.Pow(m, _a[22]));

    private double HighMassTmsRadius(double m) =>
        (-8.672073e-2 * m * m * m + _a[23] * Math.Pow(m, _a[26]) + _a[24] * Math.Pow(m, _a[26] + 1.5)) / (_a[25] + Math.Pow(m, 5));

    /// <summary>Luminosity at the base of the giant branch, eq. 10 (c2 = 9.301992, c3 = 4.637345).</summary>
    public double BaseGiantBranchLuminosity(double mass) =>
        (_a[27] * Math.Pow(mass, _a[31]) + _a[28] * Math.Pow(mass, 9.301992))
        / (_a[29] + _a[30] * Math.Pow(mass, 4.637345) + Math.Pow(mass, _a[32]));

    /// <summary>Luminosity at helium ignition, eq. 49 (with the α1 smoothing below M_HeF).</summary>
    public double HeliumIgnitionLuminosity(double mass) =>
        mass < _mHeF
            ? _b[9] * Math.Pow(mass, _b[10]) / (1 + _alpha1 * Math.Exp(15 * (mass - _mHeF)))
            : (_b[11] + _b[12] * Math.Pow(mass, 3.8)) / (_b[13] + mass * mass);

    /// <summary>
    /// Giant-branch radius R_GB = A (L^b1 + b2 L^b3), A = min(b4 M^−b5, b6 M^−b7) (eq. 46). For Z ≥ 0.02 the
    /// coefficients are Hurley's at Z; for Z &lt; 0.02 log R_GB is interpolated linearly in log Z between eq. 46 at
    /// Z = 0.02 and at Z = 1e-4, because eq. 46 with the Appendix B coefficients is not monotonic in Z between
    /// 0.001 and 0.005 (b2 and b3 switch branches), which would make some metal-poor giant branches redder than
    /// metal-richer ones.
    /// </summary>
    public double GiantBranchRadius(double mass, double luminosity)
    {
        if (_giantRadiusWeight == 0) return _giantRadius.Radius(mass, luminosity);
        double logSolar = Math.Log(_giantRadius.Radius(mass, luminosity));
        double logPoor = Math.Log(_giantRadiusPoor.Radius(mass, luminosity));
        return Math.Exp(logSolar + _giantRadiusWeight * (logPoor - logSolar));
    }

    /// <summary>Eq. 46 coefficients b1–b7 (Appendix B) at one metallicity.</summary>
    private readonly struct GiantRadiusFit
    {
        private readonly double _b1, _b2, _b3, _b4, _b5, _b6, _b7;

        public GiantRadiusFit(double z)
        {
            double x = Math.Log10(z / 0.02), s = Math.Log10(z), x5 = Math.Pow(x, 5);
            _b1 = Math.Min(0.54, Poly(x, 0.397, 0.28826, 0.5293));
            _b2 = Math.Min(Math.Max(Math.Pow(10, -4.6739 - 0.9394 * s), -0.04167 + 55.67 * z), 0.4771 - 9329.21 * Math.Pow(z, 2.94));
            _b3 = Math.Pow(10, Math.Max(-0.1451, -2.2794 - 1.5175 * s - 0.254 * s * s));
            if (z >= 0.004) _b3 = Math.Max(_b3, 0.7307 + 14265.1 * Math.Pow(z, 3.395));
            _b4 = Poly(x, 0.9960283, 0.8164393, 2.383830, 2.223436, 0.8638115) + 0.1231572 * x5;
            _b5 = Poly(x, 2.561062e-1, 7.072646e-2, -5.444596e-2, -5.798167e-2, -1.349129e-2);
            _b6 = Poly(x, 1.157338, 1.467883, 4.299661, 3.130500, 6.99208e-1) + 0.01640687 * x5;
            _b7 = Poly(x, 4.022765e-1, 3.050010e-1, 9.962137e-1, 7.914079e-1, 1.728098e-1);
        }

        public double Radius(double mass, double luminosity)
        {
            double a = Math.Min(_b4 * Math.Pow(mass, -_b5), _b6 * Math.Pow(mass, -_b7));
            return a * (Math.Pow(luminosity, _b1) + _b2 * Math.Pow(luminosity, _b3));
        }
    }

    /// <summary>
    /// Time (Myr) at which a star of <paramref name="mass"/> reaches the end of its modelled evolution: helium ignition
    /// on the giant branch (eq. 43) below M_FGB, the base of the giant branch (end of the Hertzsprung gap) above it.
    /// </summary>
    public double EndTime(double mass)
    {
        if (mass >= _mFgb) return BaseGiantBranchTime(mass);
        var gb = new GiantBranch(this, mass);
        double lHeI = HeliumIgnitionLuminosity(mass);
        return lHeI <= gb.BaseLuminosity ? gb.BaseTime : gb.TimeAtLuminosity(lHeI);
    }

    /// <summary>
    /// Time (Myr) at which a giant of <paramref name="mass"/> reaches <paramref name="luminosity"/> on the giant branch
    /// (inverse of eq. 37 with eqs. 39–42); <see cref="BaseGiantBranchTime"/> for luminosities at or below L_BGB.
    /// </summary>
    public double GiantBranchTimeAtLuminosity(double mass, double luminosity) => new GiantBranch(this, mass).TimeAtLuminosity(luminosity);

    /// <summary>
    /// Phase, luminosity and radius of a star of initial mass <paramref name="mass"/> at age <paramref name="ageMyr"/>;
    /// phase <see cref="EvolutionaryPhase.Unknown"/> (and NaN L, R) once the star is past its modelled evolution.
    /// </summary>
    public StellarState StateAt(double mass, double ageMyr)
    {
        double tMs = MainSequenceLifetime(mass);
        double lZams = ZamsLuminosity(mass), rZams = ZamsRadius(mass);
        double lTms = TerminalMainSequenceLuminosity(mass), rTms = TerminalMainSequenceRadius(mass);
        if (ageMyr < tMs)
        {
            double tau = Math.Max(ageMyr, 0) / tMs;
            double alphaL = AlphaL(mass), betaL = BetaL(mass), eta = Eta(mass);
            double logRatioL = alphaL * tau + betaL * Math.Pow(tau, eta) + (Math.Log10(lTms / lZams) - alphaL - betaL) * tau * tau;
            double alphaR = AlphaR(mass), betaR = BetaRPrime(mass) - 1, gamma = Gamma(mass);
            double tau3 = tau * tau * tau, tau10 = Math.Pow(tau, 10), tau40 = Math.Pow(tau10, 4);
            double logRatioR = alphaR * tau + betaR * tau10 + gamma * tau40 + (Math.Log10(rTms / rZams) - alphaR - betaR - gamma) * tau3;
            double radius = rZams * Math.Pow(10, logRatioR);
            if (mass < _mHeF) radius = Math.Max(radius, 0.0258 * Math.Pow(1 + (0.76 - 3 * _z), 5.0 / 3.0) / Math.Cbrt(mass)); // eq. 24
            return new StellarState(EvolutionaryPhase.MainSequence, lZams * Math.Pow(10, logRatioL), radius);
        }
        double tBgb = BaseGiantBranchTime(mass);
        if (ageMyr <= tBgb)
        {
            double lEnd = mass < _mFgb ? BaseGiantBranchLuminosity(mass) : HeliumIgnitionLuminosity(mass);
            double rEnd = GiantBranchRadius(mass, lEnd);
            double tau = (ageMyr - tMs) / (tBgb - tMs);
            return new StellarState(EvolutionaryPhase.SubgiantBranch, lTms * Math.Pow(lEnd / lTms, tau), rTms * Math.Pow(rEnd / rTms, tau));
        }
        if (mass < _mFgb)
        {
            var gb = new GiantBranch(this, mass);
            double lHeI = HeliumIgnitionLuminosity(mass);
            if (lHeI > gb.BaseLuminosity && ageMyr <= gb.TimeAtLuminosity(lHeI))
            {
                double l = gb.LuminosityAt(ageMyr);
                return new StellarState(EvolutionaryPhase.RedGiantBranch, l, GiantBranchRadius(mass, l));
            }
        }
        return new StellarState(EvolutionaryPhase.Unknown, double.NaN, double.NaN);
    }

    /// <summary>Duration of the approximate red-clump phase of <see cref="ClumpStateAt"/>, Myr.</summary>
    public const double ClumpDuration = 100.0;

    /// <summary>Luminosity at the start of the approximate red-clump phase, L☉ (log L = 1.7).</summary>
    public const double ClumpLuminosity = 50.0;

    /// <summary>
    /// Approximate core-helium-burning (red clump / red horizontal branch) state of a star below M_HeF that ignited
    /// helium in a flash at <see cref="EndTime"/>: for f = (t − t_end)/<see cref="ClumpDuration"/> in [0, 1],
    /// L = <see cref="ClumpLuminosity"/> × 10^(0.2 f) and R = 0.9 R_GB(M, L). Not Hurley's §6 (no ZAHB fit, no blue
    /// horizontal branch, no blue loops); a demo-level clump whose colour follows the giant branch's metallicity
    /// dependence. Phase <see cref="EvolutionaryPhase.Unknown"/> (NaN L, R) outside that window or for M ≥ M_HeF.
    /// </summary>
    public StellarState ClumpStateAt(double mass, double ageMyr)
    {
        if (!(mass < _mHeF)) return new StellarState(EvolutionaryPhase.Unknown, double.NaN, double.NaN);
        double f = (ageMyr - EndTime(mass)) / ClumpDuration;
        if (!(f >= 0 && f <= 1)) return new StellarState(EvolutionaryPhase.Unknown, double.NaN, double.NaN);
        double l = ClumpLuminosity * Math.Pow(10, 0.2 * f);
        return new StellarState(EvolutionaryPhase.CoreHeliumBurning, l, 0.9 * GiantBranchRadius(mass, l));
    }

    // Eq. 19 (α_L).
    private double AlphaL(double m)
    {
        if (m >= 2.0) return (_a[45] + _a[46] * Math.Pow(m, _a[48])) / (Math.Pow(m, 0.4) + _a[47] * Math.Pow(m, 1.9));
        if (m < 0.5) return _a[49];
        if (m < 0.7) return _a[49] + 5.0 * (0.3 - _a[49]) * (m - 0.5);
        if (m < _a[52]) return 0.3 + (_a[50] - 0.3) * (m - 0.7) / (_a[52] - 0.7);
        if (m < _a[53]) return _a[50] + (_a[51] - _a[50]) * (m - _a[52]) / (_a[53] - _a[52]);
        double at2 = AlphaL(2.0);
        return _a[51] + (at2 - _a[51]) * (m - _a[53]) / (2.0 - _a[53]);
    }

    // Eq. 20 (β_L).
    private double BetaL(double m)
    {
        double beta = Math.Max(0.0, _a[54] - _a[55] * Math.Pow(m, _a[56]));
        if (m > _a[57] && beta > 0)
        {
            double b57 = Math.Max(0.0, _a[54] - _a[55] * Math.Pow(_a[57], _a[56]));
            beta = Math.Max(0.0, b57 - 10.0 * (m - _a[57]) * b57);
        }
        return beta;
    }

    // Eq. 21 (α_R).
    private double AlphaR(double m)
    {
        if (m >= _a[66] && m <= _a[67]) return AlphaR21(m);
        if (m < 0.5) return _a[62];
        if (m < 0.65) return _a[62] + (_a[63] - _a[62]) * (m - 0.5) / 0.15;
        if (m < _a[68]) return _a[63] + (_a[64] - _a[63]) * (m - 0.65) / (_a[68] - 0.65);
        if (m < _a[66]) return _a[64] + (AlphaR21(_a[66]) - _a[64]) * (m - _a[68]) / (_a[66] - _a[68]);
        return AlphaR21(_a[67]) + _a[65] * (m - _a[67]);
    }

    private double AlphaR21(double m) => _a[58] * Math.Pow(m, _a[60]) / (_a[59] + Math.Pow(m, _a[61]));

    // Eq. 22 (β'_R = β_R + 1).
    private double BetaRPrime(double m)
    {
        if (m <= 1.0) return 1.06;
        if (m < _a[74]) return 1.06 + (_a[72] - 1.06) * (m - 1.0) / (_a[74] - 1.06);
        if (m < 2.0) return _a[72] + (BetaR22(2.0) - _a[72]) * (m - _a[74]) / (2.0 - _a[74]);
        if (m <= 16.0) return BetaR22(m);
        return BetaR22(16.0) + _a[73] * (m - 16.0);
    }

    private double BetaR22(double m) => _a[69] * Math.Pow(m, 3.5) / (_a[70] + Math.Pow(m, _a[71]));

    // Eq. 23 (γ); (M − a78) is floored at 0 so masses below a78 give γ = a76 instead of a complex power.
    private double Gamma(double m)
    {
        if (m > _a[75] + 0.1) return 0.0;
        if (m <= 1.0) return GammaLow(m);
        if (m <= _a[75]) return GammaLow(1.0) + (_a[80] - GammaLow(1.0)) * Math.Pow((m - 1.0) / (_a[75] - 1.0), _a[81]);
        double c = _a[75] == 1.0 ? GammaLow(1.0) : _a[80];
        return c - 10.0 * (m - _a[75]) * c;
    }

    private double GammaLow(double m) => _a[76] + _a[77] * Math.Pow(Math.Max(m - _a[78], 0.0), _a[79]);

    // Eq. 18 (η).
    private double Eta(double m)
    {
        if (_z > 0.0009) return 10;
        if (m <= 1.0) return 10;
        if (m >= 1.1) return 20;
        return 10 + 100 * (m - 1.0);
    }

    /// <summary>Giant-branch parameters of one mass (eqs. 37–42 and the text below eq. 38/43).</summary>
    private readonly struct GiantBranch
    {
        private readonly double _p, _q, _bCoef, _d, _aH, _lx, _tInf1, _tInf2, _tx;

        public GiantBranch(HurleyStellarModel model, double m)
        {
            double mHeF = model._mHeF;
            double w = m <= mHeF ? 0 : m >= 2.5 ? 1 : (m - mHeF) / (2.5 - mHeF);
            _p = 6 - w;
            _q = 3 - w;
            _bCoef = Math.Max(3e4, 500 + 1.75e4 * Math.Pow(m, 0.6));
            double d0 = 5.37 + 0.135 * model._zeta;
            double logDHigh = Math.Max(-1.0, Math.Max(0.975 * d0 - 0.18 * m, 0.5 * d0 - 0.06 * m));
            _d = Math.Pow(10, d0 + w * (logDHigh - d0));
            _aH = Math.Pow(10, Math.Max(-4.8, Math.Min(-5.7 + 0.8 * m, -4.1 + 0.14 * m)));
            double mx = Math.Pow(_bCoef / _d, 1 / (_p - _q));
            _lx = Math.Min(_bCoef * Math.Pow(mx, _q), _d * Math.Pow(mx, _p));
            BaseTime = model.BaseGiantBranchTime(m);
            BaseLuminosity = model.BaseGiantBranchLuminosity(m);
            _tInf1 = BaseTime + Math.Pow(_d / BaseLuminosity, (_p - 1) / _p) / ((_p - 1) * _aH * _d);
            _tx = _tInf1 - (_tInf1 - BaseTime) * Math.Pow(BaseLuminosity / _lx, (_p - 1) / _p);
            _tInf2 = _tx + Math.Pow(_bCoef / _lx, (_q - 1) / _q) / ((_q - 1) * _aH * _bCoef);
        }

        public double BaseTime { get; }

        public double BaseLuminosity { get; }

        public double TimeAtLuminosity(double l)
        {
            if (l <= BaseLuminosity) return BaseTime;
            return l <= _lx
                ? _tInf1 - Math.Pow(_d / l, (_p - 1) / _p) / ((_p - 1) * _aH * _d)
                : _tInf2 - Math.Pow(_bCoef / l, (_q - 1) / _q) / ((_q - 1) * _aH * _bCoef);
        }

        public double LuminosityAt(double t)
        {
            double coreMass = t <= _tx
                ? Math.Pow((_p - 1) * _aH * _d * (_tInf1 - t), 1 / (1 - _p))
                : Math.Pow((_q - 1) * _aH * _bCoef * (_tInf2 - t), 1 / (1 - _q));
            return Math.Min(_bCoef * Math.Pow(coreMass, _q), _d * Math.Pow(coreMass, _p));
        }
    }

    private static double Poly(double x, double c0, double c1 = 0, double c2 = 0, double c3 = 0, double c4 = 0) =>
        c0 + x * (c1 + x * (c2 + x * (c3 + x * c4)));

    // Appendix A coefficients needed here (a1–a32, a45–a57), with the paper's post-processing.
    private void InitialiseACoefficients()
    {
        double x = _zeta;
        var a = _a;
        a[1] = Poly(x, 1.593890e3, 2.053038e3, 1.231226e3, 2.327785e2);
        a[2] = Poly(x, 2.706708e3, 1.483131e3, 5.772723e2, 7.411230e1);
        a[3] = Poly(x, 1.466143e2, -1.048442e2, -6.795374e1, -1.391127e1);
        a[4] = Poly(x, 4.141960e-2, 4.564888e-2, 2.958542e-2, 5.571483e-3);
        a[5] = 3.426349e-1;
        a[6] = Poly(x, 1.949814e1, 1.758178, -6.008212, -4.470533);
        a[7] = 4.903830;
        a[8] = Poly(x, 5.212154e-2, 3.166411e-2, -2.750074e-3, -2.271549e-3);
        a[9] = Poly(x, 1.312179, -3.294936e-1, 9.231860e-2, 2.610989e-2);
        a[10] = 8.073972e-1;
        a[14] = Poly(x, 3.858911e3, 2.459681e3, -7.630093e1, -3.486057e2, -4.861703e1);
        a[11] = Poly(x, 1.031538, -2.434480e-1, 7.732821, 6.460705, 1.374484) * a[14];
        a[12] = Poly(x, 1.043715, -1.577474, -5.168234, -5.596506, -1.299394) * a[14];
        a[13] = Poly(x, 7.859573e2, -8.542048, -2.642511e1, -9.585707);
        a[15] = Poly(x, 2.888720e2, 2.952979e2, 1.850341e2, 3.797254e1);
        a[16] = Poly(x, 7.196580, 5.613746e-1, 3.805871e-1, 8.398728e-2);
        a[17] = Math.Pow(10, Math.Max(0.097 - 0.1072 * (_sigma + 3), Math.Max(0.097, Math.Min(0.1461, 0.1461 + 0.1237 * (_sigma + 2)))));
        a[20] = Poly(x, 2.652091e1, 8.178458e1, 1.156058e2, 7.633811e1, 1.950698e1);
        a[18] = Poly(x, 2.187715e-1, -2.154437, -3.768678, -1.975518, -3.021475e-1) * a[20];
        a[19] = Poly(x, 1.466440, 1.839725, 6.442199, 4.023635, 6.957529e-1) * a[20];
        a[21] = Poly(x, 1.472103, -2.947609, -3.312828, -9.945065e-1);
        a[22] = Poly(x, 3.071048, -5.679941, -9.745523, -3.594543);
        a[23] = Poly(x, 2.617890, 1.019135, -3.292551e-2, -7.445123e-2);
        a[24] = Poly(x, 1.075567e-2, 1.773287e-2, 9.610479e-3, 1.732469e-3);
        a[25] = Poly(x, 1.476246, 1.899331, 1.195010, 3.035051e-1);
        a[26] = Poly(x, 5.502535, -6.601663e-2, 9.968707e-2, 3.599801e-2);
        a[27] = Poly(x, 9.511033e1, 6.819618e1, -1.045625e1, -1.474939e1);
        a[28] = Poly(x, 3.113458e1, 1.012033e1, -4.650511, -2.463185);
        a[30] = Poly(x, 3.910862e1, 5.196646e1, 2.264970e1, 2.873680);
        a[31] = Poly(x, 4.597479, -2.855179e-1, 2.709724e-1);
        a[32] = Poly(x, 6.682518, 2.827718e-1, -7.294429e-2);
        a[29] = Math.Pow(Poly(x, 1.413057, 4.578814e-1, -6.850581e-2, -5.588658e-2), a[32]);
        a[45] = Poly(x, 2.321400e-1, 1.828075e-3, -2.232007e-2, -3.378734e-3);
        a[46] = Poly(x, 1.163659e-2, 3.427682e-3, 1.421393e-3, -3.710666e-3);
        a[47] = Poly(x, 1.048020e-2, -1.231921e-2, -1.686860e-2, -4.234354e-3);
        a[48] = Poly(x, 1.555590, -3.223927e-1, -5.197429e-1, -1.066441e-1);
        a[49] = Math.Max(Poly(x, 9.7700e-2, -2.3100e-1, -7.5300e-2), 0.145);
        a[50] = Math.Min(Poly(x, 2.4000e-1, 1.8000e-1, 5.9500e-1), 0.306 + 0.053 * x);
        a[51] = Math.Min(Poly(x, 3.3000e-1, 1.3200e-1, 2.1800e-1), 0.3625 + 0.062 * x);
        a[52] = Math.Max(Poly(x, 1.1064, 4.1500e-1, 1.8000e-1), 0.9);
        if (_z > 0.01) a[52] = Math.Min(a[52], 1.0);
        a[53] = Math.Max(Poly(x, 1.1900, 3.7700e-1, 1.7600e-1), 1.0);
        if (_z > 0.01) a[53] = Math.Min(a[53], 1.1);
        a[54] = Poly(x, 3.855707e-1, -6.104166e-1, 5.676742, 1.060894e1, 5.284014);
        a[55] = Poly(x, 3.579064e-1, -6.442936e-1, 5.494644, 1.054952e1, 5.280991);
        a[56] = Poly(x, 9.587587e-1, 8.777464e-1, 2.017321e-1);
        a[57] = Math.Max(0.6355 - 0.4192 * x, Math.Max(1.25, Math.Min(1.4, 1.5135 + 0.3769 * x)));
        a[58] = Poly(x, 4.907546e-1, -1.683928e-1, -3.108742e-1, -7.202918e-2);
        a[59] = Poly(x, 4.537070, -4.465455, -1.612690, -1.623246);
        a[60] = Poly(x, 1.796220, 2.814020e-1, 1.423325, 3.421036e-1);
        a[61] = Poly(x, 2.256216, 3.773400e-1, 1.537867, 4.396373e-1);
        a[62] = Math.Max(0.065, Poly(x, 8.4300e-2, -4.7500e-2, -3.5200e-2));
        a[63] = Poly(x, 7.3600e-2, 7.4900e-2, 4.4260e-2);
        if (_z < 0.004) a[63] = Math.Min(0.055, a[63]);
        a[64] = Math.Max(0.091, Math.Min(0.121, Poly(x, 1.3600e-1, 3.5200e-2)));
        a[65] = Poly(x, 1.564231e-3, 1.653042e-3, -4.439786e-3, -4.951011e-3, -1.216530e-3);
        a[66] = Math.Max(Poly(x, 1.4770, 2.9600e-1), Math.Min(1.6, -0.308 - 1.046 * x));
        a[66] = Math.Max(0.8, Math.Min(0.8 - 2.0 * x, a[66]));
        a[67] = Poly(x, 5.210157, -4.143695, -2.120870);
        a[68] = Math.Max(0.9, Math.Min(Poly(x, 1.1160, 1.6600e-1), 1.0));
        if (a[68] > a[66]) a[64] = AlphaR21(a[66]);
        a[68] = Math.Min(a[68], a[66]);
        a[69] = Poly(x, 1.071489, -1.164852e-1, -8.623831e-2, -1.582349e-2);
        a[70] = Poly(x, 7.108492e-1, 7.935927e-1, 3.926983e-1, 3.622146e-2);
        a[71] = Poly(x, 3.478514, -2.585474e-2, -1.512955e-2, -2.833691e-3);
        a[72] = Poly(x, 9.132108e-1, -1.653695e-1, 0, 3.636784e-2);
        if (_z > 0.01) a[72] = Math.Max(a[72], 0.95);
        a[73] = Poly(x, 3.969331e-3, 4.539076e-3, 1.720906e-3, 1.897857e-4);
        a[74] = Math.Max(1.4, Math.Min(Poly(x, 1.600, 7.640e-1, 3.322e-1), 1.6));
        a[75] = Math.Max(Math.Max(1.0, Math.Min(Poly(x, 8.109e-1, -6.282e-1), 1.27)), 0.6355 - 0.4192 * x);
        a[76] = Math.Max(Poly(x, 1.192334e-2, 1.083057e-2, 1.230969, 1.551656), -0.1015564 - 0.2161264 * x - 0.05182516 * x * x);
        a[77] = Math.Max(-0.3868776 - 0.5457078 * x - 0.1463472 * x * x, Math.Min(0.0, Poly(x, -1.668868e-1, 5.818123e-1, -1.105027e1, -1.668070e1)));
        a[78] = Math.Max(0.0, Math.Min(Poly(x, 7.615495e-1, 1.068243e-1, -2.011333e-1, -9.371415e-2), 7.454 + 9.046 * x));
        a[79] = Math.Min(Poly(x, 9.409838, 1.522928), Math.Max(2.0, -13.3 - 18.6 * x));
        a[80] = Math.Max(0.0585542, Poly(x, -2.7110e-1, -5.7560e-1, -8.3800e-2));
        a[81] = Math.Min(1.5, Math.Max(0.4, Poly(x, 2.4930, 1.1475)));
    }

    // Appendix B coefficients b9–b13 (helium-ignition luminosity, eq. 49).
    private void InitialiseBCoefficients()
    {
        double x = _zeta;
        var b = _b;
        b[9] = Poly(x, 2.751631e3, 3.557098e2);
        b[10] = Poly(x, -3.820831e-2, 5.872664e-2);
        b[11] = Math.Pow(Poly(x, 1.071738e2, -8.970339e1, -3.949739e1), 2);
        b[12] = Poly(x, 7.348793e2, -1.531020e2, -3.793700e1);
        b[13] = Math.Pow(Poly(x, 9.219293, -2.005865, -5.561309e-1), 2);
    }
}

/// <summary>Phase, luminosity L/L☉ and radius R/R☉ of one star at one age.</summary>
/// <param name="Phase">Evolutionary phase; <see cref="EvolutionaryPhase.Unknown"/> past the modelled evolution.</param>
/// <param name="Luminosity">L/L☉ (NaN past the modelled evolution).</param>
/// <param name="Radius">R/R☉ (NaN past the modelled evolution).</param>
public readonly record struct StellarState(EvolutionaryPhase Phase, double Luminosity, double Radius)
{
    /// <summary>Nominal solar effective temperature (IAU 2015 B3), K.</summary>
    public const double SolarEffectiveTemperature = 5772.0;

    /// <summary>Teff = 5772 K (L/R²)^¼ from Stefan–Boltzmann in solar units.</summary>
    public double EffectiveTemperature => SolarEffectiveTemperature * Math.Pow(Luminosity / (Radius * Radius), 0.25);
}
