using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using Qingshan.Registry.Data;

namespace Qingshan.Registry.Watersheds;

public sealed record WatershedRow(Guid Id, string Code, string Name, string RegionCode, decimal AreaSquareKilometres, int TreatmentStartYear, int TreatmentEndYear, WatershedStatus Status, string? Description, int PlotCount, double PlotAreaSquareMetres);

/// <summary>
/// A watershed for public maps and the OGC API: public fields only. <see cref="Geometry"/> is the registered
/// boundary or, when none was registered, the union of its plots; null when it has neither.
/// </summary>
public sealed record WatershedFeature(string Code, string Name, string RegionCode, decimal AreaSquareKilometres, int TreatmentStartYear, int TreatmentEndYear, WatershedStatus Status, int PlotCount, Geometry? Geometry);

public sealed class WatershedQueries(RegistryDb db)
{
    /// <summary>Watersheds in the actor's scope, with plot counts.</summary>
    public async Task<List<WatershedRow>> ListAsync(string? search = null, CancellationToken ct = default)
    {
        var q = db.Watersheds.AsQueryable();
        if (!string.IsNullOrWhiteSpace(search))
        {
            q = q.Where(w => w.Name.Contains(search) || w.Code.Contains(search));
        }

        var rows = await q.OrderBy(w => w.Code).Select(w => new
        {
            w.Id, w.Code, w.Name, w.RegionCode, w.AreaSquareKilometres, w.TreatmentStartYear, w.TreatmentEndYear, w.Status, w.Description,
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var stats = await db.Plots.Where(p => ids.Contains(p.WatershedId)).GroupBy(p => p.WatershedId)
            .Select(g => new { g.Key, Count = g.Count(), Area = g.Sum(p => p.AreaSquareMetres) }).ToDictionaryAsync(x => x.Key, ct);
        return rows.Select(r => new WatershedRow(r.Id, r.Code, r.Name, r.RegionCode, r.AreaSquareKilometres, r.TreatmentStartYear, r.TreatmentEndYear, r.Status, r.Description,
            stats.TryGetValue(r.Id, out var s) ? s.Count : 0, stats.TryGetValue(r.Id, out var s2) ? s2.Area : 0)).ToList();
    }

    public async Task<WatershedRow?> FindAsync(Guid id, CancellationToken ct = default) =>
        (await ListAsync(null, ct)).FirstOrDefault(w => w.Id == id);

    /// <summary>
    /// Public view for the OGC API: every watershed (not scoped), ordered by code, optionally those whose extent
    /// meets a lon/lat bounding box, paged by offset. Returns the page and the number matched.
    /// </summary>
    public async Task<(List<WatershedFeature> Features, int Matched)> PublicFeaturesAsync(Envelope? bbox, int offset, int limit, CancellationToken ct = default)
    {
        // A county has tens of watersheds, so the extent filter runs in memory over per-watershed plot extents;
        // geometry is built only for the page returned.
        var watersheds = await db.Watersheds.IgnoreQueryFilters().OrderBy(w => w.Code)
            .Select(w => new { w.Id, w.Code, w.Name, w.RegionCode, w.AreaSquareKilometres, w.TreatmentStartYear, w.TreatmentEndYear, w.Status, w.Boundary })
            .ToListAsync(ct);
        var extents = await db.Plots.IgnoreQueryFilters().GroupBy(p => p.WatershedId)
            .Select(g => new { g.Key, Count = g.Count(), MinX = g.Min(p => p.MinX), MinY = g.Min(p => p.MinY), MaxX = g.Max(p => p.MaxX), MaxY = g.Max(p => p.MaxY) })
            .ToDictionaryAsync(x => x.Key, ct);
        var rows = watersheds.Select(w =>
        {
            var extent = w.Boundary?.EnvelopeInternal
                ?? (extents.TryGetValue(w.Id, out var e) ? new Envelope(e.MinX, e.MaxX, e.MinY, e.MaxY) : null);
            return (Watershed: w, Extent: extent, PlotCount: extents.TryGetValue(w.Id, out var c) ? c.Count : 0);
        }).Where(r => bbox is null || (r.Extent is not null && r.Extent.Intersects(bbox))).ToList();
        var page = rows.Skip(offset).Take(limit).ToList();
        var features = new List<WatershedFeature>(page.Count);
        foreach (var (w, _, count) in page)
        {
            var geometry = w.Boundary ?? await UnionOfPlotsAsync(w.Id, ct);
            features.Add(new WatershedFeature(w.Code, w.Name, w.RegionCode, w.AreaSquareKilometres, w.TreatmentStartYear, w.TreatmentEndYear, w.Status, count, geometry));
        }

        return (features, rows.Count);
    }

    /// <summary>The lon/lat extent of every watershed (registered boundaries and plots), or null when there is nothing to map.</summary>
    public async Task<Envelope?> PublicExtentAsync(CancellationToken ct = default)
    {
        var extent = new Envelope();
        foreach (var boundary in await db.Watersheds.IgnoreQueryFilters().Where(w => w.Boundary != null).Select(w => w.Boundary!).ToListAsync(ct))
        {
            extent.ExpandToInclude(boundary.EnvelopeInternal);
        }

        var plots = await db.Plots.IgnoreQueryFilters().GroupBy(p => 1)
            .Select(g => new { MinX = g.Min(p => p.MinX), MinY = g.Min(p => p.MinY), MaxX = g.Max(p => p.MaxX), MaxY = g.Max(p => p.MaxY) })
            .FirstOrDefaultAsync(ct);
        if (plots is not null)
        {
            extent.ExpandToInclude(new Envelope(plots.MinX, plots.MaxX, plots.MinY, plots.MaxY));
        }

        return extent.IsNull ? null : extent;
    }

    public async Task<WatershedFeature?> PublicFeatureAsync(string code, CancellationToken ct = default)
    {
        var w = await db.Watersheds.IgnoreQueryFilters().Where(x => x.Code == code)
            .Select(x => new { x.Id, x.Code, x.Name, x.RegionCode, x.AreaSquareKilometres, x.TreatmentStartYear, x.TreatmentEndYear, x.Status, x.Boundary })
            .FirstOrDefaultAsync(ct);
        if (w is null)
        {
            return null;
        }

        var count = await db.Plots.IgnoreQueryFilters().CountAsync(p => p.WatershedId == w.Id, ct);
        var geometry = w.Boundary ?? await UnionOfPlotsAsync(w.Id, ct);
        return new WatershedFeature(w.Code, w.Name, w.RegionCode, w.AreaSquareKilometres, w.TreatmentStartYear, w.TreatmentEndYear, w.Status, count, geometry);
    }

    private async Task<Geometry?> UnionOfPlotsAsync(Guid watershedId, CancellationToken ct)
    {
        var geometries = await db.Plots.IgnoreQueryFilters().Where(p => p.WatershedId == watershedId).Select(p => p.Geometry).ToListAsync(ct);
        if (geometries.Count == 0)
        {
            return null;
        }

        // Plots do not overlap (registration refuses more than 0.5 %), so the union is the outline of the treated area.
        var union = CascadedPolygonUnion.Union(geometries.Cast<Geometry>().ToList());
        return union is Polygon p ? union.Factory.CreateMultiPolygon([p]) : union;
    }
}
