using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Tests.Parameters;

public sealed class ParameterSetTests
{
    [Theory]
    [InlineData(0.79)]
    [InlineData(1.81)]
    public void Bulk_density_outside_0_8_to_1_8_is_refused_naming_the_parameter(double density)
    {
        var set = Make.Parameters(Make.Coefficient(ParameterIds.SoilBulkDensity, (decimal)density, "t/m³"));
        var issue = Assert.Single(set.Validate());
        Assert.Equal("accounting.parameter.out_of_range", issue.Code);
        Assert.Equal(ParameterIds.SoilBulkDensity, issue.Target);
        Assert.True(issue.IsError);
        Assert.Equal([(decimal)density, 0.8m, 1.8m], issue.Args);
    }

    [Theory]
    [InlineData("rusle.c.0103", 1.2)]
    [InlineData("rusle.p.0201", -0.1)]
    [InlineData(ParameterIds.SedimentDepositionRatio, 1.5)]
    [InlineData(ParameterIds.SoilNitrogenContent, 1.01)]
    public void Cover_practice_factors_and_fractions_outside_zero_to_one_are_refused(string id, double value)
    {
        var set = Make.Parameters(Make.Coefficient(id, (decimal)value));
        var issue = Assert.Single(set.Validate());
        Assert.Equal(ValuationCodes.ParameterOutOfRange, issue.Code);
        Assert.Equal(id, issue.Target);
    }

    [Fact]
    public void Bounds_at_the_edges_are_accepted()
    {
        var set = Make.Parameters(
            Make.Coefficient(ParameterIds.SoilBulkDensity, 0.8m, "t/m³"),
            Make.Coefficient("rusle.c.0301", 0m),
            Make.Coefficient("rusle.p.0103", 1m));
        Assert.Empty(set.Validate());
    }

    [Fact]
    public void A_price_without_a_price_year_is_refused()
    {
        var price = Make.Price(ParameterIds.DredgingCost, 15.58m, QuantityUnit.CubicMetre) with { PriceYear = null };
        var issue = Assert.Single(Make.Parameters(price).Validate());
        Assert.Equal(ValuationCodes.ParameterPriceYearMissing, issue.Code);
    }

    [Fact]
    public void A_parameter_without_a_source_is_refused()
    {
        var issue = Assert.Single(Make.Parameters(Make.Coefficient(ParameterIds.SoilBulkDensity, 1.2m) with { Source = " " }).Validate());
        Assert.Equal(ValuationCodes.ParameterSourceMissing, issue.Code);
    }

    [Fact]
    public void A_carbon_price_must_say_whether_it_is_per_tonne_of_carbon_or_of_carbon_dioxide()
    {
        var issue = Assert.Single(Make.Parameters(Make.Price(ParameterIds.CarbonPrice, 80m, QuantityUnit.Tonne)).Validate());
        Assert.Equal(ValuationCodes.ParameterUnitInvalid, issue.Code);
    }

    [Fact]
    public void A_price_from_another_year_is_refused_for_the_run()
    {
        var set = Make.Parameters(Make.Price(ParameterIds.DredgingCost, 15.58m, QuantityUnit.CubicMetre, year: 2010));
        var issue = Assert.Single(set.ValidateFor([ParameterIds.DredgingCost], 2024));
        Assert.Equal("accounting.parameter.price_year_mismatch", issue.Code);
        Assert.Equal([2010, 2024], issue.Args);
    }

    [Fact]
    public void A_price_brought_to_the_accounting_year_by_an_index_is_accepted_and_keeps_its_history()
    {
        // 15.58 元/m³ (2010) × construction-price index 1.25 = 19.475 元/m³ (2024).
        var adjusted = Make.Price(ParameterIds.DredgingCost, 15.58m, QuantityUnit.CubicMetre, year: 2010)
            .AdjustToPriceYear(2024, 1.25m, "construction price index", "test fixture");
        Assert.Equal(19.475m, adjusted.Value);
        Assert.Equal(2024, adjusted.PriceYear);
        Assert.Equal(new IndexAdjustment(2010, 2024, 1.25m, 15.58m, "construction price index", "test fixture"), adjusted.Adjustment);
        Assert.Empty(Make.Parameters(adjusted).ValidateFor([ParameterIds.DredgingCost], 2024));
    }

    [Fact]
    public void A_missing_required_parameter_is_refused_by_name()
    {
        var set = new ParameterSet("empty", "360000", []);
        var issue = Assert.Single(set.ValidateFor([ParameterIds.ReservoirCost], 2024));
        Assert.Equal(ValuationCodes.ParameterMissing, issue.Code);
        Assert.Equal(ParameterIds.ReservoirCost, issue.Target);
    }

    [Fact]
    public void A_county_set_derived_from_a_provincial_one_overrides_and_remembers_its_origin()
    {
        var province = Make.Parameters();
        var county = province.Derive("361122-2024.1", "361122", [Make.Coefficient(ParameterIds.SoilBulkDensity, 1.32m, "t/m³")]);
        Assert.Equal(province.Version, county.BasedOn);
        Assert.Equal("361122", county.Region);
        Assert.Equal(1.32m, county.Require(ParameterIds.SoilBulkDensity).Value);
        Assert.Equal(province.Require(ParameterIds.DredgingCost), county.Require(ParameterIds.DredgingCost));
    }

    [Fact]
    public void Diff_between_versions_lists_added_removed_and_changed_parameters_in_id_order()
    {
        var older = Make.Parameters();
        var newer = older.Derive("v3", older.Region,
            [Make.Coefficient(ParameterIds.SoilBulkDensity, 1.3m, "t/m³"), Make.Coefficient("rusle.c.0301", 0.01m)],
            removals: [ParameterIds.LandscapePremium]);

        var diff = ParameterSet.Diff(older, newer);

        Assert.Equal(
            [
                (ParameterIds.LandscapePremium, ParameterChangeKind.Removed),
                ("rusle.c.0301", ParameterChangeKind.Added),
                (ParameterIds.SoilBulkDensity, ParameterChangeKind.Changed),
            ],
            diff.Select(d => (d.Id, d.Kind)));
        Assert.Equal(1.2m, diff[2].Before!.Value);
        Assert.Equal(1.3m, diff[2].After!.Value);
    }

    [Fact]
    public void The_seed_set_passes_its_own_bounds_and_carries_a_source_for_every_value()
    {
        var seed = SeedParameters.Reference();
        Assert.Empty(seed.Validate());
        Assert.All(seed.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
        Assert.Equal(0.24m, seed.Require(ParameterIds.SedimentDepositionRatio).Value);
        Assert.Equal(2010, seed.Require(ParameterIds.DredgingCost).PriceYear);
    }

    [Fact]
    public void Duplicate_parameter_ids_in_one_set_are_a_callers_mistake()
    {
        Assert.Throws<ArgumentException>(() => new ParameterSet("dup", "x",
            [Make.Coefficient(ParameterIds.SoilBulkDensity, 1.2m), Make.Coefficient(ParameterIds.SoilBulkDensity, 1.3m)]));
    }
}
