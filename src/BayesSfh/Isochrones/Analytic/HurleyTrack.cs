namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// The characteristic times and luminosities of one initial mass (Hurley et al. 2000 §§2–7, without mass loss), and
/// the star's luminosity and radius at any age up to the first thermal pulse. Times in Myr.
/// </summary>
internal readonly struct HurleyTrack
{
    private const double HookWidth = 0.01;        // ε of the hook: the last 1% of t_hook
    private const double BlueLoopLimitMass = 12;  // Hurley et al.'s mass above which He ignites at R_min on the HG
    private const double Tiny = 1e-14;

    private readonly HurleyMetallicityCoefficients _c;
    private readonly double _m;
    private readonly double _hookTime;
    private readonly double _lZams, _lTms, _rZams, _rTms;
    private readonly double _lEndOfGap;     // L_BGB, or L_HeI above M_FGB
    private readonly double _lHeI, _lHeStart, _lBagb;
    private readonly double _mcHeI, _mcBagb;
    private readonly GiantBranchClock _giant;
    private readonly GiantBranchClock _agb;

    /// <summary>
    /// Computes the track of initial mass <paramref name="mass"/> (clamped to ≤ 100 M☉ as in the fits). When the star is
    /// still on the main sequence at <paramref name="ageMyr"/>, the post-main-sequence quantities are skipped (their times
    /// are then NaN); the default +∞ computes everything.
    /// </summary>
    public HurleyTrack(HurleyMetallicityCoefficients c, double mass, double ageMyr = double.PositiveInfinity)
    {
        _c = c;
        double m = Math.Min(mass, 100);
        _m = m;
        BaseOfGiantBranchTime = c.BaseOfGiantBranchTime(m);
        _hookTime = c.HookFraction(m) * BaseOfGiantBranchTime;
        MainSequenceTime = Math.Max(c.MainSequenceFraction * BaseOfGiantBranchTime, _hookTime);
        _lZams = c.ZamsLuminosity(m);
        _lTms = c.TerminalMainSequenceLuminosity(m);
        _rZams = c.ZamsRadius(m);
        _rTms = c.TerminalMainSequenceRadius(m);
        if (ageMyr < MainSequenceTime)
        {
            HeliumIgnitionTime = HeBurningDuration = BaseOfAgbTime = EndTime = double.NaN;
            _lEndOfGap = _lHeI = _lHeStart = _lBagb = _mcHeI = _mcBagb = double.NaN;
            return;
        }

        var law = new GiantBranchLaw(m, c.LogGiantD);
        double hydrogenRate = Math.Pow(10, Math.Max(-4.8, Math.Min(-5.7 + 0.8 * m, -4.1 + 0.14 * m)));
        const double heliumRate = 8.0e-5;
        _lHeI = c.HeIgnitionLuminosity(m);
        _lBagb = c.BaseOfAgbLuminosity(m);

        double heBurningTime;
        if (m <= c.GiantBranchMass)
        {
            _lEndOfGap = c.BaseOfGiantBranchLuminosity(m);
            _giant = law.Clock(BaseOfGiantBranchTime, _lEndOfGap, hydrogenRate);
            HeliumIgnitionTime = _giant.TimeAtLuminosity(_lHeI);
            if (m <= c.HeliumFlashMass)
            {
                _mcHeI = law.CoreMass(_lHeI);
                _lHeStart = c.ZahbLuminosity(m, _mcHeI);
                heBurningTime = c.HeBurningTime(m, _mcHeI);
            }
            else
            {
                _mcHeI = c.NonDegenerateCoreMass(m, c.FlashCoreMassAtHeI);
                _lHeStart = c.MinHeBurningLuminosityRatio(m) * _lHeI;
                heBurningTime = c.HeBurningTime(m, 1) * BaseOfGiantBranchTime;
            }
        }
        else
        {
            // No first giant branch: helium ignites at the end of the Hertzsprung gap.
            _lEndOfGap = _lHeI;
            _giant = default;
            HeliumIgnitionTime = BaseOfGiantBranchTime;
            _mcHeI = c.NonDegenerateCoreMass(m, c.FlashCoreMassAtHeI);
            _lHeStart = _lBagb;
            heBurningTime = c.HeBurningTime(m, 1) * BaseOfGiantBranchTime;
        }
        HeBurningDuration = heBurningTime;
        BaseOfAgbTime = HeliumIgnitionTime + heBurningTime;

        // Early AGB: the CO core grows at the helium-burning rate until it catches up with the He core (first thermal
        // pulse, after second dredge-up for 0.8 ≤ Mc,BAGB < 2.25) or reaches the maximum core mass (carbon ignition).
        _agb = law.Clock(BaseOfAgbTime, _lBagb, heliumRate);
        _mcBagb = c.BaseOfAgbCoreMass(m);
        double mcPulse = _mcBagb >= 0.8 && _mcBagb < 2.25 ? 0.44 * _mcBagb + 0.448 : _mcBagb;
        double mcMax = Math.Max(Math.Max(1.44, 0.773 * _mcBagb - 0.35), 1.05 * _agb.CoreMass(BaseOfAgbTime));
        EndTime = Math.Max(BaseOfAgbTime, _agb.TimeAtCoreMass(Math.Min(mcPulse, mcMax)));
    }

    /// <summary>t_MS: end of core hydrogen burning.</summary>
    public double MainSequenceTime { get; }

    /// <summary>t_BGB: base of the giant branch (helium ignition above M_FGB).</summary>
    public double BaseOfGiantBranchTime { get; }

    /// <summary>t_HeI: helium ignition.</summary>
    public double HeliumIgnitionTime { get; }

    /// <summary>t_He: duration of core helium burning.</summary>
    public double HeBurningDuration { get; }

    /// <summary>t_BAGB: end of core helium burning.</summary>
    public double BaseOfAgbTime { get; }

    /// <summary>End of the modelled evolution: first thermal pulse on the AGB, or carbon ignition.</summary>
    public double EndTime { get; }

    /// <summary>
    /// Phase, L and R at age <paramref name="t"/> (Myr); false at or after <see cref="EndTime"/>. A track built for a
    /// main-sequence age can only be evaluated on the main sequence (false otherwise).
    /// </summary>
    public bool TryEvaluate(double t, out EvolutionaryPhase phase, out double luminosity, out double radius)
    {
        if (t >= MainSequenceTime && double.IsNaN(EndTime))
        {
            phase = EvolutionaryPhase.Unknown;
            luminosity = radius = double.NaN;
            return false;
        }
        if (t < MainSequenceTime)
        {
            phase = EvolutionaryPhase.MainSequence;
            MainSequence(t, out luminosity, out radius);
        }
        else if (t < BaseOfGiantBranchTime)
        {
            phase = EvolutionaryPhase.SubgiantBranch;
            HertzsprungGap(t, out luminosity, out radius);
        }
        else if (t < HeliumIgnitionTime)
        {
            phase = EvolutionaryPhase.RedGiantBranch;
            luminosity = _giant.Luminosity(t);
            radius = _c.GiantRadius(_m, luminosity);
        }
        else if (t < BaseOfAgbTime)
        {
            phase = EvolutionaryPhase.CoreHeliumBurning;
            CoreHeliumBurning(t, out luminosity, out radius);
        }
        else if (t < EndTime)
        {
            phase = EvolutionaryPhase.EarlyAsymptoticGiantBranch;
            luminosity = _agb.Luminosity(t);
            radius = _c.AgbRadius(_m, luminosity);
        }
        else
        {
            phase = EvolutionaryPhase.Unknown;
            luminosity = radius = double.NaN;
            return false;
        }
        return true;
    }

    /// <summary>
    /// Main sequence (eqs. 11–13): log(L/L_ZAMS) = α_L τ + β_L τ^η + (log(L_TMS/L_ZAMS) − α_L − β_L) τ² − ΔL(τ1² − τ2²) and
    /// log(R/R_ZAMS) = α_R τ + β_R τ^10 + γ τ^40 + (log(R_TMS/R_ZAMS) − α_R − β_R − γ) τ³ − ΔR(τ1³ − τ2³), τ = t/t_MS; the
    /// hook terms switch on in the last 1% of t_hook.
    /// </summary>
    private void MainSequence(double t, out double luminosity, out double radius)
    {
        var c = _c;
        double tau = t / MainSequenceTime;
        double tau1 = Math.Min(1, t / _hookTime);
        double tau2 = Math.Max(0, Math.Min(1, (t - (1 - HookWidth) * _hookTime) / (HookWidth * _hookTime)));

        double alpha = c.LuminosityAlpha(_m), beta = c.LuminosityBeta(_m), eta = c.LuminosityEta(_m);
        double logRatio = Math.Log10(_lTms / _lZams);
        double logL = alpha * tau + beta * Math.Pow(tau, eta) + (logRatio - alpha - beta) * tau * tau
                      - c.LuminosityHook(_m) * (tau1 * tau1 - tau2 * tau2);
        luminosity = _lZams * Math.Pow(10, logL);

        double alphaR = c.RadiusAlpha(_m), betaR = c.RadiusBeta(_m), gamma = c.RadiusGamma(_m);
        double logRatioR = Math.Log10(_rTms / _rZams);
        double tau3 = tau * tau * tau, tau10 = Math.Pow(tau, 10);
        double logR = alphaR * tau + betaR * tau10 + gamma * tau10 * tau10 * tau10 * tau10
                      + (logRatioR - alphaR - betaR - gamma) * tau3
                      - c.RadiusHook(_m) * (tau1 * tau1 * tau1 - tau2 * tau2 * tau2);
        radius = _rZams * Math.Pow(10, logR);

        if (_m < c.HookMass - 0.3)
        {
            // Fully convective, partly degenerate low-mass stars: never smaller than the degenerate radius.
            double degenerate = 0.0258 * Math.Pow(1 + c.HydrogenFraction, 5.0 / 3) * Math.Pow(_m, -1.0 / 3);
            radius = Math.Max(degenerate, radius);
        }
    }

    /// <summary>Hertzsprung gap / subgiant branch: L and R move geometrically from TMS to the BGB (or He ignition).</summary>
    private void HertzsprungGap(double t, out double luminosity, out double radius)
    {
        var c = _c;
        double tau = (t - MainSequenceTime) / (BaseOfGiantBranchTime - MainSequenceTime);
        luminosity = _lTms * Math.Pow(_lEndOfGap / _lTms, tau);
        double rEnd = c.GiantRadius(_m, _lEndOfGap);
        if (_m > c.GiantBranchMass)
        {
            double rMin = c.MinimumHeBurningRadius(_m);
            double rAgb = c.AgbRadius(_m, _lHeI);
            rEnd = Math.Min(rMin, rAgb);
            if (_m <= BlueLoopLimitMass)
            {
                double exponent = Math.Log(_m / BlueLoopLimitMass) / Math.Log(c.GiantBranchMass / BlueLoopLimitMass);
                rEnd = rMin * Math.Pow(c.GiantRadius(_m, _lEndOfGap) / rMin, exponent);
            }
            if (c.BlueLoopFraction(_m) < Tiny) rEnd = rAgb;
        }
        radius = _rTms * Math.Pow(rEnd / _rTms, tau);
    }

    /// <summary>Core helium burning: horizontal branch / red clump (M ≤ M_HeF), blue loop (intermediate masses), or a blue
    /// phase followed by a red one (M &gt; M_FGB), after Hurley et al. (2000) §6.</summary>
    private void CoreHeliumBurning(double t, out double luminosity, out double radius)
    {
        var c = _c;
        double tau = (t - HeliumIgnitionTime) / HeBurningDuration;
        if (_m <= c.HeliumFlashMass)
        {
            double coreMass = _mcHeI + (_mcBagb - _mcHeI) * tau;
            double lStart = _lHeStart, lEnd = _lBagb;
            double rZahb = c.ZahbRadius(_m, coreMass);
            double rMin = c.GiantRadius(_m, lStart) * Math.Pow(c.LowMassMinRadiusFactor, _m / c.HeliumFlashMass);
            double exponent = Math.Min(Math.Max(0.4, rMin / rZahb), 2.5);
            double rEnd = c.AgbRadius(_m, lEnd);
            radius = LoopRadius(rZahb, ref rMin, rEnd, tau);
            luminosity = lStart * Math.Pow(lEnd / lStart, Math.Pow(tau, exponent));
        }
        else if (_m > c.GiantBranchMass)
        {
            double loopFraction = c.BlueLoopFraction(_m);
            double loopEnd = HeliumIgnitionTime + loopFraction * HeBurningDuration;
            double rMin = Math.Min(c.MinimumHeBurningRadius(_m), c.AgbRadius(_m, _lHeI));
            double rStart = rMin;
            if (_m <= BlueLoopLimitMass)
            {
                double exponentR = Math.Log(_m / BlueLoopLimitMass) / Math.Log(c.GiantBranchMass / BlueLoopLimitMass);
                rStart = rMin * Math.Pow(c.GiantRadius(_m, _lHeI) / rMin, exponentR);
            }
            double exponent = Math.Min(Math.Max(0.4, rMin / rStart), 2.5);
            luminosity = _lHeI * Math.Pow(_lBagb / _lHeI, Math.Pow(tau, exponent));
            if (t < loopEnd)
            {
                double lLoopEnd = _lHeI * Math.Pow(_lBagb / _lHeI, Math.Pow(loopFraction, exponent));
                double rLoopEnd = c.AgbRadius(_m, lLoopEnd);
                double tauLow = Math.Abs(rMin - rStart) > Tiny ? Math.Cbrt(Math.Log(rStart / rMin)) : 0;
                double tauHigh = rLoopEnd > rMin ? Math.Cbrt(Math.Log(rLoopEnd / rMin)) : 0;
                double tauLoop = (t - HeliumIgnitionTime) / (loopFraction * HeBurningDuration);
                double x = tauLow * (tauLoop - 1) + tauHigh * tauLoop;
                radius = rMin * Math.Exp(Math.Abs(x * x * x));
            }
            else
            {
                radius = c.AgbRadius(_m, luminosity);
            }
        }
        else
        {
            double redFraction = 1 - c.BlueLoopFraction(_m);
            double loopStart = HeliumIgnitionTime + redFraction * HeBurningDuration;
            if (t < loopStart)
            {
                // Descent from the RGB tip along the giant branch to the minimum luminosity.
                double x = (loopStart - t) / (redFraction * HeBurningDuration);
                luminosity = _lHeStart * Math.Pow(_lHeI / _lHeStart, x * x * x);
                radius = c.GiantRadius(_m, luminosity);
            }
            else
            {
                double lStart = _lHeStart, lEnd = _lBagb;
                double rStart = c.GiantRadius(_m, lStart);
                double rMin = c.MinimumHeBurningRadius(_m);
                double exponent = Math.Min(Math.Max(0.4, rMin / rStart), 2.5);
                double rEnd = c.AgbRadius(_m, lEnd);
                double tauLoop = (t - loopStart) / (HeBurningDuration - (loopStart - HeliumIgnitionTime));
                radius = LoopRadius(rStart, ref rMin, rEnd, tauLoop);
                luminosity = lStart * Math.Pow(lEnd / lStart, Math.Pow(tauLoop, exponent));
            }
        }
    }

    /// <summary>
    /// Radius along a loop that starts at <paramref name="rStart"/>, dips to <paramref name="rMin"/> and ends at
    /// <paramref name="rEnd"/>: R = R_min exp(|τ_l(τ − 1) + τ_h τ|³), τ_l = ln(R_start/R_min)^{1/3}, τ_h = ln(R_end/R_min)^{1/3}.
    /// </summary>
    private static double LoopRadius(double rStart, ref double rMin, double rEnd, double tau)
    {
        double tauLow;
        if (rMin < rStart) tauLow = Math.Cbrt(Math.Log(rStart / rMin));
        else
        {
            rMin = rStart;
            tauLow = 0;
        }
        double tauHigh = Math.Cbrt(Math.Max(0, Math.Log(rEnd / rMin)));
        double x = tauLow * (tau - 1) + tauHigh * tau;
        return rMin * Math.Exp(Math.Abs(x * x * x));
    }
}
