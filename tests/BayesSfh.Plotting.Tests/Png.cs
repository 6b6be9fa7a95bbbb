using SkiaSharp;
using Xunit;

namespace BayesSfh.Plotting.Tests;

/// <summary>Reads back a written PNG: its header size and simple pixel statistics.</summary>
internal sealed class Png
{
    private Png(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        int Read(int offset) => (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
        (Width, Height) = (Read(16), Read(20));
        Bitmap = SKBitmap.Decode(bytes) ?? throw new InvalidOperationException($"{path} does not decode.");
        Bytes = bytes.Length;
    }

    internal int Width { get; }

    internal int Height { get; }

    internal long Bytes { get; }

    internal SKBitmap Bitmap { get; }

    internal static Png Read(string path) => new(path);

    /// <summary>Distinct RGB colours (a blank image has 1; text and antialiased bands give hundreds).</summary>
    internal int DistinctColours() => Bitmap.Pixels.Select(p => (p.Red << 16) | (p.Green << 8) | p.Blue).Distinct().Count();

    /// <summary>Fraction of pixels that are not white.</summary>
    internal double InkFraction() => Bitmap.Pixels.Count(p => p.Red < 250 || p.Green < 250 || p.Blue < 250) / (double)Bitmap.Pixels.Length;

    /// <summary>Fraction of the pixels in the rectangle that are dark (luminance &lt; 100).</summary>
    internal double DarkFraction(int left, int top, int right, int bottom)
    {
        int dark = 0, all = 0;
        for (int y = top; y < bottom; y++)
            for (int x = left; x < right; x++, all++)
            {
                var p = Bitmap.GetPixel(x, y);
                if (0.3 * p.Red + 0.59 * p.Green + 0.11 * p.Blue < 100) dark++;
            }
        return dark / (double)all;
    }

    /// <summary>Asserts the size and that the image is a real figure: many colours and a fair amount of ink.</summary>
    internal static Png AssertFigure(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        Assert.False(File.Exists(path + ".partial"), $"{path}.partial was left behind");
        var png = Read(path);
        Assert.Equal((width, height), (png.Width, png.Height));
        Assert.True(png.DistinctColours() > 40, $"{path}: only {png.DistinctColours()} colours");
        double ink = png.InkFraction();
        Assert.True(ink is > 0.02 and < 0.9, $"{path}: ink fraction {ink:F3}");
        return png;
    }
}
