using Qingshan.Kernel;
using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Accounting.Inputs;

/// <summary>Where a layer of per-plot quantities came from.</summary>
public enum InputLayerKind
{
    /// <summary>A table uploaded by the preparer (CSV or Excel: plot code + quantities).</summary>
    PlotTable,

    /// <summary>Zonal sums per plot of a raster model (RUSLE, water balance, NPP) run outside the web request (method doc 6.5, 7).</summary>
    RasterZonalSums,
}

/// <summary>A product's yield on a plot (material supply, valued at its market price).</summary>
public sealed record ProductQuantity(string Indicator, string ProductId, decimal Quantity, QuantityUnit Unit);

/// <summary>
/// The functional quantities of one plot as an input layer delivers them. <see cref="AreaHectares"/> and
/// <see cref="LandUseCode"/> are only read when no registry is at hand (the CLI); a stored run takes both from the registry.
/// </summary>
public sealed record PlotQuantities(string PlotCode)
{
    public decimal? AreaHectares { get; init; }

    public string? LandUseCode { get; init; }

    public IReadOnlyDictionary<InputKind, decimal> Quantities { get; init; } = new Dictionary<InputKind, decimal>();

    public IReadOnlyList<ProductQuantity> Products { get; init; } = [];
}

/// <summary>
/// One layer of per-plot input quantities with its version (a content hash for tables, the model run's input
/// checksum for rasters), recorded on the run for reproducibility (method doc 0.3).
/// </summary>
public sealed record InputLayer(string Name, InputLayerKind Kind, string Version, IReadOnlyList<PlotQuantities> Plots);

/// <summary>
/// The seam for per-plot quantities: today a plot table (<see cref="PlotTable"/>); later the in-house raster models'
/// zonal sums deliver an <see cref="InputLayer"/> of kind <see cref="InputLayerKind.RasterZonalSums"/> through it.
/// </summary>
public interface IPlotQuantitySource
{
    Task<Result<InputLayer>> ReadAsync(CancellationToken ct = default);
}

/// <summary>A plot as the run saw it: the registry's area and land use at preparation time.</summary>
public sealed record PlotSnapshot(string Code, decimal AreaHectares, string LandUseCode);

/// <summary>Everything a run computes from, besides the method and parameters; stored with the run so a rerun needs nothing else.</summary>
public sealed record RunInputs(IReadOnlyList<PlotSnapshot> Plots, IReadOnlyList<InputLayer> Layers)
{
    /// <summary>
    /// The engine's plots: every plot of the snapshot, its quantities merged from all layers. The same quantity from
    /// two layers, or a layer row for a plot outside the snapshot, is refused naming the plot.
    /// </summary>
    public Result<IReadOnlyList<PlotInput>> ToPlotInputs(string watershedCode)
    {
        var known = Plots.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var quantities = new Dictionary<string, Dictionary<InputKind, decimal>>(StringComparer.Ordinal);
        var products = new Dictionary<string, List<ProductOutput>>(StringComparer.Ordinal);
        foreach (var layer in Layers)
        {
            foreach (var row in layer.Plots)
            {
                if (!known.ContainsKey(row.PlotCode))
                {
                    return AccountingErrors.InputPlotNotInWatershed(row.PlotCode, watershedCode);
                }

                var q = quantities.TryGetValue(row.PlotCode, out var existing) ? existing : quantities[row.PlotCode] = [];
                foreach (var (kind, value) in row.Quantities)
                {
                    if (!q.TryAdd(kind, value))
                    {
                        return AccountingErrors.InputQuantityConflict(row.PlotCode, kind.ToString());
                    }
                }

                if (row.Products.Count > 0)
                {
                    var list = products.TryGetValue(row.PlotCode, out var l) ? l : products[row.PlotCode] = [];
                    list.AddRange(row.Products.Select(p => new ProductOutput(new IndicatorId(p.Indicator), p.ProductId, p.Quantity, p.Unit)));
                }
            }
        }

        return Result<IReadOnlyList<PlotInput>>.Success(
        [
            .. Plots.OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => new PlotInput(p.Code, Area.FromHectares(p.AreaHectares), p.LandUseCode)
            {
                Quantities = quantities.TryGetValue(p.Code, out var q) ? q : new Dictionary<InputKind, decimal>(),
                Products = products.TryGetValue(p.Code, out var pr) ? pr : [],
            }),
        ]);
    }
}
