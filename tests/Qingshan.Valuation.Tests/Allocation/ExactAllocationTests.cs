using FsCheck;
using FsCheck.Fluent;
using Qingshan.Valuation.Allocation;
using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Tests.Allocation;

public sealed class ExactAllocationTests
{
    private static readonly Gen<decimal> Totals =
        from yuan in Gen.Choose(-100_000_000, 2_000_000_000)
        from fraction in Gen.Choose(0, 999_999)
        from scale in Gen.Choose(0, 6)
        select (yuan + (fraction / 1_000_000m)) * (scale % 2 == 0 ? 1m : 1.000001m);

    private static readonly Gen<decimal[]> Weights =
        from count in Gen.Choose(1, 40)
        from raw in Gen.ArrayOf(Gen.Choose(0, 1_000_000), count)
        let weights = raw.Select(w => w / 1_000m).ToArray()
        select weights.All(w => w == 0m) ? [.. weights.Skip(1), 1m] : weights;

    [Fact]
    public void One_hundred_yuan_in_three_equal_parts_gives_the_leftover_grid_unit_to_the_first_part()
    {
        // 100 at a 10⁻² grid is 10 000 units; 10 000 / 3 = 3 333 rem 1 each; one leftover unit goes to the first part.
        var parts = ExactAllocation.Split(100m, [1m, 1m, 1m], minimumScale: 2);
        Assert.Equal([33.34m, 33.33m, 33.33m], parts);
        Assert.Equal(100m, parts.Sum());
    }

    [Fact]
    public void Proportional_shares_land_on_the_grid_when_they_are_exact()
    {
        // 1 000 by areas 2 : 3 : 5 = 200, 300, 500 exactly.
        Assert.Equal([200m, 300m, 500m], ExactAllocation.Split(1_000m, [2m, 3m, 5m]));
    }

    [Fact]
    public void A_plot_with_zero_weight_gets_exactly_zero()
    {
        var parts = ExactAllocation.Split(123.456m, [0m, 7m, 0m, 2m]);
        Assert.Equal(0m, parts[0]);
        Assert.Equal(0m, parts[2]);
        Assert.Equal(123.456m, parts.Sum());
    }

    [Fact]
    public void Weights_that_are_all_zero_or_negative_are_a_callers_mistake()
    {
        Assert.Throws<ArgumentException>(() => ExactAllocation.Split(1m, [0m, 0m]));
        Assert.Throws<ArgumentException>(() => ExactAllocation.Split(1m, [1m, -1m]));
        Assert.Throws<ArgumentException>(() => ExactAllocation.Split(1m, []));
    }

    [Fact]
    public void A_total_with_28_significant_digits_still_splits_exactly()
    {
        var total = 1234567890.123456789012345678m;
        var parts = ExactAllocation.Split(total, [1m, 2m, 3m, 4m, 5m, 6m, 7m]);
        Assert.Equal(total, parts.Sum());
    }

    [Fact]
    public void Allocation_conserves_the_total_bit_for_bit() =>
        Prop.ForAll(Totals.ToArbitrary(), Weights.ToArbitrary(), (total, weights) =>
        {
            var parts = ExactAllocation.Split(total, weights);
            var sum = 0m;
            foreach (var part in parts)
            {
                sum += part;
            }

            return sum == total && parts.Length == weights.Length;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Allocation_of_a_non_negative_total_gives_non_negative_parts_near_the_proportional_share() =>
        Prop.ForAll(Totals.ToArbitrary(), Weights.ToArbitrary(), (total, weights) =>
        {
            total = Math.Abs(total);
            var parts = ExactAllocation.Split(total, weights);
            var weightSum = weights.Sum();
            // Each part is within one grid unit (10⁻¹⁰ here, or coarser only for huge totals) of total × w / Σw.
            return parts.Select((p, i) => p >= 0m && Math.Abs(p - (total * weights[i] / weightSum)) <= 1e-9m).All(ok => ok);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Watershed_allocation_makes_plot_category_and_indicator_sums_equal_the_total() =>
        Prop.ForAll(Gen.Zip(Totals, Totals).ToArbitrary(), Totals.ToArbitrary(), Weights.ToArbitrary(), (pair, tourism, weights) =>
        {
            var (soil, products) = pair;
            var plotIds = weights.Select((_, i) => "P" + i).ToList();
            var matrix = WatershedAllocation.Allocate(plotIds,
            [
                new IndicatorAllocationInput(IndicatorId.SoilRetention, Math.Abs(soil), weights),
                new IndicatorAllocationInput(IndicatorId.AgriculturalProducts, Math.Abs(products), weights),
                new IndicatorAllocationInput(IndicatorId.LeisureTourism, Math.Abs(tourism), [.. weights.Select(w => w + 1m)]),
            ]);
            var plotSum = matrix.PlotTotals.Aggregate(0m, (a, b) => a + b);
            var categorySum = matrix.CategoryTotals.Values.Aggregate(0m, (a, b) => a + b);
            return plotSum == matrix.GrandTotal
                && categorySum == matrix.GrandTotal
                && matrix.Rows[0].Aggregate(0m, (a, b) => a + b) == Math.Abs(soil);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Material_output_is_allocated_only_to_plots_of_the_producing_land_use()
    {
        // 300 t of pomelo over orchards (0201) of 10 and 20 hm²; the forest plot gets none: 100 t and 200 t.
        PlotInput[] plots = [Make.Plot("A", 10m, "0201"), Make.Plot("B", 5m, "0301"), Make.Plot("C", 20m, "0201")];
        var weights = WatershedAllocation.AreaOfProducingLandUse(plots, ["02"]);
        Assert.Equal([100m, 0m, 200m], ExactAllocation.Split(300m, weights));
    }

    [Fact]
    public void The_coefficient_method_values_a_plot_as_area_times_value_per_hectare_by_land_use()
    {
        var table = new CoefficientTable(new Dictionary<(string, IndicatorId), decimal>
        {
            [("02", IndicatorId.SoilRetention)] = 1_200m,
            [("0202", IndicatorId.SoilRetention)] = 1_500m,
        }, "test fixture");

        // Tea garden 0202 has its own coefficient: 4 hm² × 1 500 = 6 000; an orchard 0201 falls back to 02: 4 × 1 200 = 4 800.
        Assert.Equal(6_000m, table.Value(Area.FromHectares(4m), "0202", IndicatorId.SoilRetention).Yuan);
        Assert.Equal(4_800m, table.Value(Area.FromHectares(4m), "0201", IndicatorId.SoilRetention).Yuan);
        Assert.Equal(0m, table.Value(Area.FromHectares(4m), "0301", IndicatorId.SoilRetention).Yuan);
    }
}
