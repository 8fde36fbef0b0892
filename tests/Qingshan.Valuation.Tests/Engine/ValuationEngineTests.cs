using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Tests.Engine;

public sealed class ValuationEngineTests
{
    private static Dictionary<InputKind, decimal> Q(params (InputKind Kind, decimal Value)[] items) => items.ToDictionary(i => i.Kind, i => i.Value);

    private static ValuationRequest TwoPlotCounty() => Make.Request(MethodVersions.SwcPractice2024,
        Make.Plot("A", 10m, "0201", Q((InputKind.SoilRetainedTonnes, 500m), (InputKind.NppDryMatterTonnes, 80m)),
            [new ProductOutput(IndicatorId.AgriculturalProducts, "pomelo", 30m, QuantityUnit.Tonne)]),
        Make.Plot("B", 20m, "0301", Q((InputKind.SoilRetainedTonnes, 1_200m), (InputKind.NppDryMatterTonnes, 200m), (InputKind.WaterConservedCubicMetres, 50_000m))));

    [Fact]
    public void Garze_2010_soil_retention_through_the_engine_matches_the_published_total()
    {
        // Seed parameters are Garzê's 2010 values, so an accounting year of 2010 needs no index adjustment.
        var request = new ValuationRequest(MethodVersions.Gep2022Trial, SeedParameters.Reference(), 2010,
            [Make.Plot("甘孜", 15_300_000m, "03", Q((InputKind.SoilRetainedTonnes, 38.86e8m)))]);

        var run = Make.Run(request);

        var soil = Assert.Single(run.Values);
        Assert.Equal(["sediment", "nitrogen", "phosphorus"], soil.Lines.Select(l => l.Component));
        Tolerance.Within(156.26e8m, soil.Lines[0].Value);
        Tolerance.Within(125.82e8m, soil.Lines[1].Value);
        Tolerance.Within(117.52e8m, soil.Lines[2].Value);
        Tolerance.Within(399.60e8m, run.Totals.Regulating);
    }

    [Fact]
    public void Seed_prices_from_2010_are_refused_for_a_2024_run()
    {
        var request = new ValuationRequest(MethodVersions.Gep2022Trial, SeedParameters.Reference(), 2024,
            [Make.Plot(quantities: Q((InputKind.SoilRetainedTonnes, 100m)))]);

        var outcome = new ValuationEngine().Run(request);

        Assert.True(outcome.IsRefused);
        Assert.Contains(outcome.Errors, e => e.Code == ValuationCodes.ParameterPriceYearMismatch && e.Target == ParameterIds.DredgingCost);
        Assert.All(outcome.Errors, e => Assert.Equal(ValuationCodes.ParameterPriceYearMismatch, e.Code));
    }

    [Fact]
    public void A_county_run_values_every_plot_and_indicator_and_totals_them_by_category()
    {
        var run = Make.Run(TwoPlotCounty());

        // Hand computation with the Make parameters (λ 0.24, ρ 1.2, dredging 20, N 0.1 % × 1 750, P 0.05 % × 5 600,
        // CO₂ 1.63 × NPP × 100, O₂ 1.19 × NPP × 1 000, reservoir 8, pomelo 4 000 元/t):
        // R2 A: 0.24 × 500 / 1.2 = 100 m³ × 20 = 2 000; 0.5 t N × 1 750 = 875; 0.25 t P × 5 600 = 1 400 → 4 275.
        // R2 B: 240 m³ × 20 = 4 800; 1.2 × 1 750 = 2 100; 0.6 × 5 600 = 3 360 → 10 260.
        // R8: A 130.4 t × 100 = 13 040; B 326 × 100 = 32 600.   X1: A 95.2 t × 1 000 = 95 200; B 238 000.
        // M1 A: 30 t × 4 000 = 120 000.   R1 B: 50 000 m³ × 8 = 400 000.
        Assert.Equal(120_000m, run.Totals.MaterialSupply);
        Assert.Equal(793_375m, run.Totals.Regulating);
        Assert.Equal(0m, run.Totals.Cultural);
        Assert.Equal(913_375m, run.Totals.Total);

        var plots = run.PlotTotals();
        Assert.Equal(232_515m, plots["A"]);
        Assert.Equal(680_860m, plots["B"]);
        Assert.Equal(120_000m, run.TotalsByLandUse()[("0201", IndicatorId.AgriculturalProducts)]);
    }

    [Fact]
    public void Non_national_oxygen_release_is_excluded_from_national_totals()
    {
        var run = Make.Run(TwoPlotCounty());

        // National regulating = 793 375 − (95 200 + 238 000) = 460 175.
        Assert.Equal(460_175m, run.NationalGepTotals.Regulating);
        Assert.Equal(580_175m, run.NationalGepTotals.Total);
        Assert.False(run.IndicatorTotals.Single(t => t.Indicator.Id == IndicatorId.OxygenRelease).Indicator.InNationalGep);
    }

    [Fact]
    public void Every_value_line_shows_quantity_unit_price_price_year_source_and_value_so_it_can_be_recomputed()
    {
        var run = Make.Run(TwoPlotCounty());

        var carbon = run.Values.Single(v => v.PlotId == "A" && v.Indicator.Id == IndicatorId.CarbonSequestration);
        Assert.Equal(130.4m, carbon.Quantity);
        Assert.Equal(QuantityUnit.TonneCarbonDioxide, carbon.Unit);
        var line = Assert.Single(carbon.Lines);
        Assert.Equal(new UnitPrice(100m, QuantityUnit.TonneCarbonDioxide, Make.Year), line.Price);
        Assert.Equal("test fixture", line.Source);
        Assert.Equal(EvidenceLabel.Derived, line.Evidence);
        Assert.Equal(ParameterIds.CarbonDioxidePerDryMatter, Assert.Single(line.Coefficients).Id);
        Assert.Equal(line.Quantity * line.Price.YuanPerUnit, line.Value);
        Assert.All(run.Values.SelectMany(v => v.Lines), l => Assert.Equal(l.Recompute(), l.Value));
    }

    [Fact]
    public void Indicator_totals_follow_the_method_order_and_sum_quantities_in_one_unit()
    {
        var run = Make.Run(TwoPlotCounty());

        Assert.Equal(
            [IndicatorId.AgriculturalProducts, IndicatorId.WaterConservation, IndicatorId.SoilRetention, IndicatorId.CarbonSequestration, IndicatorId.OxygenRelease],
            run.IndicatorTotals.Select(t => t.Indicator.Id));
        var soil = run.IndicatorTotals.Single(t => t.Indicator.Id == IndicatorId.SoilRetention);
        Assert.Equal(1_700m, soil.Quantity);
        Assert.Equal(14_535m, soil.Value);
        Assert.Equal(2, soil.PlotCount);
    }

    [Fact]
    public void The_run_records_method_parameter_set_and_year_and_reproduces_bit_for_bit()
    {
        var request = TwoPlotCounty() with
        {
            PlotSetVersion = "plots-361122-2024-07",
            InputLayerVersions = new Dictionary<string, string> { ["rusle.c"] = "sha256:ab12", ["npp"] = "MOD17A3-2024" },
        };
        var first = Make.Run(request);
        var second = Make.Run(request);

        Assert.Equal("SWC-practice-2024", first.MethodId);
        Assert.Equal("plots-361122-2024-07", first.PlotSetVersion);
        Assert.Equal("sha256:ab12", first.InputLayerVersions["rusle.c"]);
        Assert.Equal("test-2", first.ParameterSetVersion);
        Assert.Equal(Make.Year, first.AccountingYear);
        Assert.Equal(Baseline.Potential, first.Options.Baseline);
        Assert.Equal(
            first.Values.SelectMany(v => v.Lines).Select(l => decimal.GetBits(l.Value)).SelectMany(b => b),
            second.Values.SelectMany(v => v.Lines).Select(l => decimal.GetBits(l.Value)).SelectMany(b => b));
        Assert.Equal(decimal.GetBits(first.Totals.Total), decimal.GetBits(second.Totals.Total));
    }

    [Fact]
    public void Every_section_9_check_runs_on_every_run()
    {
        var run = Make.Run(TwoPlotCounty());
        Assert.Equal(RunChecks.CheckNames, run.ChecksPerformed);
        Assert.Contains("plot_sums", run.ChecksPerformed);
        Assert.Contains("oxygen_carbon_ratio", run.ChecksPerformed);
    }

    [Fact]
    public void A_carbon_price_per_tonne_of_carbon_is_converted_before_valuing_carbon_dioxide()
    {
        var parameters = Make.Parameters(Make.Price(ParameterIds.CarbonPrice, 440m, QuantityUnit.TonneCarbon));
        var request = new ValuationRequest(Make.Method(IndicatorId.CarbonSequestration), parameters, Make.Year,
            [Make.Plot(quantities: Q((InputKind.CarbonDioxideFixedTonnes, 44m)))]);

        // 440 元/t C × 12/44 = 120 元/t CO₂; 44 t CO₂ × 120 = 5 280 元 (= 12 t C × 440).
        var value = Assert.Single(Make.Run(request).Values);
        Assert.Equal(5_280m, Math.Round(value.Value, 10));
    }

    [Fact]
    public void Reservoir_construction_basis_prices_sediment_at_reservoir_cost()
    {
        var method = Make.Method(new MethodOptions { SedimentPriceBasis = SedimentPriceBasis.ReservoirConstruction, IncludeNonPointPollution = false }, IndicatorId.SoilRetention);
        var run = Make.Run(new ValuationRequest(method, Make.Parameters(), Make.Year, [Make.Plot(quantities: Q((InputKind.SoilRetainedTonnes, 500m)))]));

        // 0.24 × 500 / 1.2 = 100 m³ × reservoir cost 8 = 800 元; no N/P lines.
        var soil = Assert.Single(run.Values);
        Assert.Equal(800m, soil.Value);
        Assert.Equal(ParameterIds.ReservoirCost, Assert.Single(soil.Lines).PriceParameter.Id);
    }

    [Fact]
    public void The_InVEST_sediment_model_values_avoided_export_instead_of_lambda_times_retention()
    {
        var method = Make.Method(new MethodOptions { SedimentModel = SedimentModel.InvestSdr, IncludeNonPointPollution = false }, IndicatorId.SoilRetention);
        var run = Make.Run(new ValuationRequest(method, Make.Parameters(), Make.Year,
            [Make.Plot(quantities: Q((InputKind.SoilRetainedTonnes, 500m), (InputKind.SedimentAvoidedExportTonnes, 60m)))]));

        // 60 t / 1.2 = 50 m³ × 20 = 1 000 元.
        Assert.Equal(1_000m, Assert.Single(run.Values).Value);
    }

    [Fact]
    public void Measure_retention_mode_values_water_kept_by_measures_at_storage_cost()
    {
        var method = Make.Method(new MethodOptions { WaterConservationModel = WaterConservationModel.MeasureRetention }, IndicatorId.WaterConservation);
        var run = Make.Run(new ValuationRequest(method, Make.Parameters(), Make.Year,
            [Make.Plot(quantities: Q((InputKind.WaterRetainedByMeasuresCubicMetres, 567m)))]));

        // 567 m³ × 4 = 2 268 元.
        Assert.Equal(2_268m, Assert.Single(run.Values).Value);
    }

    [Fact]
    public void A_plot_with_products_in_different_units_has_no_single_functional_quantity()
    {
        var request = Make.Request(Make.Method(IndicatorId.AgriculturalProducts, IndicatorId.LivestockProducts, IndicatorId.FisheryProducts, IndicatorId.ForestryProducts),
            Make.Plot(products:
            [
                new ProductOutput(IndicatorId.ForestryProducts, "timber", 10m, QuantityUnit.CubicMetre),
                new ProductOutput(IndicatorId.ForestryProducts, "tea", 0.5m, QuantityUnit.Tonne),
                new ProductOutput(IndicatorId.LivestockProducts, "pig", 3m, QuantityUnit.Head),
            ]));

        var run = Make.Run(request);

        var forestry = run.Values.Single(v => v.Indicator.Id == IndicatorId.ForestryProducts);
        Assert.Null(forestry.Quantity);
        // 10 m³ × 900 + 0.5 t × 60 000 = 9 000 + 30 000 = 39 000 元.
        Assert.Equal(39_000m, forestry.Value);
        Assert.Equal(6_000m, run.Values.Single(v => v.Indicator.Id == IndicatorId.LivestockProducts).Value);
    }

    [Fact]
    public void A_county_of_5000_plots_and_15_indicators_yields_75000_plot_values_whose_sums_agree()
    {
        var method = Make.Method(
            IndicatorId.AgriculturalProducts, IndicatorId.ForestryProducts, IndicatorId.LivestockProducts, IndicatorId.FisheryProducts,
            IndicatorId.WaterSupply, IndicatorId.WaterConservation, IndicatorId.SoilRetention, IndicatorId.FloodRegulation,
            IndicatorId.AirPurification, IndicatorId.WaterPurification, IndicatorId.CarbonSequestration, IndicatorId.ClimateRegulation,
            IndicatorId.OxygenRelease, IndicatorId.LeisureTourism, IndicatorId.LandscapeValue);
        var plots = Enumerable.Range(0, 5_000).Select(i => Make.Plot("P" + i, 1m + (i % 7), "0201",
            Q((InputKind.WaterConservedCubicMetres, 1_000m + i), (InputKind.SoilRetainedTonnes, 20m + (i % 13)), (InputKind.FloodStorageCubicMetres, 50m),
              (InputKind.SulfurDioxidePurifiedTonnes, 0.01m), (InputKind.CodPurifiedTonnes, 0.2m), (InputKind.NppDryMatterTonnes, 8m + (i % 5)),
              (InputKind.TranspirationCoolingKilowattHours, 30_000m), (InputKind.Visits, i % 3), (InputKind.LandscapeBenefitingSquareMetres, 10m)),
            [
                new ProductOutput(IndicatorId.AgriculturalProducts, "pomelo", 2m, QuantityUnit.Tonne),
                new ProductOutput(IndicatorId.ForestryProducts, "timber", 1m, QuantityUnit.CubicMetre),
                new ProductOutput(IndicatorId.LivestockProducts, "pig", 1m, QuantityUnit.Head),
                new ProductOutput(IndicatorId.FisheryProducts, "fish", 0.1m, QuantityUnit.Tonne),
                new ProductOutput(IndicatorId.WaterSupply, "water_domestic", 100m, QuantityUnit.CubicMetre),
            ])).ToArray();

        var run = Make.Run(new ValuationRequest(method, Make.Parameters(), Make.Year, plots));

        Assert.Equal(75_000, run.Values.Count);
        Assert.Equal(run.Totals.Total, run.PlotTotals().Values.Aggregate(0m, (a, b) => a + b));
        Assert.Equal(run.Totals.Total, run.IndicatorTotals.Aggregate(0m, (a, t) => a + t.Value));
        Assert.DoesNotContain(run.Warnings, w => w.Code.StartsWith("accounting.check.", StringComparison.Ordinal));
    }
}
