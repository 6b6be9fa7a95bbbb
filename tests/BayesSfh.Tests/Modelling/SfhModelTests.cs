using BayesSfh.Modelling;
using BayesSfh.Parameters;
using BayesSfh.Randomness;
using BayesSfh.Tests.TestSupport;
using Xunit;

namespace BayesSfh.Tests.Modelling;

public class SfhModelTests
{
    private static (BayesSfh.Templates.TemplateSet, BayesSfh.Hess.HessDiagram) Problem(ulong seed = 4)
    {
        var rng = new Xoshiro256StarStar(seed);
        var templates = RandomTemplates.Create(rng, ages: 3, metallicities: 3, backgrounds: 1);
        return (templates, RandomTemplates.Observe(rng, templates));
    }

    public static TheoryData<SfhModelOptions> OptionsNamingUnknownParameters() =>
    [
        new SfhModelOptions { Fixed = new Dictionary<string, double> { ["gamma"] = 1 } },
        new SfhModelOptions { Initial = new Dictionary<string, double> { ["R.9"] = 1 } },
        new SfhModelOptions { Priors = [new NormalPriorSpec("beta", 0, 1)] },
        new SfhModelOptions { Model = MetallicityModelKind.LinearAmr, Fixed = new Dictionary<string, double> { ["mh0"] = 0 } },
        new SfhModelOptions { Model = MetallicityModelKind.Free, Fixed = new Dictionary<string, double> { ["R.1"] = 1 } },
    ];

    [Theory]
    [MemberData(nameof(OptionsNamingUnknownParameters))]
    public void Create_UnknownParameterName_ThrowsUnknownParameterException(SfhModelOptions options)
    {
        var (templates, observed) = Problem();

        Assert.Throws<UnknownParameterException>(() => SfhModel.Create(templates, observed, options));
    }

    [Theory]
    [InlineData(MetallicityModelKind.PowerLawMzr)]
    [InlineData(MetallicityModelKind.LinearAmr)]
    [InlineData(MetallicityModelKind.LogarithmicAmr)]
    [InlineData(MetallicityModelKind.Free)]
    public void InitialNatural_DefaultStart_ExpectedStarsEqualObservedStars(MetallicityModelKind kind)
    {
        var (templates, observed) = Problem();
        var model = SfhModel.Create(templates, observed, new SfhModelOptions { Model = kind });

        double expected = model.ExpectedCounts(model.InitialNatural.AsSpan()).Sum();

        Numeric.AssertRelative(observed.Total, expected, 1e-8, 0, "Σ m at the start");
    }

    [Fact]
    public void InitialNatural_FixedAndInitialValues_AreHonoured()
    {
        var (templates, observed) = Problem();
        var model = SfhModel.Create(templates, observed, new SfhModelOptions
        {
            Fixed = new Dictionary<string, double> { ["sigma"] = 0.37, ["R.2"] = 1234 },
            Initial = new Dictionary<string, double> { ["alpha"] = 0.21 },
        });

        Assert.Equal(0.37, model.InitialNatural[model.Layout.IndexOf("sigma")]);
        Assert.Equal(1234, model.InitialNatural[model.Layout.IndexOf("R.2")]);
        Assert.Equal(0.21, model.InitialNatural[model.Layout.IndexOf("alpha")]);
        Assert.Equal(["R.1", "R.2", "R.3", "alpha", "mh0", "sigma", "bg.fg0"], model.ParameterNames);
        Assert.Equal(5, model.Layout.FreeCount);
    }

    [Fact]
    public void Coefficients_Backgrounds_AppendedAfterSspCoefficients()
    {
        var (templates, observed) = Problem();
        var model = SfhModel.Create(templates, observed, new SfhModelOptions { Model = MetallicityModelKind.Free });
        var x = model.InitialNatural.ToArray();

        var r = model.Coefficients(x);

        Assert.Equal(x, r);
    }

    [Fact]
    public void ThetaToOutput_FixedParameters_OutputsAllNaturalValuesNamedAsFit()
    {
        var (templates, observed) = Problem();
        var model = SfhModel.Create(templates, observed, new SfhModelOptions { Fixed = new Dictionary<string, double> { ["sigma"] = 0.37 } });
        var theta = new double[model.Layout.FreeCount];
        model.Layout.ToTheta(model.InitialNatural.AsSpan(), theta);
        var output = new double[model.OutputNames.Length];

        model.ThetaToOutput(theta, output);

        Assert.Equal(["R.1", "R.2", "R.3", "alpha", "mh0", "sigma"], model.OutputNames.Take(6));
        Assert.Equal(model.Layout.NaturalCount, output.Length);
        Assert.Equal(0.37, output[model.Layout.IndexOf("sigma")]);
        for (int i = 0; i < output.Length; i++) Numeric.AssertRelative(model.InitialNatural[i], output[i], 1e-12, 0, model.OutputNames[i]);
    }
}
