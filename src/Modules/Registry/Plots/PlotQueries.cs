using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Data;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Rights;

namespace Qingshan.Registry.Plots;

public sealed record PlotFilter(Guid? WatershedId = null, string? LandUseClass = null, RightsStatus? Status = null, string? Search = null, int Page = 1, int PageSize = 20);

public sealed record PlotRow(Guid Id, string Code, string? Name, Guid WatershedId, string WatershedName, string RegionCode, string LandUseCode, string LandUseName, PlotArea Area, RightsStatus Status);

public sealed record PlotPage(IReadOnlyList<PlotRow> Rows, int Total, int Page, int PageSize);

public sealed record RightRow(Guid Id, RightKind Kind, string HolderName, HolderKind HolderKind, bool IsCultivatingInvestor, DateOnly TermStart, DateOnly? TermEnd, string CertificateNumber, DateTimeOffset ConfirmedAt);

public sealed record DisputeRow(Guid Id, string Description, string RaisedBy, DateTimeOffset RaisedAt, DateTimeOffset? ResolvedAt, string? Resolution, string? ResolvedBy);

public sealed record PledgeRow(Guid Id, string Pledgee, Money Amount, bool BlocksTrading, DateOnly Start, DateOnly End, DateTimeOffset? ReleasedAt);

/// <summary>Everything the plot card shows.</summary>
public sealed record PlotCard(PlotRow Plot, Geometry Geometry, IReadOnlyList<RightRow> Rights, IReadOnlyList<DisputeRow> Disputes, IReadOnlyList<PledgeRow> Pledges, TradabilityResult Tradability);

/// <summary>A plot with its geometry, for maps and GeoJSON exports.</summary>
public sealed record PlotFeature(Guid Id, string Code, string? Name, string WatershedCode, string LandUseCode, string LandUseName, double AreaSquareMetres, RightsStatus Status, MultiPolygon Geometry);

public sealed class PlotQueries(RegistryDb db, TimeProvider clock, CheckTradabilityHandler tradability)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<PlotPage> ListAsync(PlotFilter filter, CancellationToken ct = default)
    {
        var q = db.Plots.AsQueryable();
        if (filter.WatershedId is { } w)
        {
            q = q.Where(p => p.WatershedId == w);
        }

        if (!string.IsNullOrEmpty(filter.LandUseClass))
        {
            q = q.Where(p => p.LandUseCode.StartsWith(filter.LandUseClass));
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            q = q.Where(p => p.Code.Contains(filter.Search) || (p.Name != null && p.Name.Contains(filter.Search)));
        }

        if (filter.Status is { } status)
        {
            var today = Today;
            var disputed = db.Disputes.Where(d => d.ResolvedAt == null).Select(d => d.PlotId);
            var pledged = db.Pledges.Where(p => p.ReleasedAt == null && p.BlocksTrading).Select(p => p.PlotId);
            var owned = db.Rights.Where(r => r.Kind == RightKind.Ownership && r.TermStart <= today && (r.TermEnd == null || r.TermEnd >= today)).Select(r => r.PlotId);
            q = status switch
            {
                RightsStatus.Disputed => q.Where(p => disputed.Contains(p.Id)),
                RightsStatus.Pledged => q.Where(p => !disputed.Contains(p.Id) && pledged.Contains(p.Id)),
                RightsStatus.Confirmed => q.Where(p => !disputed.Contains(p.Id) && !pledged.Contains(p.Id) && owned.Contains(p.Id)),
                _ => q.Where(p => !disputed.Contains(p.Id) && !pledged.Contains(p.Id) && !owned.Contains(p.Id)),
            };
        }

        var total = await q.CountAsync(ct);
        var pageSize = Math.Clamp(filter.PageSize, 1, 500);
        var page = Math.Max(1, filter.Page);
        var rows = await q.OrderBy(p => p.Code).Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.Watersheds, p => p.WatershedId, w => w.Id, (p, w) => new { p.Id, p.Code, p.Name, p.WatershedId, WatershedName = w.Name, p.RegionCode, p.LandUseCode, p.AreaSquareMetres })
            .ToListAsync(ct);
        var flags = await CheckTradabilityHandler.StatusesAsync(db, rows.Select(r => r.Id).ToList(), Today, ct);
        return new PlotPage(
            rows.Select(r => new PlotRow(r.Id, r.Code, r.Name, r.WatershedId, r.WatershedName, r.RegionCode, r.LandUseCode, LandUseName(r.LandUseCode), new PlotArea(r.AreaSquareMetres), flags[r.Id].Status)).ToList(),
            total, page, pageSize);
    }

    public async Task<PlotCard?> CardAsync(Guid id, CancellationToken ct = default)
    {
        var p = await db.Plots.Where(x => x.Id == id)
            .Join(db.Watersheds, x => x.WatershedId, w => w.Id, (x, w) => new { Plot = x, WatershedName = w.Name }).FirstOrDefaultAsync(ct);
        if (p is null)
        {
            return null;
        }

        var rights = await db.Rights.Where(r => r.PlotId == id).Join(db.Holders, r => r.HolderId, h => h.Id, (r, h) => new RightRow(r.Id, r.Kind, h.Name, h.Kind, h.IsCultivatingInvestor, r.TermStart, r.TermEnd, r.CertificateNumber, r.ConfirmedAt))
            .ToListAsync(ct);
        var disputes = await db.Disputes.Where(d => d.PlotId == id).OrderByDescending(d => d.RaisedAt)
            .Select(d => new DisputeRow(d.Id, d.Description, d.RaisedBy, d.RaisedAt, d.ResolvedAt, d.Resolution, d.ResolvedBy)).ToListAsync(ct);
        var pledges = await db.Pledges.Where(x => x.PlotId == id).OrderByDescending(x => x.RecordedAt)
            .Select(x => new PledgeRow(x.Id, x.Pledgee, new Money(x.AmountFen), x.BlocksTrading, x.Start, x.End, x.ReleasedAt)).ToListAsync(ct);
        var trade = (await tradability.HandleAsync([id], ct))[0];
        var plot = p.Plot;
        var row = new PlotRow(plot.Id, plot.Code, plot.Name, plot.WatershedId, p.WatershedName, plot.RegionCode, plot.LandUseCode, LandUseName(plot.LandUseCode), new PlotArea(plot.AreaSquareMetres), trade.Status);
        return new PlotCard(row, plot.Geometry, rights.OrderBy(r => r.Kind).ToList(), disputes, pledges, trade);
    }

    public Task<Guid?> IdOfAsync(string code, CancellationToken ct = default) =>
        db.Plots.Where(p => p.Code == code).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);

    /// <summary>Plots in scope with geometry, optionally within a bounding box (lon/lat), for the map and GeoJSON export.</summary>
    public async Task<List<PlotFeature>> FeaturesAsync(Guid? watershedId = null, Envelope? bbox = null, CancellationToken ct = default) =>
        await FeaturesCore(db.Plots, db.Watersheds, watershedId, bbox, 0, int.MaxValue, ct);

    /// <summary>
    /// Public view for the OGC API and the portal: every plot (not scoped), public fields only — no holders,
    /// no personal data. Paged by offset.
    /// </summary>
    public async Task<(List<PlotFeature> Features, int Matched)> PublicFeaturesAsync(Envelope? bbox, int offset, int limit, CancellationToken ct = default)
    {
        var q = db.Plots.IgnoreQueryFilters();
        if (bbox is not null)
        {
            q = q.Where(p => p.MaxX >= bbox.MinX && p.MinX <= bbox.MaxX && p.MaxY >= bbox.MinY && p.MinY <= bbox.MaxY);
        }

        var matched = await q.CountAsync(ct);
        return (await FeaturesCore(db.Plots.IgnoreQueryFilters(), db.Watersheds.IgnoreQueryFilters(), null, bbox, offset, limit, ct), matched);
    }

    /// <summary>The lon/lat extent of every plot (not scoped), or null when none is registered.</summary>
    public async Task<Envelope?> PublicExtentAsync(CancellationToken ct = default)
    {
        var e = await db.Plots.IgnoreQueryFilters().GroupBy(p => 1)
            .Select(g => new { MinX = g.Min(p => p.MinX), MinY = g.Min(p => p.MinY), MaxX = g.Max(p => p.MaxX), MaxY = g.Max(p => p.MaxY) })
            .FirstOrDefaultAsync(ct);
        return e is null ? null : new Envelope(e.MinX, e.MaxX, e.MinY, e.MaxY);
    }

    public async Task<PlotFeature?> PublicFeatureAsync(string code, CancellationToken ct = default) =>
        (await FeaturesCore(db.Plots.IgnoreQueryFilters().Where(p => p.Code == code), db.Watersheds.IgnoreQueryFilters(), null, null, 0, 1, ct)).FirstOrDefault();

    // IgnoreQueryFilters() anywhere in a query lifts the filters of the whole query, so the caller passes both
    // sources either scoped or public — never mixed.
    private async Task<List<PlotFeature>> FeaturesCore(IQueryable<Plot> q, IQueryable<Watersheds.Watershed> watersheds, Guid? watershedId, Envelope? bbox, int offset, int limit, CancellationToken ct)
    {
        if (watershedId is { } w)
        {
            q = q.Where(p => p.WatershedId == w);
        }

        if (bbox is not null)
        {
            q = q.Where(p => p.MaxX >= bbox.MinX && p.MinX <= bbox.MaxX && p.MaxY >= bbox.MinY && p.MinY <= bbox.MaxY);
        }

        var rows = await q.OrderBy(p => p.Code).Skip(offset).Take(limit)
            .Join(watersheds, p => p.WatershedId, ws => ws.Id, (p, ws) => new { p.Id, p.Code, p.Name, WatershedCode = ws.Code, p.LandUseCode, p.AreaSquareMetres, p.Geometry })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var flags = await CheckTradabilityHandler.StatusesAsync(db, ids, Today, ct);
        return rows.Select(r => new PlotFeature(r.Id, r.Code, r.Name, r.WatershedCode, r.LandUseCode, LandUseName(r.LandUseCode), r.AreaSquareMetres, flags[r.Id].Status, r.Geometry)).ToList();
    }

    /// <summary>Counts, areas by land-use class, rights statuses: the dashboard numbers, computed over the scope only.</summary>
    public async Task<RegistryStatistics> StatisticsAsync(CancellationToken ct = default)
    {
        var byClass = await db.Plots.GroupBy(p => p.LandUseCode.Substring(0, 2))
            .Select(g => new { g.Key, Count = g.Count(), Area = g.Sum(p => p.AreaSquareMetres) }).ToListAsync(ct);
        var watersheds = await db.Watersheds.CountAsync(ct);
        var holders = await db.Holders.CountAsync(ct);
        var openDisputes = await db.Disputes.CountAsync(d => d.ResolvedAt == null, ct);
        var activePledges = await db.Pledges.CountAsync(p => p.ReleasedAt == null, ct);
        return new RegistryStatistics(watersheds, byClass.Sum(c => c.Count), holders, openDisputes, activePledges,
            byClass.OrderBy(c => c.Key).Select(c => new LandUseShare(c.Key, LandUseName(c.Key), c.Count, new PlotArea(c.Area))).ToList());
    }

    public static string LandUseName(string code) => LandUseCode.TryParse(code, out var c) ? c.Name : code;
}

public sealed record LandUseShare(string ClassCode, string ClassName, int PlotCount, PlotArea Area);

public sealed record RegistryStatistics(int Watersheds, int Plots, int Holders, int OpenDisputes, int ActivePledges, IReadOnlyList<LandUseShare> ByLandUse);
