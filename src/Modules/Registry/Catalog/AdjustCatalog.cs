using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Registry.Data;

namespace Qingshan.Registry.Catalog;

public sealed record CatalogItemInput(string ProductName, string ProductType, Guid? WatershedId, int PlannedYear, string? Notes = null);

/// <summary>
/// Compile or adjust a region's 3-year rolling cultivation catalog. The first version may be compiled at any time;
/// later adjustments are made in the first quarter (China time) of a year, 渝 opinions (三)：“每年第一季度……进行动态调整”.
/// Every adjustment is a new version; earlier versions stay as history.
/// </summary>
public sealed record AdjustCatalog(string RegionCode, int FirstYear, string Reason, IReadOnlyList<CatalogItemInput> Items);

public sealed class AdjustCatalogHandler(RegistryDb db, TimeProvider clock)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public async Task<Result<int>> HandleAsync(AdjustCatalog request, CancellationToken ct = default)
    {
        if (!db.Actor.Scope.Includes(request.RegionCode))
        {
            return RegistryErrors.RegionOutOfScope(request.RegionCode);
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return RegistryErrors.CatalogReasonRequired();
        }

        if (request.Items.Count == 0)
        {
            return RegistryErrors.CatalogEmpty();
        }

        if (request.Items.Any(i => i.PlannedYear < request.FirstYear || i.PlannedYear > request.FirstYear + 2 || string.IsNullOrWhiteSpace(i.ProductName)))
        {
            return RegistryErrors.CatalogPeriodInvalid();
        }

        var watershedIds = request.Items.Where(i => i.WatershedId is not null).Select(i => i.WatershedId!.Value).Distinct().ToList();
        var known = await db.Watersheds.CountAsync(w => watershedIds.Contains(w.Id), ct);
        if (known != watershedIds.Count)
        {
            return RegistryErrors.WatershedNotFound(string.Join(",", watershedIds));
        }

        var now = clock.GetUtcNow();
        var local = now.ToOffset(ChinaOffset);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await Qingshan.Data.DbLocks.AcquireAsync(db, "registry.catalog." + request.RegionCode, ct);
        var last = await db.CatalogVersions.Where(c => c.RegionCode == request.RegionCode).MaxAsync(c => (int?)c.Version, ct) ?? 0;
        if (last > 0 && local.Month > 3)
        {
            return RegistryErrors.CatalogAdjustmentOutsideFirstQuarter(local.Year);
        }

        if (request.FirstYear < local.Year - 1 || request.FirstYear > local.Year + 1)
        {
            return RegistryErrors.CatalogPeriodInvalid();
        }

        var version = new CatalogVersion(request.RegionCode, request.FirstYear, last + 1, request.Reason.Trim(), db.Actor.UserName, now,
            request.Items.Select(i => new CatalogItem(i.ProductName.Trim(), i.ProductType.Trim(), i.WatershedId, i.PlannedYear, i.Notes)));
        db.CatalogVersions.Add(version);
        db.Record(now, RegistryEvents.CatalogAdjusted, version.Id.ToString(), request.RegionCode, new { request.FirstYear, Version = last + 1, request.Reason, Items = request.Items.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return version.Version;
    }
}

public sealed record CatalogItemRow(string ProductName, string ProductType, Guid? WatershedId, string? WatershedName, int PlannedYear, string? Notes);

public sealed record CatalogVersionRow(Guid Id, string RegionCode, int FirstYear, int Version, string Reason, string AdjustedBy, DateTimeOffset AdjustedAt, IReadOnlyList<CatalogItemRow> Items);

public sealed class CatalogQueries(RegistryDb db)
{
    /// <summary>All versions of the catalogs in scope, newest first (the first row per region is the current catalog).</summary>
    public async Task<List<CatalogVersionRow>> HistoryAsync(string? regionCode = null, CancellationToken ct = default)
    {
        var q = db.CatalogVersions.Include(c => c.Items).AsQueryable();
        if (regionCode is not null)
        {
            q = q.Where(c => c.RegionCode == regionCode);
        }

        var versions = await q.OrderBy(c => c.RegionCode).ThenByDescending(c => c.Version).ToListAsync(ct);
        var names = await db.Watersheds.Select(w => new { w.Id, w.Name }).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        return versions.Select(v => new CatalogVersionRow(v.Id, v.RegionCode, v.FirstYear, v.Version, v.Reason, v.AdjustedBy, v.AdjustedAt,
            v.Items.OrderBy(i => i.PlannedYear).ThenBy(i => i.ProductName, StringComparer.Ordinal)
                .Select(i => new CatalogItemRow(i.ProductName, i.ProductType, i.WatershedId, i.WatershedId is { } w && names.TryGetValue(w, out var n) ? n : null, i.PlannedYear, i.Notes)).ToList())).ToList();
    }
}
