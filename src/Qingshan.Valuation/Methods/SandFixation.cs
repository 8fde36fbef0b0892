using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Sand fixation 防风固沙 (R3), ACCOUNTING-METHOD.md 3.4 [S] (Garzê): the fixed sand (RWEQ, computed outside) is
/// turned into the area of land it would desertify, priced at the sand-control cost: V = Q / (ρ_sand × h) × c.
/// </summary>
public static class SandFixation
{
    /// <summary>Land kept from desertification: Q / (ρ_sand × h), m².</summary>
    /// <param name="sandFixed">Q_sf, t/a.</param>
    /// <param name="sandBulkDensity">ρ_sand, t/m³ (Garzê 1.28), positive.</param>
    /// <param name="desertifiedDepthMetres">h, m (Garzê 0.1), positive.</param>
    /// <returns>Area in m².</returns>
    /// <exception cref="ArgumentOutOfRangeException">ρ_sand or h not positive.</exception>
    public static decimal ProtectedSquareMetres(Mass sandFixed, decimal sandBulkDensity, decimal desertifiedDepthMetres)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sandBulkDensity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(desertifiedDepthMetres);
        return sandFixed.Tonnes / (sandBulkDensity * desertifiedDepthMetres);
    }

    /// <summary>V_sf = Q / (ρ_sand × h) × c, 元/a.</summary>
    /// <param name="sandFixed">Q_sf.</param>
    /// <param name="sandBulkDensity">ρ_sand, t/m³.</param>
    /// <param name="desertifiedDepthMetres">h, m.</param>
    /// <param name="controlCostPerSquareMetre">c, 元/m² (Garzê 3.75).</param>
    /// <returns>The value.</returns>
    public static ValueYuan Value(Mass sandFixed, decimal sandBulkDensity, decimal desertifiedDepthMetres, decimal controlCostPerSquareMetre) =>
        new(ProtectedSquareMetres(sandFixed, sandBulkDensity, desertifiedDepthMetres) * controlCostPerSquareMetre);
}

/// <summary>Engine calculator for R3.</summary>
internal sealed class SandFixationCalculator : IIndicatorCalculator
{
    public IndicatorId Indicator => IndicatorId.SandFixation;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots) =>
        plots.Any(p => p.Has(InputKind.SandFixedTonnes))
            ? [ParameterIds.SandBulkDensity, ParameterIds.DesertifiedSandDepth, ParameterIds.SandControlCost]
            : [];

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options)
    {
        if (!plot.Has(InputKind.SandFixedTonnes))
        {
            return null;
        }

        var sand = Mass.FromTonnes(plot.QuantityOf(InputKind.SandFixedTonnes));
        var rho = parameters.Require(ParameterIds.SandBulkDensity);
        var h = parameters.Require(ParameterIds.DesertifiedSandDepth);
        var area = SandFixation.ProtectedSquareMetres(sand, rho.Value, h.Value);
        return new PlotIndicatorValue(plot.PlotId, plot.LandUseCode, IndicatorCatalog.Get(Indicator), sand.Tonnes, QuantityUnit.Tonne,
            [ValueLine.Of("land_protected", area, parameters.Require(ParameterIds.SandControlCost), rho, h)]);
    }
}
