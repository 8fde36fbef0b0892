using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Oxygen release 释氧 (X1, non-national: excluded from national GEP totals), ACCOUNTING-METHOD.md 3.10: O₂ = 1.19 ×
/// NPP dry matter (Gaotianyan [S]) or 32/44 × CO₂ [K], valued at an oxygen price (LY/T 1721 1 000 元/t [K]).
/// National mode counts carbon only (6.6 rule 5).
/// </summary>
public static class OxygenRelease
{
    /// <summary>O₂ from NPP: factor × NPP (factor 1.19 [S]; Jiajiyu implies 1.2 [D]).</summary>
    /// <param name="nppDryMatter">NPP dry matter, t/a.</param>
    /// <param name="oxygenPerDryMatter">t O₂ per t dry matter, positive.</param>
    /// <returns>t O₂/a.</returns>
    public static decimal FromNpp(Mass nppDryMatter, decimal oxygenPerDryMatter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(oxygenPerDryMatter);
        return nppDryMatter.Tonnes * oxygenPerDryMatter;
    }

    /// <summary>O₂ from CO₂ by photosynthesis stoichiometry: 32/44 × CO₂ [K].</summary>
    /// <param name="carbonDioxideTonnes">t CO₂ fixed, ≥ 0.</param>
    /// <returns>t O₂.</returns>
    public static decimal FromCarbonDioxide(decimal carbonDioxideTonnes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(carbonDioxideTonnes);
        return carbonDioxideTonnes * QuantityUnits.OxygenPerCarbonDioxide;
    }

    /// <summary>Value Q_O₂ × P_O₂, 元/a.</summary>
    /// <param name="oxygenTonnes">t O₂.</param>
    /// <param name="pricePerTonne">元/t.</param>
    /// <returns>The value.</returns>
    public static ValueYuan Value(decimal oxygenTonnes, decimal pricePerTonne) => new(oxygenTonnes * pricePerTonne);
}

/// <summary>Engine calculator for X1: direct O₂ input, else NPP × 1.19.</summary>
internal sealed class OxygenReleaseCalculator : IIndicatorCalculator
{
    public IndicatorId Indicator => IndicatorId.OxygenRelease;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots)
    {
        if (plots.Any(p => p.Has(InputKind.OxygenReleasedTonnes) || p.Has(InputKind.NppDryMatterTonnes)))
        {
            yield return ParameterIds.OxygenPrice;
        }

        if (plots.Any(p => !p.Has(InputKind.OxygenReleasedTonnes) && p.Has(InputKind.NppDryMatterTonnes)))
        {
            yield return ParameterIds.OxygenPerDryMatter;
        }
    }

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options)
    {
        decimal o2;
        Parameter[] coefficients;
        if (plot.Has(InputKind.OxygenReleasedTonnes))
        {
            o2 = plot.QuantityOf(InputKind.OxygenReleasedTonnes);
            coefficients = [];
        }
        else if (plot.Has(InputKind.NppDryMatterTonnes))
        {
            var factor = parameters.Require(ParameterIds.OxygenPerDryMatter);
            o2 = OxygenRelease.FromNpp(Mass.FromTonnes(plot.QuantityOf(InputKind.NppDryMatterTonnes)), factor.Value);
            coefficients = [factor];
        }
        else
        {
            return null;
        }

        return new PlotIndicatorValue(plot.PlotId, plot.LandUseCode, IndicatorCatalog.Get(Indicator), o2, QuantityUnit.Tonne,
            [ValueLine.Of("oxygen", o2, parameters.Require(ParameterIds.OxygenPrice), coefficients)]);
    }
}
