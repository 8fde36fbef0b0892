using Qingshan.Accounting.Reports;

namespace Qingshan.Tests.Accounting;

public sealed class ValueDensityTests
{
    [Fact]
    public void Plots_are_classed_by_value_per_hectare_in_quantiles_and_every_plot_falls_in_the_class_whose_range_holds_it()
    {
        var plots = Enumerable.Range(1, 20).Select(i => ($"P-{i:D2}", "0301", 2m, i * i * 100m)).ToList();
        plots.Add(("P-ROAD", "1006", 0m, 0m)); // no area: no density, left out

        var (densities, classes) = ValueDensity.Classify(plots);

        Assert.Equal(20, densities.Count);
        Assert.Equal(ValueDensity.MaxClasses, classes.Count);
        Assert.All(classes, c => Assert.Equal(4, c.PlotCount));
        Assert.Equal(50m, densities.Single(d => d.PlotCode == "P-01").YuanPerHectare);
        Assert.All(densities, d =>
        {
            var c = classes[d.Class];
            Assert.True(d.YuanPerHectare >= c.From && (d.YuanPerHectare < c.To || (d.Class == classes.Count - 1 && d.YuanPerHectare <= c.To)), $"{d.PlotCode} {d.YuanPerHectare} in {c.Label}");
        });
        Assert.Equal(0, densities.Single(d => d.PlotCode == "P-01").Class);
        Assert.Equal(classes.Count - 1, densities.Single(d => d.PlotCode == "P-20").Class);
    }

    [Fact]
    public void Equal_densities_make_one_class_not_empty_ones()
    {
        var (densities, classes) = ValueDensity.Classify(Enumerable.Range(1, 7).Select(i => ($"P-{i}", "0103", 1m, 500m)));

        Assert.Single(classes);
        Assert.All(densities, d => Assert.Equal(0, d.Class));
        Assert.Equal(7, classes[0].PlotCount);
    }
}
