using Microsoft.EntityFrameworkCore;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Data;

namespace Qingshan.Ledger.Journal;

/// <summary>One line of an entry: an account (of the deal when <see cref="DealId"/> is set, else of the county) and a signed amount (debit +, credit −).</summary>
public sealed record PostingLine(AccountKind Account, Money Amount, Guid? DealId = null);

/// <summary>
/// Post a balanced entry. Idempotent by <see cref="BusinessKey"/>: the same key with the same lines returns the original
/// entry (Replayed); the same key with different lines is refused. All postings and balance updates commit together or not at all.
/// </summary>
public sealed record PostEntry(string BusinessKey, string Description, string RegionCode, Guid? DealId, IReadOnlyList<PostingLine> Lines);

public sealed record PostedEntry(long EntryId, bool Replayed);

public sealed class PostEntryHandler(LedgerDb db, TimeProvider clock)
{
    public async Task<Result<PostedEntry>> HandleAsync(PostEntry request, CancellationToken ct = default)
    {
        var lines = request.Lines.Where(l => l.Amount.Fen != 0).ToList();
        if (lines.Count == 0)
        {
            return LedgerErrors.EntryEmpty();
        }

        var debits = lines.Where(l => l.Amount.Fen > 0).Sum(l => l.Amount.Fen);
        var credits = -lines.Where(l => l.Amount.Fen < 0).Sum(l => l.Amount.Fen);
        if (debits != credits)
        {
            return LedgerErrors.EntryUnbalanced(debits, credits);
        }

        if (!db.Actor.Scope.Includes(request.RegionCode))
        {
            return LedgerErrors.AccountOutOfScope(request.RegionCode);
        }

        var postings = lines.GroupBy(l => Code(l, request.RegionCode)).Select(g => (Code: g.Key, Kind: g.First().Account, Deal: g.First().DealId, Amount: g.Sum(x => x.Amount.Fen)))
            .Where(p => p.Amount != 0).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await DbLocks.AcquireAsync(db, "ledger." + request.RegionCode, ct);
        var existing = await db.Entries.IgnoreQueryFilters().Include(e => e.Postings).FirstOrDefaultAsync(e => e.BusinessKey == request.BusinessKey, ct);
        if (existing is not null)
        {
            var same = existing.Postings.OrderBy(p => p.AccountCode, StringComparer.Ordinal).Select(p => (p.AccountCode, p.AmountFen))
                .SequenceEqual(postings.Select(p => (p.Code, p.Amount)));
            return same ? new PostedEntry(existing.Id, Replayed: true) : LedgerErrors.BusinessKeyReused(request.BusinessKey);
        }

        var codes = postings.Select(p => p.Code).ToList();
        var accounts = await db.Accounts.IgnoreQueryFilters().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
        foreach (var p in postings)
        {
            if (!accounts.TryGetValue(p.Code, out var account))
            {
                account = new LedgerAccount(p.Code, p.Kind, request.RegionCode, p.Deal, p.Kind.ToString());
                db.Accounts.Add(account);
                accounts[p.Code] = account;
            }

            if (account.IsFrozen)
            {
                return LedgerErrors.AccountFrozen(account.Code);
            }

            account.Apply(p.Amount);
        }

        var now = clock.GetUtcNow();
        var entry = new JournalEntry(request.BusinessKey, request.Description, request.RegionCode, request.DealId, now, db.Actor.UserName, postings.Select(p => new Posting(p.Code, p.Amount)));
        db.Entries.Add(entry);
        db.Record(now, "JournalEntryPosted", request.BusinessKey, request.RegionCode, new { request.BusinessKey, request.Description, request.DealId, Postings = postings.Select(p => new { Account = p.Code, AmountFen = p.Amount }) });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PostedEntry(entry.Id, Replayed: false);
    }

    internal static string Code(PostingLine line, string regionCode) =>
        line.DealId is { } deal ? AccountCodes.ForDeal(deal, line.Account) : AccountCodes.ForCounty(regionCode, line.Account);
}
