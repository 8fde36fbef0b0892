using Qingshan.Valuation.Engine;

namespace Qingshan.Valuation.Tests.Engine;

public sealed class MethodVersionTests
{
    [Fact]
    public void The_national_method_counts_no_non_national_items_and_leaves_coastal_protection_out()
    {
        var gep = MethodVersions.Gep2022Trial;
        Assert.Equal("GEP-2022-trial", gep.Id);
        Assert.All(gep.Indicators, id => Assert.True(IndicatorCatalog.Get(id).InNationalGep));
        Assert.DoesNotContain(IndicatorId.CoastalProtection, gep.Indicators);
        Assert.True(gep.Options.IncludeNonPointPollution);
    }

    [Fact]
    public void The_SWC_practice_method_adds_oxygen_release_and_keeps_fertility_retention_optional()
    {
        var swc = MethodVersions.SwcPractice2024;
        Assert.Equal("SWC-practice-2024", swc.Id);
        Assert.Contains(IndicatorId.OxygenRelease, swc.Indicators);
        Assert.DoesNotContain(IndicatorId.SoilFertilityRetention, swc.Indicators);

        var withFertility = MethodVersions.SwcPractice2024WithFertility;
        Assert.Contains(IndicatorId.SoilFertilityRetention, withFertility.Indicators);
        Assert.False(withFertility.Options.IncludeNonPointPollution);
    }

    [Fact]
    public void Every_catalogued_indicator_belongs_to_one_of_the_three_categories_in_catalogue_order()
    {
        Assert.Equal(21, IndicatorCatalog.All.Count);
        Assert.Equal(7, IndicatorCatalog.All.Count(d => d.Category == ValueCategory.MaterialSupply));
        Assert.Equal(2, IndicatorCatalog.All.Count(d => d.Category == ValueCategory.Cultural));
        Assert.Equal("M1", IndicatorCatalog.All[0].Id.Code);
    }
}
