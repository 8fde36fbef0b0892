namespace Qingshan.Valuation.Engine;

/// <summary>The three value categories of GEP (ACCOUNTING-METHOD.md section 1) [S].</summary>
public enum ValueCategory
{
    /// <summary>物质供给: material supply.</summary>
    MaterialSupply,

    /// <summary>调节服务: regulating services.</summary>
    Regulating,

    /// <summary>文化服务: cultural services.</summary>
    Cultural,
}

/// <summary>An indicator id of the catalogue (ACCOUNTING-METHOD.md section 2), e.g. <c>R2</c>.</summary>
/// <param name="Code">The code: M1–M7, R1–R9, C1–C2, X1–X6.</param>
public readonly record struct IndicatorId(string Code)
{
    /// <summary>M1 agricultural products 农业产品.</summary>
    public static IndicatorId AgriculturalProducts { get; } = new("M1");

    /// <summary>M2 forestry products 林业产品.</summary>
    public static IndicatorId ForestryProducts { get; } = new("M2");

    /// <summary>M3 livestock products 畜牧业产品.</summary>
    public static IndicatorId LivestockProducts { get; } = new("M3");

    /// <summary>M4 fishery products 渔业产品.</summary>
    public static IndicatorId FisheryProducts { get; } = new("M4");

    /// <summary>M5 ecological energy 生态能源.</summary>
    public static IndicatorId EcologicalEnergy { get; } = new("M5");

    /// <summary>M6 other material products 其他.</summary>
    public static IndicatorId OtherProducts { get; } = new("M6");

    /// <summary>M7 water supply 水资源.</summary>
    public static IndicatorId WaterSupply { get; } = new("M7");

    /// <summary>R1 water conservation 水源涵养 (or SWC water retention 保水, by method option).</summary>
    public static IndicatorId WaterConservation { get; } = new("R1");

    /// <summary>R2 soil retention 土壤保持 (sediment + N/P non-point pollution).</summary>
    public static IndicatorId SoilRetention { get; } = new("R2");

    /// <summary>R3 sand fixation 防风固沙.</summary>
    public static IndicatorId SandFixation { get; } = new("R3");

    /// <summary>R4 coastal protection 海岸带防护 (catalogued, not implemented in v1).</summary>
    public static IndicatorId CoastalProtection { get; } = new("R4");

    /// <summary>R5 flood regulation 洪水调蓄.</summary>
    public static IndicatorId FloodRegulation { get; } = new("R5");

    /// <summary>R6 air purification 空气净化.</summary>
    public static IndicatorId AirPurification { get; } = new("R6");

    /// <summary>R7 water purification 水质净化.</summary>
    public static IndicatorId WaterPurification { get; } = new("R7");

    /// <summary>R8 carbon sequestration 固碳.</summary>
    public static IndicatorId CarbonSequestration { get; } = new("R8");

    /// <summary>R9 climate regulation 气候调节.</summary>
    public static IndicatorId ClimateRegulation { get; } = new("R9");

    /// <summary>C1 leisure tourism 休闲旅游 (旅游康养).</summary>
    public static IndicatorId LeisureTourism { get; } = new("C1");

    /// <summary>C2 landscape value 景观价值.</summary>
    public static IndicatorId LandscapeValue { get; } = new("C2");

    /// <summary>X1 oxygen release 释氧 (non-national).</summary>
    public static IndicatorId OxygenRelease { get; } = new("X1");

    /// <summary>X3 soil fertility retention 保持土壤肥力 (non-national).</summary>
    public static IndicatorId SoilFertilityRetention { get; } = new("X3");

    /// <summary>X6 avoided land loss 减少土地废弃 (non-national).</summary>
    public static IndicatorId AvoidedLandLoss { get; } = new("X6");

    /// <inheritdoc />
    public override string ToString() => Code ?? "";
}

/// <summary>A catalogue entry: what an indicator is and how firmly it belongs to the national list.</summary>
/// <param name="Id">Indicator id.</param>
/// <param name="Category">Value category.</param>
/// <param name="NameZh">Chinese name as in the method document.</param>
/// <param name="NameEn">English glossary name.</param>
/// <param name="ValuationMethod">Valuation method (Chinese name used in the parameter registry, section 1).</param>
/// <param name="InNationalGep">False for SWC-practice items believed absent from the 2022 national list (X1–X6); they are excluded from national totals.</param>
/// <param name="Status">Evidence label of the indicator's place in the list (section 2 "status").</param>
public sealed record IndicatorDefinition(
    IndicatorId Id,
    ValueCategory Category,
    string NameZh,
    string NameEn,
    string ValuationMethod,
    bool InNationalGep,
    EvidenceLabel Status);

/// <summary>The indicator catalogue of ACCOUNTING-METHOD.md section 2, as data.</summary>
public static class IndicatorCatalog
{
    private static readonly IndicatorDefinition[] Definitions =
    [
        new(IndicatorId.AgriculturalProducts, ValueCategory.MaterialSupply, "农业产品", "agricultural products", "市场价值法", true, EvidenceLabel.Knowledge),
        new(IndicatorId.ForestryProducts, ValueCategory.MaterialSupply, "林业产品", "forestry products", "市场价值法", true, EvidenceLabel.Knowledge),
        new(IndicatorId.LivestockProducts, ValueCategory.MaterialSupply, "畜牧业产品", "livestock products", "市场价值法", true, EvidenceLabel.Knowledge),
        new(IndicatorId.FisheryProducts, ValueCategory.MaterialSupply, "渔业产品", "fishery products", "市场价值法", true, EvidenceLabel.Knowledge),
        new(IndicatorId.EcologicalEnergy, ValueCategory.MaterialSupply, "生态能源", "ecological energy", "市场价值法", true, EvidenceLabel.Knowledge),
        new(IndicatorId.OtherProducts, ValueCategory.MaterialSupply, "其他", "other products", "市场价值法", true, EvidenceLabel.Knowledge),
        new(IndicatorId.WaterSupply, ValueCategory.MaterialSupply, "水资源", "water supply", "市场价值法", true, EvidenceLabel.Knowledge),
        new(IndicatorId.WaterConservation, ValueCategory.Regulating, "水源涵养", "water conservation", "影子工程法", true, EvidenceLabel.Sourced),
        new(IndicatorId.SoilRetention, ValueCategory.Regulating, "土壤保持", "soil retention", "替代成本法", true, EvidenceLabel.Sourced),
        new(IndicatorId.SandFixation, ValueCategory.Regulating, "防风固沙", "sand fixation", "恢复成本法", true, EvidenceLabel.Sourced),
        new(IndicatorId.CoastalProtection, ValueCategory.Regulating, "海岸带防护", "coastal protection", "替代成本法", true, EvidenceLabel.Knowledge),
        new(IndicatorId.FloodRegulation, ValueCategory.Regulating, "洪水调蓄", "flood regulation", "影子工程法", true, EvidenceLabel.Sourced),
        new(IndicatorId.AirPurification, ValueCategory.Regulating, "空气净化", "air purification", "替代成本法", true, EvidenceLabel.Sourced),
        new(IndicatorId.WaterPurification, ValueCategory.Regulating, "水质净化", "water purification", "替代成本法", true, EvidenceLabel.Sourced),
        new(IndicatorId.CarbonSequestration, ValueCategory.Regulating, "固碳", "carbon sequestration", "市场价值法", true, EvidenceLabel.Sourced),
        new(IndicatorId.ClimateRegulation, ValueCategory.Regulating, "气候调节", "climate regulation", "替代成本法", true, EvidenceLabel.Sourced),
        new(IndicatorId.LeisureTourism, ValueCategory.Cultural, "休闲旅游", "leisure tourism", "旅行费用法", true, EvidenceLabel.Sourced),
        new(IndicatorId.LandscapeValue, ValueCategory.Cultural, "景观价值", "landscape value", "享乐价值法", true, EvidenceLabel.Knowledge),
        new(IndicatorId.OxygenRelease, ValueCategory.Regulating, "释氧", "oxygen release", "工业制氧法", false, EvidenceLabel.Sourced),
        new(IndicatorId.SoilFertilityRetention, ValueCategory.Regulating, "保持土壤肥力", "soil fertility retention", "替代成本法", false, EvidenceLabel.Sourced),
        new(IndicatorId.AvoidedLandLoss, ValueCategory.Regulating, "减少土地废弃", "avoided land loss", "市场价值法", false, EvidenceLabel.Sourced),
    ];

    private static readonly Dictionary<IndicatorId, IndicatorDefinition> ById = Definitions.ToDictionary(d => d.Id);

    /// <summary>Every catalogued indicator, in catalogue order (M, R, C, then X items).</summary>
    public static IReadOnlyList<IndicatorDefinition> All => Definitions;

    /// <summary>The definition of an indicator.</summary>
    /// <param name="id">Indicator id.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="KeyNotFoundException">The id is not catalogued.</exception>
    public static IndicatorDefinition Get(IndicatorId id) =>
        ById.TryGetValue(id, out var d) ? d : throw new KeyNotFoundException($"indicator {id} is not in the catalogue");
}
