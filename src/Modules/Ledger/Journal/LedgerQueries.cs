using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Data;

namespace Qingshan.Ledger.Journal;

public sealed record AccountBalance(string Code, AccountKind Kind, string RegionCode, Guid? DealId, Money Balance, bool IsFrozen);

/// <summary>One posting of a journal entry, with its account's kind and deal.</summary>
public sealed record JournalLine(string AccountCode, AccountKind Kind, Guid? AccountDealId, Money Amount);

/// <summary>A journal entry with its postings (凭证).</summary>
public sealed record JournalRow(long EntryId, string BusinessKey, DateTimeOffset PostedAt, string Description, string RegionCode, Guid? DealId, string PostedBy, IReadOnlyList<JournalLine> Lines);

public sealed record StatementLine(long EntryId, string BusinessKey, DateTimeOffset PostedAt, string Description, string AccountCode, Money Amount);

/// <summary>The outcome of the conservation check: empty <see cref="Violations"/> means every fen is accounted for.</summary>
public sealed record ConservationReport(Money CameIn, Money Held, Money PaidOut, Money Refunded, IReadOnlyList<string> Violations)
{
    public bool Holds => Violations.Count == 0;
}

/// <summary>An outbox message waiting for the ledger (the fields a consumer needs).</summary>
public sealed record PendingEvent(long Id, string Module, string EventType, string ObjectId, string? RegionCode, DateTimeOffset OccurredAt, string Payload);

/// <summary>An event the ledger consumed but could not post (its refusal code), for finance to look at.</summary>
public sealed record RefusedEvent(long OutboxId, string EventType, DateTimeOffset ConsumedAt, string ErrorCode);

public sealed class LedgerQueries(LedgerDb db)
{
    /// <summary>
    /// Outbox messages of <paramref name="module"/> with one of <paramref name="eventTypes"/> that the ledger has not
    /// consumed yet, oldest first. An anti-join, not a cursor: a transaction that commits a lower id late is not skipped.
    /// </summary>
    public async Task<List<PendingEvent>> PendingEventsAsync(string module, IReadOnlyCollection<string> eventTypes, int take, CancellationToken ct = default) =>
        await db.Outbox.AsNoTracking()
            .Where(m => m.Module == module && eventTypes.Contains(m.EventType) && !db.ConsumedEvents.Any(c => c.OutboxId == m.Id))
            .OrderBy(m => m.Id).Take(take)
            .Select(m => new PendingEvent(m.Id, m.Module, m.EventType, m.ObjectId, m.RegionCode, m.OccurredAt, m.Payload))
            .ToListAsync(ct);

    /// <summary>The latest earlier outbox message of a type about an object (e.g. the settlement terms of a deal), or null.</summary>
    public async Task<PendingEvent?> LatestEventAsync(string module, string eventType, string objectId, long beforeId, CancellationToken ct = default) =>
        await db.Outbox.AsNoTracking()
            .Where(m => m.Module == module && m.EventType == eventType && m.ObjectId == objectId && m.Id < beforeId)
            .OrderByDescending(m => m.Id)
            .Select(m => new PendingEvent(m.Id, m.Module, m.EventType, m.ObjectId, m.RegionCode, m.OccurredAt, m.Payload))
            .FirstOrDefaultAsync(ct);

    /// <summary>Every outbox message of one type of a module in the actor's scope, oldest first.</summary>
    public async Task<List<PendingEvent>> EventsAsync(string module, string eventType, CancellationToken ct = default)
    {
        var prefix = db.Actor.Scope.Prefix;
        return await db.Outbox.AsNoTracking()
            .Where(m => m.Module == module && m.EventType == eventType && m.RegionCode != null && m.RegionCode.StartsWith(prefix))
            .OrderBy(m => m.Id)
            .Select(m => new PendingEvent(m.Id, m.Module, m.EventType, m.ObjectId, m.RegionCode, m.OccurredAt, m.Payload))
            .ToListAsync(ct);
    }

    public async Task<List<RefusedEvent>> RefusedEventsAsync(CancellationToken ct = default) =>
        (await db.ConsumedEvents.AsNoTracking().Where(c => c.ErrorCode != null).OrderBy(c => c.OutboxId).ToListAsync(ct))
            .Select(c => new RefusedEvent(c.OutboxId, c.EventType, c.ConsumedAt, c.ErrorCode!)).ToList();

    /// <summary>A deal's balances by account kind, regardless of the reader's scope: for public disclosure of where a deal's money went.</summary>
    public async Task<Dictionary<AccountKind, long>> PublicDealBalancesAsync(Guid dealId, CancellationToken ct = default) =>
        (await db.Accounts.IgnoreQueryFilters().AsNoTracking().Where(a => a.DealId == dealId).Select(a => new { a.Kind, a.BalanceFen }).ToListAsync(ct))
            .GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => g.Sum(a => a.BalanceFen));

    public Task<int> ConsumedCountAsync(CancellationToken ct = default) => db.ConsumedEvents.CountAsync(ct);

    /// <summary>试算平衡表: every account in scope with its balance.</summary>
    public async Task<List<AccountBalance>> TrialBalanceAsync(CancellationToken ct = default) =>
        (await db.Accounts.OrderBy(a => a.Code).ToListAsync(ct))
            .Select(a => new AccountBalance(a.Code, a.Kind, a.RegionCode, a.DealId, new Money(a.BalanceFen), a.IsFrozen)).ToList();

    /// <summary>
    /// 日记账: entries in the actor's scope, oldest first, optionally of one region (code prefix), one deal and posted in
    /// [<paramref name="from"/>, <paramref name="to"/>).
    /// </summary>
    public async Task<List<JournalRow>> JournalAsync(string? regionPrefix = null, Guid? dealId = null, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken ct = default)
    {
        // The scope is spelled out, not left to the query filter alone: nothing in this query may ever ignore filters.
        var scope = db.Actor.Scope.Prefix;
        var entries = db.Entries.AsNoTracking().Where(e => e.RegionCode.StartsWith(scope));
        if (!string.IsNullOrEmpty(regionPrefix))
        {
            entries = entries.Where(e => e.RegionCode.StartsWith(regionPrefix));
        }

        if (dealId is { } deal)
        {
            entries = entries.Where(e => e.DealId == deal);
        }

        if (from is { } f)
        {
            entries = entries.Where(e => e.PostedAt >= f);
        }

        if (to is { } t)
        {
            entries = entries.Where(e => e.PostedAt < t);
        }

        var rows = await (from e in entries
                          join p in db.Postings on e.Id equals p.EntryId
                          join a in db.Accounts on p.AccountCode equals a.Code
                          orderby e.Id, p.Id
                          select new { e.Id, e.BusinessKey, e.PostedAt, e.Description, e.RegionCode, e.DealId, e.PostedBy, p.AccountCode, a.Kind, AccountDeal = a.DealId, p.AmountFen })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Id).Select(g =>
        {
            var e = g.First();
            return new JournalRow(e.Id, e.BusinessKey, e.PostedAt, e.Description, e.RegionCode, e.DealId, e.PostedBy,
                g.Select(r => new JournalLine(r.AccountCode, r.Kind, r.AccountDeal, new Money(r.AmountFen))).ToList());
        }).ToList();
    }

    /// <summary>A deal's statement: every posting to its accounts, in order.</summary>
    public async Task<List<StatementLine>> DealStatementAsync(Guid dealId, CancellationToken ct = default)
    {
        // A join, not SelectMany over the navigation: SQLite cannot run the APPLY that would need.
        var rows = await (from e in db.Entries
                          join p in db.Postings on e.Id equals p.EntryId
                          where e.DealId == dealId
                          orderby e.Id, p.Id
                          select new { e.Id, e.BusinessKey, e.PostedAt, e.Description, p.AccountCode, p.AmountFen })
            .ToListAsync(ct);
        return rows.Select(r => new StatementLine(r.Id, r.BusinessKey, r.PostedAt, r.Description, r.AccountCode, new Money(r.AmountFen))).ToList();
    }

    /// <summary>
    /// The conservation invariant, recomputed from the postings: every entry balances; every stored balance equals the
    /// sum of its postings; and what came in through the bank equals what is held plus what was paid out or refunded.
    /// </summary>
    public async Task<ConservationReport> CheckConservationAsync(CancellationToken ct = default)
    {
        var violations = new List<string>();
        var unbalanced = await db.Postings.GroupBy(p => p.EntryId).Select(g => new { g.Key, Sum = g.Sum(p => p.AmountFen) }).Where(x => x.Sum != 0).ToListAsync(ct);
        violations.AddRange(unbalanced.Select(u => $"entry {u.Key} does not balance ({u.Sum} fen)"));

        var sums = await db.Postings.GroupBy(p => p.AccountCode).Select(g => new { g.Key, Sum = g.Sum(p => p.AmountFen) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var accounts = await db.Accounts.IgnoreQueryFilters().ToListAsync(ct);
        foreach (var a in accounts)
        {
            var sum = sums.GetValueOrDefault(a.Code);
            if (sum != a.BalanceFen)
            {
                violations.Add($"account {a.Code} balance {a.BalanceFen} ≠ postings {sum}");
            }
        }

        long Of(params AccountKind[] kinds) => accounts.Where(a => kinds.Contains(a.Kind)).Sum(a => a.BalanceFen);
        var cameIn = -Of(AccountKind.BankClearing);
        var paidOut = Of(AccountKind.PaidOut);
        var refunded = Of(AccountKind.Refunds);
        var held = accounts.Where(a => a.Kind is not (AccountKind.BankClearing or AccountKind.PaidOut or AccountKind.Refunds)).Sum(a => a.BalanceFen);
        if (cameIn != held + paidOut + refunded)
        {
            violations.Add($"came in {cameIn} ≠ held {held} + paid out {paidOut} + refunded {refunded}");
        }

        return new ConservationReport(new Money(cameIn), new Money(held), new Money(paidOut), new Money(refunded), violations);
    }
}
