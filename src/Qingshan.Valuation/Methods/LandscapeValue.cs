using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Landscape value 景观价值 (C2), ACCOUNTING-METHOD.md 3.13, hedonic pricing [K]: V_l = A_b × ΔP with A_b the floor or
/// land area of property benefiting from the landscape and ΔP the annualised premium per m². Low priority for rural
/// watersheds; computed only when plots carry a benefiting area.
/// </summary>
public static class LandscapeValue
{
    /// <summary>V_l = A_b × ΔP, 元/a.</summary>
    /// <param name="benefitingSquareMetres">A_b, m², ≥ 0.</param>
    /// <param name="premiumPerSquareMetre">ΔP, 元/(m²·a).</param>
    /// <returns>The value.</returns>
    public static ValueYuan Value(decimal benefitingSquareMetres, decimal premiumPerSquareMetre)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(benefitingSquareMetres);
        return new ValueYuan(benefitingSquareMetres * premiumPerSquareMetre);
    }
}

/// <summary>Engine calculator for C2.</summary>
internal sealed class LandscapeValueCalculator : IIndicatorCalculator
{
    public IndicatorId Indicator => IndicatorId.LandscapeValue;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots) =>
        plots.Any(p => p.Has(InputKind.LandscapeBenefitingSquareMetres)) ? [ParameterIds.LandscapePremium] : [];

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options) =>
        CalculatorHelpers.SingleLine(plot, Indicator, InputKind.LandscapeBenefitingSquareMetres, QuantityUnit.SquareMetre, parameters, ParameterIds.LandscapePremium, "property_premium");
}
