using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Valuation.Methods;

/// <summary>
/// Leisure tourism 休闲旅游 / 旅游康养 (C1), ACCOUNTING-METHOD.md 3.12 [S]: travel cost V_t = Σ_j N_j × TC_j, or the
/// revenue variant (Gaotianyan: revenue per visit). The basis is recorded (<see cref="TourismBasis"/>). On the revenue
/// basis, pick-your-own fruit sales already in M1 must not be added again (6.6 rule 6; the engine warns).
/// </summary>
public static class LeisureTourism
{
    /// <summary>V_t = Σ_j N_j × TC_j over origin zones, 元/a.</summary>
    /// <param name="zones">(visits N_j, travel cost per visit TC_j in 元) per origin zone.</param>
    /// <returns>The value.</returns>
    public static ValueYuan TravelCostValue(IEnumerable<(decimal Visits, decimal TravelCostPerVisit)> zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var total = 0m;
        foreach (var (visits, cost) in zones)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(visits, nameof(zones));
            ArgumentOutOfRangeException.ThrowIfNegative(cost, nameof(zones));
            total += visits * cost;
        }

        return new ValueYuan(total);
    }

    /// <summary>Travel cost per visit = transport + food and lodging + tickets + time cost, 元.</summary>
    /// <param name="transport">元 per visit.</param>
    /// <param name="foodAndLodging">元 per visit.</param>
    /// <param name="tickets">元 per visit.</param>
    /// <param name="timeCost">元 per visit.</param>
    /// <returns>TC.</returns>
    public static decimal TravelCostPerVisit(decimal transport, decimal foodAndLodging, decimal tickets, decimal timeCost) =>
        transport + foodAndLodging + tickets + timeCost;
}

/// <summary>Engine calculator for C1: visits × travel cost (or revenue) per visit.</summary>
internal sealed class LeisureTourismCalculator : IIndicatorCalculator
{
    public IndicatorId Indicator => IndicatorId.LeisureTourism;

    public IEnumerable<string> RequiredParameters(MethodOptions options, IReadOnlyList<PlotInput> plots) =>
        plots.Any(p => p.Has(InputKind.Visits)) ? [PriceId(options)] : [];

    public PlotIndicatorValue? Compute(PlotInput plot, ParameterSet parameters, MethodOptions options) =>
        CalculatorHelpers.SingleLine(plot, Indicator, InputKind.Visits, QuantityUnit.Visit, parameters, PriceId(options),
            options.TourismBasis == TourismBasis.TravelCost ? "travel_cost" : "revenue");

    private static string PriceId(MethodOptions options) =>
        options.TourismBasis == TourismBasis.TravelCost ? ParameterIds.TravelCostPerVisit : ParameterIds.RevenuePerVisit;
}
