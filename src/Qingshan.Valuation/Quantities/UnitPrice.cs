using System.Globalization;

namespace Qingshan.Valuation.Quantities;

/// <summary>
/// A unit price in 元 per <see cref="Unit"/>, in the prices of <see cref="PriceYear"/>. Every price carries its year
/// (ACCOUNTING-METHOD.md 0.3 and 7); money is computed as decimal quantity × decimal price, never rounded.
/// </summary>
public readonly record struct UnitPrice
{
    /// <summary>Creates a price.</summary>
    /// <param name="yuanPerUnit">元 per unit; must not be negative.</param>
    /// <param name="unit">The unit priced.</param>
    /// <param name="priceYear">The year whose prices the figure is in (1900–2200).</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative price or implausible year.</exception>
    public UnitPrice(decimal yuanPerUnit, QuantityUnit unit, int priceYear)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(yuanPerUnit);
        ArgumentOutOfRangeException.ThrowIfLessThan(priceYear, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priceYear, 2200);
        YuanPerUnit = yuanPerUnit;
        Unit = unit;
        PriceYear = priceYear;
    }

    /// <summary>元 per <see cref="Unit"/>, full precision.</summary>
    public decimal YuanPerUnit { get; }

    /// <summary>The unit priced.</summary>
    public QuantityUnit Unit { get; }

    /// <summary>The price year.</summary>
    public int PriceYear { get; }

    /// <summary>Value of a quantity counted in <see cref="Unit"/>: decimal quantity × decimal price, unrounded.</summary>
    /// <param name="quantity">The quantity in <see cref="Unit"/>.</param>
    /// <returns>The value in 元.</returns>
    public ValueYuan Times(decimal quantity) => new(quantity * YuanPerUnit);

    /// <summary>
    /// The same price quoted per t CO₂. A price per t C is divided by 44/12 (ACCOUNTING-METHOD.md 3.9, the unit
    /// trap); a price already per t CO₂ is returned unchanged.
    /// </summary>
    /// <returns>The price per t CO₂.</returns>
    /// <exception cref="InvalidOperationException">The price is not a carbon price.</exception>
    public UnitPrice PerTonneCarbonDioxide() => Unit switch
    {
        QuantityUnit.TonneCarbonDioxide => this,
        QuantityUnit.TonneCarbon => new UnitPrice(YuanPerUnit * 12m / 44m, QuantityUnit.TonneCarbonDioxide, PriceYear),
        _ => throw new InvalidOperationException($"a price per {Unit} is not a carbon price"),
    };

    /// <summary>Invariant display.</summary>
    /// <returns>E.g. "15.58 元/m³ (2010)".</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{YuanPerUnit} 元/{Unit.Symbol()} ({PriceYear})");
}
