using Qingshan.Valuation.Methods;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Tests.Methods;

public sealed class OtherIndicatorTests
{
    [Fact]
    public void Material_supply_is_output_times_market_price()
    {
        // Garzê water prices: 100 万 m³ domestic × 2.6 + 50 万 m³ industrial × 3.6 + 1 000 万 m³ agricultural × 0.07
        // = 2 600 000 + 1 800 000 + 700 000 = 5 100 000 元.
        var value = MaterialSupply.Value(
        [
            (1_000_000m, new UnitPrice(2.6m, QuantityUnit.CubicMetre, 2010)),
            (500_000m, new UnitPrice(3.6m, QuantityUnit.CubicMetre, 2010)),
            (10_000_000m, new UnitPrice(0.07m, QuantityUnit.CubicMetre, 2010)),
        ]);
        Assert.Equal(5_100_000m, value.Yuan);
    }

    [Fact]
    public void Gaotianyan_tourism_revenue_basis_is_one_hundred_yuan_per_visit()
    {
        // 80×10⁴ 元 for 8 000 visits = 100 元/visit; 8 000 × 100 = 800 000 元.
        Assert.Equal(800_000m, LeisureTourism.TravelCostValue([(8_000m, 800_000m / 8_000m)]).Yuan);
    }

    [Fact]
    public void Travel_cost_adds_transport_lodging_tickets_and_time()
    {
        // (60 + 120 + 40 + 30) = 250 元/visit; 1 000 visits from zone A, 200 from zone B at 400 → 250 000 + 80 000.
        Assert.Equal(250m, LeisureTourism.TravelCostPerVisit(60m, 120m, 40m, 30m));
        Assert.Equal(330_000m, LeisureTourism.TravelCostValue([(1_000m, 250m), (200m, 400m)]).Yuan);
    }

    [Fact]
    public void Landscape_value_is_benefiting_area_times_premium()
    {
        // 5 000 m² × 20 元/m² = 100 000 元.
        Assert.Equal(100_000m, LandscapeValue.Value(5_000m, 20m).Yuan);
    }

    [Fact]
    public void Avoided_land_loss_is_soil_retained_over_bulk_density_times_topsoil_depth()
    {
        // 1 170 t / (1.17 t/m³ × 0.1 m × 10⁴) = 1 hm²; × 15 000 元/hm² = 15 000 元.
        var kept = AvoidedLandLoss.LandKept(Mass.FromTonnes(1_170m), 1.17m, 0.1m);
        Assert.Equal(1m, kept.Hectares);
        Assert.Equal(15_000m, AvoidedLandLoss.Value(kept, 15_000m).Yuan);
    }

    [Fact]
    public void Fertility_retention_values_retained_nutrients_at_fertiliser_prices()
    {
        // 1 000 t × (0.001 × 2 549 + 0.0005 × 2 549 + 0.02 × 2 549 + 0.03 × 320)
        // = 1 000 × (2.549 + 1.2745 + 50.98 + 9.6) = 64 403.5 元.
        var value = SoilFertilityRetention.Value(Mass.FromTonnes(1_000m), [(0.001m, 2_549m), (0.0005m, 2_549m), (0.02m, 2_549m), (0.03m, 320m)]);
        Assert.Equal(64_403.5m, value.Yuan);
    }
}
