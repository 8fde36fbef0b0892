using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Soil fertility retention 保持土壤肥力 (X3, non-national: excluded from national GEP totals), ACCOUNTING-METHOD.md
/// 3.3 [S] (Jiajiyu, Huanghua, Gaotianyan): V = Q_sr × Σ_n c_n × P_n over N, P, K and organic matter at fertiliser
/// prices (2 549 元/t pure N, P, K; 320 元/t organic matter [S]). It values the same retained N and P as the
/// non-point-pollution part of soil retention, so a run uses one or the other (6.6 rule 4).
/// </summary>
public static class SoilFertilityRetention
{
    /// <summary>V = Q_sr × Σ_n c_n × P_n, 元/a.</summary>
    /// <param name="retained">Q_sr.</param>
    /// <param name="nutrients">(content c_n as mass fraction in [0, 1], price P_n in 元/t) per nutrient.</param>
    /// <returns>The value.</returns>
    public static ValueYuan Value(Mass retained, IEnumerable<(decimal Content, decimal PricePerTonne)> nutrients)
    {
        ArgumentNullException.ThrowIfNull(nutrients);
        var total = 0m;
        foreach (var (content, price) in nutrients)
        {
            SoilRetention.RequireUnitFactor(content, nameof(nutrients));
            total += retained.Tonnes * content * price;
        }

        return new ValueYuan(total);
    }
}

/// <summary>Engine calculator for X3: one line per nutrient.</summary>
internal sealed class SoilFertilityRetentionCalculator : IIndicatorCalculator
{
    private static readonly (string Content, string Price, string Component)[] Nutrients =
    [
        (ParameterIds.SoilNitrogenContent, ParameterIds.NitrogenFertiliserPrice, "nitrogen"),
        (ParameterIds.SoilPhosphorusContent, ParameterIds.PhosphorusFertiliserPrice, "phosphorus"),
        (ParameterIds.SoilPotassiumContent, ParameterIds.PotassiumFertiliserPrice, "potassium"),
        (ParameterIds.SoilOrganicMatterContent, ParameterIds.OrganicMatterPrice, "organic_matter"),
    ];

    public IndicatorId Indicator => IndicatorId.SoilFertilityRetention;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots) =>
        plots.Any(p => p.Has(InputKind.SoilRetainedTonnes)) ? Nutrients.SelectMany(n => new[] { n.Content, n.Price }) : [];

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options)
    {
        if (!plot.Has(InputKind.SoilRetainedTonnes))
        {
            return null;
        }

        var retained = plot.QuantityOf(InputKind.SoilRetainedTonnes);
        var lines = new ValueLine[Nutrients.Length];
        for (var i = 0; i < Nutrients.Length; i++)
        {
            var content = parameters.Require(Nutrients[i].Content);
            lines[i] = ValueLine.Of(Nutrients[i].Component, retained * content.Value, parameters.Require(Nutrients[i].Price), content);
        }

        return new PlotIndicatorValue(plot.PlotId, plot.LandUseCode, IndicatorCatalog.Get(Indicator), retained, QuantityUnit.Tonne, lines);
    }
}
