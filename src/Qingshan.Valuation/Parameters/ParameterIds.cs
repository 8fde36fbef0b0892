namespace Qingshan.Valuation.Parameters;

/// <summary>
/// Stable parameter ids (one place per fact). Fractions are stored as fractions; prices in 元 per the stated unit.
/// </summary>
public static class ParameterIds
{
    /// <summary>Reservoir capacity cost C_we, 元/m³ (3.2; also prices flood storage 3.6).</summary>
    public const string ReservoirCost = "water_conservation.reservoir_cost";

    /// <summary>Cost of storing water kept by SWC measures (保水), 元/m³ (3.2, Jiajiyu 3.75).</summary>
    public const string WaterStorageCost = "water_retention.storage_cost";

    /// <summary>Sediment deposition ratio λ, fraction (3.3, Ouyang 1999: 0.24).</summary>
    public const string SedimentDepositionRatio = "soil_retention.sediment_deposition_ratio";

    /// <summary>Dredging cost c_dredge, 元/m³ (3.3).</summary>
    public const string DredgingCost = "soil_retention.dredging_cost";

    /// <summary>Soil bulk density ρ, t/m³ (3.3), bounded 0.8–1.8.</summary>
    public const string SoilBulkDensity = "soil.bulk_density";

    /// <summary>Soil pure-N content C_N, mass fraction (3.3).</summary>
    public const string SoilNitrogenContent = "soil.nitrogen_content";

    /// <summary>Soil pure-P content C_P, mass fraction (3.3).</summary>
    public const string SoilPhosphorusContent = "soil.phosphorus_content";

    /// <summary>Soil pure-K content, mass fraction (3.3 fertility retention).</summary>
    public const string SoilPotassiumContent = "soil.potassium_content";

    /// <summary>Soil organic-matter content, mass fraction (3.3 fertility retention).</summary>
    public const string SoilOrganicMatterContent = "soil.organic_matter_content";

    /// <summary>Topsoil depth h, m (3.3 avoided land loss).</summary>
    public const string TopsoilDepth = "soil.topsoil_depth";

    /// <summary>Income per hm² of land kept in use B, 元/hm² (3.3 avoided land loss).</summary>
    public const string LandIncomePerHectare = "land.income_per_hectare";

    /// <summary>N treatment cost p_N, 元/t (3.3 non-point pollution).</summary>
    public const string NitrogenTreatmentCost = "treatment_cost.nitrogen";

    /// <summary>P treatment cost p_P, 元/t (3.3 non-point pollution).</summary>
    public const string PhosphorusTreatmentCost = "treatment_cost.phosphorus";

    /// <summary>Pure N fertiliser price, 元/t (3.3 fertility retention).</summary>
    public const string NitrogenFertiliserPrice = "fertiliser_price.nitrogen";

    /// <summary>Pure P fertiliser price, 元/t.</summary>
    public const string PhosphorusFertiliserPrice = "fertiliser_price.phosphorus";

    /// <summary>Pure K fertiliser price, 元/t.</summary>
    public const string PotassiumFertiliserPrice = "fertiliser_price.potassium";

    /// <summary>Organic matter price, 元/t.</summary>
    public const string OrganicMatterPrice = "fertiliser_price.organic_matter";

    /// <summary>Sand bulk density ρ_sand, t/m³ (3.4).</summary>
    public const string SandBulkDensity = "sand.bulk_density";

    /// <summary>Sand-cover depth defining desertified land h, m (3.4).</summary>
    public const string DesertifiedSandDepth = "sand.desertified_depth";

    /// <summary>Sand-control cost, 元/m² (3.4).</summary>
    public const string SandControlCost = "sand.control_cost";

    /// <summary>Flood-control share of reservoir capacity, fraction (3.6, Garzê 0.35).</summary>
    public const string ReservoirFloodStorageShare = "flood.reservoir_storage_share";

    /// <summary>SO₂ treatment cost, 元/t (3.7).</summary>
    public const string SulfurDioxideTreatmentCost = "treatment_cost.sulfur_dioxide";

    /// <summary>NOx treatment cost, 元/t (3.7).</summary>
    public const string NitrogenOxidesTreatmentCost = "treatment_cost.nitrogen_oxides";

    /// <summary>Dust (particulate) treatment cost, 元/t (3.7).</summary>
    public const string DustTreatmentCost = "treatment_cost.dust";

    /// <summary>COD treatment cost, 元/t (3.8).</summary>
    public const string CodTreatmentCost = "treatment_cost.cod";

    /// <summary>NH₃-N treatment cost, 元/t (3.8).</summary>
    public const string AmmoniaNitrogenTreatmentCost = "treatment_cost.ammonia_nitrogen";

    /// <summary>Total-phosphorus treatment cost, 元/t (3.8).</summary>
    public const string TotalPhosphorusTreatmentCost = "treatment_cost.total_phosphorus";

    /// <summary>Carbon price, 元 per t CO₂ or per t C (<see cref="Parameter.PerUnit"/> says which) (3.9).</summary>
    public const string CarbonPrice = "carbon.price";

    /// <summary>t CO₂ fixed per t NPP dry matter (3.9, 1.63).</summary>
    public const string CarbonDioxidePerDryMatter = "carbon.co2_per_dry_matter";

    /// <summary>O₂ price, 元/t (3.10).</summary>
    public const string OxygenPrice = "oxygen.price";

    /// <summary>t O₂ released per t NPP dry matter (3.10, 1.19).</summary>
    public const string OxygenPerDryMatter = "oxygen.o2_per_dry_matter";

    /// <summary>Electricity price P_e, 元/kWh (3.11).</summary>
    public const string ElectricityPrice = "electricity.price";

    /// <summary>Travel cost per visit TC, 元/visit (3.12, TravelCost basis).</summary>
    public const string TravelCostPerVisit = "tourism.travel_cost_per_visit";

    /// <summary>Tourism revenue per visit, 元/visit (3.12, Revenue basis).</summary>
    public const string RevenuePerVisit = "tourism.revenue_per_visit";

    /// <summary>Annualised property price premium ΔP, 元/m² (3.13).</summary>
    public const string LandscapePremium = "landscape.premium_per_square_metre";

    /// <summary>Prefix of product prices for material supply: <c>material.price.{productId}</c>, 元 per the product's unit (3.1).</summary>
    public const string MaterialPricePrefix = "material.price.";

    /// <summary>Prefix of RUSLE cover-management factors by land-use code: <c>rusle.c.{code}</c>, in [0, 1].</summary>
    public const string CoverManagementPrefix = "rusle.c.";

    /// <summary>Prefix of RUSLE support-practice factors by land-use code or measure: <c>rusle.p.{code}</c>, in [0, 1].</summary>
    public const string SupportPracticePrefix = "rusle.p.";

    /// <summary>The price parameter id of a material product.</summary>
    /// <param name="productId">Product id, e.g. <c>pomelo</c>.</param>
    /// <returns><c>material.price.{productId}</c>.</returns>
    public static string MaterialPrice(string productId) => MaterialPricePrefix + productId;
}
