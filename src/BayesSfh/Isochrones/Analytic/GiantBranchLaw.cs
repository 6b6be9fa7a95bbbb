namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// Core-mass–luminosity relation of giants, L = min(B Mc^q, D Mc^p) (Hurley et al. 2000 §5), and the
/// parameters of one stellar mass: the two power laws cross at Mc = Mx = (B/D)^{1/(p−q)}, L = Lx.
/// </summary>
internal readonly struct GiantBranchLaw
{
    /// <summary>Sets B, D, p, q for mass <paramref name="m"/> (M☉) given log10 D(M ≤ 2) = <paramref name="logD"/>.</summary>
    public GiantBranchLaw(double m, double logD)
    {
        B = Math.Max(3.0e4, 500 + 1.75e4 * Math.Pow(m, 0.6));
        double logDm;
        if (m <= 2)
        {
            logDm = logD;
            P = 6;
            Q = 3;
        }
        else if (m < 2.5)
        {
            double dx = logD - (0.975 * logD - 0.18 * 2.5);
            logDm = logD - dx * (m - 2) / 0.5;
            P = 6 - (m - 2) / 0.5;
            Q = 3 - (m - 2) / 0.5;
        }
        else
        {
            logDm = Math.Max(Math.Max(-1.0, 0.5 * logD - 0.06 * m), 0.975 * logD - 0.18 * m);
            P = 5;
            Q = 2;
        }
        D = Math.Pow(10, logDm);
        CrossingCoreMass = Math.Pow(B / D, 1 / (P - Q));
        CrossingLuminosity = D * Math.Pow(CrossingCoreMass, P);
    }

    /// <summary>B of L = B Mc^q (high core masses).</summary>
    public double B { get; }

    /// <summary>D of L = D Mc^p (low core masses).</summary>
    public double D { get; }

    /// <summary>Exponent p (low core masses).</summary>
    public double P { get; }

    /// <summary>Exponent q (high core masses).</summary>
    public double Q { get; }

    /// <summary>Mx, core mass where the power laws cross.</summary>
    public double CrossingCoreMass { get; }

    /// <summary>Lx = L(Mx).</summary>
    public double CrossingLuminosity { get; }

    /// <summary>Core mass of a giant of luminosity <paramref name="luminosity"/>.</summary>
    public double CoreMass(double luminosity) =>
        luminosity <= CrossingLuminosity ? Math.Pow(luminosity / D, 1 / P) : Math.Pow(luminosity / B, 1 / Q);

    /// <summary>
    /// Evolution in time of a shell-burning star that starts at <paramref name="startTime"/> (Myr) with luminosity
    /// <paramref name="startLuminosity"/> and burns at rate A = <paramref name="burnRate"/> (M☉ L☉⁻¹ Myr⁻¹):
    /// dMc/dt = A L, integrated analytically for each power law (Hurley et al. 2000 §5).
    /// </summary>
    public GiantBranchClock Clock(double startTime, double startLuminosity, double burnRate)
    {
        double expP = (P - 1) / P, expQ = (Q - 1) / Q;
        double tInf1 = startTime + 1 / ((P - 1) * burnRate * D) * Math.Pow(D / startLuminosity, expP);
        double tx = tInf1 - (tInf1 - startTime) * Math.Pow(startLuminosity / CrossingLuminosity, expP);
        double tInf2 = tx + 1 / ((Q - 1) * burnRate * B) * Math.Pow(B / CrossingLuminosity, expQ);
        return new GiantBranchClock(this, burnRate, tInf1, tInf2, tx);
    }
}

/// <summary>Time dependence of luminosity and core mass on a giant branch (see <see cref="GiantBranchLaw.Clock"/>).</summary>
internal readonly record struct GiantBranchClock(GiantBranchLaw Law, double BurnRate, double TInf1, double TInf2, double TCross)
{
    /// <summary>Luminosity at time <paramref name="t"/> (Myr).</summary>
    public double Luminosity(double t) =>
        t <= TCross
            ? Law.D * Math.Pow((Law.P - 1) * BurnRate * Law.D * (TInf1 - t), Law.P / (1 - Law.P))
            : Law.B * Math.Pow((Law.Q - 1) * BurnRate * Law.B * (TInf2 - t), Law.Q / (1 - Law.Q));

    /// <summary>Core mass at time <paramref name="t"/> (Myr).</summary>
    public double CoreMass(double t) =>
        t <= TCross
            ? Math.Pow((Law.P - 1) * BurnRate * Law.D * (TInf1 - t), 1 / (1 - Law.P))
            : Math.Pow((Law.Q - 1) * BurnRate * Law.B * (TInf2 - t), 1 / (1 - Law.Q));

    /// <summary>Time (Myr) at which the luminosity reaches <paramref name="luminosity"/>.</summary>
    public double TimeAtLuminosity(double luminosity) =>
        luminosity <= Law.CrossingLuminosity
            ? TInf1 - 1 / ((Law.P - 1) * BurnRate * Law.D) * Math.Pow(Law.D / luminosity, (Law.P - 1) / Law.P)
            : TInf2 - 1 / ((Law.Q - 1) * BurnRate * Law.B) * Math.Pow(Law.B / luminosity, (Law.Q - 1) / Law.Q);

    /// <summary>Time (Myr) at which the core mass reaches <paramref name="coreMass"/>.</summary>
    public double TimeAtCoreMass(double coreMass) =>
        coreMass <= Law.CrossingCoreMass
            ? TInf1 - 1 / ((Law.P - 1) * BurnRate * Law.D) * Math.Pow(coreMass, 1 - Law.P)
            : TInf2 - 1 / ((Law.Q - 1) * BurnRate * Law.B) * Math.Pow(coreMass, 1 - Law.Q);
}
