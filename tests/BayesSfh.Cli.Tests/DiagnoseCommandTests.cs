using BayesSfh.IO;
using BayesSfh.Randomness;
using Xunit;

namespace BayesSfh.Cli.Tests;

public class DiagnoseCommandTests
{
    // Writes `chains` CmdStan CSVs of iid normal draws of one variable `mu`, shifted by `shift` per chain.
    private static string[] WriteChains(TempFolder folder, int chains, double shift, int divergentEvery = 0)
    {
        var paths = new string[chains];
        for (int c = 0; c < chains; c++)
        {
            paths[c] = folder.File($"chain-{c + 1}.csv");
            var rng = new Xoshiro256StarStar((ulong)(100 + c));
            using var writer = StanCsvWriter.Create(paths[c], new StanCsvConfig { NumWarmup = 0, NumSamples = 400, Id = c + 1, Seed = 7 }, ["mu"]);
            writer.WriteAdaptation(0.9, StanCsvInverseMetric.Diagonal([1.0]));
            for (int i = 0; i < 400; i++)
            {
                double mu = rng.NextStandardNormal() + c * shift;
                bool divergent = divergentEvery > 0 && i % divergentEvery == 0;
                writer.WriteDraw(new StanCsvSamplerStats(-0.5 * mu * mu, 0.9, 0.9, 2, 3, divergent, 0.5 * mu * mu + rng.NextDouble()), [mu]);
            }
            writer.Complete(StanCsvTiming.FromPhases(0.1, 0.2));
        }
        return paths;
    }

    [Fact]
    public void Diagnose_MixedChains_ExitsZeroWithSummary()
    {
        using var folder = new TempFolder();
        var (code, output, error) = CliRunner.Run(["diagnose", .. WriteChains(folder, 4, 0)]);

        Assert.True(code == 0, error + output);
        Assert.Contains("mu", output);
        Assert.Contains("no warnings", output);
    }

    [Fact]
    public void Diagnose_CsvFormat_HasPosteriorColumnNames()
    {
        using var folder = new TempFolder();
        var (code, output, _) = CliRunner.Run(["diagnose", "--format", "csv", .. WriteChains(folder, 4, 0)]);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("variable,mean,median,sd,mad,q5,q95,rhat,ess_bulk,ess_tail,mcse_mean,mcse_sd", lines[0].Trim());
        Assert.StartsWith("lp__,", lines[1]);
        Assert.StartsWith("mu,", lines[2]);
    }

    [Fact]
    public void Diagnose_ShiftedChainsAndDivergences_WarnsAndExitsThree()
    {
        using var folder = new TempFolder();
        var (code, output, _) = CliRunner.Run(["diagnose", .. WriteChains(folder, 4, 1.0, divergentEvery: 50)]);

        Assert.Equal(3, code);
        Assert.Contains("R-hat", output);
        Assert.Contains("diverg", output);
    }

    [Fact]
    public void Diagnose_MalformedFile_ExitsTwoNamingFileAndLine()
    {
        using var folder = new TempFolder();
        var paths = WriteChains(folder, 2, 0);
        var lines = File.ReadAllLines(paths[1]).ToList();
        int row = lines.FindIndex(l => l.StartsWith("lp__", StringComparison.Ordinal)) + 3;
        lines[row] = "1,2,oops";
        File.WriteAllLines(paths[1], lines);

        var (code, _, error) = CliRunner.Run(["diagnose", .. paths]);

        Assert.Equal(2, code);
        Assert.Contains($"chain-2.csv:{row + 1}", error);
        Assert.DoesNotContain("   at ", error);
    }
}
