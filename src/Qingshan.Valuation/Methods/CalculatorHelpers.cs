using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>Shared shape of indicators valued as one quantity × one price.</summary>
internal static class CalculatorHelpers
{
    // The price is looked up only when the plot has the input: a run that never uses an indicator needs none of its parameters.
    public static PlotIndicatorValue? SingleLine(PlotInput plot, IndicatorId indicator, InputKind kind, QuantityUnit unit, ParameterSet parameters, string priceId, string component)
    {
        if (!plot.Has(kind))
        {
            return null;
        }

        var quantity = plot.QuantityOf(kind);
        return new PlotIndicatorValue(plot.PlotId, plot.LandUseCode, IndicatorCatalog.Get(indicator), quantity, unit, [ValueLine.Of(component, quantity, parameters.Require(priceId))]);
    }

    /// <summary>Several pollutants or components, each its own input kind and price; null when none is present.</summary>
    public static PlotIndicatorValue? PerComponent(PlotInput plot, IndicatorId indicator, ParameterSet parameters, (InputKind Kind, string PriceId, string Component)[] components)
    {
        List<ValueLine>? lines = null;
        var total = 0m;
        foreach (var (kind, priceId, component) in components)
        {
            if (!plot.Has(kind))
            {
                continue;
            }

            var quantity = plot.QuantityOf(kind);
            (lines ??= new List<ValueLine>(components.Length)).Add(ValueLine.Of(component, quantity, parameters.Require(priceId)));
            total += quantity;
        }

        return lines is null ? null : new PlotIndicatorValue(plot.PlotId, plot.LandUseCode, IndicatorCatalog.Get(indicator), total, QuantityUnit.Tonne, lines);
    }
}
