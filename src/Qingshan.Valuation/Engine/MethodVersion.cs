namespace Qingshan.Valuation.Engine;

/// <summary>Basis of material-supply values (ACCOUNTING-METHOD.md 3.1) [D]. Never mixed within one run.</summary>
public enum MaterialBasis
{
    /// <summary>Gross output value 总产值, the usual GEP basis [K]: product prices are farm-gate/market prices.</summary>
    Gross,

    /// <summary>Value added: product prices are value added per unit.</summary>
    ValueAdded,

    /// <summary>Net output value 净产值 (Garzê 2017 [S]): product prices are net of intermediate costs.</summary>
    Net,
}

/// <summary>What "the product" is (ACCOUNTING-METHOD.md 6.4) [D]. Recorded with each run and stated in appraisals.</summary>
public enum Baseline
{
    /// <summary>GEP style: ecosystem total, e.g. potential minus actual erosion.</summary>
    Potential,

    /// <summary>SWC benefit style (GB/T 15774-2008 [K]): increment caused by the measures, before minus after.</summary>
    PreTreatment,
}

/// <summary>Price basis of the sediment part of soil retention (3.3).</summary>
public enum SedimentPriceBasis
{
    /// <summary>Reservoir dredging cost c_dredge (Garzê 15.58 元/m³).</summary>
    Dredging,

    /// <summary>Reservoir construction cost C_we (Huanghua 7.53 元/m³).</summary>
    ReservoirConstruction,
}

/// <summary>Sediment quantity model (5.1) [D].</summary>
public enum SedimentModel
{
    /// <summary>Chinese method: λ × retained soil, λ = 0.24.</summary>
    FixedLambda,

    /// <summary>InVEST SDR: the raster job delivers avoided sediment export per plot (t), used instead of λ × Q_sr.</summary>
    InvestSdr,
}

/// <summary>How R1 is quantified (3.2). The two models are mutually exclusive for the same area (6.6 rule 1).</summary>
public enum WaterConservationModel
{
    /// <summary>Water balance Q = (P − R − ET) × A, priced at reservoir cost.</summary>
    WaterBalance,

    /// <summary>SWC water kept by measures (保水) W = p × H × A, priced at storage cost.</summary>
    MeasureRetention,
}

/// <summary>Tourism value basis (3.12).</summary>
public enum TourismBasis
{
    /// <summary>Travel cost per visit.</summary>
    TravelCost,

    /// <summary>Revenue per visit (Gaotianyan variant).</summary>
    Revenue,
}

/// <summary>Options a method version fixes for every run made with it.</summary>
public sealed record MethodOptions
{
    /// <summary>Material-supply basis; default gross.</summary>
    public MaterialBasis MaterialBasis { get; init; } = MaterialBasis.Gross;

    /// <summary>Baseline mode; default potential (GEP).</summary>
    public Baseline Baseline { get; init; } = Baseline.Potential;

    /// <summary>Sediment price basis; default dredging.</summary>
    public SedimentPriceBasis SedimentPriceBasis { get; init; } = SedimentPriceBasis.Dredging;

    /// <summary>Sediment quantity model; default fixed λ.</summary>
    public SedimentModel SedimentModel { get; init; } = SedimentModel.FixedLambda;

    /// <summary>Water conservation model; default water balance.</summary>
    public WaterConservationModel WaterConservationModel { get; init; } = WaterConservationModel.WaterBalance;

    /// <summary>Tourism basis; default travel cost.</summary>
    public TourismBasis TourismBasis { get; init; } = TourismBasis.TravelCost;

    /// <summary>
    /// Whether soil retention values the retained N and P as non-point-pollution reduction (V_dpd). Turn it off when
    /// fertility retention (X3) is used instead (6.6 rule 4). Default true (national mode).
    /// </summary>
    public bool IncludeNonPointPollution { get; init; } = true;
}

/// <summary>
/// A method version (ACCOUNTING-METHOD.md section 2 design rule): a record listing its indicators and options.
/// Every run stores its id.
/// </summary>
/// <param name="Id">Version id, e.g. <c>GEP-2022-trial</c>.</param>
/// <param name="Title">Title for reports.</param>
/// <param name="Indicators">The indicators computed, in report order.</param>
/// <param name="Options">Options fixed by the version.</param>
public sealed record MethodVersion(string Id, string Title, IReadOnlyList<IndicatorId> Indicators, MethodOptions Options);

/// <summary>The method versions that ship (ACCOUNTING-METHOD.md sections 2 and 6.3).</summary>
public static class MethodVersions
{
    private static readonly IndicatorId[] NationalIndicators =
    [
        IndicatorId.AgriculturalProducts, IndicatorId.ForestryProducts, IndicatorId.LivestockProducts,
        IndicatorId.FisheryProducts, IndicatorId.EcologicalEnergy, IndicatorId.OtherProducts, IndicatorId.WaterSupply,
        IndicatorId.WaterConservation, IndicatorId.SoilRetention, IndicatorId.SandFixation, IndicatorId.FloodRegulation,
        IndicatorId.AirPurification, IndicatorId.WaterPurification, IndicatorId.CarbonSequestration,
        IndicatorId.ClimateRegulation, IndicatorId.LeisureTourism, IndicatorId.LandscapeValue,
    ];

    /// <summary>
    /// <c>GEP-2022-trial</c>: the national 《生态产品总值核算规范（试行）》 (发改基础〔2022〕481号) indicator system as rebuilt
    /// in section 2 (the official text was not available: list membership of M7 and C2 is [K]). R4 coastal protection is
    /// catalogued but left out (not relevant inland, not implemented in v1). No X items; national mode counts carbon, not oxygen.
    /// </summary>
    public static MethodVersion Gep2022Trial { get; } = new(
        "GEP-2022-trial",
        "生态产品总值核算规范（试行）2022 — national GEP indicators",
        NationalIndicators,
        new MethodOptions());

    /// <summary>
    /// <c>SWC-practice-2024</c> (section 6.3) [D]: material M1–M4 and M7, regulating R1, R2, R5–R9 and X1 oxygen
    /// release, cultural C1. Soil retention includes the N/P non-point-pollution part; X3 is off (see
    /// <see cref="SwcPractice2024WithFertility"/>).
    /// </summary>
    public static MethodVersion SwcPractice2024 { get; } = new(
        "SWC-practice-2024",
        "水土保持生态产品价值核算（实践）2024",
        [
            IndicatorId.AgriculturalProducts, IndicatorId.ForestryProducts, IndicatorId.LivestockProducts,
            IndicatorId.FisheryProducts, IndicatorId.WaterSupply,
            IndicatorId.WaterConservation, IndicatorId.SoilRetention, IndicatorId.FloodRegulation,
            IndicatorId.AirPurification, IndicatorId.WaterPurification, IndicatorId.CarbonSequestration,
            IndicatorId.ClimateRegulation, IndicatorId.OxygenRelease, IndicatorId.LeisureTourism,
        ],
        new MethodOptions());

    /// <summary>
    /// <c>SWC-practice-2024+X3</c>: as <see cref="SwcPractice2024"/> with fertility retention (X3) and avoided land
    /// loss (X6); soil retention then values sediment only, so retained N and P are counted once (6.6 rule 4).
    /// </summary>
    public static MethodVersion SwcPractice2024WithFertility { get; } = SwcPractice2024 with
    {
        Id = "SWC-practice-2024+X3",
        Indicators = [.. SwcPractice2024.Indicators, IndicatorId.SoilFertilityRetention, IndicatorId.AvoidedLandLoss],
        Options = new MethodOptions { IncludeNonPointPollution = false },
    };

    /// <summary>All shipped versions.</summary>
    public static IReadOnlyList<MethodVersion> All { get; } = [Gep2022Trial, SwcPractice2024, SwcPractice2024WithFertility];
}
