using FsCheck;
using FsCheck.Fluent;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Tests.Quantities;

public sealed class QuantityTests
{
    private static readonly Gen<decimal> Hectares =
        from whole in Gen.Choose(0, 1_000_000)
        from fraction in Gen.Choose(0, 9_999)
        select whole + (fraction / 10_000m);

    [Fact]
    public void One_mu_is_one_fifteenth_of_a_hectare()
    {
        // 15 亩 = 1 hm² exactly; 1 亩 ≈ 666.67 m².
        Assert.Equal(1m, Area.FromMu(15m).Hectares);
        Assert.Equal(666.67m, Math.Round(Area.FromMu(1m).SquareMetres, 2));
    }

    [Fact]
    public void One_square_kilometre_is_one_hundred_hectares_and_a_million_square_metres()
    {
        var km2 = Area.FromSquareKilometres(1m);
        Assert.Equal(100m, km2.Hectares);
        Assert.Equal(1_000_000m, km2.SquareMetres);
    }

    [Fact]
    public void One_millimetre_of_water_over_one_hectare_is_ten_cubic_metres()
    {
        Assert.Equal(10m, Volume.FromWaterDepth(1m, Area.FromHectares(1m)).CubicMetres);
        // 1 mm over 1 km² = 1 000 m³.
        Assert.Equal(1_000m, Volume.FromWaterDepth(1m, Area.FromSquareKilometres(1m)).CubicMetres);
    }

    [Fact]
    public void Negative_quantities_are_a_callers_mistake()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Area.FromHectares(-1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mass.FromTonnes(-0.1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Volume.FromCubicMetres(-5m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnitPrice(-1m, QuantityUnit.Tonne, 2024));
    }

    [Fact]
    public void A_carbon_price_per_tonne_of_carbon_is_divided_by_44_over_12_per_tonne_of_carbon_dioxide()
    {
        // LY/T 1721-2008: 1 200 元/t C → 1 200 × 12/44 = 327.2727… 元/t CO₂.
        var perCarbon = new UnitPrice(1_200m, QuantityUnit.TonneCarbon, 2008);
        var perDioxide = perCarbon.PerTonneCarbonDioxide();
        Assert.Equal(QuantityUnit.TonneCarbonDioxide, perDioxide.Unit);
        Assert.Equal(327.272727m, Math.Round(perDioxide.YuanPerUnit, 6));
        Assert.Equal(2008, perDioxide.PriceYear);
    }

    [Fact]
    public void Values_are_displayed_in_ten_thousand_yuan_with_two_decimals_but_kept_unrounded()
    {
        var value = new ValueYuan(6_382_709.384m);
        Assert.Equal("638.27", value.ToTenThousandYuanDisplay());
        Assert.Equal(6_382_709.384m, value.Yuan);
    }

    [Fact]
    public void Hectares_round_trip_through_square_metres_and_square_kilometres_exactly() =>
        Prop.ForAll(Hectares.ToArbitrary(), ha =>
        {
            var area = Area.FromHectares(ha);
            return Area.FromSquareMetres(area.SquareMetres).Hectares == ha
                && Area.FromSquareKilometres(area.SquareKilometres).Hectares == ha;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Hectares_round_trip_through_mu_to_within_decimal_precision() =>
        Prop.ForAll(Hectares.ToArbitrary(), ha =>
            Math.Abs(Area.FromMu(Area.FromHectares(ha).Mu).Hectares - ha) <= 1e-20m).QuickCheckThrowOnFailure();

    [Fact]
    public void Tonnes_round_trip_through_kilograms_exactly() =>
        Prop.ForAll(Hectares.ToArbitrary(), t => Mass.FromKilograms(Mass.FromTonnes(t).Kilograms).Tonnes == t).QuickCheckThrowOnFailure();

    [Fact]
    public void Water_depth_round_trips_through_volume_exactly() =>
        Prop.ForAll(Hectares.ToArbitrary(), Hectares.ToArbitrary(), (mm, ha) =>
            ha == 0m || Volume.FromWaterDepth(mm, Area.FromHectares(ha)).DepthMillimetresOver(Area.FromHectares(ha)) == mm)
        .QuickCheckThrowOnFailure();

    [Fact]
    public void Value_is_monotone_in_quantity_at_a_fixed_price() =>
        Prop.ForAll(Hectares.ToArbitrary(), Hectares.ToArbitrary(), Hectares.ToArbitrary(), (q1, q2, price) =>
        {
            var unitPrice = new UnitPrice(price, QuantityUnit.Tonne, 2024);
            var (low, high) = q1 <= q2 ? (q1, q2) : (q2, q1);
            return unitPrice.Times(low) <= unitPrice.Times(high);
        }).QuickCheckThrowOnFailure();
}
