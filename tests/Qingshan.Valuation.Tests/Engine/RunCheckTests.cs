using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Tests.Engine;

public sealed class RunCheckTests
{
    private static Dictionary<InputKind, decimal> Q(params (InputKind Kind, decimal Value)[] items) => items.ToDictionary(i => i.Kind, i => i.Value);

    private static IReadOnlyList<string> WarningCodes(ValuationRequest request) => [.. Make.Run(request).Warnings.Select(w => w.Code)];

    [Fact]
    public void Plot_sums_plus_unassigned_area_must_equal_the_watershed_total()
    {
        PlotInput[] plots = [Make.Plot("A", quantities: Q((InputKind.SoilRetainedTonnes, 100m))), Make.Plot("B", quantities: Q((InputKind.SoilRetainedTonnes, 50m)))];
        var method = Make.Method(IndicatorId.SoilRetention);

        var balanced = Make.Request(method, plots) with { ControlTotals = [new ControlTotal(InputKind.SoilRetainedTonnes, 170m, 20m)] };
        Assert.DoesNotContain(ValuationCodes.CheckPlotSumMismatch, WarningCodes(balanced));

        var unbalanced = Make.Request(method, plots) with { ControlTotals = [new ControlTotal(InputKind.SoilRetainedTonnes, 170m, 19.99m)] };
        var warning = Assert.Single(Make.Run(unbalanced).Warnings, w => w.Code == ValuationCodes.CheckPlotSumMismatch);
        Assert.Equal([150m, 19.99m, 170m], warning.Args);
    }

    [Fact]
    public void Soil_retention_above_500_tonnes_per_hectare_is_flagged_as_implausible()
    {
        // 5 100 t on 10 hm² = 510 t/hm².
        var run = Make.Run(Make.Request(Make.Method(IndicatorId.SoilRetention),
            Make.Plot("steep", 10m, quantities: Q((InputKind.SoilRetainedTonnes, 5_100m))),
            Make.Plot("gentle", 10m, quantities: Q((InputKind.SoilRetainedTonnes, 5_000m)))));

        var warning = Assert.Single(run.Warnings, w => w.Code == ValuationCodes.CheckSoilRetentionImplausible);
        Assert.Equal("steep", warning.Target);
        Assert.Equal(510m, warning.Args[0]);
    }

    [Fact]
    public void Oxygen_released_over_carbon_dioxide_fixed_outside_0_6_to_0_9_is_flagged()
    {
        // Garzê-like mismatch: 2.51 t O₂ against 0.31 t "CO₂" → ratio 8.1.
        var method = Make.Method(IndicatorId.CarbonSequestration, IndicatorId.OxygenRelease);
        var codes = WarningCodes(Make.Request(method, Make.Plot(quantities: Q((InputKind.CarbonDioxideFixedTonnes, 0.31m), (InputKind.OxygenReleasedTonnes, 2.51m)))));
        Assert.Contains(ValuationCodes.CheckOxygenCarbonRatio, codes);

        // From one NPP: 1.19 / 1.63 = 0.73, inside the band.
        var consistent = WarningCodes(Make.Request(method, Make.Plot(quantities: Q((InputKind.NppDryMatterTonnes, 100m)))));
        Assert.DoesNotContain(ValuationCodes.CheckOxygenCarbonRatio, consistent);
    }

    [Fact]
    public void Avoided_land_loss_of_a_hectare_or_more_per_hectare_of_plot_is_flagged()
    {
        // ρ 1.2 × h 0.3 × 10⁴ = 3 600 t per hm² kept; 3 600 t on a 1 hm² plot keeps 1 hm² per hm².
        var run = Make.Run(Make.Request(MethodVersions.SwcPractice2024WithFertility, Make.Plot("P", 1m, quantities: Q((InputKind.SoilRetainedTonnes, 3_600m)))));
        Assert.Contains(run.Warnings, w => w.Code == ValuationCodes.CheckAvoidedLandLossImplausible && w.Target == "P");
    }

    [Fact]
    public void A_clamped_water_balance_reported_by_the_raster_job_is_warned()
    {
        var request = Make.Request(Make.Method(IndicatorId.WaterConservation), Make.Plot(quantities: Q((InputKind.WaterConservedCubicMetres, 10m)))) with { WaterBalanceClampedPixels = 42 };
        Assert.Contains(ValuationCodes.CheckWaterBalanceClamped, WarningCodes(request));
    }

    [Fact]
    public void A_stored_value_that_no_longer_equals_quantity_times_price_is_flagged_on_recompute()
    {
        var run = Make.Run(Make.Request(Make.Method(IndicatorId.WaterConservation), Make.Plot(quantities: Q((InputKind.WaterConservedCubicMetres, 10m)))));
        var stored = run.Values[0];
        Assert.Empty(RunChecks.Recompute([stored]));

        var tampered = stored with { Lines = [stored.Lines[0] with { Value = 81m }] };
        var warning = Assert.Single(RunChecks.Recompute([tampered]));
        Assert.Equal(ValuationCodes.CheckRecomputedValueMismatch, warning.Code);
    }

    [Fact]
    public void Water_balance_and_measure_retention_for_one_plot_warn_that_only_one_model_is_valued()
    {
        var plot = Make.Plot(quantities: Q((InputKind.WaterConservedCubicMetres, 100m), (InputKind.WaterRetainedByMeasuresCubicMetres, 50m)));
        var run = Make.Run(Make.Request(Make.Method(IndicatorId.WaterConservation), plot));
        Assert.Contains(run.Warnings, w => w.Code == ValuationCodes.DoubleCountingWaterModels);
        // Only the water balance is valued: 100 m³ × 8 = 800 元.
        Assert.Equal(800m, Assert.Single(run.Values).Value);
    }

    [Fact]
    public void Water_conservation_and_water_supply_together_carry_an_overlap_warning()
    {
        var plot = Make.Plot(quantities: Q((InputKind.WaterConservedCubicMetres, 100m)),
            products: [new ProductOutput(IndicatorId.WaterSupply, "water_domestic", 100m, QuantityUnit.CubicMetre)]);
        var run = Make.Run(Make.Request(MethodVersions.Gep2022Trial, plot));
        Assert.Contains(run.Warnings, w => w.Code == "accounting.double_counting.water_conservation_and_water_supply");
        // GEP practice counts both: 100 × 8 + 100 × 2.6 = 1 060 元.
        Assert.Equal(1_060m, run.Totals.Total);
    }

    [Fact]
    public void Nitrogen_and_phosphorus_kept_by_soil_retention_must_not_also_count_as_water_purification()
    {
        var plot = Make.Plot(quantities: Q((InputKind.SoilRetainedTonnes, 100m), (InputKind.AmmoniaNitrogenPurifiedTonnes, 0.1m)));
        Assert.Contains(ValuationCodes.DoubleCountingNutrientsAndWaterPurification, WarningCodes(Make.Request(MethodVersions.Gep2022Trial, plot)));

        var codOnly = Make.Plot(quantities: Q((InputKind.SoilRetainedTonnes, 100m), (InputKind.CodPurifiedTonnes, 1m)));
        Assert.DoesNotContain(ValuationCodes.DoubleCountingNutrientsAndWaterPurification, WarningCodes(Make.Request(MethodVersions.Gep2022Trial, codOnly)));
    }

    [Fact]
    public void Fertility_retention_together_with_non_point_pollution_is_double_counting()
    {
        var plot = Make.Plot(quantities: Q((InputKind.SoilRetainedTonnes, 100m)));
        var both = Make.Method(IndicatorId.SoilRetention, IndicatorId.SoilFertilityRetention);
        Assert.Contains(ValuationCodes.DoubleCountingFertilityAndPollution, WarningCodes(Make.Request(both, plot)));

        // The shipped fertility variant values sediment only in R2, so N and P are counted once.
        var run = Make.Run(Make.Request(MethodVersions.SwcPractice2024WithFertility, plot));
        Assert.DoesNotContain(run.Warnings, w => w.Code == ValuationCodes.DoubleCountingFertilityAndPollution);
        Assert.Equal(["sediment"], run.Values.Single(v => v.Indicator.Id == IndicatorId.SoilRetention).Lines.Select(l => l.Component));
    }

    [Fact]
    public void Carbon_and_oxygen_from_the_same_production_are_flagged_and_national_mode_counts_only_carbon()
    {
        var plot = Make.Plot(quantities: Q((InputKind.NppDryMatterTonnes, 10m)));
        Assert.Contains(ValuationCodes.DoubleCountingCarbonAndOxygen, WarningCodes(Make.Request(MethodVersions.SwcPractice2024, plot)));

        var national = Make.Run(Make.Request(MethodVersions.Gep2022Trial, plot));
        Assert.DoesNotContain(national.Warnings, w => w.Code == ValuationCodes.DoubleCountingCarbonAndOxygen);
        Assert.DoesNotContain(national.Values, v => v.Indicator.Id == IndicatorId.OxygenRelease);
    }

    [Fact]
    public void Tourism_on_revenue_basis_must_not_add_fruit_sales_already_counted_as_agricultural_products()
    {
        var method = Make.Method(new MethodOptions { TourismBasis = TourismBasis.Revenue }, IndicatorId.AgriculturalProducts, IndicatorId.LeisureTourism);
        var pickYourOwn = Make.Plot("orchard", quantities: Q((InputKind.Visits, 500m)),
            products: [new ProductOutput(IndicatorId.AgriculturalProducts, "pomelo", 5m, QuantityUnit.Tonne)]);
        var run = Make.Run(Make.Request(method, pickYourOwn));
        Assert.Contains(run.Warnings, w => w.Code == ValuationCodes.DoubleCountingTourismRevenueAndProducts && w.Target == "orchard");
        // Revenue basis: 500 visits × 100 元.
        Assert.Equal(50_000m, run.Totals.Cultural);
    }
}
