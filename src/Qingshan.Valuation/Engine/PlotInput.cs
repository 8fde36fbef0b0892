using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Engine;

/// <summary>
/// Kinds of per-plot functional quantity the engine accepts. Raster models (RUSLE, water balance, NPP) run outside
/// the engine and deliver zonal sums per plot (ACCOUNTING-METHOD.md section 7); plot tables can supply them too.
/// The unit is in the name; every value is per year of the accounting period and never negative.
/// </summary>
public enum InputKind
{
    /// <summary>Soil retained A_c × area, t/a (3.3; potential − actual, or before − after in PreTreatment mode).</summary>
    SoilRetainedTonnes,

    /// <summary>Avoided sediment export (InVEST AEX), t/a (5.1), used with <see cref="SedimentModel.InvestSdr"/>.</summary>
    SedimentAvoidedExportTonnes,

    /// <summary>Water conserved by water balance, m³/a (3.2).</summary>
    WaterConservedCubicMetres,

    /// <summary>Water kept by SWC measures (保水), m³/a (3.2).</summary>
    WaterRetainedByMeasuresCubicMetres,

    /// <summary>Flood-regulation storage, m³ (3.6; e.g. check-dam design storage × flood-use fraction).</summary>
    FloodStorageCubicMetres,

    /// <summary>Sand fixed (RWEQ potential − actual), t/a (3.4).</summary>
    SandFixedTonnes,

    /// <summary>SO₂ purified, t/a (3.7).</summary>
    SulfurDioxidePurifiedTonnes,

    /// <summary>NOx purified, t/a (3.7).</summary>
    NitrogenOxidesPurifiedTonnes,

    /// <summary>Dust purified, t/a (3.7).</summary>
    DustPurifiedTonnes,

    /// <summary>COD purified, t/a (3.8).</summary>
    CodPurifiedTonnes,

    /// <summary>NH₃-N purified, t/a (3.8).</summary>
    AmmoniaNitrogenPurifiedTonnes,

    /// <summary>Total phosphorus purified, t/a (3.8).</summary>
    TotalPhosphorusPurifiedTonnes,

    /// <summary>Net primary production as dry matter, t/a (3.9, 3.10); converted with 1.63 and 1.19 when CO₂/O₂ are not given.</summary>
    NppDryMatterTonnes,

    /// <summary>CO₂ fixed, t CO₂/a (3.9), when computed directly (NEP or rates).</summary>
    CarbonDioxideFixedTonnes,

    /// <summary>O₂ released, t/a (3.10), when computed directly.</summary>
    OxygenReleasedTonnes,

    /// <summary>Electricity equivalent of plant-transpiration cooling E_pt, kWh/a (3.11).</summary>
    TranspirationCoolingKilowattHours,

    /// <summary>Electricity equivalent of water-surface evaporation E_we, kWh/a (3.11).</summary>
    EvaporationKilowattHours,

    /// <summary>Visits allocated to the plot, visits/a (3.12, 6.5).</summary>
    Visits,

    /// <summary>Floor or land area of property benefiting from the landscape, m² (3.13).</summary>
    LandscapeBenefitingSquareMetres,
}

/// <summary>One product in a plot's ledger or allocated statistics (3.1).</summary>
/// <param name="Indicator">Material indicator it belongs to (M1–M7).</param>
/// <param name="ProductId">Product id; its price is parameter <c>material.price.{ProductId}</c>.</param>
/// <param name="Quantity">Annual output in <paramref name="Unit"/>, not negative.</param>
/// <param name="Unit">The unit of output; must match the price's unit.</param>
public sealed record ProductOutput(IndicatorId Indicator, string ProductId, decimal Quantity, QuantityUnit Unit);

/// <summary>
/// A plot (地块) as the engine sees it: id, area, GB/T 21010 land-use code and its functional quantities.
/// </summary>
public sealed record PlotInput
{
    /// <summary>Creates a plot input.</summary>
    /// <param name="plotId">Stable plot id, unique within a run.</param>
    /// <param name="area">Plot area.</param>
    /// <param name="landUseCode">GB/T 21010 code, two or four digits (e.g. <c>0201</c> 果园).</param>
    public PlotInput(string plotId, Area area, string landUseCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(plotId);
        PlotId = plotId;
        Area = area;
        LandUseCode = landUseCode ?? "";
    }

    /// <summary>The plot id.</summary>
    public string PlotId { get; }

    /// <summary>The plot area.</summary>
    public Area Area { get; }

    /// <summary>GB/T 21010 land-use code.</summary>
    public string LandUseCode { get; }

    /// <summary>Functional quantities by kind (units in the kind's name).</summary>
    public IReadOnlyDictionary<InputKind, decimal> Quantities { get; init; } = new Dictionary<InputKind, decimal>();

    /// <summary>Material products of the plot.</summary>
    public IReadOnlyList<ProductOutput> Products { get; init; } = [];

    /// <summary>The quantity of a kind, or 0 when absent.</summary>
    /// <param name="kind">Kind.</param>
    /// <returns>The quantity.</returns>
    public decimal QuantityOf(InputKind kind) => Quantities.TryGetValue(kind, out var q) ? q : 0m;

    /// <summary>Whether a kind is present (even as 0).</summary>
    /// <param name="kind">Kind.</param>
    /// <returns>Whether present.</returns>
    public bool Has(InputKind kind) => Quantities.ContainsKey(kind);
}

/// <summary>
/// A watershed control total for the plot-sum check (ACCOUNTING-METHOD.md 6.5 and 9): Σ plots + unassigned must equal
/// the raster total exactly.
/// </summary>
/// <param name="Kind">Input kind.</param>
/// <param name="WatershedTotal">Raster total over the watershed.</param>
/// <param name="Unassigned">The part over area not in any plot.</param>
public sealed record ControlTotal(InputKind Kind, decimal WatershedTotal, decimal Unassigned);
