using System.Collections.Immutable;
using BayesSfh.Hess;

namespace BayesSfh.Templates;

/// <summary>
/// A read-only set of SSP templates on one Hess binning, plus optional background templates. Safe to share between
/// threads. Templates are kept in the order given; <see cref="Grid"/> indexes them by age and metallicity.
/// </summary>
public sealed class TemplateSet
{
    /// <summary>Creates and validates a template set.</summary>
    /// <param name="binCount">Number of flattened Hess bins.</param>
    /// <param name="templates">SSP templates; (log age, [M/H]) pairs must be distinct.</param>
    /// <param name="backgrounds">Optional fixed-shape templates with free amplitudes; names must be distinct.</param>
    /// <param name="hessGrid">Optional bin edges (bin count must agree).</param>
    /// <exception cref="ArgumentException">Any inconsistency; the message names the template.</exception>
    public TemplateSet(int binCount, IEnumerable<SspTemplate> templates, IEnumerable<BackgroundTemplate>? backgrounds = null, HessGrid? hessGrid = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        if (hessGrid is not null && hessGrid.BinCount != binCount)
            throw new ArgumentException($"The Hess grid has {hessGrid.BinCount} bins but the templates use {binCount}.");
        BinCount = binCount;
        HessGrid = hessGrid;
        Templates = [.. templates];
        Backgrounds = [.. backgrounds ?? []];
        if (Templates.Length == 0) throw new ArgumentException("A template set needs at least one SSP template.");
        var seen = new HashSet<(double, double)>();
        foreach (var t in Templates)
        {
            string label = $"template (log_age {t.LogAge}, mh {t.MH})";
            if (!double.IsFinite(t.LogAge) || !double.IsFinite(t.MH)) throw new ArgumentException($"{label}: log age and [M/H] must be finite.");
            if (!seen.Add((t.LogAge, t.MH))) throw new ArgumentException($"{label} appears twice.");
            CheckEntries(label, t.Bins, t.Values, binCount);
            if (t.LuminosityPerMass is { } l && !(l > 0 && double.IsFinite(l)))
                throw new ArgumentException($"{label}: luminosity per solar mass must be finite and positive; got {l}.");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in Backgrounds)
        {
            if (string.IsNullOrWhiteSpace(b.Name)) throw new ArgumentException("A background template has an empty name.");
            if (!names.Add(b.Name)) throw new ArgumentException($"Background template '{b.Name}' appears twice.");
            CheckEntries($"background template '{b.Name}'", b.Bins, b.Values, binCount);
        }
        Grid = new SspGrid(Templates);
    }

    /// <summary>Number of flattened Hess bins.</summary>
    public int BinCount { get; }

    /// <summary>Bin edges, when known.</summary>
    public HessGrid? HessGrid { get; }

    /// <summary>SSP templates in input order.</summary>
    public ImmutableArray<SspTemplate> Templates { get; }

    /// <summary>Background templates.</summary>
    public ImmutableArray<BackgroundTemplate> Backgrounds { get; }

    /// <summary>The age × metallicity structure of <see cref="Templates"/>.</summary>
    public SspGrid Grid { get; }

    /// <summary>True when every SSP template carries a luminosity per solar mass.</summary>
    public bool HasLuminosity => Templates.All(t => t.LuminosityPerMass is not null);

    private static void CheckEntries(string label, int[] bins, double[] values, int binCount)
    {
        if (bins.Length != values.Length) throw new ArgumentException($"{label}: {bins.Length} bins but {values.Length} values.");
        if (bins.Length == 0) throw new ArgumentException($"{label} is zero everywhere; remove it or give it some expected stars.");
        for (int i = 0; i < bins.Length; i++)
        {
            if ((uint)bins[i] >= (uint)binCount) throw new ArgumentException($"{label}: bin {bins[i]} is outside 0..{binCount - 1}.");
            if (i > 0 && bins[i] <= bins[i - 1]) throw new ArgumentException($"{label}: bins must be strictly increasing (bin {bins[i]} after {bins[i - 1]}).");
            if (!(values[i] > 0) || !double.IsFinite(values[i])) throw new ArgumentException($"{label}: value in bin {bins[i]} must be finite and positive; got {values[i]}.");
        }
    }
}
