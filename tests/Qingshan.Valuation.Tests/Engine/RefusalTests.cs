using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Tests.Engine;

public sealed class RefusalTests
{
    private static IReadOnlyList<ValidationIssue> Refusal(ValuationRequest request)
    {
        var outcome = new ValuationEngine().Run(request);
        Assert.True(outcome.IsRefused);
        Assert.Null(outcome.Run);
        return outcome.Errors;
    }

    [Fact]
    public void A_method_listing_coastal_protection_is_refused_because_it_is_not_implemented_in_v1()
    {
        var issue = Assert.Single(Refusal(Make.Request(Make.Method(IndicatorId.CoastalProtection), Make.Plot())));
        Assert.Equal("accounting.indicator.not_implemented", issue.Code);
        Assert.Equal("R4", issue.Target);
    }

    [Fact]
    public void Two_plots_with_one_id_are_refused()
    {
        var issue = Assert.Single(Refusal(Make.Request(MethodVersions.Gep2022Trial, Make.Plot("A"), Make.Plot("A"))));
        Assert.Equal(ValuationCodes.PlotDuplicate, issue.Code);
    }

    [Fact]
    public void A_negative_plot_quantity_is_refused()
    {
        var plot = Make.Plot(quantities: new Dictionary<InputKind, decimal> { [InputKind.SoilRetainedTonnes] = -1m });
        Assert.Equal(ValuationCodes.PlotQuantityNegative, Assert.Single(Refusal(Make.Request(MethodVersions.Gep2022Trial, plot))).Code);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("03A1")]
    [InlineData("020101")]
    public void A_land_use_code_not_shaped_like_GB_T_21010_is_refused(string code)
    {
        var issue = Assert.Single(Refusal(Make.Request(MethodVersions.Gep2022Trial, Make.Plot(landUse: code))));
        Assert.Equal(ValuationCodes.PlotLandUseInvalid, issue.Code);
    }

    [Fact]
    public void A_product_counted_in_a_unit_other_than_its_price_is_refused()
    {
        var plot = Make.Plot(products: [new ProductOutput(IndicatorId.AgriculturalProducts, "pomelo", 3_000m, QuantityUnit.Item)]);
        var issue = Assert.Single(Refusal(Make.Request(MethodVersions.Gep2022Trial, plot)));
        Assert.Equal(ValuationCodes.PlotProductUnitMismatch, issue.Code);
    }

    [Fact]
    public void A_product_without_a_price_is_refused_naming_the_missing_price()
    {
        var plot = Make.Plot(products: [new ProductOutput(IndicatorId.AgriculturalProducts, "kiwi", 3m, QuantityUnit.Tonne)]);
        var issue = Assert.Single(Refusal(Make.Request(MethodVersions.Gep2022Trial, plot)));
        Assert.Equal(ValuationCodes.ParameterMissing, issue.Code);
        Assert.Equal("material.price.kiwi", issue.Target);
    }

    [Fact]
    public void A_product_filed_under_a_regulating_indicator_is_refused()
    {
        var plot = Make.Plot(products: [new ProductOutput(IndicatorId.SoilRetention, "pomelo", 3m, QuantityUnit.Tonne)]);
        Assert.Contains(Refusal(Make.Request(MethodVersions.Gep2022Trial, plot)), e => e.Code == ValuationCodes.PlotProductIndicatorInvalid);
    }

    [Fact]
    public void An_out_of_range_parameter_refuses_the_run()
    {
        var request = Make.Request(MethodVersions.Gep2022Trial, Make.Plot()) with
        {
            Parameters = Make.Parameters(Make.Coefficient(Valuation.Parameters.ParameterIds.SoilBulkDensity, 2.1m, "t/m³")),
        };
        var issue = Assert.Single(Refusal(request));
        Assert.Equal("accounting.parameter.out_of_range", issue.Code);
        Assert.Equal("soil.bulk_density", issue.Target);
    }

    [Fact]
    public void Under_the_InVEST_sediment_model_a_plot_without_avoided_export_is_refused_rather_than_valued_at_zero()
    {
        var method = Make.Method(new MethodOptions { SedimentModel = SedimentModel.InvestSdr }, IndicatorId.SoilRetention);
        var plot = Make.Plot(quantities: new Dictionary<InputKind, decimal> { [InputKind.SoilRetainedTonnes] = 100m });
        var issue = Assert.Single(Refusal(Make.Request(method, plot)));
        Assert.Equal(ValuationCodes.PlotInputMissing, issue.Code);
    }
}
