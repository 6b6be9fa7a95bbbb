using BayesSfh.Hess;

namespace BayesSfh.IO;

/// <summary>
/// How a file names Hess bins: either one flattened <c>bin</c> column (0-based, see <see cref="HessGrid"/> for the
/// order) or a pair of <c>x_bin</c> (colour) and <c>y_bin</c> (magnitude) columns, flattened as
/// <c>bin = y_bin · Nx + x_bin</c>, which needs the grid.
/// </summary>
internal sealed class BinColumns
{
    /// <summary>Header names of the flattened and the 2-D bin columns.</summary>
    public const string Bin = "bin", XBin = "x_bin", YBin = "y_bin";

    private readonly int _bin, _x, _y, _binCount;
    private readonly HessGrid? _grid;
    private readonly string _rule, _xRule, _yRule;

    private BinColumns(int bin, int x, int y, int binCount, HessGrid? grid)
    {
        (_bin, _x, _y, _binCount, _grid) = (bin, x, y, binCount, grid);
        _rule = binCount == int.MaxValue
            ? "bins are 0-based indices into the flattened Hess diagram"
            : $"the Hess diagram has {binCount} bins, numbered 0 to {binCount - 1}";
        _xRule = grid is null ? "" : $"the grid has {grid.ColourBins} colour bins, numbered 0 to {grid.ColourBins - 1}";
        _yRule = grid is null ? "" : $"the grid has {grid.MagnitudeBins} magnitude bins, numbered 0 to {grid.MagnitudeBins - 1}";
    }

    /// <summary>Finds the bin column(s) in the header of <paramref name="rows"/>.</summary>
    /// <param name="rows">The open file.</param>
    /// <param name="grid">The Hess grid, if known (required for <c>x_bin</c>/<c>y_bin</c>).</param>
    /// <param name="binCount">Number of bins N (flattened bins must be below it); null when not yet known.</param>
    /// <exception cref="InputException">Both or neither kinds of bin column, only one of <c>x_bin</c>/<c>y_bin</c>, or
    /// 2-D bins without a grid.</exception>
    public static BinColumns Resolve(CsvRows rows, HessGrid? grid, int? binCount)
    {
        bool flat = rows.Has(Bin), x = rows.Has(XBin), y = rows.Has(YBin);
        if (flat && (x || y))
            throw rows.HeaderError(x ? XBin : YBin, "give either a flattened bin column or x_bin and y_bin columns, not both");
        if (flat || (!x && !y)) return new BinColumns(rows.Column(Bin), -1, -1, binCount ?? grid?.BinCount ?? int.MaxValue, grid);
        int xColumn = rows.Column(XBin), yColumn = rows.Column(YBin);
        if (grid is null)
            throw rows.HeaderError(XBin,
                "x_bin and y_bin need the Hess grid (the colour and magnitude bin edges); give the grid file, or use a flattened bin column");
        return new BinColumns(-1, xColumn, yColumn, grid.BinCount, grid);
    }

    /// <summary>Reads the flattened bin index of the current row of <paramref name="rows"/>.</summary>
    /// <exception cref="InputException">A bin field is not a whole number in range.</exception>
    public int Read(CsvRows rows)
    {
        if (_bin >= 0) return rows.Index(_bin, _binCount, _rule);
        var grid = _grid!; // Resolve only builds 2-D columns with a grid.
        int x = rows.Index(_x, grid.ColourBins, _xRule);
        int y = rows.Index(_y, grid.MagnitudeBins, _yRule);
        return grid.Flatten(x, y);
    }

    /// <summary>Names bin <paramref name="bin"/> for messages, with its colour and magnitude bins when the grid is known.</summary>
    public string Describe(int bin) => Describe(bin, _grid);

    /// <summary>Names bin <paramref name="bin"/> for messages: <c>bin 123</c> or <c>bin 123 (x_bin 24, y_bin 1)</c>.</summary>
    public static string Describe(int bin, HessGrid? grid) =>
        grid is null ? $"bin {bin}" : $"bin {bin} (x_bin {bin % grid.ColourBins}, y_bin {bin / grid.ColourBins})";
}
