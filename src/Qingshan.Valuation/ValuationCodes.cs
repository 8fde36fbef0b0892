namespace Qingshan.Valuation;

/// <summary>
/// Every refusal and warning code of the valuation library, one line each (house style 3.6). The web host maps
/// each code to exactly one zh-CN message.
/// </summary>
public static class ValuationCodes
{
    /// <summary>A parameter lies outside its physical or documented bounds; args: value, minimum, maximum.</summary>
    public const string ParameterOutOfRange = "accounting.parameter.out_of_range";

    /// <summary>A parameter the method version needs is absent from the parameter set.</summary>
    public const string ParameterMissing = "accounting.parameter.missing";

    /// <summary>A price parameter has no price year.</summary>
    public const string ParameterPriceYearMissing = "accounting.parameter.price_year_missing";

    /// <summary>A price parameter's year differs from the accounting year and no index adjustment brought it there (method doc section 4); args: price year, accounting year.</summary>
    public const string ParameterPriceYearMismatch = "accounting.parameter.price_year_mismatch";

    /// <summary>A parameter has no source citation.</summary>
    public const string ParameterSourceMissing = "accounting.parameter.source_missing";

    /// <summary>A carbon price is quoted per unit other than t C or t CO₂.</summary>
    public const string ParameterUnitInvalid = "accounting.parameter.unit_invalid";

    /// <summary>Two plots share one id.</summary>
    public const string PlotDuplicate = "accounting.plot.duplicate";

    /// <summary>A plot quantity is negative.</summary>
    public const string PlotQuantityNegative = "accounting.plot.quantity_negative";

    /// <summary>A plot lacks an input the method's options need (e.g. avoided sediment export under the InVEST SDR model); args: input kind.</summary>
    public const string PlotInputMissing = "accounting.plot.input_missing";

    /// <summary>A plot's land-use code is not shaped like a GB/T 21010 code (two or four digits).</summary>
    public const string PlotLandUseInvalid = "accounting.plot.land_use_invalid";

    /// <summary>A product's unit differs from the unit its price is quoted per; args: product unit, price unit.</summary>
    public const string PlotProductUnitMismatch = "accounting.plot.product_unit_mismatch";

    /// <summary>A product is filed under an indicator that is not material supply (M1–M7).</summary>
    public const string PlotProductIndicatorInvalid = "accounting.plot.product_indicator_invalid";

    /// <summary>The method version lists an indicator that has no calculator (catalogued only, e.g. R4).</summary>
    public const string IndicatorNotImplemented = "accounting.indicator.not_implemented";

    /// <summary>Section 6.6 rule 1: water-balance conservation and measure-based water retention given for one plot.</summary>
    public const string DoubleCountingWaterModels = "accounting.double_counting.water_conservation_models";

    /// <summary>Section 6.6 rule 2: water conservation and water supply (M7) both valued.</summary>
    public const string DoubleCountingWaterSupply = "accounting.double_counting.water_conservation_and_water_supply";

    /// <summary>Section 6.6 rule 3: N and P kept by soil retention also counted as water purification (NH₃-N, TP).</summary>
    public const string DoubleCountingNutrientsAndWaterPurification = "accounting.double_counting.soil_nutrients_and_water_purification";

    /// <summary>Section 6.6 rule 4: fertility retention (X3) and non-point-pollution reduction valued in one run.</summary>
    public const string DoubleCountingFertilityAndPollution = "accounting.double_counting.fertility_and_non_point_pollution";

    /// <summary>Section 6.6 rule 5: carbon sequestration (R8) and oxygen release (X1) from the same NPP.</summary>
    public const string DoubleCountingCarbonAndOxygen = "accounting.double_counting.carbon_and_oxygen";

    /// <summary>Section 6.6 rule 6: tourism on a revenue basis and agricultural products on the same plot.</summary>
    public const string DoubleCountingTourismRevenueAndProducts = "accounting.double_counting.tourism_revenue_and_products";

    /// <summary>Section 9: a stored value differs from quantity × price recomputed; args: stored, recomputed.</summary>
    public const string CheckRecomputedValueMismatch = "accounting.check.recomputed_value_mismatch";

    /// <summary>Section 9: category sums differ from the total; args: sum of categories, total.</summary>
    public const string CheckCategorySumMismatch = "accounting.check.category_sum_mismatch";

    /// <summary>Section 9 / 6.5: plot sums plus unassigned differ from the watershed total; args: plot sum, unassigned, watershed total.</summary>
    public const string CheckPlotSumMismatch = "accounting.check.plot_sum_mismatch";

    /// <summary>Section 9 / 3.10: released O₂ over fixed CO₂ outside 0.6–0.9; args: ratio.</summary>
    public const string CheckOxygenCarbonRatio = "accounting.check.oxygen_carbon_ratio";

    /// <summary>Section 9: soil retention above 500 t/(hm²·a) on a plot; args: t/hm².</summary>
    public const string CheckSoilRetentionImplausible = "accounting.check.soil_retention_implausible";

    /// <summary>Section 9: avoided land loss of 1 hm² or more per hm² of plot; args: hm² per hm².</summary>
    public const string CheckAvoidedLandLossImplausible = "accounting.check.avoided_land_loss_implausible";

    /// <summary>Section 3.2: water balance was clamped at zero on some pixels (reported by the raster job); args: clamped count.</summary>
    public const string CheckWaterBalanceClamped = "accounting.check.water_balance_clamped";

    /// <summary>Section 8.2 item 5: reserve price below the cost-approach floor with no recorded reason; args: reserve, floor.</summary>
    public const string ReservePriceBelowCostFloor = "appraisal.reserve_price.below_cost_floor";
}
