using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Flood regulation 洪水调蓄 (R5), ACCOUNTING-METHOD.md 3.6 [S] (Garzê): storage C_fm = C_veg + C_lake + C_res + C_marsh
/// valued at the reservoir capacity cost, V = C_fm × C_we. For small SWC watersheds the relevant storage is check
/// dams, ponds and terraces, modelled as reservoir storage [D].
/// </summary>
public static class FloodRegulation
{
    /// <summary>Reservoir (or check-dam, pond) flood-control storage = share × total capacity (Garzê share 0.35) [S].</summary>
    /// <param name="totalCapacity">Total or design capacity.</param>
    /// <param name="floodStorageShare">Share in [0, 1].</param>
    /// <returns>C_res.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Share outside [0, 1].</exception>
    public static Volume ReservoirStorage(Volume totalCapacity, decimal floodStorageShare)
    {
        SoilRetention.RequireUnitFactor(floodStorageShare, nameof(floodStorageShare));
        return totalCapacity * floodStorageShare;
    }

    /// <summary>
    /// Marsh storage C_marsh = 0.3 m × S (Garzê) [S]. Garzê labels the result 10⁴ m³/a, but 0.3 m × S km² × 10⁶ m²/km²
    /// is m³, which matches the published 6.00×10⁸ m³ for about 2 000 km² (method doc 3.6), so m³ it is.
    /// </summary>
    /// <param name="marshArea">Marsh area.</param>
    /// <returns>C_marsh.</returns>
    public static Volume MarshStorage(Area marshArea) => Volume.FromCubicMetres(0.3m * marshArea.SquareKilometres * 1_000_000m);

    /// <summary>
    /// Lake storage by a regional regression C_lake = e^a × A^b × T (10⁴ m³/a, A in km²); Qinghai–Tibet example
    /// a = 6.636, b = 0.678, T = 1 [S]. Regional coefficients are local parameters [K]. Uses double (a model kernel).
    /// </summary>
    /// <param name="lakeArea">Lake area.</param>
    /// <param name="a">Regression intercept a.</param>
    /// <param name="b">Regression exponent b.</param>
    /// <param name="renewalsPerYear">T, water renewals per year (1).</param>
    /// <returns>C_lake in m³.</returns>
    public static Volume LakeStorage(Area lakeArea, double a, double b, double renewalsPerYear)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(renewalsPerYear);
        var tenThousandCubicMetres = Math.Exp(a) * Math.Pow((double)lakeArea.SquareKilometres, b) * renewalsPerYear;
        return Volume.FromTenThousandCubicMetres((decimal)tenThousandCubicMetres);
    }

    /// <summary>V_fm = C_fm × C_we, 元/a.</summary>
    /// <param name="storage">Total flood storage C_fm.</param>
    /// <param name="reservoirCostPerCubicMetre">C_we, 元/m³.</param>
    /// <returns>The value.</returns>
    public static ValueYuan Value(Volume storage, decimal reservoirCostPerCubicMetre) => new(storage.CubicMetres * reservoirCostPerCubicMetre);
}

/// <summary>Engine calculator for R5: per-plot flood storage × reservoir cost.</summary>
internal sealed class FloodRegulationCalculator : IIndicatorCalculator
{
    public IndicatorId Indicator => IndicatorId.FloodRegulation;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots) =>
        plots.Any(p => p.Has(InputKind.FloodStorageCubicMetres)) ? [ParameterIds.ReservoirCost] : [];

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options) =>
        CalculatorHelpers.SingleLine(plot, Indicator, InputKind.FloodStorageCubicMetres, QuantityUnit.CubicMetre, parameters, ParameterIds.ReservoirCost, "flood_storage");
}
