using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Data;

namespace Qingshan.Registry.Holders;

/// <summary>A holder as shown in lists and exports: ID numbers and phones are masked unless the actor's role needs them.</summary>
public sealed record HolderRow(Guid Id, HolderKind Kind, string Name, string RegionCode, string? CreditCode, string? IdNumber, string? Phone, string? ContactName, bool IsCultivatingInvestor, int RightCount);

public sealed class HolderQueries(RegistryDb db)
{
    public async Task<List<HolderRow>> ListAsync(string? search = null, HolderKind? kind = null, CancellationToken ct = default)
    {
        var q = db.Holders.AsQueryable();
        if (!string.IsNullOrWhiteSpace(search))
        {
            q = q.Where(h => h.Name.Contains(search) || (h.CreditCode != null && h.CreditCode.Contains(search)));
        }

        if (kind is { } k)
        {
            q = q.Where(h => h.Kind == k);
        }

        var rows = await q.OrderBy(h => h.Kind).ThenBy(h => h.Name)
            .Select(h => new { h, Rights = db.Rights.Count(r => r.HolderId == h.Id) }).ToListAsync(ct);
        var reveal = db.Actor.MaySeePersonal();
        return rows.Select(x => new HolderRow(x.h.Id, x.h.Kind, x.h.Name, x.h.RegionCode, x.h.CreditCode,
            reveal ? x.h.IdNumber : x.h.IdNumber is null ? null : ResidentIdNumber.Mask(x.h.IdNumber),
            reveal ? x.h.Phone : x.h.Phone is null ? null : ResidentIdNumber.Mask(x.h.Phone),
            x.h.ContactName, x.h.IsCultivatingInvestor, x.Rights)).ToList();
    }
}

/// <summary>A holder's public fields, readable across regions (a bidder may come from anywhere): no personal data.</summary>
public sealed record HolderPublic(Guid Id, HolderKind Kind, string Name, string RegionCode, bool IsCultivatingInvestor);

/// <summary>Public-field look-ups for other modules (trading checks bidders and the priority right).</summary>
public sealed class HolderDirectory(RegistryDb db)
{
    public Task<HolderPublic?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Holders.IgnoreQueryFilters().Where(h => h.Id == id)
            .Select(h => new HolderPublic(h.Id, h.Kind, h.Name, h.RegionCode, h.IsCultivatingInvestor)).FirstOrDefaultAsync(ct);
}
