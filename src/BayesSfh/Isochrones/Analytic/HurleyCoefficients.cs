namespace BayesSfh.Isochrones.Analytic;

/// <summary>
/// Published fitting coefficients of the analytic stellar-evolution model (data only). Each row holds the coefficients
/// of a polynomial in ζ = log10(Z/0.02), constant term first (rows of length 1 are constants or exponents).
/// </summary>
/// <remarks>
/// Sources: Tout, Pols, Eggleton &amp; Han 1996, MNRAS 281, 257, Tables 1–2 (ZAMS); Hurley, Pols &amp; Tout 2000,
/// MNRAS 315, 543, Appendices A and B (everything else), numbers as distributed with the authors' public SSE package.
/// How each row enters its formula is documented in <see cref="HurleyMetallicityCoefficients"/>.
/// </remarks>
internal static class HurleyCoefficients
{
    /// <summary>Tout et al. (1996) Table 1: rows α, β, γ, δ, ε, ζ, η of eq. (1).</summary>
    internal static readonly double[][] ZamsLuminosity =
    [
        [3.970417e-1, -3.2913574e-1, 3.4776688e-1, 3.7470851e-1, 9.011915e-2],
        [8.527626, -2.441225973e1, 5.643597107e1, 3.706152575e1, 5.4562406],
        [2.5546e-4, -1.23461e-3, -2.3246e-4, 4.5519e-4, 1.6176e-4],
        [5.432889, -8.62157806, 1.344202049e1, 1.451584135e1, 3.39793084],
        [5.563579, -1.032345224e1, 1.944322980e1, 1.897361347e1, 4.16903097],
        [7.8866060e-1, -2.90870942, 6.54713531, 4.05606657, 5.3287322e-1],
        [5.86685e-3, -1.704237e-2, 3.872348e-2, 2.570041e-2, 3.83376e-3],
    ];

    /// <summary>Tout et al. (1996) Table 2: rows θ, ι, κ, λ, μ, ν, ξ, ο, π of eq. (2) (ν has no Z term).</summary>
    internal static readonly double[][] ZamsRadius =
    [
        [1.715359, 6.2246212e-1, -9.2557761e-1, -1.16996966, -3.0631491e-1],
        [6.597788, -4.2450044e-1, -1.213339427e1, -1.073509484e1, -2.51487077],
        [1.008855000e1, -7.11727086, -3.167119479e1, -2.424848322e1, -5.33608972],
        [1.012495, 3.2699690e-1, -9.23418e-3, -3.876858e-2, -4.12750e-3],
        [7.490166e-2, 2.410413e-2, 7.233664e-2, 3.040467e-2, 1.97741e-3],
        [1.077422e-2],
        [3.082234, 9.447205e-1, -2.15200882, -2.49219496, -6.3848738e-1],
        [1.784778e1, -7.4534569, -4.896066856e1, -4.005386135e1, -9.09331816],
        [2.2582e-4, -1.86899e-3, 3.88783e-3, 1.42402e-3, -7.671e-5],
    ];

    /// <summary>Hurley et al. (2000) eq. (4): a1 … a5 of t_BGB.</summary>
    internal static readonly double[][] BgbTime =
    [
        [1.593890e3, 2.053038e3, 1.231226e3, 2.327785e2],
        [2.706708e3, 1.483131e3, 5.772723e2, 7.411230e1],
        [1.466143e2, -1.048442e2, -6.795374e1, -1.391127e1],
        [4.141960e-2, 4.564888e-2, 2.958542e-2, 5.571483e-3],
        [3.426349e-1],
    ];

    /// <summary>Hurley et al. (2000) eq. (7): a6 … a10 of μ = t_hook / t_BGB.</summary>
    internal static readonly double[][] HookTime =
    [
        [1.949814e1, 1.758178, -6.008212, -4.470533],
        [4.903830],
        [5.212154e-2, 3.166411e-2, -2.750074e-3, -2.271549e-3],
        [1.312179, -3.294936e-1, 9.231860e-2, 2.610989e-2],
        [8.073972e-1],
    ];

    /// <summary>Hurley et al. (2000) eq. (8): L_TMS (the first two rows are multiplied by the fourth).</summary>
    internal static readonly double[][] TmsLuminosity =
    [
        [1.031538, -2.434480e-1, 7.732821, 6.460705, 1.374484],
        [1.043715, -1.577474, -5.168234, -5.596506, -1.299394],
        [7.859573e2, -8.542048, -2.642511e1, -9.585707],
        [3.858911e3, 2.459681e3, -7.630093e1, -3.486057e2, -4.861703e1],
        [2.888720e2, 2.952979e2, 1.850341e2, 3.797254e1],
        [7.196580, 5.613746e-1, 3.805871e-1, 8.398728e-2],
    ];

    /// <summary>Hurley et al. (2000) App. A: α_L for M ≥ 2 M☉.</summary>
    internal static readonly double[][] LuminosityAlpha =
    [
        [2.321400e-1, 1.828075e-3, -2.232007e-2, -3.378734e-3],
        [1.163659e-2, 3.427682e-3, 1.421393e-3, -3.710666e-3],
        [1.048020e-2, -1.231921e-2, -1.686860e-2, -4.234354e-3],
        [1.555590, -3.223927e-1, -5.197429e-1, -1.066441e-1],
    ];

    /// <summary>Hurley et al. (2000) App. A: β_L.</summary>
    internal static readonly double[][] LuminosityBeta =
    [
        [3.855707e-1, -6.104166e-1, 5.676742, 1.060894e1, 5.284014],
        [3.579064e-1, -6.442936e-1, 5.494644, 1.054952e1, 5.280991],
        [9.587587e-1, 8.777464e-1, 2.017321e-1],
    ];

    /// <summary>Hurley et al. (2000) App. A: ΔL of the main-sequence hook.</summary>
    internal static readonly double[][] LuminosityHook =
    [
        [1.910302e-1, 1.158624e-1, 3.348990e-2, 2.599706e-3],
        [3.931056e-1, 7.277637e-2, -1.366593e-1, -4.508946e-2],
        [3.267776e-1, 1.204424e-1, 9.988332e-2, 2.455361e-2],
        [5.990212e-1, 5.570264e-2, 6.207626e-2, 1.777283e-2],
    ];

    /// <summary>Hurley et al. (2000) eq. (9): R_TMS (the first two rows are multiplied by the third).</summary>
    internal static readonly double[][] TmsRadius =
    [
        [2.187715e-1, -2.154437, -3.768678, -1.975518, -3.021475e-1],
        [1.466440, 1.839725, 6.442199, 4.023635, 6.957529e-1],
        [2.652091e1, 8.178458e1, 1.156058e2, 7.633811e1, 1.950698e1],
        [1.472103, -2.947609, -3.312828, -9.945065e-1],
        [3.071048, -5.679941, -9.745523, -3.594543],
        [-8.672073e-2],
        [2.617890, 1.019135, -3.292551e-2, -7.445123e-2],
        [1.075567e-2, 1.773287e-2, 9.610479e-3, 1.732469e-3],
        [1.476246, 1.899331, 1.195010, 3.035051e-1],
        [5.502535, -6.601663e-2, 9.968707e-2, 3.599801e-2],
    ];

    /// <summary>Hurley et al. (2000) App. A: α_R.</summary>
    internal static readonly double[][] RadiusAlpha =
    [
        [4.907546e-1, -1.683928e-1, -3.108742e-1, -7.202918e-2],
        [4.537070, -4.465455, -1.612690, -1.623246],
        [1.796220, 2.814020e-1, 1.423325, 3.421036e-1],
        [2.256216, 3.773400e-1, 1.537867, 4.396373e-1],
        [1.564231e-3, 1.653042e-3, -4.439786e-3, -4.951011e-3, -1.216530e-3],
        [5.210157, -4.143695, -2.120870],
    ];

    /// <summary>Hurley et al. (2000) App. A: β_R (the last row has no ζ² term).</summary>
    internal static readonly double[][] RadiusBeta =
    [
        [1.071489, -1.164852e-1, -8.623831e-2, -1.582349e-2],
        [7.108492e-1, 7.935927e-1, 3.926983e-1, 3.622146e-2],
        [3.478514, -2.585474e-2, -1.512955e-2, -2.833691e-3],
        [3.969331e-3, 4.539076e-3, 1.720906e-3, 1.897857e-4],
        [9.132108e-1, -1.653695e-1, 0, 3.636784e-2],
    ];

    /// <summary>Hurley et al. (2000) App. A: γ of the radius track.</summary>
    internal static readonly double[][] RadiusGamma =
    [
        [1.192334e-2, 1.083057e-2, 1.230969, 1.551656],
        [-1.668868e-1, 5.818123e-1, -1.105027e1, -1.668070e1],
        [7.615495e-1, 1.068243e-1, -2.011333e-1, -9.371415e-2],
        [-1.015564e-1, -2.161264e-1, -5.182516e-2],
        [-3.868776e-1, -5.457078e-1, -1.463472e-1],
        [9.409838, 1.522928],
    ];

    /// <summary>Hurley et al. (2000) App. A: ΔR of the main-sequence hook.</summary>
    internal static readonly double[][] RadiusHook =
    [
        [7.330122e-1, 5.192827e-1, 2.316416e-1, 8.346941e-3],
        [1.172768, -1.209262e-1, -1.193023e-1, -2.859837e-2],
        [3.982622e-1, -2.296279e-1, -2.262539e-1, -5.219837e-2],
        [3.571038, -2.223625e-2, -2.611794e-2, -6.359648e-3],
    ];

    /// <summary>Hurley et al. (2000) eq. (10): L_BGB (the last two rows are the constants c3 and c2).</summary>
    internal static readonly double[][] BgbLuminosity =
    [
        [9.511033e1, 6.819618e1, -1.045625e1, -1.474939e1],
        [3.113458e1, 1.012033e1, -4.650511, -2.463185],
        [1.413057, 4.578814e-1, -6.850581e-2, -5.588658e-2],
        [3.910862e1, 5.196646e1, 2.264970e1, 2.873680],
        [4.597479, -2.855179e-1, 2.709724e-1],
        [6.682518, 2.827718e-1, -7.294429e-2],
        [4.637345],
        [9.301992],
    ];

    /// <summary>Hurley et al. (2000) App. B: L_BAGB, luminosity at the base of the AGB.</summary>
    internal static readonly double[][] BagbLuminosity =
    [
        [1.626062e2, -1.168838e1, -5.498343],
        [3.336833e-1, -1.458043e-1, -2.011751e-2],
        [7.425137e1, 1.790236e1, 3.033910e1, 1.018259e1],
        [9.268325e2, -9.739859e1, -7.702152e1, -3.158268e1],
        [1.127018e1, 1.622158, -1.443664, -9.474699e-1],
        [2.474401, 3.892972e-1],
    ];

    /// <summary>Hurley et al. (2000) App. B: mass factor of the giant-branch radius R_GB.</summary>
    internal static readonly double[][] GiantRadius =
    [
        [9.960283e-1, 8.164393e-1, 2.383830, 2.223436, 8.638115e-1, 1.231572e-1],
        [2.561062e-1, 7.072646e-2, -5.444596e-2, -5.798167e-2, -1.349129e-2],
        [1.157338, 1.467883, 4.299661, 3.130500, 6.992080e-1, 1.640687e-2],
        [4.022765e-1, 3.050010e-1, 9.962137e-1, 7.914079e-1, 1.728098e-1],
    ];

    /// <summary>Hurley et al. (2000) App. B: mass factor of the AGB radius R_AGB.</summary>
    internal static readonly double[][] AgbRadius =
    [
        [1.125124, 1.306486, 3.622359, 2.601976, 3.031270e-1, -1.343798e-1],
        [3.349489e-1, 4.531269e-3, 1.131793e-1, 2.300156e-1, 7.632745e-2],
        [1.467794, 2.798142, 9.455580, 8.963904, 3.339719, 4.426929e-1],
        [4.658512e-1, 2.597451e-1, 9.048179e-1, 7.394505e-1, 1.607092e-1],
        [1.110866, 9.623856e-1, 2.735487, 2.445602, 8.826352e-1, 1.140142e-1],
        [-1.584333e-1, -1.728865e-1, -4.461431e-1, -3.925259e-1, -1.276203e-1, -1.308728e-2],
    ];

    /// <summary>Hurley et al. (2000) App. B: core mass at He ignition for M > M_HeF.</summary>
    internal static readonly double[][] HeIgnitionCoreMass =
    [
        [9.796164e-2],
        [1.350554],
    ];

    /// <summary>Hurley et al. (2000) App. B: core mass at the base of the AGB.</summary>
    internal static readonly double[][] BagbCoreMass =
    [
        [1.445216e-1, -6.180219e-2, 3.093878e-2, 1.567090e-2],
        [1.304129, 1.395919e-1, 4.142455e-3, -9.732503e-3],
        [5.114149e-1, -1.160850e-2],
    ];

    /// <summary>Hurley et al. (2000) App. B: L_HeI, luminosity at He ignition.</summary>
    internal static readonly double[][] HeIgnitionLuminosity =
    [
        [2.751631e3, 3.557098e2],
        [-3.820831e-2, 5.872664e-2],
        [1.5e1],
        [1.071738e2, -8.970339e1, -3.949739e1],
        [7.348793e2, -1.531020e2, -3.793700e1],
        [9.219293, -2.005865, -5.561309e-1],
    ];

    /// <summary>Hurley et al. (2000) App. B: L_min,He / L_HeI for intermediate masses.</summary>
    internal static readonly double[][] MinHeLuminosity =
    [
        [2.917412, 1.575290, 5.751814e-1],
        [6.371760e-1],
        [3.880523e-1],
        [4.916389, 2.862149, 7.844850e-1],
        [3.629118, -9.112722e-1, 1.042291],
    ];

    /// <summary>Hurley et al. (2000) App. B: R_mHe, minimum radius during blue-loop core He burning.</summary>
    internal static readonly double[][] MinRadius =
    [
        [1.609901e1, 7.391573, 2.277010e1, 8.334227],
        [1.747500e-1, 6.271202e-2, -2.324229e-2, -1.844559e-2],
        [2.752869, 2.729201e-2, 4.996927e-1, 2.496551e-1],
        [-9.138012e-2],
        [-3.671407e-1],
        [3.518506, 1.112440, -4.556216e-1, -2.179426e-1],
    ];

    /// <summary>Hurley et al. (2000) App. B: t_He, core-helium-burning lifetime.</summary>
    internal static readonly double[][] HeBurningTime =
    [
        [1.314955e2, 2.009258e1, -5.143082e-1, -1.379140],
        [1.823973e1, -3.074559, -4.307878],
        [1.5e1],
        [2.327037, 2.403445, 1.208407, 2.087263e-1],
        [1.079113e-1, 1.762409e-2, 1.096601e-2, 3.058818e-3],
        [2.327409, 6.901582e-1, -2.158431e-1, -1.084117e-1],
        [1.997378, -8.126205e-1],
    ];

    /// <summary>Hurley et al. (2000) App. B: τ_bl, blue-loop fraction of the He-burning lifetime.</summary>
    internal static readonly double[][] BlueLoopFraction =
    [
        [2.214315, -1.975747],
        [4.805428e-1],
        [2.471620],
        [-5.401682],
        [3.247361],
        [5.072525, 1.146189e1, 6.961724, 1.316965],
        [5.139740],
        [1.127733],
        [2.344416e-1],
        [-3.793726e-1],
    ];

    /// <summary>Hurley et al. (2000) App. B: L_ZAHB of low-mass stars.</summary>
    internal static readonly double[][] ZahbLuminosity =
    [
        [5.496045e1, -1.289968e1, 6.385758],
        [1.832694, -5.766608e-2, 5.696128e-2],
        [1.211104e2],
        [1.647903],
    ];

    /// <summary>Hurley et al. (2000) App. B: R_ZAHB of low-mass stars.</summary>
    internal static readonly double[][] ZahbRadius =
    [
        [2.063983, 7.363827e-1, 2.654323e-1, -6.140719e-2],
        [2.214088e2, 2.187113e2, 1.170177e1, -2.635340e1],
        [2.003160, 9.388871e-1, 9.656450e-1, 2.362266e-1],
    ];
}
