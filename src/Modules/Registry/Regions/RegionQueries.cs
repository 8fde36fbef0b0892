using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Data;

namespace Qingshan.Registry.Regions;

public sealed record RegionRow(string Code, string Name, AdminLevel Level, string? ParentCode, bool IsActive);

public sealed class RegionQueries(RegistryDb db)
{
    /// <summary>Every region (codes and names are public), ordered by code so parents precede children.</summary>
    public Task<List<RegionRow>> ListAsync(CancellationToken ct = default) =>
        db.Regions.OrderBy(r => r.Code).Select(r => new RegionRow(r.Code, r.Name, r.Level, r.ParentCode, r.IsActive)).ToListAsync(ct);

    /// <summary>Regions inside the actor's data scope (for pickers on forms).</summary>
    public Task<List<RegionRow>> ListInScopeAsync(CancellationToken ct = default)
    {
        var prefix = db.Actor.Scope.Prefix;
        return db.Regions.Where(r => r.Code.StartsWith(prefix)).OrderBy(r => r.Code)
            .Select(r => new RegionRow(r.Code, r.Name, r.Level, r.ParentCode, r.IsActive)).ToListAsync(ct);
    }

    public async Task<string?> NameOfAsync(string code, CancellationToken ct = default) =>
        await db.Regions.Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct);
}
