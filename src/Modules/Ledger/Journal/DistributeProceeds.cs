using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Data;

namespace Qingshan.Ledger.Journal;

/// <summary>One share of an approved distribution plan, in basis points of net proceeds (10000 = 100 %).</summary>
public sealed record PlanShare(AccountKind Target, int BasisPoints, bool HeldByCounty = false);

/// <summary>
/// Split a deal's net proceeds (the Proceeds account's balance after transaction costs were deducted) by its approved
/// distribution plan, to the fen by largest remainder: the parts add up to the whole exactly. Shares held by the county
/// (the erosion-control and maintenance funds that the reinvestment plan spends) post to county accounts.
/// </summary>
public sealed record DistributeProceeds(Guid DealId, string RegionCode, IReadOnlyList<PlanShare> Shares);

public sealed class DistributeProceedsHandler(LedgerDb db, PostEntryHandler post)
{
    public async Task<Result<PostedEntry>> HandleAsync(DistributeProceeds request, CancellationToken ct = default)
    {
        var total = request.Shares.Sum(s => s.BasisPoints);
        if (total != 10_000 || request.Shares.Any(s => s.BasisPoints < 0))
        {
            return LedgerErrors.PlanSharesInvalid(total);
        }

        var key = $"deal:{request.DealId:N}:distribution";
        var proceeds = AccountCodes.ForDeal(request.DealId, AccountKind.Proceeds);
        var already = await db.Entries.IgnoreQueryFilters().Where(e => e.BusinessKey == key).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        if (already is { } id)
        {
            return new PostedEntry(id, Replayed: true);
        }

        var balance = await db.Accounts.Where(a => a.Code == proceeds).Select(a => (long?)a.BalanceFen).FirstOrDefaultAsync(ct) ?? 0;
        if (balance <= 0)
        {
            return LedgerErrors.NothingToDistribute();
        }

        var parts = new Money(balance).Allocate(request.Shares.Select(s => (long)s.BasisPoints).ToList());
        var lines = new List<PostingLine> { new(AccountKind.Proceeds, new Money(-balance), request.DealId) };
        lines.AddRange(request.Shares.Select((s, i) => new PostingLine(s.Target, parts[i], s.HeldByCounty ? null : request.DealId)));
        return await post.HandleAsync(new PostEntry(key, "按收益分配方案分配净收益", request.RegionCode, request.DealId, lines), ct);
    }
}

/// <summary>账务封存: freeze every account of a deal (after clearing and refunds on suspension or cancellation).</summary>
public sealed class FreezeDealAccountsHandler(LedgerDb db, TimeProvider clock)
{
    public async Task<int> HandleAsync(Guid dealId, CancellationToken ct = default)
    {
        var accounts = await db.Accounts.Where(a => a.DealId == dealId && !a.IsFrozen).ToListAsync(ct);
        foreach (var a in accounts)
        {
            a.Freeze();
        }

        if (accounts.Count > 0)
        {
            db.Record(clock.GetUtcNow(), "DealAccountsFrozen", dealId.ToString(), accounts[0].RegionCode, new { DealId = dealId, Accounts = accounts.Select(a => a.Code) });
        }

        await db.SaveChangesAsync(ct);
        return accounts.Count;
    }
}
