using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using BayesSfh.Hess;
using BayesSfh.IO;
using BayesSfh.Modelling;
using BayesSfh.Products;
using Xunit;

namespace BayesSfh.Tests.Products;

/// <summary>Loading a run folder: manifest, chains, model rebuilt from verified inputs, and the failures a user can cause.</summary>
public class RunDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bayessfh-products-tests-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string InputFolder => Path.Combine(_root, "inputs");

    private string RunFolder => Path.Combine(_root, "run");

    /// <summary>
    /// Writes the hand model's inputs and a run folder as <c>bayessfh sample</c> would: two chains of 5 draws each (the two
    /// hand draws alternating) and a manifest with the inputs' SHA-256.
    /// </summary>
    private void WriteRun(Action<Dictionary<string, object?>>? editManifest = null, string[]? columns = null, double templateScale = 1)
    {
        Directory.CreateDirectory(InputFolder);
        string templates = Path.Combine(InputFolder, "templates.csv"), observed = Path.Combine(InputFolder, "observed.csv"),
            luminosity = Path.Combine(InputFolder, "luminosity.csv");
        var set = HandModel.Templates();
        TemplateCsvWriter.Write(templates, set.Templates.Select(t => t with { Values = [.. t.Values.Select(v => v * templateScale)] }));
        TemplateCsvWriter.WriteLuminosity(luminosity, set);
        ObservedCsvWriter.Write(observed, new HessDiagram(HandModel.Observed));
        columns ??= HandModel.Names;
        var chainFiles = new List<string>();
        for (int c = 0; c < 2; c++)
        {
            string path = Path.Combine(RunFolder, $"chain-{c + 1}.csv");
            chainFiles.Add(path);
            using var writer = StanCsvWriter.Create(path, new StanCsvConfig { NumWarmup = 0, NumSamples = 5, Id = c + 1 }, columns);
            writer.WriteAdaptation(0.5, StanCsvInverseMetric.Diagonal([.. columns.Select(_ => 1.0)]));
            for (int s = 0; s < 5; s++)
                writer.WriteDraw(new StanCsvSamplerStats(-1, 0.9, 0.5, 2, 3, false, 1 + s), HandModel.Draws[(s + c) % 2][..columns.Length]);
            writer.Complete(StanCsvTiming.FromPhases(0, 0));
        }
        var manifest = new Dictionary<string, object?>
        {
            ["command_line"] = $"bayessfh sample --templates {templates} --observed {observed} --template-scale {templateScale.ToString(CultureInfo.InvariantCulture)} --out {RunFolder}",
            ["seed"] = 11,
            ["inputs"] = new[] { ("templates", templates), ("observed", observed), ("luminosity", luminosity) }
                .Select(i => new Dictionary<string, string> { ["role"] = i.Item1, ["path"] = i.Item2, ["sha256"] = Sha256(i.Item2) }).ToArray(),
            ["model"] = new Dictionary<string, object?>
            {
                ["metallicity_model"] = "PowerLawMzr", ["max_age_gyr"] = 13.7, ["log_age_edges"] = null, ["mzr_log10_reference_mass"] = 6.0,
                ["fixed"] = new Dictionary<string, double>(),
            },
            ["log_age_of_r"] = HandModel.LogAges.Select((a, j) => new Dictionary<string, object> { ["name"] = $"R.{j + 1}", ["log_age"] = a }).ToArray(),
            ["sampler"] = new Dictionary<string, object> { ["max_depth"] = 7 },
            ["chains"] = chainFiles.Select(f => new Dictionary<string, object> { ["file"] = "/elsewhere/" + Path.GetFileName(f) }).ToArray(),
        };
        editManifest?.Invoke(manifest);
        File.WriteAllText(Path.Combine(RunFolder, RunDirectory.ManifestFileName), JsonSerializer.Serialize(manifest));
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Load_ValidRun_RebuildsModelAndPoolsDraws()
    {
        WriteRun();

        var run = RunDirectory.Load(RunFolder);

        Assert.Equal(MetallicityModelKind.PowerLawMzr, run.Model.Options.Model);
        Assert.Equal(HandModel.LogAges, run.Model.LogAges);
        Assert.True(run.Model.Templates.HasLuminosity);
        Assert.Equal(2, run.Chains.Length);
        Assert.Equal(10, run.Draws.Count);
        Assert.Equal([5, 5], run.Draws.ChainLengths.ToArray());
        Assert.Equal(HandModel.Names, run.Draws.Names);
        Assert.Equal(HandModel.Draws[1], run.Draws.Draw(5).ToArray()); // chain 2 starts with the second hand draw
        Assert.Equal(11UL, run.Seed);
        Assert.Equal(7, run.MaxTreeDepth);
        Assert.Equal(3, run.Inputs.Length);
        Assert.Null(run.FindTruthFile());
        var products = PosteriorProducts.Compute(run.Model, run.Draws);
        Assert.Equal(6e4, products.Sfh.TotalMass.Median, 6);
    }

    [Fact]
    public void Load_TemplateScaleOnTheCommandLine_IsApplied()
    {
        WriteRun(templateScale: 100);

        var run = RunDirectory.Load(RunFolder);

        double expected = Enumerable.Range(0, 4).Sum(i => HandModel.Template(0, 0, i));
        Assert.Equal(expected, run.Model.Templates.Templates.First(t => t.LogAge == 8 && t.MH == -1).StarsPerMass, 1e-9);
    }

    [Fact]
    public void Load_RecordedTemplateScale_WinsOverTheCommandLine()
    {
        WriteRun(m => ((Dictionary<string, object?>)m["model"]!)["template_scale"] = 100.0, templateScale: 100);
        File.WriteAllText(Path.Combine(RunFolder, RunDirectory.ManifestFileName),
            File.ReadAllText(Path.Combine(RunFolder, RunDirectory.ManifestFileName)).Replace("--template-scale 100", "--template-scale 3"));

        var run = RunDirectory.Load(RunFolder);

        Assert.Equal(Enumerable.Range(0, 4).Sum(i => HandModel.Template(0, 0, i)), run.Model.Templates.Templates.First(t => t.LogAge == 8 && t.MH == -1).StarsPerMass, 1e-9);
    }

    [Fact]
    public void FindTruthFile_TruthBesideTheObservedInput_IsFound()
    {
        WriteRun();
        string truth = Path.Combine(InputFolder, "truth.csv");
        File.WriteAllText(truth, "name,value\nalpha,0.3\nmh0,-0.5\n");

        var run = RunDirectory.Load(RunFolder);

        Assert.Equal(truth, run.FindTruthFile());
        Assert.Equal(0.3, TruthCsvReader.Read(truth)["alpha"]);
    }

    [Fact]
    public void Load_ChangedInput_FailsNamingTheFileAndBothHashes()
    {
        WriteRun();
        string observed = Path.Combine(InputFolder, "observed.csv");
        File.AppendAllText(observed, "\n");

        var e = Assert.Throws<InputException>(() => RunDirectory.Load(RunFolder));

        Assert.Equal(observed, e.File);
        Assert.Contains("changed since the run", e.Message);
        Assert.Contains(Sha256(observed), e.Message);
    }

    [Fact]
    public void Load_MissingInput_FailsNamingTheFile()
    {
        WriteRun();
        string templates = Path.Combine(InputFolder, "templates.csv");
        File.Delete(templates);

        var e = Assert.Throws<InputException>(() => RunDirectory.Load(RunFolder));

        Assert.Equal(templates, e.File);
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void Load_MissingFolderOrManifest_Fails()
    {
        var missing = Assert.Throws<InputException>(() => RunDirectory.Load(Path.Combine(_root, "nope")));
        Assert.Contains("no such run folder", missing.Message);

        Directory.CreateDirectory(RunFolder);
        var noManifest = Assert.Throws<InputException>(() => RunDirectory.Load(RunFolder));
        Assert.EndsWith(RunDirectory.ManifestFileName, noManifest.File);
        Assert.Contains("not the folder of a completed", noManifest.Message);
    }

    [Fact]
    public void Load_MalformedManifest_FailsWithLine()
    {
        WriteRun();
        File.WriteAllText(Path.Combine(RunFolder, RunDirectory.ManifestFileName), "{\n  \"inputs\": [\n}");

        var e = Assert.Throws<InputException>(() => RunDirectory.Load(RunFolder));

        Assert.Contains("not valid JSON", e.Message);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void Load_ChainWithoutAModelParameter_Fails()
    {
        WriteRun(columns: ["R.1", "R.2", "R.3", "alpha", "mh0"]);

        var e = Assert.Throws<InputException>(() => RunDirectory.Load(RunFolder));

        Assert.Equal("sigma", e.Column);
        Assert.EndsWith("chain-1.csv", e.File);
    }

    [Fact]
    public void Load_MissingChainFile_Fails()
    {
        WriteRun();
        File.Delete(Path.Combine(RunFolder, "chain-2.csv"));

        var e = Assert.Throws<InputException>(() => RunDirectory.Load(RunFolder));

        Assert.EndsWith("chain-2.csv", e.File);
    }

    [Fact]
    public void Load_RecordedAgesDifferFromTheInputs_Fails()
    {
        WriteRun(m => m["log_age_of_r"] = new[] { new Dictionary<string, object> { ["name"] = "R.1", ["log_age"] = 8.0 } });

        var e = Assert.Throws<InputException>(() => RunDirectory.Load(RunFolder));

        Assert.Equal("log_age_of_r", e.Column);
    }

    [Fact]
    public void Load_UnknownModel_Fails()
    {
        WriteRun(m => ((Dictionary<string, object?>)m["model"]!)["metallicity_model"] = "Quadratic");

        var e = Assert.Throws<InputException>(() => RunDirectory.Load(RunFolder));

        Assert.Equal("model.metallicity_model", e.Column);
    }

    [Fact]
    public void TruthReader_RepeatedName_FailsWithLine()
    {
        Directory.CreateDirectory(InputFolder);
        string truth = Path.Combine(InputFolder, "truth.csv");
        File.WriteAllText(truth, "name,value\nalpha,0.3\nalpha,0.4\n");

        var e = Assert.Throws<InputException>(() => TruthCsvReader.Read(truth));

        Assert.Equal(3, e.Line);
    }
}
