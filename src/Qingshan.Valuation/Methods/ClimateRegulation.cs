using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Climate regulation 气候调节 (R9), ACCOUNTING-METHOD.md 3.11 [S] (Garzê; 博文静 2017): the energy that plant
/// transpiration and water-surface evaporation consume, as the electricity an air conditioner and a humidifier
/// would use, valued at the electricity price: V = (E_pt + E_we) × P_e.
/// </summary>
public static class ClimateRegulation
{
    /// <summary>
    /// E_pt = EPP × S × D × 10⁶ / (3 600 × r), kWh/a: EPP in kJ/(m²·d), S in km² (hence 10⁶), D air-conditioning days,
    /// r the air-conditioner energy efficiency ratio (3.0 [S]). kJ ÷ 3 600 = kWh.
    /// </summary>
    /// <param name="heatPerSquareMetreDayKilojoules">EPP, kJ/(m²·d), ≥ 0.</param>
    /// <param name="area">S.</param>
    /// <param name="days">D, days with air conditioning in use (commonly above 26 °C), ≥ 0.</param>
    /// <param name="energyEfficiencyRatio">r, positive.</param>
    /// <returns>E_pt.</returns>
    public static Energy TranspirationCooling(decimal heatPerSquareMetreDayKilojoules, Area area, decimal days, decimal energyEfficiencyRatio)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(heatPerSquareMetreDayKilojoules);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(energyEfficiencyRatio);
        return Energy.FromKilowattHours(heatPerSquareMetreDayKilojoules * area.SquareKilometres * days * 1_000_000m / (Energy.KilojoulesPerKilowattHour * energyEfficiencyRatio));
    }

    /// <summary>
    /// E_we = E_w × ρ_w × q / 3 600 + E_w × y, kWh/a. E_w evaporation in m³; ρ_w = 1 000 kg/m³; q latent heat in J/g
    /// (2 450, 酉阳 default [S] seen), so kg × J/g = kJ and ÷ 3 600 gives kWh; y humidifier electricity per m³ (120 kWh/m³,
    /// 酉阳 [S] seen). Some specs count humidification only below about 45 % relative humidity [K]: pass y = 0 then.
    /// </summary>
    /// <param name="evaporation">E_w.</param>
    /// <param name="latentHeatJoulesPerGram">q, J/g, ≥ 0.</param>
    /// <param name="humidifierKilowattHoursPerCubicMetre">y, kWh/m³, ≥ 0.</param>
    /// <returns>E_we.</returns>
    public static Energy WaterSurfaceEvaporation(Volume evaporation, decimal latentHeatJoulesPerGram, decimal humidifierKilowattHoursPerCubicMetre)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(latentHeatJoulesPerGram);
        ArgumentOutOfRangeException.ThrowIfNegative(humidifierKilowattHoursPerCubicMetre);
        return Energy.FromKilowattHours((evaporation.CubicMetres * 1_000m * latentHeatJoulesPerGram / Energy.KilojoulesPerKilowattHour)
            + (evaporation.CubicMetres * humidifierKilowattHoursPerCubicMetre));
    }

    /// <summary>V_cr = E × P_e, 元/a.</summary>
    /// <param name="energy">E_pt + E_we.</param>
    /// <param name="electricityPrice">P_e, 元/kWh (Garzê 0.53 [S]).</param>
    /// <returns>The value.</returns>
    public static ValueYuan Value(Energy energy, decimal electricityPrice) => new(energy.KilowattHours * electricityPrice);
}

/// <summary>Engine calculator for R9: transpiration and evaporation lines at the electricity price.</summary>
internal sealed class ClimateRegulationCalculator : IIndicatorCalculator
{
    private static readonly (InputKind, string, string)[] Components =
    [
        (InputKind.TranspirationCoolingKilowattHours, ParameterIds.ElectricityPrice, "transpiration"),
        (InputKind.EvaporationKilowattHours, ParameterIds.ElectricityPrice, "evaporation"),
    ];

    public IndicatorId Indicator => IndicatorId.ClimateRegulation;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots) =>
        plots.Any(p => p.Has(InputKind.TranspirationCoolingKilowattHours) || p.Has(InputKind.EvaporationKilowattHours)) ? [ParameterIds.ElectricityPrice] : [];

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options)
    {
        var value = CalculatorHelpers.PerComponent(plot, Indicator, parameters, Components);
        return value is null ? null : value with { Unit = QuantityUnit.KilowattHour };
    }
}
