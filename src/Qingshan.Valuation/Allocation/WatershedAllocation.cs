using Qingshan.Valuation.Engine;

namespace Qingshan.Valuation.Allocation;

/// <summary>A watershed total of one indicator to allocate to plots.</summary>
/// <param name="Indicator">Indicator id (its category comes from the catalogue).</param>
/// <param name="Total">Watershed value, 元/a (or a quantity).</param>
/// <param name="Weights">One non-negative weight per plot, in the order of the plot ids; not all zero.</param>
public sealed record IndicatorAllocationInput(IndicatorId Indicator, decimal Total, IReadOnlyList<decimal> Weights);

/// <summary>
/// The indicator × plot matrix of an allocation. Every indicator row adds up to its watershed total exactly
/// (<see cref="ExactAllocation"/>), so plot sums, category sums and the grand total agree exactly too.
/// </summary>
public sealed class AllocationMatrix
{
    internal AllocationMatrix(IReadOnlyList<string> plotIds, IReadOnlyList<IndicatorAllocationInput> inputs, IReadOnlyList<decimal[]> rows)
    {
        PlotIds = plotIds;
        Indicators = [.. inputs.Select(i => i.Indicator)];
        Rows = rows;
        var plotTotals = new decimal[plotIds.Count];
        var categories = new Dictionary<ValueCategory, decimal>();
        for (var r = 0; r < rows.Count; r++)
        {
            var category = IndicatorCatalog.Get(inputs[r].Indicator).Category;
            for (var p = 0; p < plotIds.Count; p++)
            {
                plotTotals[p] += rows[r][p];
                categories[category] = categories.GetValueOrDefault(category) + rows[r][p];
            }
        }

        PlotTotals = plotTotals;
        CategoryTotals = categories;
        GrandTotal = inputs.Aggregate(0m, (sum, i) => sum + i.Total);
    }

    /// <summary>Plot ids, column order.</summary>
    public IReadOnlyList<string> PlotIds { get; }

    /// <summary>Indicators, row order.</summary>
    public IReadOnlyList<IndicatorId> Indicators { get; }

    /// <summary>Allocated values: <c>Rows[indicator][plot]</c>.</summary>
    public IReadOnlyList<decimal[]> Rows { get; }

    /// <summary>Σ over indicators per plot, column order.</summary>
    public IReadOnlyList<decimal> PlotTotals { get; }

    /// <summary>Σ per value category.</summary>
    public IReadOnlyDictionary<ValueCategory, decimal> CategoryTotals { get; }

    /// <summary>Σ of the watershed totals; equals Σ <see cref="PlotTotals"/> and Σ <see cref="CategoryTotals"/> exactly.</summary>
    public decimal GrandTotal { get; }

    /// <summary>The value allocated to one plot for one indicator.</summary>
    /// <param name="indicator">Indicator.</param>
    /// <param name="plotId">Plot id.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">Unknown indicator or plot.</exception>
    public decimal this[IndicatorId indicator, string plotId]
    {
        get
        {
            var r = Indicators.ToList().IndexOf(indicator);
            var p = PlotIds.ToList().IndexOf(plotId);
            return r < 0 || p < 0 ? throw new KeyNotFoundException($"{indicator}/{plotId}") : Rows[r][p];
        }
    }
}

/// <summary>
/// Watershed → plot allocation (ACCOUNTING-METHOD.md 6.5) [D]. Weights per indicator express the rule of each kind:
/// raster zonal sums for regulating items, area of the producing land-use type (or a yield proxy) for material supply,
/// footfall or buffer area for cultural items (a plot with no access gets weight 0).
/// </summary>
public static class WatershedAllocation
{
    /// <summary>Allocates every indicator total to the plots by its weights, exactly.</summary>
    /// <param name="plotIds">Plot ids (column order), unique.</param>
    /// <param name="inputs">One input per indicator; each has one weight per plot.</param>
    /// <param name="minimumScale">Grid scale passed to <see cref="ExactAllocation.Split"/>.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentException">Weights count differs from plot count, duplicate plot ids, or invalid weights.</exception>
    public static AllocationMatrix Allocate(IReadOnlyList<string> plotIds, IReadOnlyList<IndicatorAllocationInput> inputs, int minimumScale = ExactAllocation.DefaultMinimumScale)
    {
        ArgumentNullException.ThrowIfNull(plotIds);
        ArgumentNullException.ThrowIfNull(inputs);
        if (plotIds.Distinct(StringComparer.Ordinal).Count() != plotIds.Count)
        {
            throw new ArgumentException("plot ids must be unique", nameof(plotIds));
        }

        var rows = new List<decimal[]>(inputs.Count);
        foreach (var input in inputs)
        {
            if (input.Weights.Count != plotIds.Count)
            {
                throw new ArgumentException($"indicator {input.Indicator} has {input.Weights.Count} weights for {plotIds.Count} plots", nameof(inputs));
            }

            rows.Add(ExactAllocation.Split(input.Total, input.Weights, minimumScale));
        }

        return new AllocationMatrix(plotIds, inputs, rows);
    }

    /// <summary>
    /// Material-supply weights (6.5): plot area where the plot's land-use code is a producing type, else 0. A code
    /// matches when it equals a producing code or starts with a producing first-level code (e.g. "02" covers "0201").
    /// </summary>
    /// <param name="plots">Plots in column order.</param>
    /// <param name="producingLandUseCodes">GB/T 21010 codes that produce the product.</param>
    /// <returns>Weights in hm².</returns>
    public static decimal[] AreaOfProducingLandUse(IReadOnlyList<PlotInput> plots, IReadOnlyCollection<string> producingLandUseCodes)
    {
        ArgumentNullException.ThrowIfNull(plots);
        ArgumentNullException.ThrowIfNull(producingLandUseCodes);
        return [.. plots.Select(p => producingLandUseCodes.Any(c => p.LandUseCode.StartsWith(c, StringComparison.Ordinal)) ? p.Area.Hectares : 0m)];
    }
}
