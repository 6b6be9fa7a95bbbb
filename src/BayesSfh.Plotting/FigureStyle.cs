using ScottPlot;
using SkiaSharp;

namespace BayesSfh.Plotting;

/// <summary>
/// The shared look of the figures: a sans-serif font found on the machine, unbolded axis labels, colours, and a fixed
/// padding for multi-panel figures so that the data areas of all panels line up.
/// </summary>
internal static class FigureStyle
{
    /// <summary>Sans-serif families tried in order; ScottPlot's own default (a serif on a bare Debian) is the fallback.</summary>
    private static readonly string[] PreferredFonts = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Nimbus Sans", "Bitstream Vera Sans", "Noto Sans"];

    private static readonly Lazy<string> ResolvedFont = new(() =>
    {
        var installed = SKFontManager.Default.FontFamilies.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return PreferredFonts.FirstOrDefault(installed.Contains) ?? Fonts.Default;
    });

    /// <summary>The font family every text of every figure uses.</summary>
    public static string FontName => ResolvedFont.Value;

    /// <summary>The typeface of <see cref="FontName"/> (for text drawn directly with SkiaSharp).</summary>
    public static SKTypeface Typeface(bool bold = false) =>
        SKTypeface.FromFamilyName(FontName, bold ? SKFontStyle.Bold : SKFontStyle.Normal) ?? SKTypeface.Default;

    public static readonly Color Band = Color.FromHex("#1f77b4");
    public static readonly Color Truth = Colors.Black;

    /// <summary>Chain colours (the ten-colour qualitative cycle common to matplotlib and ArviZ).</summary>
    public static readonly Color[] Chains =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"), Color.FromHex("#9467bd"),
        Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"), Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    public static Color Chain(int index) => Chains[index % Chains.Length];

    /// <summary>A plot with the figure font, unbolded labels of the given sizes and fewer, larger ticks.</summary>
    public static Plot NewPlot(string? title, string? x, string? y, float labelSize = 17, float tickSize = 14, double tickDensity = 0.6)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        if (title is not null) plot.Title(title, size: labelSize + 1);
        if (x is not null) plot.XLabel(x, size: labelSize);
        if (y is not null) plot.YLabel(y, size: labelSize);
        plot.Axes.Title.Label.Bold = false;
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = tickSize;
            if (axis.TickGenerator is ScottPlot.TickGenerators.NumericAutomatic automatic) automatic.MinimumTickSpacing = (float)(tickSize * 2.8 / tickDensity);
        }
        plot.Legend.FontName = FontName;
        plot.Legend.FontSize = tickSize;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.OutlineColor = Colors.Gray;
        return plot;
    }

    /// <summary>"10⁻⁴" style power of ten with Unicode superscripts.</summary>
    public static string PowerOfTen(int exponent) =>
        "10" + string.Concat(exponent.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => c switch
        {
            '-' => '⁻', '0' => '⁰', '1' => '¹', '2' => '²', '3' => '³', '4' => '⁴',
            '5' => '⁵', '6' => '⁶', '7' => '⁷', '8' => '⁸', _ => '⁹',
        }));
}
