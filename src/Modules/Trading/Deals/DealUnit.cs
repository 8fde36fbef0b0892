using Microsoft.EntityFrameworkCore;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Trading.Data;

namespace Qingshan.Trading.Deals;

/// <summary>Who may take each step (the competent authority for suspension is water, DRC or finance). The system actor may do all.</summary>
internal static class TradingPermissions
{
    public static readonly string[] Authorities = [Roles.WaterBureau, Roles.DevelopmentReform, Roles.Finance];

    public static Result Require(Actor actor, string step, params string[] roles) =>
        actor.IsInRole("system") || (actor.IsAuthenticated && roles.Any(actor.IsInRole)) ? Result.Success() : TradingErrors.Forbidden(step);

    /// <summary>Whether the actor's own holder binding decides (everyone but the system and the listed roles).</summary>
    public static bool MustActForHolder(Actor actor, params string[] exempt) => !actor.IsInRole("system") && !exempt.Any(actor.IsInRole);
}

/// <summary>
/// One step on one deal: a transaction, the deal lock (advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite), the
/// server clock read after the lock, and the deal's changes written to its history and the outbox in the same save.
/// </summary>
public sealed class DealUnit(TradingDb db, TimeProvider clock)
{
    internal TradingDb Db => db;

    internal static string LockKey(Guid dealId) => "trading.deal:" + dealId.ToString("N");

    /// <summary>
    /// Begins the step's write transaction (<see cref="WriteTransaction"/>: the write lock before the deal is read).
    /// </summary>
    internal static Task<WriteTransaction> BeginAsync(TradingDb db, CancellationToken ct)
    {
        // A step judges the database as it is now, never entities an earlier step of this context left tracked: a
        // page's context lives as long as the page, and EF would hand back its stale copy of the deal (a second bid
        // from the same bidding room reused a bid sequence another bidder had taken meanwhile).
        db.ChangeTracker.Clear();
        return WriteTransaction.BeginAsync(db, ct);
    }

    internal async Task<Result<T>> RunAsync<T>(Guid dealId, Func<Deal, DateTimeOffset, Task<Result<T>>> step, CancellationToken ct)
    {
        await using var tx = await BeginAsync(db, ct);
        await DbLocks.AcquireAsync(db, LockKey(dealId), ct);
        var deal = await db.Deals.FirstOrDefaultAsync(d => d.Id == dealId, ct);
        if (deal is null)
        {
            return TradingErrors.DealNotFound(dealId.ToString());
        }

        var now = clock.GetUtcNow();
        var result = await step(deal, now);
        if (result.IsFailure)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return result;
        }

        Flush(deal, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }

    internal async Task<Result> RunAsync(Guid dealId, Func<Deal, DateTimeOffset, Task<Result>> step, CancellationToken ct)
    {
        var r = await RunAsync<bool>(dealId, async (d, now) =>
        {
            var x = await step(d, now);
            return x.IsSuccess ? Result<bool>.Success(true) : Result<bool>.Failure(x.Error!);
        }, ct);
        return r.IsSuccess ? Result.Success() : Result.Failure(r.Error!);
    }

    internal Task<Result> RunAsync(Guid dealId, Func<Deal, DateTimeOffset, Result> step, CancellationToken ct) =>
        RunAsync(dealId, (d, now) => Task.FromResult(step(d, now)), ct);

    /// <summary>Writes the deal's queued changes as history lines and outbox messages.</summary>
    internal void Flush(Deal deal, DateTimeOffset now)
    {
        foreach (var change in deal.Changes)
        {
            db.History.Add(new DealHistoryEntry(deal.Id, now, change.Action, change.From, change.To, db.Actor, change.Note));
            db.Record(now, change.Action, deal.Id.ToString(), deal.RegionCode, new { deal.Code, From = change.From.ToString(), To = change.To.ToString(), change.Note });
        }

        deal.ClearChanges();
    }

    /// <summary>An action that is not a transition (a bidder registered, a deposit paid) still goes to history and outbox.</summary>
    /// <param name="by">Whose act it is, when not the context's actor (a bid judged in a group commit).</param>
    internal void Note(Deal deal, DateTimeOffset now, string action, string? note, object payload, Actor? by = null)
    {
        var (line, message) = NoteRows(deal, now, action, note, payload, by ?? db.Actor);
        db.History.Add(line);
        db.Outbox.Add(message);
    }

    /// <summary>
    /// <see cref="Note"/>'s history line and outbox message, untracked: a group commit writes many of them at once with
    /// <see cref="BulkInsert"/> instead of through change tracking.
    /// </summary>
    internal static (DealHistoryEntry Line, OutboxMessage Message) NoteRows(Deal deal, DateTimeOffset now, string action, string? note, object payload, Actor by) =>
        (new DealHistoryEntry(deal.Id, now, action, deal.Status, deal.Status, by, note),
         OutboxMessage.Create(now, TradingEvents.Module, action, deal.Id.ToString(), deal.RegionCode, by, payload));
}
