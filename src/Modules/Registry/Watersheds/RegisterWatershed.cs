using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Registry.Data;

namespace Qingshan.Registry.Watersheds;

/// <summary>Register a clean small watershed (生态清洁小流域) in a county.</summary>
public sealed record RegisterWatershed(string Code, string Name, string RegionCode, decimal AreaSquareKilometres, int TreatmentStartYear, int TreatmentEndYear, WatershedStatus Status, string? Description = null);

public sealed class RegisterWatershedHandler(RegistryDb db, TimeProvider clock)
{
    public async Task<Result<Guid>> HandleAsync(RegisterWatershed request, CancellationToken ct = default)
    {
        var error = await WatershedRules.CheckAsync(db, request.Name, request.RegionCode, request.AreaSquareKilometres, request.TreatmentStartYear, request.TreatmentEndYear, ct);
        if (error is not null)
        {
            return error;
        }

        var code = request.Code.Trim();
        if (await db.Watersheds.IgnoreQueryFilters().AnyAsync(w => w.Code == code, ct))
        {
            return RegistryErrors.WatershedCodeTaken(code);
        }

        var at = clock.GetUtcNow();
        var watershed = new Watershed(code, request.Name.Trim(), request.RegionCode, request.AreaSquareKilometres, request.TreatmentStartYear, request.TreatmentEndYear, request.Status, at);
        watershed.Update(watershed.Name, watershed.AreaSquareKilometres, watershed.TreatmentStartYear, watershed.TreatmentEndYear, watershed.Status, request.Description);
        db.Watersheds.Add(watershed);
        db.Record(at, RegistryEvents.WatershedRegistered, watershed.Id.ToString(), request.RegionCode, request);
        await db.SaveChangesAsync(ct);
        return watershed.Id;
    }
}

/// <summary>Change a watershed's name, area, treatment period or status.</summary>
public sealed record UpdateWatershed(Guid Id, string Name, decimal AreaSquareKilometres, int TreatmentStartYear, int TreatmentEndYear, WatershedStatus Status, string? Description = null);

public sealed class UpdateWatershedHandler(RegistryDb db, TimeProvider clock)
{
    public async Task<Result> HandleAsync(UpdateWatershed request, CancellationToken ct = default)
    {
        var watershed = await db.Watersheds.FirstOrDefaultAsync(w => w.Id == request.Id, ct);
        if (watershed is null)
        {
            return RegistryErrors.WatershedNotFound(request.Id.ToString());
        }

        var error = await WatershedRules.CheckAsync(db, request.Name, watershed.RegionCode, request.AreaSquareKilometres, request.TreatmentStartYear, request.TreatmentEndYear, ct);
        if (error is not null)
        {
            return error;
        }

        watershed.Update(request.Name.Trim(), request.AreaSquareKilometres, request.TreatmentStartYear, request.TreatmentEndYear, request.Status, request.Description);
        db.Record(clock.GetUtcNow(), RegistryEvents.WatershedUpdated, watershed.Id.ToString(), watershed.RegionCode, request);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }
}

internal static class WatershedRules
{
    public static async Task<Error?> CheckAsync(RegistryDb db, string name, string regionCode, decimal area, int startYear, int endYear, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return RegistryErrors.WatershedNameRequired();
        }

        if (!db.Actor.Scope.Includes(regionCode))
        {
            return RegistryErrors.RegionOutOfScope(regionCode);
        }

        if (!await db.Regions.AnyAsync(r => r.Code == regionCode, ct))
        {
            return RegistryErrors.RegionNotFound(regionCode);
        }

        if (area <= 0 || startYear < 1950 || endYear < startYear || endYear > startYear + 30)
        {
            return RegistryErrors.WatershedPeriodInvalid();
        }

        return null;
    }
}
