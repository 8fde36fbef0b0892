using Microsoft.EntityFrameworkCore;
using Qingshan.Registry.Data;

namespace Qingshan.Registry.Watersheds;

public sealed record WatershedRow(Guid Id, string Code, string Name, string RegionCode, decimal AreaSquareKilometres, int TreatmentStartYear, int TreatmentEndYear, WatershedStatus Status, string? Description, int PlotCount, double PlotAreaSquareMetres);

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
}
