using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Carbon sequestration 固碳 (R8), ACCOUNTING-METHOD.md 3.9: CO₂ fixed from NPP (1.63 t CO₂ per t dry matter,
/// Jiajiyu and Gaotianyan [S]) or from NEP (44/12 × NEP in C units [K]), valued V_c = Q_CO₂ × P_c. Prices quoted per
/// t C are converted to per t CO₂ (the unit trap) by <see cref="UnitPrice.PerTonneCarbonDioxide"/>.
/// </summary>
public static class CarbonSequestration
{
    /// <summary>CO₂ fixed from NPP dry matter: Q = factor × NPP (factor 1.63 [S]).</summary>
    /// <param name="nppDryMatter">NPP as dry matter, t/a.</param>
    /// <param name="carbonDioxidePerDryMatter">t CO₂ per t dry matter, positive.</param>
    /// <returns>t CO₂/a.</returns>
    public static decimal FromNpp(Mass nppDryMatter, decimal carbonDioxidePerDryMatter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(carbonDioxidePerDryMatter);
        return nppDryMatter.Tonnes * carbonDioxidePerDryMatter;
    }

    /// <summary>CO₂ fixed from net ecosystem production in carbon units: Q = 44/12 × NEP, NEP = NPP − R_soil (博文静 2017) [K].</summary>
    /// <param name="netEcosystemProductionCarbon">NEP in t C/a, ≥ 0.</param>
    /// <returns>t CO₂/a.</returns>
    public static decimal FromNetEcosystemProduction(decimal netEcosystemProductionCarbon)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(netEcosystemProductionCarbon);
        return netEcosystemProductionCarbon * QuantityUnits.CarbonDioxidePerCarbon;
    }

    /// <summary>V_c = Q_CO₂ × P_c with the price converted to per t CO₂ first, 元/a.</summary>
    /// <param name="carbonDioxideTonnes">Q_CO₂, t CO₂/a.</param>
    /// <param name="carbonPrice">Price per t C or per t CO₂.</param>
    /// <returns>The value.</returns>
    public static ValueYuan Value(decimal carbonDioxideTonnes, UnitPrice carbonPrice) => carbonPrice.PerTonneCarbonDioxide().Times(carbonDioxideTonnes);
}

/// <summary>Engine calculator for R8: direct CO₂ input, else NPP × 1.63.</summary>
internal sealed class CarbonSequestrationCalculator : IIndicatorCalculator
{
    public IndicatorId Indicator => IndicatorId.CarbonSequestration;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots)
    {
        if (plots.Any(p => p.Has(InputKind.CarbonDioxideFixedTonnes) || p.Has(InputKind.NppDryMatterTonnes)))
        {
            yield return ParameterIds.CarbonPrice;
        }

        if (plots.Any(p => !p.Has(InputKind.CarbonDioxideFixedTonnes) && p.Has(InputKind.NppDryMatterTonnes)))
        {
            yield return ParameterIds.CarbonDioxidePerDryMatter;
        }
    }

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options)
    {
        decimal co2;
        Parameter[] coefficients;
        if (plot.Has(InputKind.CarbonDioxideFixedTonnes))
        {
            co2 = plot.QuantityOf(InputKind.CarbonDioxideFixedTonnes);
            coefficients = [];
        }
        else if (plot.Has(InputKind.NppDryMatterTonnes))
        {
            var factor = parameters.Require(ParameterIds.CarbonDioxidePerDryMatter);
            co2 = CarbonSequestration.FromNpp(Mass.FromTonnes(plot.QuantityOf(InputKind.NppDryMatterTonnes)), factor.Value);
            coefficients = [factor];
        }
        else
        {
            return null;
        }

        var priceParameter = parameters.Require(ParameterIds.CarbonPrice);
        var price = priceParameter.AsUnitPrice().PerTonneCarbonDioxide();
        return new PlotIndicatorValue(plot.PlotId, plot.LandUseCode, IndicatorCatalog.Get(Indicator), co2, QuantityUnit.TonneCarbonDioxide,
            [ValueLine.Of("carbon_dioxide", co2, price, priceParameter, coefficients)]);
    }
}
