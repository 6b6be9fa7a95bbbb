using BayesSfh.IO;
using BayesSfh.Observation;
using BayesSfh.Randomness;
using BayesSfh.Tests.IO;
using Xunit;

namespace BayesSfh.Tests.Observation;

/// <summary>
/// AST tables recover the error, bias and completeness laws that generated seeded artificial stars, and the readers
/// locate malformed input.
/// </summary>
public class ArtificialStarTestsTests
{
    private static double TrueSigma(double m) => 0.02 + 0.04 * Math.Max(0, m - 22);

    private static double TrueBias(double m) => -0.03 * Math.Max(0, m - 24);

    private static readonly LogisticCompleteness TrueCompleteness = new(0.98, 26, 0.3);

    /// <summary>Two filters; V errors follow the laws above, B has σ = 0.03 and no bias; the joint loss follows η(V).</summary>
    private static ArtificialStarTests Simulate(int count, ulong seed)
    {
        var rng = Xoshiro256StarStar.ForStream(seed, 0);
        var vIn = new double[count];
        var vOut = new double[count];
        var bIn = new double[count];
        var bOut = new double[count];
        for (int i = 0; i < count; i++)
        {
            vIn[i] = rng.NextUniform(20, 28);
            bIn[i] = vIn[i] + rng.NextUniform(0, 1.5);
            bool recovered = rng.NextDouble() < TrueCompleteness.Probability(vIn[i]);
            vOut[i] = recovered ? vIn[i] + TrueBias(vIn[i]) + TrueSigma(vIn[i]) * rng.NextStandardNormal() : double.NaN;
            bOut[i] = recovered ? bIn[i] + 0.03 * rng.NextStandardNormal() : double.NaN;
        }
        return new ArtificialStarTests("sim", new Dictionary<string, double[]> { ["V"] = vIn, ["B"] = bIn }, new Dictionary<string, double[]> { ["V"] = vOut, ["B"] = bOut });
    }

    [Fact]
    public void TablesRecoverTheGeneratingLaws()
    {
        var ast = Simulate(200_000, 5);
        var binning = new ArtificialStarBinning(0.25, 50);
        var error = ast.Error("v", binning);
        var eta = ast.Completeness("V", binning);
        foreach (double m in new[] { 21.0, 23.0, 24.5, 25.5, 26.0 })
        {
            // Tolerances: bins hold ≈ 6000 stars; the median and quantile half-range have standard errors < 3 % of σ.
            // The linear interpolation of the laws is exact except at the kinks (22, 24), which these points avoid.
            Assert.InRange(error.Sigma(m), 0.92 * TrueSigma(m), 1.08 * TrueSigma(m));
            Assert.InRange(error.Bias(m) - TrueBias(m), -0.1 * TrueSigma(m), 0.1 * TrueSigma(m));
            Assert.InRange(eta.Probability(m) - TrueCompleteness.Probability(m), -0.03, 0.03);
        }
        // Held constant beyond the table.
        Assert.Equal(error.Sigma(10), error.SigmaValues[0]);
        Assert.Equal(eta.Probability(40), eta.Values[^1]);
        Assert.True(double.IsNaN(error.Sigma(double.NaN)));
        // A band with no bias by construction has a small one.
        Assert.InRange(ast.Error("B", binning).Bias(23), -0.005, 0.005);
    }

    [Fact]
    public void TooFewStarsIsAnError()
    {
        var ast = Simulate(30, 1);
        Assert.Throws<ArgumentException>(() => ast.Error("V"));
        Assert.Throws<KeyNotFoundException>(() => ast.Error("I"));
    }

    [Fact]
    public void TabulatedLawsInterpolateAndValidate()
    {
        var error = new TabulatedPhotometricError([20, 22], [0.02, 0.06], [0, -0.1]);
        Assert.Equal(0.04, error.Sigma(21), 12);
        Assert.Equal(-0.05, error.Bias(21), 12);
        Assert.Equal(0, new TabulatedPhotometricError([20, 22], [0.02, 0.06]).Bias(21));
        Assert.Throws<ArgumentException>(() => new TabulatedPhotometricError([22, 20], [0.02, 0.06]));
        Assert.Throws<ArgumentException>(() => new TabulatedPhotometricError([20, 22], [0.02, -0.06]));
        Assert.Throws<ArgumentException>(() => new TabulatedCompleteness([20, 22], [1, 1.2]));
        Assert.Throws<ArgumentException>(() => new TabulatedCompleteness([20], [1]));
        Assert.Equal(0.75, new TabulatedCompleteness([20, 22], [1, 0.5]).Probability(21), 12);
    }

    [Fact]
    public void CsvReaderHandlesLostStars()
    {
        using var files = new CsvFiles();
        string path = files.Write("ast.csv",
            "Vmag_in,Vmag_out,Bmag_in,Bmag_out",
            "20.0,20.01,20.5,20.52",
            "21.0,,21.6,21.58",
            "22.0,99.999,22.7,nan",
            "23.0,23.05,23.8,23.9");
        var ast = ArtificialStarReader.Read(path);
        Assert.Equal(4, ast.Count);
        Assert.True(ast.HasFilter("Vmag") && ast.HasFilter("bmag"));
        Assert.True(double.IsNaN(ast.Recovered("Vmag")[1]) && double.IsNaN(ast.Recovered("Vmag")[2]));
        Assert.Equal(23.05, ast.Recovered("Vmag")[3]);
        Assert.True(ast.IsRecovered(0) && !ast.IsRecovered(1) && !ast.IsRecovered(2) && ast.IsRecovered(3));
    }

    [Fact]
    public void CsvReaderLocatesErrors()
    {
        using var files = new CsvFiles();
        CsvFiles.AssertInputError(() => ArtificialStarReader.Read(files.Write("a.csv", "V_in,V_out,B_in", "1,1,1")), files.PathOf("a.csv"), 1, "b_in");
        CsvFiles.AssertInputError(() => ArtificialStarReader.Read(files.Write("b.csv", "V_in,V_out,colour", "1,1,1")), files.PathOf("b.csv"), 1, "colour");
        CsvFiles.AssertInputError(() => ArtificialStarReader.Read(files.Write("c.csv", "V_in,V_out", "20,20", "x,20")), files.PathOf("c.csv"), 3, "v_in");
        CsvFiles.AssertInputError(() => ArtificialStarReader.Read(files.Write("d.csv", "V_in,V_out", "inf,20")), files.PathOf("d.csv"), 2, "v_in");
        CsvFiles.AssertInputError(() => ArtificialStarReader.Read(files.Write("e.csv", "V_in,V_out")), files.PathOf("e.csv"), null, null);
    }

    [Fact]
    public void MatchFakeReader()
    {
        using var files = new CsvFiles();
        string path = files.Write("run.matchfake", "20.0 19.5 0.01 -0.02", "", "24.0 23.4 99.99 99.99", "22.0 21.5 0.05 9.999");
        var ast = ArtificialStarReader.ReadMatchFake(path, "F475W", "F814W");
        Assert.Equal(3, ast.Count);
        Assert.Equal(19.48, ast.Recovered("F814W")[0], 12);
        Assert.False(ast.IsRecovered(1));
        Assert.False(ast.IsRecovered(2));
        CsvFiles.AssertInputError(() => ArtificialStarReader.ReadMatchFake(files.Write("bad.matchfake", "20 19 0.1"), "A", "B"), files.PathOf("bad.matchfake"), 1, null);
    }
}
