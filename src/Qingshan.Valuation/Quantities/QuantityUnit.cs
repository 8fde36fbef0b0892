namespace Qingshan.Valuation.Quantities;

/// <summary>
/// The unit a functional quantity is counted in and a unit price is quoted per. Carbon has two units on purpose:
/// published carbon prices are quoted per t C or per t CO₂ (the unit trap of ACCOUNTING-METHOD.md 3.9).
/// </summary>
public enum QuantityUnit
{
    /// <summary>Tonne (t) of a named substance or product.</summary>
    Tonne,

    /// <summary>Tonne of elemental carbon (t C); 1 t C = 44/12 t CO₂.</summary>
    TonneCarbon,

    /// <summary>Tonne of carbon dioxide (t CO₂).</summary>
    TonneCarbonDioxide,

    /// <summary>Cubic metre (m³).</summary>
    CubicMetre,

    /// <summary>Kilowatt-hour (kWh).</summary>
    KilowattHour,

    /// <summary>Hectare (hm²).</summary>
    Hectare,

    /// <summary>Square metre (m²).</summary>
    SquareMetre,

    /// <summary>One visit (人次) for tourism.</summary>
    Visit,

    /// <summary>Head of livestock.</summary>
    Head,

    /// <summary>A countable item (seedlings, ornamental plants).</summary>
    Item,
}

/// <summary>Unit symbols for reports.</summary>
public static class QuantityUnits
{
    /// <summary>Carbon dioxide per carbon by molar mass, 44/12 (ACCOUNTING-METHOD.md 0.3) [K].</summary>
    public const decimal CarbonDioxidePerCarbon = 44m / 12m;

    /// <summary>Oxygen per carbon dioxide by photosynthesis stoichiometry, 32/44 (ACCOUNTING-METHOD.md 0.3) [K].</summary>
    public const decimal OxygenPerCarbonDioxide = 32m / 44m;

    /// <summary>The symbol printed after a quantity.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>E.g. "t CO₂", "m³".</returns>
    public static string Symbol(this QuantityUnit unit) => unit switch
    {
        QuantityUnit.Tonne => "t",
        QuantityUnit.TonneCarbon => "t C",
        QuantityUnit.TonneCarbonDioxide => "t CO₂",
        QuantityUnit.CubicMetre => "m³",
        QuantityUnit.KilowattHour => "kWh",
        QuantityUnit.Hectare => "hm²",
        QuantityUnit.SquareMetre => "m²",
        QuantityUnit.Visit => "人次",
        QuantityUnit.Head => "头",
        QuantityUnit.Item => "个",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown unit"),
    };
}
