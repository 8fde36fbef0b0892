using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Avoided land loss 减少土地废弃 (X6, non-national: excluded from national GEP totals), ACCOUNTING-METHOD.md 3.3 [S]
/// (Jiajiyu, Huanghua, Gaotianyan): land kept in use = Q_sr / (ρ × h × 10⁴) hm², valued at the income per hm², V =
/// area × B. Section 9 warns when the area kept reaches 1 hm² per hm² of plot.
/// </summary>
public static class AvoidedLandLoss
{
    /// <summary>Land kept in use, Q_sr / (ρ × h × 10⁴), hm²/a: t ÷ t/m³ = m³; ÷ m = m²; ÷ 10⁴ = hm².</summary>
    /// <param name="retained">Q_sr.</param>
    /// <param name="bulkDensity">ρ, t/m³, positive.</param>
    /// <param name="topsoilDepthMetres">h, m, positive.</param>
    /// <returns>Area kept.</returns>
    public static Area LandKept(Mass retained, decimal bulkDensity, decimal topsoilDepthMetres)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bulkDensity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topsoilDepthMetres);
        return Area.FromHectares(retained.Tonnes / (bulkDensity * topsoilDepthMetres * Area.SquareMetresPerHectare));
    }

    /// <summary>V = area kept × B, 元/a.</summary>
    /// <param name="landKept">Area kept.</param>
    /// <param name="incomePerHectare">B, 元/(hm²·a).</param>
    /// <returns>The value.</returns>
    public static ValueYuan Value(Area landKept, decimal incomePerHectare) => new(landKept.Hectares * incomePerHectare);
}

/// <summary>Engine calculator for X6.</summary>
internal sealed class AvoidedLandLossCalculator : IIndicatorCalculator
{
    public IndicatorId Indicator => IndicatorId.AvoidedLandLoss;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots) =>
        plots.Any(p => p.Has(InputKind.SoilRetainedTonnes)) ? [ParameterIds.SoilBulkDensity, ParameterIds.TopsoilDepth, ParameterIds.LandIncomePerHectare] : [];

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options)
    {
        if (!plot.Has(InputKind.SoilRetainedTonnes))
        {
            return null;
        }

        var rho = parameters.Require(ParameterIds.SoilBulkDensity);
        var h = parameters.Require(ParameterIds.TopsoilDepth);
        var kept = AvoidedLandLoss.LandKept(Mass.FromTonnes(plot.QuantityOf(InputKind.SoilRetainedTonnes)), rho.Value, h.Value);
        return new PlotIndicatorValue(plot.PlotId, plot.LandUseCode, IndicatorCatalog.Get(Indicator), kept.Hectares, QuantityUnit.Hectare,
            [ValueLine.Of("land_kept", kept.Hectares, parameters.Require(ParameterIds.LandIncomePerHectare), rho, h)]);
    }
}
