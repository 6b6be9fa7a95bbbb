namespace BayesSfh.IO;

/// <summary>The HMC metric named in a CmdStan CSV header (<c>metric = unit_e | diag_e | dense_e</c>).</summary>
public enum StanCsvMetric
{
    /// <summary><c>unit_e</c>: identity metric; the adaptation block says <c># No free parameters for unit metric</c>.</summary>
    Unit,

    /// <summary><c>diag_e</c> (CmdStan's default): one line of diagonal inverse-metric elements.</summary>
    Diagonal,

    /// <summary><c>dense_e</c>: one line per row of the inverse metric.</summary>
    Dense,
}
