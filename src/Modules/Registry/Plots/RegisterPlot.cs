using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Registry.Data;

namespace Qingshan.Registry.Plots;

/// <summary>Register one plot with its polygon (EPSG:4490) and GB/T 21010 land use.</summary>
public sealed record RegisterPlot(string Code, Guid WatershedId, string LandUseCode, Geometry Geometry, string? Name = null, string? RegionCode = null);

public sealed class RegisterPlotHandler(RegistryDb db, TimeProvider clock)
{
    public async Task<Result<Guid>> HandleAsync(RegisterPlot request, CancellationToken ct = default)
    {
        if (PlotRules.CheckLandUse(request.LandUseCode) is { } landUse)
        {
            return landUse;
        }

        var normalised = PlotGeometry.Normalise(request.Geometry);
        if (normalised.IsFailure)
        {
            return normalised.Error!;
        }

        var watershed = await db.Watersheds.FirstOrDefaultAsync(w => w.Id == request.WatershedId, ct);
        if (watershed is null)
        {
            return RegistryErrors.WatershedNotFound(request.WatershedId.ToString());
        }

        var region = request.RegionCode ?? watershed.RegionCode;
        if (!db.Actor.Scope.Includes(region) || !region.StartsWith(watershed.RegionCode, StringComparison.Ordinal))
        {
            return RegistryErrors.RegionOutOfScope(region);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await DbLocks.AcquireAsync(db, "registry.plots", ct);
        var code = request.Code.Trim();
        if (await db.Plots.IgnoreQueryFilters().AnyAsync(p => p.Code == code, ct))
        {
            return RegistryErrors.PlotCodeTaken(code);
        }

        var overlaps = await PlotRules.FindOverlapsAsync(db, [new PlotRules.Candidate(code, request.LandUseCode, normalised.Value)], ct);
        if (overlaps.Count > 0)
        {
            return overlaps[0];
        }

        var at = clock.GetUtcNow();
        var plot = new Plot(code, watershed.Id, region, request.LandUseCode, normalised.Value, PlotGeometry.AreaSquareMetres(normalised.Value), at, request.Name);
        db.Plots.Add(plot);
        db.Record(at, RegistryEvents.PlotRegistered, plot.Id.ToString(), region, new { plot.Code, plot.LandUseCode, plot.AreaSquareMetres, Watershed = watershed.Code });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return plot.Id;
    }
}
