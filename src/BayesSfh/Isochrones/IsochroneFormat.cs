namespace BayesSfh.Isochrones;

/// <summary>Isochrone file layouts the readers understand.</summary>
public enum IsochroneFormat
{
    /// <summary>Detect the layout from the file's content (<see cref="IsochroneReader.DetectFormat(IReadOnlyList{string})"/>).</summary>
    Auto = 0,
    /// <summary>MIST v1.2 <c>.iso.cmd</c> (web interpolator or grid output; one or more ages per file).</summary>
    Mist,
    /// <summary>PARSEC CMD 3.x web-form output (any number of ages and metallicities per file).</summary>
    Parsec,
    /// <summary>BaSTI-IAC isochrone tables (one age and [M/H] per header block).</summary>
    Basti,
}
