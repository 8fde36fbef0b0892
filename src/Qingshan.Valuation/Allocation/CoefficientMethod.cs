using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Allocation;

/// <summary>
/// The coefficient method of ACCOUNTING-METHOD.md 6.5 [S] (Jiajiyu): when rasters are unavailable,
/// V_plot = A_plot × v(land use, indicator), with v a per-hm² value table by GB/T 21010 code.
/// </summary>
/// <param name="ValuesPerHectare">元/(hm²·a) keyed by (land-use code, indicator). Two-digit first-level codes act as fallbacks for four-digit codes.</param>
/// <param name="Source">Where the table comes from.</param>
public sealed record CoefficientTable(IReadOnlyDictionary<(string LandUseCode, IndicatorId Indicator), decimal> ValuesPerHectare, string Source)
{
    /// <summary>The per-hm² value for a code: the exact code first, then its first-level class; 0 when absent.</summary>
    /// <param name="landUseCode">GB/T 21010 code.</param>
    /// <param name="indicator">Indicator.</param>
    /// <returns>元/(hm²·a).</returns>
    public decimal PerHectare(string landUseCode, IndicatorId indicator)
    {
        ArgumentNullException.ThrowIfNull(landUseCode);
        if (ValuesPerHectare.TryGetValue((landUseCode, indicator), out var v))
        {
            return v;
        }

        return landUseCode.Length > 2 && ValuesPerHectare.TryGetValue((landUseCode[..2], indicator), out var parent) ? parent : 0m;
    }

    /// <summary>V_plot = A_plot × v, 元/a, unrounded.</summary>
    /// <param name="area">Plot area.</param>
    /// <param name="landUseCode">Plot land-use code.</param>
    /// <param name="indicator">Indicator.</param>
    /// <returns>The value.</returns>
    public ValueYuan Value(Area area, string landUseCode, IndicatorId indicator) => new(area.Hectares * PerHectare(landUseCode, indicator));
}
