using BayesSfh.Modelling;
using BayesSfh.Templates;
using BayesSfh.Tests.TestSupport;
using Xunit;

namespace BayesSfh.Tests.Modelling;

public class FreeCoefficientMapTests
{
    // Input order scrambled and the grid incomplete: (9.0, −1) is missing.
    private static TemplateSet Templates() => new(3,
    [
        new SspTemplate(9.0, 0.0, [0], [1.0]),
        new SspTemplate(8.0, -1.0, [1], [1.0]),
        new SspTemplate(8.0, 0.0, [2], [1.0]),
    ]);

    [Fact]
    public void Parameters_ScrambledIncompleteGrid_NamedByAgeAndMetallicityIndex()
    {
        var templates = Templates();
        var map = new FreeCoefficientMap(templates, AgeBins.FromLeftEdges(templates.Grid.LogAges));

        Assert.Equal(["r.2.2", "r.1.1", "r.1.2"], map.Parameters.Select(p => p.Name));
        Assert.Equal(3, map.MassParameterCount);
    }

    [Fact]
    public void MassPerAgeBin_ScrambledInput_SumsTemplatesOfEachAge()
    {
        var templates = Templates();
        var map = new FreeCoefficientMap(templates, AgeBins.FromLeftEdges(templates.Grid.LogAges));
        var mass = new double[2];

        map.MassPerAgeBin([5.0, 1.0, 2.0], mass);

        Assert.Equal([3.0, 5.0], mass);
    }

    [Fact]
    public void Evaluator_CoefficientsAndPullback_AreTheIdentity()
    {
        var templates = Templates();
        var evaluator = new FreeCoefficientMap(templates, AgeBins.FromLeftEdges(templates.Grid.LogAges)).CreateEvaluator();
        var r = new double[3];
        var g = new double[3];

        evaluator.Coefficients([1.5, 2.5, 3.5], r);
        evaluator.Pullback([0.1, -0.2, 0.3], g);

        Assert.Equal([1.5, 2.5, 3.5], r);
        Assert.Equal([0.1, -0.2, 0.3], g);
    }

    [Fact]
    public void InitialGuess_ConstantStarFormationRate_SplitsEachBinEvenly()
    {
        var templates = Templates();
        var ages = AgeBins.FromLeftEdges(templates.Grid.LogAges);
        var map = new FreeCoefficientMap(templates, ages);
        var x = new double[3];

        map.InitialGuess(1e6, x);

        // Mass ∝ bin width; the young bin holds two templates, the old one one.
        double total = ages.Widths[0] + ages.Widths[1];
        Numeric.AssertRelative(1e6 * ages.Widths[1] / total, x[0], 1e-14, 0, "r.2.2");
        Numeric.AssertRelative(0.5e6 * ages.Widths[0] / total, x[1], 1e-14, 0, "r.1.1");
        Numeric.AssertRelative(0.5e6 * ages.Widths[0] / total, x[2], 1e-14, 0, "r.1.2");
    }
}
