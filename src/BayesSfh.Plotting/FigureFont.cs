using ScottPlot;
using SkiaSharp;

namespace BayesSfh.Plotting;

/// <summary>
/// The one font every figure uses: a subset of DejaVu Sans embedded in this assembly (regular and bold; Latin, Greek,
/// super- and subscripts, mathematical operators, ☉ and ⊙), registered with ScottPlot under <see cref="Name"/>.
/// </summary>
/// <remarks>
/// Embedding makes the text independent of the machine: a headless Linux container often has no font at all, and then
/// SkiaSharp's default typeface draws nothing, or a font without ☉ draws a box. A label with a character outside the
/// subset renders that character as a box; <see cref="CanRender"/> tells beforehand.
/// </remarks>
public static class FigureFont
{
    /// <summary>The family name the figures ask ScottPlot for.</summary>
    public const string Name = "BayesSfh DejaVu Sans";

    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Typefaces = new(() =>
    {
        var typefaces = (Load("DejaVuSans-Subset.ttf"), Load("DejaVuSans-Bold-Subset.ttf"));
        lock (Fonts.FontResolvers) Fonts.FontResolvers.Insert(0, new Resolver());
        return typefaces;
    });

    /// <summary>The regular typeface (registers the font with ScottPlot on first use).</summary>
    public static SKTypeface Regular => Typefaces.Value.Regular;

    /// <summary>The bold typeface.</summary>
    public static SKTypeface Bold => Typefaces.Value.Bold;

    /// <summary>True when every character of <paramref name="text"/> has a glyph in the embedded font.</summary>
    public static bool CanRender(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Regular.ContainsGlyphs(text);
    }

    /// <summary>Makes sure the font is registered; called before any plot is built.</summary>
    internal static void EnsureRegistered() => _ = Typefaces.Value;

    private static SKTypeface Load(string file)
    {
        string resource = "BayesSfh.Plotting.Fonts." + file;
        using var stream = typeof(FigureFont).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded font {resource} is missing from {typeof(FigureFont).Assembly.GetName().Name}.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"Embedded font {resource} could not be read.");
    }

    private sealed class Resolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Name ? (bold ? Typefaces.Value.Bold : Typefaces.Value.Regular) : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);
    }
}
