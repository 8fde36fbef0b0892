using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Water purification 水质净化 (R7), ACCOUNTING-METHOD.md 3.8: same structure as air purification for COD, NH₃-N [S]
/// (Garzê: 700 and 875 元/t) and TP [K]. N and P already valued by soil retention must not be counted here again
/// (6.6 rule 3; the engine warns).
/// </summary>
public static class WaterPurification
{
    /// <summary>V = Σ_j Q_j × c_j over COD, NH₃-N and TP, 元/a.</summary>
    /// <param name="cod">COD purified.</param>
    /// <param name="codCost">元/t.</param>
    /// <param name="ammoniaNitrogen">NH₃-N purified.</param>
    /// <param name="ammoniaNitrogenCost">元/t.</param>
    /// <param name="totalPhosphorus">TP purified.</param>
    /// <param name="totalPhosphorusCost">元/t.</param>
    /// <returns>The value.</returns>
    public static ValueYuan Value(Mass cod, decimal codCost, Mass ammoniaNitrogen, decimal ammoniaNitrogenCost, Mass totalPhosphorus, decimal totalPhosphorusCost) =>
        new((cod.Tonnes * codCost) + (ammoniaNitrogen.Tonnes * ammoniaNitrogenCost) + (totalPhosphorus.Tonnes * totalPhosphorusCost));
}

/// <summary>Engine calculator for R7: one line per pollutant present.</summary>
internal sealed class WaterPurificationCalculator : IIndicatorCalculator
{
    private static readonly (InputKind, string, string)[] Components =
    [
        (InputKind.CodPurifiedTonnes, ParameterIds.CodTreatmentCost, "cod"),
        (InputKind.AmmoniaNitrogenPurifiedTonnes, ParameterIds.AmmoniaNitrogenTreatmentCost, "ammonia_nitrogen"),
        (InputKind.TotalPhosphorusPurifiedTonnes, ParameterIds.TotalPhosphorusTreatmentCost, "total_phosphorus"),
    ];

    public IndicatorId Indicator => IndicatorId.WaterPurification;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots) =>
        Components.Where(c => plots.Any(p => p.Has(c.Item1))).Select(c => c.Item2);

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options) =>
        CalculatorHelpers.PerComponent(plot, Indicator, parameters, Components);
}
