using Qingshan.Valuation.Methods;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Tests.Methods;

public sealed class RegulatingServiceTests
{
    [Fact]
    public void Water_conservation_is_precipitation_minus_storm_runoff_minus_evapotranspiration_over_the_area()
    {
        // P = 1 600 mm, R = 0.2 × 1 600 = 320 mm, ET = 800 mm → 480 mm over 10 hm² = 480 × 10 × 10 = 48 000 m³.
        var water = WaterConservation.WaterBalance(1_600m, 320m, 800m, Area.FromHectares(10m), out var clamped);
        Assert.Equal(48_000m, water.CubicMetres);
        Assert.False(clamped);
        // × 7.06 元/m³ (Garzê reservoir cost) = 338 880 元.
        Assert.Equal(338_880m, WaterConservation.Value(water, 7.06m).Yuan);
    }

    [Fact]
    public void A_negative_water_balance_is_clamped_to_zero_and_reported()
    {
        // 500 − 100 − 600 = −200 mm → 0.
        var water = WaterConservation.WaterBalance(500m, 100m, 600m, Area.FromHectares(3m), out var clamped);
        Assert.Equal(0m, water.CubicMetres);
        Assert.True(clamped);
    }

    [Fact]
    public void Water_kept_by_terraces_is_retention_rate_times_runoff_depth_times_area()
    {
        // Jiajiyu: terrace p = 0.9, H = 63 mm, 1 hm²: 0.9 × 63 × 10 = 567 m³; × 3.75 = 2 126.25 元.
        var water = WaterConservation.RetainedByMeasure(0.9m, 63m, Area.FromHectares(1m));
        Assert.Equal(567m, water.CubicMetres);
        Assert.Equal(2_126.25m, WaterConservation.Value(water, 3.75m).Yuan);
    }

    [Fact]
    public void Garze_sand_fixation_is_land_kept_from_desertification_at_sand_control_cost()
    {
        // 779.42e4 t / (1.28 × 0.1) = 60.89e6 m² = 60.89 km²; × 3.75 元/m² = 2.28e8 元 [S].
        var sand = Mass.FromTenThousandTonnes(779.42m);
        Tolerance.Within(60.89e6m, SandFixation.ProtectedSquareMetres(sand, 1.28m, 0.1m));
        Tolerance.Within(2.28e8m, SandFixation.Value(sand, 1.28m, 0.1m, 3.75m).Yuan);
    }

    [Fact]
    public void Marsh_flood_storage_is_0_3_metres_over_the_marsh_area_in_cubic_metres()
    {
        // 0.3 m × 2 000 km² × 10⁶ m²/km² = 6.00e8 m³ (Garzê publishes 6.00×10⁸ m³ for about 2 000 km²).
        Assert.Equal(6.00e8m, FloodRegulation.MarshStorage(Area.FromSquareKilometres(2_000m)).CubicMetres);
    }

    [Fact]
    public void Reservoir_flood_storage_is_35_percent_of_capacity_valued_at_reservoir_cost()
    {
        // 100 万 m³ check dams × 0.35 = 35 万 m³; × 7.06 = 2 471 000 元.
        var storage = FloodRegulation.ReservoirStorage(Volume.FromTenThousandCubicMetres(100m), 0.35m);
        Assert.Equal(350_000m, storage.CubicMetres);
        Assert.Equal(2_471_000m, FloodRegulation.Value(storage, 7.06m).Yuan);
    }

    [Fact]
    public void Lake_storage_regression_follows_the_Qinghai_Tibet_example()
    {
        // e^6.636 × 1^0.678 × 1 = 762.2 (10⁴ m³) for a 1 km² lake.
        Tolerance.Within(762.2e4m, FloodRegulation.LakeStorage(Area.FromSquareKilometres(1m), 6.636, 0.678, 1d).CubicMetres);
    }

    [Fact]
    public void Garze_air_purification_is_emission_times_treatment_cost_per_pollutant()
    {
        // SO₂ 1 137 t × 1 200 = 1 364 400; NOx 2 772 × 630 = 1 746 360; dust 941 × 150 = 141 150; Σ 3 251 910 元.
        var total = AirPurification.Value(Mass.FromTonnes(1_137m), 1_200m)
            + AirPurification.Value(Mass.FromTonnes(2_772m), 630m)
            + AirPurification.Value(Mass.FromTonnes(941m), 150m);
        Assert.Equal(3_251_910m, total.Yuan);
    }

    [Fact]
    public void Purified_amount_is_capped_by_emission()
    {
        // Capacity 0.05 t/hm² × 1 000 hm² + 0.01 × 500 = 55 t; emission 40 t → 40 t.
        var purified = AirPurification.Purified(Mass.FromTonnes(40m), [0.05m, 0.01m], [Area.FromHectares(1_000m), Area.FromHectares(500m)]);
        Assert.Equal(40m, purified.Tonnes);
    }

    [Theory]
    [InlineData(1.4, 0.8, 1_750)]   // NH₃-N at the statutory minimum water rate
    [InlineData(1.4, 0.25, 5_600)]  // TP
    [InlineData(1.4, 1, 1_400)]     // COD
    [InlineData(0.7, 0.8, 875)]     // Garzê's NH₃-N under the old 0.7 元 fee
    [InlineData(0.6, 4, 150)]       // Garzê's dust under the old 0.6 元 air fee
    public void Treatment_cost_is_tax_rate_over_pollution_equivalent(double rate, double kilograms, int expectedPerTonne)
    {
        Assert.Equal(expectedPerTonne, AirPurification.TreatmentCostFromTaxRate((decimal)rate, (decimal)kilograms));
    }

    [Fact]
    public void Garze_water_purification_prices_cod_and_ammonia_nitrogen_at_the_old_fee()
    {
        // 100 t COD × 700 + 10 t NH₃-N × 875 + 0 TP = 70 000 + 8 750 = 78 750 元.
        Assert.Equal(78_750m, WaterPurification.Value(Mass.FromTonnes(100m), 700m, Mass.FromTonnes(10m), 875m, Mass.Zero, 2_800m).Yuan);
    }

    [Fact]
    public void Carbon_fixed_is_1_63_tonnes_of_carbon_dioxide_per_tonne_of_dry_matter()
    {
        // NPP 100 t × 1.63 = 163 t CO₂; × 379.87 (Gaotianyan) = 61 918.81 元.
        var co2 = CarbonSequestration.FromNpp(Mass.FromTonnes(100m), 1.63m);
        Assert.Equal(163m, co2);
        Assert.Equal(61_918.81m, CarbonSequestration.Value(co2, new UnitPrice(379.87m, QuantityUnit.TonneCarbonDioxide, 2017)).Yuan);
    }

    [Fact]
    public void A_price_per_tonne_of_carbon_values_carbon_dioxide_after_conversion()
    {
        // 12 t C of NEP = 44 t CO₂; at 1 200 元/t C that is 12 × 1 200 = 14 400 元, whichever unit is used.
        var co2 = CarbonSequestration.FromNetEcosystemProduction(12m);
        Assert.Equal(44m, Math.Round(co2, 20));
        var value = CarbonSequestration.Value(co2, new UnitPrice(1_200m, QuantityUnit.TonneCarbon, 2008));
        Assert.Equal(14_400m, Math.Round(value.Yuan, 10));
    }

    [Fact]
    public void Oxygen_released_is_1_19_tonnes_per_tonne_of_dry_matter_or_32_over_44_of_carbon_dioxide()
    {
        Assert.Equal(119m, OxygenRelease.FromNpp(Mass.FromTonnes(100m), 1.19m));
        // 44 t CO₂ × 32/44 = 32 t O₂.
        Assert.Equal(32m, Math.Round(OxygenRelease.FromCarbonDioxide(44m), 20));
    }

    [Fact]
    public void Garze_climate_regulation_is_energy_times_electricity_price()
    {
        // 2 799.10e8 kWh × 0.53 = 1 483.52e8 元; 1 272.35e8 kWh × 0.53 = 674.34e8 元 [S].
        Tolerance.Within(1_483.52e8m, ClimateRegulation.Value(Energy.FromKilowattHours(2_799.10e8m), 0.53m).Yuan);
        Tolerance.Within(674.34e8m, ClimateRegulation.Value(Energy.FromKilowattHours(1_272.35e8m), 0.53m).Yuan);
    }

    [Fact]
    public void Transpiration_cooling_converts_kilojoules_to_kilowatt_hours_and_divides_by_the_efficiency_ratio()
    {
        // EPP 360 kJ/(m²·d) × 1 km² × 10⁶ × 30 d = 1.08e10 kJ; ÷ 3 600 = 3e6 kWh; ÷ r = 3 → 1e6 kWh.
        Assert.Equal(1_000_000m, ClimateRegulation.TranspirationCooling(360m, Area.FromSquareKilometres(1m), 30m, 3m).KilowattHours);
    }

    [Fact]
    public void Evaporation_counts_latent_heat_and_humidifier_electricity()
    {
        // 36 m³ × 1 000 kg/m³ = 36 000 kg; × 2 450 J/g (= kJ/kg) = 88 200 000 kJ; ÷ 3 600 = 24 500 kWh;
        // humidifier 36 m³ × 120 kWh/m³ = 4 320 kWh; Σ 28 820 kWh.
        Assert.Equal(28_820m, ClimateRegulation.WaterSurfaceEvaporation(Volume.FromCubicMetres(36m), 2_450m, 120m).KilowattHours);
    }
}
