using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Air purification 空气净化 (R6), ACCOUNTING-METHOD.md 3.7: pollutant purified Q_j = min(emission_j, Σ_i q_ij × A_i)
/// [K], valued at treatment cost V = Σ_j Q_j × c_j [S]. Garzê: SO₂ 1 200, NOx 630, dust 150 元/t [S].
/// </summary>
public static class AirPurification
{
    /// <summary>Purified amount Q_j = min(emission_j, capacity), capacity = Σ_i q_ij × A_i [K].</summary>
    /// <param name="emission">Regional emission of pollutant j, t/a.</param>
    /// <param name="capacityPerHectare">Purification capacity q_ij, t/(hm²·a), by class.</param>
    /// <param name="areas">Area of each class, same order.</param>
    /// <returns>Q_j.</returns>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static Mass Purified(Mass emission, IReadOnlyList<decimal> capacityPerHectare, IReadOnlyList<Area> areas)
    {
        ArgumentNullException.ThrowIfNull(capacityPerHectare);
        ArgumentNullException.ThrowIfNull(areas);
        if (capacityPerHectare.Count != areas.Count)
        {
            throw new ArgumentException("one capacity per area is needed", nameof(areas));
        }

        var capacity = 0m;
        for (var i = 0; i < areas.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(capacityPerHectare[i], nameof(capacityPerHectare));
            capacity += capacityPerHectare[i] * areas[i].Hectares;
        }

        return Mass.FromTonnes(Math.Min(emission.Tonnes, capacity));
    }

    /// <summary>
    /// Treatment cost per tonne from the environmental protection tax: c = rate (元 per pollution equivalent) ÷
    /// equivalent value (kg per equivalent) × 1 000 kg/t [D]. Equivalent values [K]: SO₂ 0.95, NOx 0.95, general
    /// dust 4, COD 1, NH₃-N 0.8, TP 0.25 kg. E.g. 1.4 元 ÷ 0.8 kg = 1 750 元/t for NH₃-N.
    /// </summary>
    /// <param name="yuanPerEquivalent">Provincial tax rate (air 1.2–12, water 1.4–14 元 per equivalent).</param>
    /// <param name="kilogramsPerEquivalent">Pollution equivalent value, kg, positive.</param>
    /// <returns>元/t.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Negative rate or non-positive equivalent.</exception>
    public static decimal TreatmentCostFromTaxRate(decimal yuanPerEquivalent, decimal kilogramsPerEquivalent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(yuanPerEquivalent);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kilogramsPerEquivalent);
        return yuanPerEquivalent / kilogramsPerEquivalent * Mass.KilogramsPerTonne;
    }

    /// <summary>V = Q × c for one pollutant, 元/a.</summary>
    /// <param name="purified">Q_j.</param>
    /// <param name="costPerTonne">c_j, 元/t.</param>
    /// <returns>The value.</returns>
    public static ValueYuan Value(Mass purified, decimal costPerTonne) => new(purified.Tonnes * costPerTonne);
}

/// <summary>Engine calculator for R6: one line per pollutant present.</summary>
internal sealed class AirPurificationCalculator : IIndicatorCalculator
{
    private static readonly (InputKind, string, string)[] Components =
    [
        (InputKind.SulfurDioxidePurifiedTonnes, ParameterIds.SulfurDioxideTreatmentCost, "sulfur_dioxide"),
        (InputKind.NitrogenOxidesPurifiedTonnes, ParameterIds.NitrogenOxidesTreatmentCost, "nitrogen_oxides"),
        (InputKind.DustPurifiedTonnes, ParameterIds.DustTreatmentCost, "dust"),
    ];

    public IndicatorId Indicator => IndicatorId.AirPurification;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots) =>
        Components.Where(c => plots.Any(p => p.Has(c.Item1))).Select(c => c.Item2);

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options) =>
        CalculatorHelpers.PerComponent(plot, Indicator, parameters, Components);
}
