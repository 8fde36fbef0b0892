using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Material supply 物质供给 (M1–M7), ACCOUNTING-METHOD.md 3.1, market value [S]: V_M = Σ_k Q_k × P_k with P_k the
/// farm-gate, market or tariff price of the accounting year (Garzê: water 2.6 / 3.6 / 0.07 元/m³ domestic /
/// industrial / agricultural; hydropower 0.53 元/kWh). The basis (gross, value added, net) is fixed per method version
/// and never mixed within a run.
/// </summary>
public static class MaterialSupply
{
    /// <summary>V_M = Σ_k Q_k × P_k, 元/a. Each price must be quoted per the unit its quantity is counted in.</summary>
    /// <param name="products">(quantity, unit price) pairs.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">A quantity is negative.</exception>
    public static ValueYuan Value(IEnumerable<(decimal Quantity, UnitPrice Price)> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        var total = 0m;
        foreach (var (quantity, price) in products)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(quantity, nameof(products));
            total += price.Times(quantity).Yuan;
        }

        return new ValueYuan(total);
    }
}

/// <summary>Engine calculator for one material indicator: each product of the plot filed under it × its price.</summary>
internal sealed class MaterialSupplyCalculator(IndicatorId indicator) : IIndicatorCalculator
{
    public IndicatorId Indicator => indicator;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots) =>
        plots.SelectMany(p => p.Products).Where(p => p.Indicator == indicator).Select(p => ParameterIds.MaterialPrice(p.ProductId));

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options)
    {
        List<ValueLine>? lines = null;
        var quantity = 0m;
        QuantityUnit? unit = null;
        var mixed = false;
        foreach (var product in plot.Products)
        {
            if (product.Indicator != indicator)
            {
                continue;
            }

            (lines ??= []).Add(ValueLine.Of(product.ProductId, product.Quantity, parameters.Require(ParameterIds.MaterialPrice(product.ProductId))));
            mixed |= unit is { } u && u != product.Unit;
            unit = product.Unit;
            quantity += product.Quantity;
        }

        return lines is null
            ? null
            : new PlotIndicatorValue(plot.PlotId, plot.LandUseCode, IndicatorCatalog.Get(indicator), mixed ? null : quantity, mixed ? null : unit, lines);
    }
}
