using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Water conservation 水源涵养 (R1), ACCOUNTING-METHOD.md 3.2: water balance valued by shadow engineering
/// (reservoir capacity cost) [S], or the SWC small-watershed alternative "water kept by measures" (保水, Jiajiyu 2018) [S].
/// The two are mutually exclusive for the same area (6.6 rule 1).
/// </summary>
public static class WaterConservation
{
    /// <summary>
    /// Water conserved by water balance: Q = (P − R − ET) × A × 10⁻³ m³/a with A in m², i.e. mm × hm² × 10 [S].
    /// A negative balance is clamped to 0 [D]; <paramref name="clamped"/> reports it so the run can say so.
    /// </summary>
    /// <param name="precipitationMillimetres">Annual precipitation P, mm, ≥ 0.</param>
    /// <param name="stormRunoffMillimetres">Storm surface runoff R, mm (usually P × α), ≥ 0.</param>
    /// <param name="evapotranspirationMillimetres">Actual evapotranspiration ET, mm, ≥ 0.</param>
    /// <param name="area">Area.</param>
    /// <param name="clamped">True when P − R − ET was negative and set to 0.</param>
    /// <returns>Q_wr.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A depth is negative.</exception>
    public static Volume WaterBalance(decimal precipitationMillimetres, decimal stormRunoffMillimetres, decimal evapotranspirationMillimetres, Area area, out bool clamped)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(precipitationMillimetres);
        ArgumentOutOfRangeException.ThrowIfNegative(stormRunoffMillimetres);
        ArgumentOutOfRangeException.ThrowIfNegative(evapotranspirationMillimetres);
        var depth = precipitationMillimetres - stormRunoffMillimetres - evapotranspirationMillimetres;
        clamped = depth < 0m;
        return Volume.FromWaterDepth(clamped ? 0m : depth, area);
    }

    /// <summary>
    /// Water kept by an SWC measure: W = p × H × A (Jiajiyu 2018) [S], with p the measure's retention rate (保水率, in
    /// [0, 1]; Jiajiyu implies terrace 0.9, orchard 0.6, slope farmland 0.2 [D]) and H the runoff depth in mm.
    /// </summary>
    /// <param name="retentionRate">p in [0, 1].</param>
    /// <param name="runoffDepthMillimetres">H, mm, ≥ 0.</param>
    /// <param name="measureArea">A, the measure's area.</param>
    /// <returns>W.</returns>
    /// <exception cref="ArgumentOutOfRangeException">p outside [0, 1] or H negative.</exception>
    public static Volume RetainedByMeasure(decimal retentionRate, decimal runoffDepthMillimetres, Area measureArea)
    {
        SoilRetention.RequireUnitFactor(retentionRate, nameof(retentionRate));
        return Volume.FromWaterDepth(runoffDepthMillimetres, measureArea) * retentionRate;
    }

    /// <summary>Value V = Q × C_we (reservoir cost, or storage cost for measure retention), 元/a [S].</summary>
    /// <param name="water">Water conserved or kept.</param>
    /// <param name="costPerCubicMetre">元/m³.</param>
    /// <returns>The value.</returns>
    public static ValueYuan Value(Volume water, decimal costPerCubicMetre) => new(water.CubicMetres * costPerCubicMetre);
}

/// <summary>Engine calculator for R1 under the method's <see cref="WaterConservationModel"/>.</summary>
internal sealed class WaterConservationCalculator : IIndicatorCalculator
{
    public IndicatorId Indicator => IndicatorId.WaterConservation;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots) =>
        options.WaterConservationModel == WaterConservationModel.WaterBalance
            ? plots.Any(p => p.Has(InputKind.WaterConservedCubicMetres)) ? [ParameterIds.ReservoirCost] : []
            : plots.Any(p => p.Has(InputKind.WaterRetainedByMeasuresCubicMetres)) ? [ParameterIds.WaterStorageCost] : [];

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options) =>
        options.WaterConservationModel == WaterConservationModel.WaterBalance
            ? CalculatorHelpers.SingleLine(plot, Indicator, InputKind.WaterConservedCubicMetres, QuantityUnit.CubicMetre, parameters, ParameterIds.ReservoirCost, "water_balance")
            : CalculatorHelpers.SingleLine(plot, Indicator, InputKind.WaterRetainedByMeasuresCubicMetres, QuantityUnit.CubicMetre, parameters, ParameterIds.WaterStorageCost, "measure_retention");
}
