using Microsoft.EntityFrameworkCore;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Data;

namespace Qingshan.Ledger.Journal;

/// <summary>
/// One ledger transaction: several entries, freezes and the consumed-event mark commit together or not at all. The
/// ledger lock is taken first (advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite), and before commit the
/// conservation invariant is checked: all account balances still add up to zero fen, i.e. what came in through the
/// bank equals what is held plus what was paid out or refunded. A violation is a bug: it throws and rolls back.
/// </summary>
public sealed class LedgerUnit(LedgerDb db, TimeProvider clock)
{
    public async Task<Result<T>> RunAsync<T>(Func<LedgerSession, Task<Result<T>>> work, CancellationToken ct = default)
    {
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        await DbLocks.AcquireAsync(db, "ledger", ct);
        var session = new LedgerSession(db, clock);
        var result = await work(session);
        if (result.IsFailure)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return result;
        }

        await db.SaveChangesAsync(ct);

        // Conservation, checked on what this transaction touched: the stored balances of every account it changed
        // must add up to what they added up to before (every balance change in a ledger transaction goes through
        // the session's accounts). All balances summed to zero before — each commit keeps it so — hence they still do.
        // An index lookup of a few rows instead of a scan of every account (the full recomputation from the postings
        // is LedgerQueries.CheckConservationAsync: page 资金账务 and 'qingshan ledger check').
        var codes = session.TouchedCodes;
        if (codes.Count > 0)
        {
            long stored;
            await using (var command = db.InListCommand("SELECT COALESCE(SUM(balance_fen), 0) FROM ledger_accounts WHERE code IN {keys}", codes))
            {
                stored = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            }

            var change = stored - session.OpeningTotal;
            if (change != 0)
            {
                throw new InvalidOperationException($"ledger conservation violated: this transaction changed the balances by {change} fen in total");
            }
        }

        await tx.CommitAsync(ct);
        return result;
    }
}

/// <summary>What a <see cref="LedgerUnit"/> transaction can do. Reads see the session's own writes.</summary>
public sealed class LedgerSession
{
    private readonly LedgerDb db;
    private readonly TimeProvider clock;
    private readonly Dictionary<string, LedgerAccount> accounts = new(StringComparer.Ordinal);

    /// <summary>Each session account's balance when the session first saw it (0 for an account it opened).</summary>
    private readonly Dictionary<string, long> opening = new(StringComparer.Ordinal);

    /// <summary>Codes of the accounts whose balance this session changed.</summary>
    private readonly HashSet<string> touched = new(StringComparer.Ordinal);

    /// <summary>Accounts opened by the entries being posted, not yet written.</summary>
    private readonly List<LedgerAccount> opened = [];

    /// <summary>Stored accounts whose balance the entries being posted changed, not yet written.</summary>
    private readonly HashSet<string> changed = new(StringComparer.Ordinal);

    internal IReadOnlyCollection<string> TouchedCodes => touched.ToList();

    internal long OpeningTotal => touched.Sum(c => opening[c]);

    internal LedgerSession(LedgerDb db, TimeProvider clock)
    {
        this.db = db;
        this.clock = clock;
    }

    /// <summary>Funds spent by reinvestment may not go below zero.</summary>
    private static readonly AccountKind[] NoOverdraft = [AccountKind.ErosionControlFund, AccountKind.MaintenanceFund, AccountKind.DepositsHeld, AccountKind.Proceeds];

    public async Task<Result<PostedEntry>> PostAsync(PostEntry request, CancellationToken ct = default) =>
        (await PostManyAsync([new QueuedPosting(request, db.Actor)], ct))[0];

    /// <summary>
    /// Posts several entries in this transaction, in order, with one idempotency query for all their business keys,
    /// one read of the accounts they touch that the session has not seen yet, and one SaveChanges. Each entry is judged
    /// on the balances left by the entries before it; a refused entry (unbalanced, out of scope, frozen account,
    /// overdraft, business key reused) writes nothing and refuses only itself. A business key seen twice has one
    /// effect: the second is a replay of the first (or refused when its lines differ).
    /// </summary>
    internal async Task<Result<PostedEntry>[]> PostManyAsync(IReadOnlyList<QueuedPosting> items, CancellationToken ct = default)
    {
        var results = new Result<PostedEntry>?[items.Count];
        var planned = new List<(string Code, AccountKind Kind, Guid? Deal, long Amount)>?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var (request, actor) = (items[i].Request, items[i].Actor);
            var lines = request.Lines.Where(l => l.Amount.Fen != 0).ToList();
            if (lines.Count == 0)
            {
                results[i] = LedgerErrors.EntryEmpty();
                continue;
            }

            var debits = lines.Where(l => l.Amount.Fen > 0).Sum(l => l.Amount.Fen);
            var credits = -lines.Where(l => l.Amount.Fen < 0).Sum(l => l.Amount.Fen);
            if (debits != credits)
            {
                results[i] = LedgerErrors.EntryUnbalanced(debits, credits);
                continue;
            }

            if (!actor.Scope.Includes(request.RegionCode))
            {
                results[i] = LedgerErrors.AccountOutOfScope(request.RegionCode);
                continue;
            }

            planned[i] = lines.GroupBy(l => PostEntryHandler.Code(l, request.RegionCode))
                .Select(g => (Code: g.Key, Kind: g.First().Account, Deal: g.First().DealId, Amount: g.Sum(x => x.Amount.Fen)))
                .Where(p => p.Amount != 0).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        }

        // Idempotency: one query for every business key of the batch (the key and id only; postings only for a replay).
        var keys = Enumerable.Range(0, items.Count).Where(i => planned[i] is not null).Select(i => items[i].Request.BusinessKey).Distinct(StringComparer.Ordinal).ToList();
        var stored = new Dictionary<string, (long Id, List<(string Code, long Amount)> Postings)>(StringComparer.Ordinal);
        if (keys.Count > 0)
        {
            var found = new List<(long Id, string BusinessKey)>();
            await using (var command = db.InListCommand("SELECT id, business_key FROM ledger_journal_entries WHERE business_key IN {keys}", keys))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    found.Add((reader.GetInt64(0), reader.GetString(1)));
                }
            }

            if (found.Count > 0)
            {
                var storedIds = found.Select(f => f.Id).ToList();
                var postings = await db.Postings.AsNoTracking().Where(p => storedIds.Contains(p.EntryId)).Select(p => new { p.EntryId, p.AccountCode, p.AmountFen }).ToListAsync(ct);
                foreach (var f in found)
                {
                    stored[f.BusinessKey] = (f.Id, postings.Where(p => p.EntryId == f.Id).Select(p => (p.AccountCode, p.AmountFen)).OrderBy(p => p.AccountCode, StringComparer.Ordinal).ToList());
                }
            }
        }

        // Every account the batch touches that the session has not seen yet, in one query.
        var unseen = planned.Where(p => p is not null).SelectMany(p => p!).Select(p => p.Code).Distinct(StringComparer.Ordinal).Where(c => !accounts.ContainsKey(c)).ToList();
        if (unseen.Count > 0)
        {
            await using var command = db.InListCommand("SELECT code, kind, region_code, deal_id, name, is_frozen, balance_fen FROM ledger_accounts WHERE code IN {keys}", unseen);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                Adopt(LedgerAccount.Stored(reader.GetString(0), (AccountKind)reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.GetString(4), reader.GetBoolean(5), reader.GetInt64(6)));
            }
        }

        var now = clock.GetUtcNow();
        var accepted = new Dictionary<string, (int Index, List<(string Code, long Amount)> Postings)>(StringComparer.Ordinal);
        var replayOf = new Dictionary<int, int>();
        var added = new List<(int Item, JournalEntry Entry)>();
        var records = new List<Qingshan.Data.OutboxMessage>();
        for (var i = 0; i < items.Count; i++)
        {
            if (planned[i] is not { } postings)
            {
                continue;
            }

            var request = items[i].Request;
            var wanted = postings.Select(p => (p.Code, p.Amount)).ToList();
            if (stored.TryGetValue(request.BusinessKey, out var earlier))
            {
                results[i] = earlier.Postings.SequenceEqual(wanted) ? new PostedEntry(earlier.Id, Replayed: true) : LedgerErrors.BusinessKeyReused(request.BusinessKey);
                continue;
            }

            if (accepted.TryGetValue(request.BusinessKey, out var sibling))
            {
                if (sibling.Postings.SequenceEqual(wanted))
                {
                    replayOf[i] = sibling.Index;
                }
                else
                {
                    results[i] = LedgerErrors.BusinessKeyReused(request.BusinessKey);
                }

                continue;
            }

            var refusal = Check(postings);
            if (refusal is not null)
            {
                results[i] = refusal;
                continue;
            }

            foreach (var p in postings)
            {
                if (!accounts.TryGetValue(p.Code, out var account))
                {
                    account = new LedgerAccount(p.Code, p.Kind, request.RegionCode, p.Deal, p.Kind.ToString());
                    opened.Add(account);
                    accounts[p.Code] = account;
                    opening[p.Code] = 0;
                }
                else if (!opened.Contains(account))
                {
                    changed.Add(p.Code);
                }

                account.Apply(p.Amount);
                touched.Add(p.Code);
            }

            var actor = items[i].Actor;
            var entry = new JournalEntry(request.BusinessKey, request.Description, request.RegionCode, request.DealId, now, actor.UserName, postings.Select(p => new Posting(p.Code, p.Amount)));
            records.Add(db.NewRecord(now, actor, "JournalEntryPosted", request.BusinessKey, request.RegionCode, new { request.BusinessKey, request.Description, request.DealId, Postings = postings.Select(p => new { Account = p.Code, AmountFen = p.Amount }) }));
            accepted[request.BusinessKey] = (added.Count, wanted);
            added.Add((i, entry));
        }

        var ids = added.Count > 0 ? await WriteAsync(added.ConvertAll(a => a.Entry), records, ct) : [];
        for (var k = 0; k < added.Count; k++)
        {
            results[added[k].Item] = new PostedEntry(ids[k], Replayed: false);
        }

        foreach (var (i, k) in replayOf)
        {
            results[i] = new PostedEntry(ids[k], Replayed: true);
        }

        return results.Select(r => r ?? throw new InvalidOperationException("a posting of the batch was not judged")).ToArray();
    }

    /// <summary>
    /// Writes what the entries just judged changed, as a handful of multi-row statements instead of one tracked entity
    /// per row: the accounts they opened, the new balances of the stored accounts they moved (one UPDATE), the entries
    /// (their ids read back), their postings and their audit outbox rows. The session's accounts then equal the store.
    /// </summary>
    private async Task<long[]> WriteAsync(List<JournalEntry> entries, List<Qingshan.Data.OutboxMessage> records, CancellationToken ct)
    {
        if (opened.Count > 0)
        {
            await db.InsertAsync(opened, ct);
            opened.Clear();
        }

        if (changed.Count > 0)
        {
            await UpdateBalancesAsync(changed.Select(c => accounts[c]).ToList(), ct);
            changed.Clear();
        }

        var ids = await db.InsertReturningIdsAsync(entries, ct);
        var postings = new List<Posting>(entries.Count * 2);
        for (var k = 0; k < entries.Count; k++)
        {
            postings.AddRange(entries[k].Postings.Select(p => new Posting(ids[k], p.AccountCode, p.AmountFen)));
        }

        await db.InsertAllAsync(postings, records, ct);
        return ids;
    }

    /// <summary>
    /// New balances of stored accounts. PostgreSQL: one <c>UPDATE … FROM (VALUES …)</c> per thousand accounts (a statement
    /// is a round trip). SQLite: one single-row UPDATE prepared once and executed per account (in process, and SQLite binds
    /// parameters by name with a linear scan, so a many-parameter statement costs the square of its size to bind).
    /// </summary>
    private async Task UpdateBalancesAsync(List<LedgerAccount> moved, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            using var command = db.CommandInTransaction("UPDATE ledger_accounts SET balance_fen = $balance WHERE code = $code");
            var balance = new Microsoft.Data.Sqlite.SqliteParameter("$balance", Microsoft.Data.Sqlite.SqliteType.Integer);
            var code = new Microsoft.Data.Sqlite.SqliteParameter("$code", Microsoft.Data.Sqlite.SqliteType.Text);
            command.Parameters.Add(balance);
            command.Parameters.Add(code);
            command.Prepare();
            foreach (var account in moved)
            {
                (balance.Value, code.Value) = (account.BalanceFen, account.Code);
                if (command.ExecuteNonQuery() != 1)
                {
                    throw new InvalidOperationException($"ledger: the balance of {account.Code} was to be written but no account was updated");
                }
            }

            return;
        }

        foreach (var chunk in moved.Chunk(1_000))
        {
            var values = new System.Text.StringBuilder();
            var arguments = new List<object>(chunk.Length * 2);
            for (var k = 0; k < chunk.Length; k++)
            {
                values.Append(k == 0 ? "({" : ", ({").Append(2 * k).Append("}, {").Append((2 * k) + 1).Append("})");
                arguments.Add(chunk[k].Code);
                arguments.Add(chunk[k].BalanceFen);
            }

            var sql = "UPDATE ledger_accounts SET balance_fen = v.column2 FROM (VALUES " + values + ") AS v WHERE ledger_accounts.code = v.column1";
            var updated = await db.Database.ExecuteSqlRawAsync(sql, arguments, ct);
            if (updated != chunk.Length)
            {
                throw new InvalidOperationException($"ledger: {chunk.Length} balances to write but {updated} accounts updated");
            }
        }
    }

    /// <summary>The frozen and overdraft checks of one entry against the balances as they stand in this session.</summary>
    private Error? Check(List<(string Code, AccountKind Kind, Guid? Deal, long Amount)> postings)
    {
        foreach (var p in postings)
        {
            var account = accounts.GetValueOrDefault(p.Code);
            if (account is { IsFrozen: true })
            {
                return LedgerErrors.AccountFrozen(account.Code);
            }

            var kind = account?.Kind ?? p.Kind;
            var balance = account?.BalanceFen ?? 0;
            if (NoOverdraft.Contains(kind) && balance + p.Amount < 0)
            {
                return LedgerErrors.InsufficientBalance(p.Code, balance, -p.Amount);
            }
        }

        return null;
    }

    /// <summary>An account's balance in fen (0 when it does not exist yet).</summary>
    public async Task<long> BalanceAsync(string code, CancellationToken ct = default) => (await AccountAsync(code, ct))?.BalanceFen ?? 0;

    /// <summary>Every account of a deal with its balance.</summary>
    public async Task<List<AccountBalance>> DealAccountsAsync(Guid dealId, CancellationToken ct = default)
    {
        var list = await db.Accounts.IgnoreQueryFilters().AsNoTracking().Where(a => a.DealId == dealId).ToListAsync(ct);
        return list.Select(Adopt).Select(a => new AccountBalance(a.Code, a.Kind, a.RegionCode, a.DealId, new Money(a.BalanceFen), a.IsFrozen)).OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>The postings of an earlier entry (to reverse it), or null.</summary>
    public async Task<List<(string Account, long AmountFen)>?> EntryPostingsAsync(string businessKey, CancellationToken ct = default)
    {
        var entry = await db.Entries.IgnoreQueryFilters().AsNoTracking().Include(e => e.Postings).FirstOrDefaultAsync(e => e.BusinessKey == businessKey, ct);
        return entry?.Postings.Select(p => (p.AccountCode, p.AmountFen)).ToList();
    }

    public async Task<bool> HasEntryAsync(string businessKey, CancellationToken ct = default) =>
        await db.Entries.IgnoreQueryFilters().AnyAsync(e => e.BusinessKey == businessKey, ct);

    /// <summary>账务封存 / 解封 of every account of a deal; returns how many accounts changed.</summary>
    public async Task<int> SetDealFrozenAsync(Guid dealId, bool frozen, string reason, CancellationToken ct = default)
    {
        var list = await db.Accounts.IgnoreQueryFilters().AsNoTracking().Where(a => a.DealId == dealId && a.IsFrozen != frozen).ToListAsync(ct);
        if (list.Count > 0)
        {
            await db.Accounts.IgnoreQueryFilters().Where(a => a.DealId == dealId && a.IsFrozen != frozen).ExecuteUpdateAsync(u => u.SetProperty(a => a.IsFrozen, frozen), ct);
        }

        foreach (var a in list.Select(Adopt))
        {
            if (frozen)
            {
                a.Freeze();
            }
            else
            {
                a.Unfreeze();
            }
        }

        if (list.Count > 0)
        {
            db.Record(clock.GetUtcNow(), frozen ? "DealAccountsFrozen" : "DealAccountsUnfrozen", dealId.ToString(), list[0].RegionCode, new { DealId = dealId, Reason = reason, Accounts = list.Select(a => a.Code) });
        }

        await db.SaveChangesAsync(ct);
        return list.Count;
    }

    /// <summary>Whether an outbox message has already been consumed by the ledger (posted, or refused and noted).</summary>
    public Task<bool> IsConsumedAsync(long outboxId, CancellationToken ct = default) => db.ConsumedEvents.AnyAsync(c => c.OutboxId == outboxId, ct);

    /// <summary>Marks an outbox message consumed, in this transaction: a crash before commit leaves it pending with nothing posted.</summary>
    public void MarkConsumed(long outboxId, string eventType, int entries, string? errorCode = null) =>
        db.ConsumedEvents.Add(new ConsumedEvent(outboxId, eventType, clock.GetUtcNow(), entries, errorCode));

    private async Task<LedgerAccount?> AccountAsync(string code, CancellationToken ct)
    {
        if (accounts.TryGetValue(code, out var a))
        {
            return a;
        }

        a = await db.Accounts.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct);
        return a is null ? null : Adopt(a);
    }

    /// <summary>
    /// An account read from the store, as this session knows it: the session's own instance when it already holds the
    /// account (its balance may include this session's postings), else the read one, remembered with its opening balance.
    /// </summary>
    private LedgerAccount Adopt(LedgerAccount read)
    {
        if (accounts.TryGetValue(read.Code, out var known))
        {
            return known;
        }

        accounts[read.Code] = read;
        opening[read.Code] = read.BalanceFen;
        return read;
    }
}

/// <summary>An outbox message of another module that the ledger has consumed (its inbox): the mark commits with the postings.</summary>
internal sealed class ConsumedEvent
{
    private ConsumedEvent()
    {
    }

    public ConsumedEvent(long outboxId, string eventType, DateTimeOffset at, int entries, string? errorCode)
    {
        OutboxId = outboxId;
        EventType = eventType;
        ConsumedAt = at;
        Entries = entries;
        ErrorCode = errorCode;
    }

    public long OutboxId { get; private set; }

    public string EventType { get; private set; } = "";

    public DateTimeOffset ConsumedAt { get; private set; }

    public int Entries { get; private set; }

    /// <summary>Set when the event could not be posted (e.g. a frozen account): kept for finance to look at, never retried silently.</summary>
    public string? ErrorCode { get; private set; }
}
