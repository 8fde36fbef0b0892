using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Parameters;

/// <summary>
/// One value of a parameter set (ACCOUNTING-METHOD.md section 4 schema): the value with its unit, its price year
/// when it is a price, its source citation and evidence label. Immutable; change it by deriving a new set.
/// </summary>
/// <param name="Id">Stable id from <see cref="ParameterIds"/>, e.g. <c>soil.bulk_density</c>.</param>
/// <param name="Value">The value in <see cref="Unit"/>, full precision. Fractions are stored as fractions (0.0037, not 0.37 %).</param>
/// <param name="Unit">Display unit, e.g. <c>元/m³</c>, <c>t/m³</c>, <c>fraction</c>.</param>
/// <param name="Source">Citation: paper, standard and clause, or local survey.</param>
/// <param name="Evidence">Evidence label of the source.</param>
public sealed record Parameter(string Id, decimal Value, string Unit, string Source, EvidenceLabel Evidence)
{
    /// <summary>For a price: the unit priced (元 per this unit). Null for a physical coefficient.</summary>
    public QuantityUnit? PerUnit { get; init; }

    /// <summary>For a price: the year whose prices <see cref="Value"/> is in. Required when <see cref="PerUnit"/> is set.</summary>
    public int? PriceYear { get; init; }

    /// <summary>Region the value applies to (administrative division code or name); null for national defaults.</summary>
    public string? Region { get; init; }

    /// <summary>The price-index adjustment that brought this price to <see cref="PriceYear"/>, when one was applied.</summary>
    public IndexAdjustment? Adjustment { get; init; }

    /// <summary>Whether this parameter is a price (has a priced unit).</summary>
    public bool IsPrice => PerUnit is not null;

    /// <summary>Creates a price parameter.</summary>
    /// <param name="id">Parameter id.</param>
    /// <param name="yuanPerUnit">元 per <paramref name="perUnit"/>.</param>
    /// <param name="perUnit">The unit priced.</param>
    /// <param name="priceYear">Price year.</param>
    /// <param name="source">Citation.</param>
    /// <param name="evidence">Evidence label.</param>
    /// <returns>The parameter.</returns>
    public static Parameter Price(string id, decimal yuanPerUnit, QuantityUnit perUnit, int priceYear, string source, EvidenceLabel evidence) =>
        new(id, yuanPerUnit, "元/" + perUnit.Symbol(), source, evidence) { PerUnit = perUnit, PriceYear = priceYear };

    /// <summary>This price as a <see cref="UnitPrice"/>.</summary>
    /// <returns>The unit price.</returns>
    /// <exception cref="InvalidOperationException">This parameter is not a price or has no price year (validation refuses such a set first).</exception>
    public UnitPrice AsUnitPrice() => PerUnit is { } unit && PriceYear is { } year
        ? new UnitPrice(Value, unit, year)
        : throw new InvalidOperationException($"parameter {Id} is not a price with a price year");

    /// <summary>
    /// Brings a price to another price year by a price index (CPI or construction-price index) and records the
    /// adjustment, which lets the engine accept it for that accounting year (ACCOUNTING-METHOD.md section 4).
    /// </summary>
    /// <param name="toYear">Target price year.</param>
    /// <param name="indexFactor">Index of <paramref name="toYear"/> over the current price year, e.g. 1.0665; must be positive.</param>
    /// <param name="indexName">Which index, e.g. "CPI 江西".</param>
    /// <param name="indexSource">Where the index value comes from.</param>
    /// <returns>The adjusted parameter: value × factor, new price year, adjustment recorded.</returns>
    /// <exception cref="InvalidOperationException">This parameter is not a price with a price year.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The factor is not positive.</exception>
    public Parameter AdjustToPriceYear(int toYear, decimal indexFactor, string indexName, string indexSource)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(indexFactor);
        if (PriceYear is not { } fromYear || PerUnit is null)
        {
            throw new InvalidOperationException($"parameter {Id} is not a price with a price year");
        }

        return this with
        {
            Value = Value * indexFactor,
            PriceYear = toYear,
            Adjustment = new IndexAdjustment(fromYear, toYear, indexFactor, Value, indexName, indexSource),
        };
    }
}

/// <summary>A recorded price-index adjustment of a price parameter.</summary>
/// <param name="FromYear">Original price year.</param>
/// <param name="ToYear">New price year.</param>
/// <param name="Factor">Index ratio applied (new value = original × factor).</param>
/// <param name="OriginalValue">The value before adjustment.</param>
/// <param name="IndexName">Which index.</param>
/// <param name="IndexSource">Source of the index values.</param>
public sealed record IndexAdjustment(int FromYear, int ToYear, decimal Factor, decimal OriginalValue, string IndexName, string IndexSource);
