using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using BayesSfh.Modelling;
using BayesSfh.Optimization;
using BayesSfh.Sampling.Running;

namespace BayesSfh.Cli;

/// <summary>
/// <c>manifest.json</c> of a <c>sample</c> run: what was run (command line, seed, tool and .NET versions, input files
/// with SHA-256 hashes, model, fixed values, priors, the log age of each <c>R.j</c>), the MAP, and per-chain timings and
/// gradient counts. Snake-case keys; NaN written as <c>"NaN"</c>.
/// </summary>
internal static class RunManifest
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Everything the manifest records.</summary>
    internal sealed record Content(string CommandLine, SampleCommand.Settings Settings, DateTimeOffset StartTime,
        IReadOnlyList<(string Role, string Path)> Inputs, SfhModel Model, FitResult Map, SamplerRunResult Run, IReadOnlyList<string> ChainFiles,
        RunEfficiency Efficiency);

    /// <summary>Indented JSON with NaN as "NaN" and unescaped non-ASCII text, as every JSON output of the CLI.</summary>
    internal static string Serialize(object value) => JsonSerializer.Serialize(value, Json);

    /// <summary>Writes the manifest as indented JSON.</summary>
    public static void Write(TextWriter writer, Content content)
    {
        var model = content.Model;
        var settings = content.Settings;
        var manifest = new
        {
            tool = "bayessfh",
            tool_version = typeof(SfhModel).Assembly.GetName().Version?.ToString() ?? "0",
            dotnet_version = RuntimeInformation.FrameworkDescription,
            os = RuntimeInformation.OSDescription,
            command_line = content.CommandLine,
            started_utc = content.StartTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            seed = settings.Seed,
            seed_source = settings.SeedGiven ? "--seed" : "system entropy",
            inputs = content.Inputs.Select(i => new { role = i.Role, path = i.Path, sha256 = Sha256(i.Path) }),
            model = new
            {
                metallicity_model = model.Options.Model.ToString(),
                template_scale = settings.TemplateScale,
                max_age_gyr = model.Options.MaxAgeGyr,
                log_age_edges = model.Options.LogAgeEdges,
                mzr_log10_reference_mass = model.Options.MzrLog10ReferenceMass,
                @fixed = model.Options.Fixed,
                initial = model.Options.Initial,
                priors = model.Options.Priors.Select(p => p.ToString()),
                parameters = model.OutputNames.Select((name, i) => new
                {
                    name,
                    @fixed = model.Layout.IsFixed[i],
                    log_age = FitReport.LogAgeOf(model, name),
                }),
            },
            log_age_of_r = model.LogAges.Select((a, j) => new { name = $"R.{j + 1}", log_age = a }),
            sampler = new
            {
                algorithm = "nuts",
                chains = settings.Chains,
                warmup = settings.Warmup,
                draws = settings.Draws,
                metric = settings.Metric.ToString().ToLowerInvariant(),
                coordinates = settings.Coordinates == SamplingCoordinates.StarShare ? "star-share" : "theta",
                coordinates_note = settings.Coordinates == SamplingCoordinates.StarShare
                    ? "NUTS ran in (u = ln sum_j s_j R_j, v_j = ln(R_j/R_J), other theta); step sizes and metrics refer to these; chain values are natural parameters"
                    : "NUTS ran in theta (ln R_j, ln alpha, mh0, ln sigma, ...); chain values are natural parameters",
                initial_metric = content.Map.ThetaCovariance is null ? "unit" : "laplace",
                init = $"MAP ± U(-1,1) × {SampleCommand.JitterInStandardDeviations} Laplace SD per coordinate",
                max_depth = settings.MaxDepth,
                delta = settings.Delta,
                threads = content.Run.Options.EffectiveDegreeOfParallelism,
                save_warmup = settings.SaveWarmup,
            },
            map = new
            {
                status = content.Map.Status.ToString(),
                values = content.Map.Names.Select((n, i) => new { name = n, value = content.Map.Values[i], standard_error = content.Map.StandardErrors[i] }),
                log_density = content.Map.LogDensity,
                negative_log_likelihood = content.Map.NegativeLogLikelihood,
                evaluations = content.Map.Evaluations,
                warnings = content.Map.Warnings,
            },
            chains = content.Run.Chains.Select(c => new
            {
                file = content.ChainFiles[c.ChainId],
                step_size = c.Adaptation.StepSize,
                warmup_seconds = c.Statistics.WarmupTime.TotalSeconds,
                sampling_seconds = c.Statistics.SamplingTime.TotalSeconds,
                warmup_gradients = c.Statistics.WarmupGradientEvaluations,
                sampling_gradients = c.Statistics.SamplingGradientEvaluations,
                warmup_divergences = c.Statistics.WarmupDivergences,
                sampling_divergences = c.Statistics.SamplingDivergences,
            }),
            timings = new
            {
                wall_seconds = content.Efficiency.WallSeconds,
                map_seconds = content.Efficiency.MapSeconds,
                nuts_seconds = content.Efficiency.SamplingSeconds,
            },
            gradients = content.Efficiency.Gradients,
            min_ess_bulk = content.Efficiency.MinBulkEss,
            min_ess_bulk_per_second = content.Efficiency.MinBulkEssPerSecond,
            min_ess_bulk_per_1000_gradients = content.Efficiency.MinBulkEssPer1000Gradients,
        };
        writer.Write(Serialize(manifest));
        writer.Write('\n');
    }

    internal static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
