using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Engine;

/// <summary>
/// One recomputable value line (ACCOUNTING-METHOD.md section 9): quantity, unit, unit price with price year, source,
/// evidence label and value = quantity × price (decimal, unrounded).
/// </summary>
/// <param name="Component">What is valued, e.g. <c>sediment</c>, <c>nitrogen</c>, a product id.</param>
/// <param name="Quantity">Quantity in <see cref="UnitPrice.Unit"/> of <paramref name="Price"/>.</param>
/// <param name="Price">The unit price (元 per unit, price year).</param>
/// <param name="PriceParameter">The parameter the price came from (source and evidence label).</param>
/// <param name="Coefficients">Other parameters used to derive the quantity (λ, ρ, contents…), for audit.</param>
/// <param name="Value">Quantity × price, 元/a.</param>
public sealed record ValueLine(
    string Component,
    decimal Quantity,
    UnitPrice Price,
    Parameter PriceParameter,
    IReadOnlyList<Parameter> Coefficients,
    decimal Value)
{
    /// <summary>Builds a line whose value is quantity × price.</summary>
    /// <param name="component">Component name.</param>
    /// <param name="quantity">Quantity in the price's unit.</param>
    /// <param name="priceParameter">The price parameter.</param>
    /// <param name="coefficients">Coefficients used for the quantity.</param>
    /// <returns>The line.</returns>
    public static ValueLine Of(string component, decimal quantity, Parameter priceParameter, params Parameter[] coefficients)
    {
        var price = priceParameter.AsUnitPrice();
        return new ValueLine(component, quantity, price, priceParameter, coefficients, price.Times(quantity).Yuan);
    }

    /// <summary>Builds a line with an explicit price (e.g. a carbon price converted to per t CO₂).</summary>
    /// <param name="component">Component name.</param>
    /// <param name="quantity">Quantity in <paramref name="price"/>'s unit.</param>
    /// <param name="price">The unit price used.</param>
    /// <param name="priceParameter">The parameter it came from.</param>
    /// <param name="coefficients">Coefficients used for the quantity.</param>
    /// <returns>The line.</returns>
    public static ValueLine Of(string component, decimal quantity, UnitPrice price, Parameter priceParameter, params Parameter[] coefficients) =>
        new(component, quantity, price, priceParameter, coefficients, price.Times(quantity).Yuan);

    /// <summary>Source citation of the price.</summary>
    public string Source => PriceParameter.Source;

    /// <summary>Evidence label of the price.</summary>
    public EvidenceLabel Evidence => PriceParameter.Evidence;

    /// <summary>Recomputes quantity × price; equals <see cref="Value"/> unless the stored line was altered.</summary>
    /// <returns>元.</returns>
    public decimal Recompute() => Quantity * Price.YuanPerUnit;
}

/// <summary>
/// The value of one indicator on one plot: the functional quantity (e.g. t of soil retained), its value lines and
/// their sum. The value is <see cref="Lines"/> summed, 元/a, unrounded.
/// </summary>
/// <param name="PlotId">Plot id.</param>
/// <param name="LandUseCode">GB/T 21010 code of the plot.</param>
/// <param name="Indicator">The indicator definition.</param>
/// <param name="Quantity">Functional quantity in <paramref name="Unit"/>; null when the components have different units (mixed material products).</param>
/// <param name="Unit">Unit of the functional quantity; null with <paramref name="Quantity"/>.</param>
/// <param name="Lines">Value lines (one or more components).</param>
public sealed record PlotIndicatorValue(
    string PlotId,
    string LandUseCode,
    IndicatorDefinition Indicator,
    decimal? Quantity,
    QuantityUnit? Unit,
    IReadOnlyList<ValueLine> Lines)
{
    /// <summary>
    /// Value in 元/a: Σ line values, computed when the value is constructed. A <c>with</c> copy keeps it as stored,
    /// which is what <see cref="RunChecks.Recompute"/> audits against the lines.
    /// </summary>
    public decimal Value { get; } = SumOf(Lines);

    /// <summary>Value category of the indicator.</summary>
    public ValueCategory Category => Indicator.Category;

    private static decimal SumOf(IReadOnlyList<ValueLine> lines)
    {
        var sum = 0m;
        for (var i = 0; i < lines.Count; i++)
        {
            sum += lines[i].Value;
        }

        return sum;
    }
}

/// <summary>
/// A calculator for one indicator (ACCOUNTING-METHOD.md section 7). It only multiplies and sums quantities delivered
/// per plot; it is deterministic and pure.
/// </summary>
public interface IIndicatorCalculator
{
    /// <summary>The indicator computed.</summary>
    IndicatorId Indicator { get; }

    /// <summary>Parameter ids this calculator needs under <paramref name="options"/> for these plots.</summary>
    /// <param name="options">Method options.</param>
    /// <param name="plots">The plots of the run (material prices depend on the products present).</param>
    /// <returns>Parameter ids.</returns>
    IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots);

    /// <summary>Computes one plot; null when the plot has no input for this indicator.</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="parameters">A parameter set already validated for the run.</param>
    /// <param name="options">Method options.</param>
    /// <returns>The plot's value for this indicator, or null.</returns>
    PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options);
}
