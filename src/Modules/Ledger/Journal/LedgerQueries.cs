using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Data;

namespace Qingshan.Ledger.Journal;

public sealed record AccountBalance(string Code, AccountKind Kind, string RegionCode, Guid? DealId, Money Balance, bool IsFrozen);

public sealed record StatementLine(long EntryId, string BusinessKey, DateTimeOffset PostedAt, string Description, string AccountCode, Money Amount);

/// <summary>The outcome of the conservation check: empty <see cref="Violations"/> means every fen is accounted for.</summary>
public sealed record ConservationReport(Money CameIn, Money Held, Money PaidOut, Money Refunded, IReadOnlyList<string> Violations)
{
    public bool Holds => Violations.Count == 0;
}

public sealed class LedgerQueries(LedgerDb db)
{
    /// <summary>试算平衡表: every account in scope with its balance.</summary>
    public async Task<List<AccountBalance>> TrialBalanceAsync(CancellationToken ct = default) =>
        (await db.Accounts.OrderBy(a => a.Code).ToListAsync(ct))
            .Select(a => new AccountBalance(a.Code, a.Kind, a.RegionCode, a.DealId, new Money(a.BalanceFen), a.IsFrozen)).ToList();

    /// <summary>A deal's statement: every posting to its accounts, in order.</summary>
    public async Task<List<StatementLine>> DealStatementAsync(Guid dealId, CancellationToken ct = default)
    {
        var rows = await db.Entries.Where(e => e.DealId == dealId).OrderBy(e => e.Id)
            .SelectMany(e => e.Postings.Select(p => new { e.Id, e.BusinessKey, e.PostedAt, e.Description, p.AccountCode, p.AmountFen }))
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
