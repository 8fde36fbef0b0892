using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Data;

namespace Qingshan.Registry.Regions;

/// <summary>Add or rename an administrative division (administrators only; the parent must already exist).</summary>
public sealed record SaveRegion(string Code, string Name, bool IsActive = true);

public sealed class SaveRegionHandler(RegistryDb db, TimeProvider clock)
{
    public async Task<Result> HandleAsync(SaveRegion request, CancellationToken ct = default)
    {
        if (!AdminDivisionCode.TryParse(request.Code, out var code))
        {
            return RegistryErrors.RegionCodeInvalid(request.Code);
        }

        if (!db.Actor.Scope.Includes(code.Value))
        {
            return RegistryErrors.RegionOutOfScope(code.Value);
        }

        if (code.Parent is { } parent && !await db.Regions.AnyAsync(r => r.Code == parent.Value, ct))
        {
            return RegistryErrors.RegionParentMissing(parent.Value);
        }

        var region = await db.Regions.FindAsync([code.Value], ct);
        if (region is null)
        {
            region = new Region(code, request.Name.Trim());
            db.Regions.Add(region);
        }
        else
        {
            region.Rename(request.Name.Trim());
        }

        region.SetActive(request.IsActive);
        db.Record(clock.GetUtcNow(), RegistryEvents.RegionSaved, code.Value, code.Value, request);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }
}
