using Microsoft.EntityFrameworkCore;
using Qingshan.Accounting.Data;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Valuation;
using Qingshan.Valuation.Parameters;

namespace Qingshan.Accounting.Parameters;

/// <summary>Store a parameter set as a new version (a national seed, or a file a bureau prepared). Region empty = national.</summary>
public sealed record ImportParameterSet(ParameterSet Set, string RegionCode = "");

public sealed class ImportParameterSetHandler(AccountingDb db, TimeProvider clock)
{
    public async Task<Result<Guid>> HandleAsync(ImportParameterSet request, CancellationToken ct = default)
    {
        var check = await ParameterSetRules.CheckNewAsync(db, request.Set, request.RegionCode, ct);
        if (check is not null)
        {
            return check;
        }

        var at = clock.GetUtcNow();
        var stored = StoredParameterSet.Create(request.Set, request.RegionCode, null, db.Actor, at);
        db.ParameterSets.Add(stored);
        db.Record(at, AccountingEvents.ParameterSetSaved, stored.Id.ToString(), NullIfEmpty(request.RegionCode), new { stored.Version, stored.ContentHash, stored.ParameterCount });
        await db.SaveChangesAsync(ct);
        return stored.Id;
    }

    internal static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

/// <summary>
/// Derive a regional set from a national or provincial one (<see cref="ParameterSet.Derive"/>): overrides replace or add
/// parameters, removals drop them. The new set starts as a draft and needs approval before a run may use it.
/// </summary>
public sealed record DeriveParameterSet(Guid BaseId, string Version, string RegionCode, IReadOnlyList<Parameter> Overrides, IReadOnlyList<string>? Removals = null);

public sealed class DeriveParameterSetHandler(AccountingDb db, TimeProvider clock)
{
    public async Task<Result<Guid>> HandleAsync(DeriveParameterSet request, CancellationToken ct = default)
    {
        var parent = await db.ParameterSets.FirstOrDefaultAsync(s => s.Id == request.BaseId, ct);
        if (parent is null || !parent.IsVisibleTo(db.Actor))
        {
            return AccountingErrors.ParameterSetNotFound(request.BaseId.ToString());
        }

        if (string.IsNullOrWhiteSpace(request.Version))
        {
            return AccountingErrors.ParameterSetInvalid("version");
        }

        ParameterSet derived;
        try
        {
            derived = parent.ToParameterSet().Derive(request.Version.Trim(), request.RegionCode, request.Overrides, request.Removals);
        }
        catch (ArgumentException e)
        {
            return AccountingErrors.ParameterSetInvalid(e.Message);
        }

        var check = await ParameterSetRules.CheckNewAsync(db, derived, request.RegionCode, ct);
        if (check is not null)
        {
            return check;
        }

        var at = clock.GetUtcNow();
        var stored = StoredParameterSet.Create(derived, request.RegionCode, parent.Id, db.Actor, at);
        db.ParameterSets.Add(stored);
        db.Record(at, AccountingEvents.ParameterSetDerived, stored.Id.ToString(), ImportParameterSetHandler.NullIfEmpty(request.RegionCode),
            new { stored.Version, BasedOn = parent.Version, stored.ContentHash, Changes = ParameterSet.Diff(parent.ToParameterSet(), derived).Select(c => new { c.Id, Kind = c.Kind.ToString() }) });
        await db.SaveChangesAsync(ct);
        return stored.Id;
    }
}

/// <summary>Replace a draft set's parameters. Refused once a run used the set (<c>accounting.parameter_set.in_use</c>) or it was approved.</summary>
public sealed record UpdateParameterSet(Guid Id, IReadOnlyList<Parameter> Parameters);

public sealed class UpdateParameterSetHandler(AccountingDb db, TimeProvider clock)
{
    public async Task<Result> HandleAsync(UpdateParameterSet request, CancellationToken ct = default)
    {
        var stored = await db.ParameterSets.FirstOrDefaultAsync(s => s.Id == request.Id, ct);
        if (stored is null || !stored.IsVisibleTo(db.Actor) || !ParameterSetRules.MayWrite(db.Actor, stored.RegionCode))
        {
            return AccountingErrors.ParameterSetNotFound(request.Id.ToString());
        }

        ParameterSet candidate;
        try
        {
            candidate = new ParameterSet(stored.Version, stored.RegionCode, request.Parameters, stored.BasedOnVersion);
        }
        catch (ArgumentException e)
        {
            return AccountingErrors.ParameterSetInvalid(e.Message);
        }

        if (candidate.Validate().FirstOrDefault(i => i.IsError) is { } issue)
        {
            return AccountingErrors.FromIssue(issue);
        }

        var result = stored.Replace(request.Parameters);
        if (result.IsFailure)
        {
            return result;
        }

        db.Record(clock.GetUtcNow(), AccountingEvents.ParameterSetSaved, stored.Id.ToString(), ImportParameterSetHandler.NullIfEmpty(stored.RegionCode), new { stored.Version, stored.ContentHash, stored.ParameterCount });
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }
}

/// <summary>
/// Approve a set for use by runs: a development-and-reform or water-bureau account other than its author, in whose
/// scope the set's region lies (a national set: a platform-wide account).
/// </summary>
public sealed record ApproveParameterSet(Guid Id);

public sealed class ApproveParameterSetHandler(AccountingDb db, TimeProvider clock)
{
    public async Task<Result> HandleAsync(ApproveParameterSet request, CancellationToken ct = default)
    {
        var stored = await db.ParameterSets.FirstOrDefaultAsync(s => s.Id == request.Id, ct);
        if (stored is null || !stored.IsVisibleTo(db.Actor))
        {
            return AccountingErrors.ParameterSetNotFound(request.Id.ToString());
        }

        var actor = db.Actor;
        if (!(actor.IsInRole(Roles.DevelopmentReform) || actor.IsInRole(Roles.WaterBureau) || actor.Scope.IsAll) || !ParameterSetRules.MayWrite(actor, stored.RegionCode))
        {
            return AccountingErrors.RunRoleNotAllowed("approve_parameter_set");
        }

        var at = clock.GetUtcNow();
        var result = stored.Approve(actor, at);
        if (result.IsFailure)
        {
            return result;
        }

        db.Record(at, AccountingEvents.ParameterSetApproved, stored.Id.ToString(), ImportParameterSetHandler.NullIfEmpty(stored.RegionCode), new { stored.Version, stored.ContentHash });
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }
}

public sealed record ParameterSetRow(Guid Id, string Version, string RegionCode, string? BasedOnVersion, ParameterSetStatus Status, bool IsUsed, int ParameterCount, string ContentHash, string CreatedBy, DateTimeOffset CreatedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt);

public sealed class ParameterSetQueries(AccountingDb db)
{
    /// <summary>Sets visible to the actor: national ones, its own region's, its parents' and its children's.</summary>
    public async Task<List<ParameterSetRow>> ListAsync(CancellationToken ct = default)
    {
        var all = await db.ParameterSets.AsNoTracking().ToListAsync(ct);
        return [.. all.Where(s => s.IsVisibleTo(db.Actor)).OrderBy(s => s.RegionCode, StringComparer.Ordinal).ThenBy(s => s.CreatedAt).Select(ToRow)];
    }

    public async Task<ParameterSet?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var s = await db.ParameterSets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return s is not null && s.IsVisibleTo(db.Actor) ? s.ToParameterSet() : null;
    }

    public async Task<Guid?> IdOfAsync(string version, CancellationToken ct = default)
    {
        var s = await db.ParameterSets.AsNoTracking().FirstOrDefaultAsync(x => x.Version == version, ct);
        return s is not null && s.IsVisibleTo(db.Actor) ? s.Id : null;
    }

    /// <summary>What changed from <paramref name="olderId"/> to <paramref name="newerId"/> (typically a set and the set it was derived from).</summary>
    public async Task<Result<IReadOnlyList<ParameterChange>>> DiffAsync(Guid olderId, Guid newerId, CancellationToken ct = default)
    {
        var older = await GetAsync(olderId, ct);
        if (older is null)
        {
            return AccountingErrors.ParameterSetNotFound(olderId.ToString());
        }

        var newer = await GetAsync(newerId, ct);
        if (newer is null)
        {
            return AccountingErrors.ParameterSetNotFound(newerId.ToString());
        }

        return Result<IReadOnlyList<ParameterChange>>.Success(ParameterSet.Diff(older, newer));
    }

    private static ParameterSetRow ToRow(StoredParameterSet s) =>
        new(s.Id, s.Version, s.RegionCode, s.BasedOnVersion, s.Status, s.IsUsed, s.ParameterCount, s.ContentHash, s.CreatedBy, s.CreatedAt, s.ApprovedBy, s.ApprovedAt);
}

internal static class ParameterSetRules
{
    /// <summary>National sets are written by platform-wide accounts; regional sets by accounts whose scope holds the region.</summary>
    public static bool MayWrite(Actor actor, string regionCode) =>
        regionCode.Length == 0 ? actor.Scope.IsAll : actor.Scope.Includes(regionCode);

    public static async Task<Error?> CheckNewAsync(AccountingDb db, ParameterSet set, string regionCode, CancellationToken ct)
    {
        if (regionCode.Length > 0 && !AdminDivisionCode.TryParse(regionCode, out _))
        {
            return AccountingErrors.ParameterSetInvalid(regionCode);
        }

        if (!MayWrite(db.Actor, regionCode) || !(db.Actor.IsInRole(Roles.WaterBureau) || db.Actor.Scope.IsAll))
        {
            return AccountingErrors.RunRoleNotAllowed("write_parameter_set");
        }

        if (string.IsNullOrWhiteSpace(set.Version) || set.Version.Length > 64)
        {
            return AccountingErrors.ParameterSetInvalid("version");
        }

        if (set.Validate().FirstOrDefault(i => i.IsError) is { } issue)
        {
            return AccountingErrors.FromIssue(issue);
        }

        if (await db.ParameterSets.AnyAsync(s => s.Version == set.Version, ct))
        {
            return AccountingErrors.ParameterSetVersionTaken(set.Version);
        }

        return null;
    }
}
