using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Tests.Engine;

public sealed class SummationOrderTests
{
    [Fact]
    public void Sums_of_repeating_decimals_in_different_orders_agree_to_decimal_precision_without_a_false_warning()
    {
        // ρ = 0.93 and a travel cost of 1/3 元 make every sediment and tourism value a 28-digit repeating decimal,
        // so sums by category and by plot may differ in the last digit; they must agree within 1e-20 relative.
        var plots = Enumerable.Range(0, 300).Select(i => Make.Plot("P" + i, 1m, "0201",
            new Dictionary<InputKind, decimal> { [InputKind.SoilRetainedTonnes] = 1_234.567m + i, [InputKind.Visits] = 7m },
            [new ProductOutput(IndicatorId.AgriculturalProducts, "pomelo", 1.1m + i, QuantityUnit.Tonne)])).ToArray();
        var parameters = Make.Parameters(Make.Coefficient(ParameterIds.SoilBulkDensity, 0.93m), Make.Price(ParameterIds.TravelCostPerVisit, 1m / 3m, QuantityUnit.Visit));

        var run = Make.Run(new ValuationRequest(MethodVersions.Gep2022Trial, parameters, Make.Year, plots));

        Assert.DoesNotContain(run.Warnings, w => w.Code == ValuationCodes.CheckCategorySumMismatch);
        Assert.True(RunChecks.Agree(run.Totals.Total, run.PlotTotals().Values.Aggregate(0m, (a, b) => a + b)));
        Assert.Equal(Math.Round(run.Totals.Total, 10), Math.Round(run.PlotTotals().Values.Aggregate(0m, (a, b) => a + b), 10));
    }

    [Fact]
    public void Sums_that_differ_by_more_than_rounding_do_not_agree()
    {
        Assert.True(RunChecks.Agree(1_000_000.000000000000000001m, 1_000_000m));
        Assert.False(RunChecks.Agree(1_000_000.01m, 1_000_000m));
    }
}
