using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qingshan.Distribution.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;

namespace Qingshan.Distribution.Reinvestment;

/// <summary>
/// 反哺资金支出: a measure at a place, paid from the deal's erosion-control or maintenance fund, with its evidence file.
/// Two stores, two steps, made whole: the spending is first recorded (its row and a ReinvestmentSpendingRecorded event,
/// one transaction) without a ledger entry; then <see cref="PostSpendingHandler"/> posts it (PaidOut ← fund, business
/// key <c>reinvestment:spending:{id}</c>, idempotent) and marks the row with the entry — or, when the ledger refuses it
/// (the fund is short, <c>ledger.account.insufficient_balance</c>, or frozen), marks it refused with a refusal event and
/// keeps it with its evidence file (shown to the clerk as refused, counted nowhere).
/// A crash between the steps leaves a recorded, unposted spending that the DistributionWorker posts on its next round
/// (a crash after the posting: the posting replays, so nothing is paid twice).
/// </summary>
public sealed record RecordSpending(Guid PlanId, ReinvestmentFund Fund, string Measure, string Location, Money Amount, DateOnly SpentOn, string AttachmentName, byte[] Attachment);

public sealed class RecordSpendingHandler(DistributionDb db, PostSpendingHandler posting, TimeProvider clock)
{
    public const int MaxAttachmentBytes = 10 * 1024 * 1024;

    public async Task<Result<Guid>> HandleAsync(RecordSpending request, CancellationToken ct = default)
    {
        var recorded = await RecordAsync(request, ct);
        return recorded.IsFailure ? recorded : await posting.PostAsync(recorded.Value, ct);
    }

    /// <summary>Step one alone: checks the request and records the spending, not yet posted. Returns its id.</summary>
    internal async Task<Result<Guid>> RecordAsync(RecordSpending request, CancellationToken ct = default)
    {
        if (!SubmitReinvestmentPlanHandler.Allowed(db.Actor, Roles.WaterBureau, Roles.Finance))
        {
            return DistributionErrors.Forbidden("spend");
        }

        if (request.Amount.Fen <= 0)
        {
            return DistributionErrors.SpendingAmountInvalid();
        }

        if (string.IsNullOrWhiteSpace(request.Measure) || string.IsNullOrWhiteSpace(request.Location))
        {
            return DistributionErrors.SpendingMeasureRequired();
        }

        if (request.Attachment.Length == 0 || request.Attachment.Length > MaxAttachmentBytes || string.IsNullOrWhiteSpace(request.AttachmentName))
        {
            return DistributionErrors.AttachmentRequired();
        }

        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == request.PlanId, ct);
        if (plan is null)
        {
            return DistributionErrors.PlanNotFound(request.PlanId.ToString());
        }

        if (plan.Status != PlanStatus.Approved)
        {
            return DistributionErrors.PlanNotApproved();
        }

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var sha = Convert.ToHexStringLower(SHA256.HashData(request.Attachment));
        var spending = new Spending(id, plan.Id, plan.DealId, plan.RegionCode, request.Fund, request.Measure.Trim(), request.Location.Trim(), request.Amount, request.SpentOn,
            Path.GetFileName(request.AttachmentName.Trim()), request.Attachment, sha, db.Actor.UserName, now);
        db.Spendings.Add(spending);
        db.Record(now, "ReinvestmentSpendingRecorded", id.ToString(), plan.RegionCode, new { plan.DealCode, Fund = request.Fund.ToString(), spending.Measure, spending.Location, AmountFen = request.Amount.Fen, spending.SpentOn, Attachment = spending.AttachmentName, AttachmentSha256 = sha, LedgerKey = PostSpendingHandler.BusinessKey(id) });
        await db.SaveChangesAsync(ct);
        return id;
    }
}

/// <summary>
/// Step two of a spending: post it to the ledger and mark it posted (ReinvestmentSpent), or mark it refused when the
/// ledger refuses it (ReinvestmentSpendingRefused). Safe to run twice and concurrently: the posting is idempotent by its
/// business key and the marks are conditional (only then is the event written). The ledger has the last word: a posting
/// that went through marks the row posted even if a concurrent run had marked it refused a moment before (the fund was
/// short then), because the money did move.
/// </summary>
public sealed class PostSpendingHandler(DistributionDb db, PostEntryHandler post, TimeProvider clock)
{
    /// <summary>A spending still unposted this long after it was recorded is taken to be left behind by a crash.</summary>
    public static readonly TimeSpan HealAfter = TimeSpan.FromMinutes(1);

    public static string BusinessKey(Guid spendingId) => $"reinvestment:spending:{spendingId:N}";

    internal static PostEntry Entry(Guid id, Guid dealId, string regionCode, ReinvestmentFund fund, string measure, string location, Money amount) =>
        new(BusinessKey(id), $"反哺支出：{measure}（{location}）", regionCode, dealId,
            [new(AccountKind.PaidOut, amount, dealId), new(fund == ReinvestmentFund.ErosionControl ? AccountKind.ErosionControlFund : AccountKind.MaintenanceFund, -amount, dealId)]);

    public async Task<Result<Guid>> PostAsync(Guid spendingId, CancellationToken ct = default)
    {
        var s = await db.Spendings.IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == spendingId)
            .Select(x => new { x.Id, x.DealId, x.RegionCode, x.Fund, x.Measure, x.Location, x.Amount, x.LedgerEntryId, x.RefusedCode }).FirstOrDefaultAsync(ct);
        if (s is null)
        {
            return DistributionErrors.SpendingNotFound(spendingId.ToString());
        }

        if (s.LedgerEntryId is not null)
        {
            return s.Id;
        }

        if (s.RefusedCode is not null)
        {
            return DistributionErrors.SpendingRefused(s.RefusedCode);
        }

        var posted = await post.HandleAsync(Entry(s.Id, s.DealId, s.RegionCode, s.Fund, s.Measure, s.Location, s.Amount), ct);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var unposted = db.Spendings.IgnoreQueryFilters().Where(x => x.Id == s.Id && x.LedgerEntryId == null);
        if (posted.IsFailure)
        {
            var code = posted.Error!.Code;
            if (await unposted.Where(x => x.RefusedCode == null).ExecuteUpdateAsync(u => u.SetProperty(x => x.RefusedCode, code).SetProperty(x => x.RefusedAt, now), ct) == 1)
            {
                db.Record(now, "ReinvestmentSpendingRefused", s.Id.ToString(), s.RegionCode, new { LedgerKey = BusinessKey(s.Id), AmountFen = s.Amount.Fen, posted.Error!.Code });
                await db.SaveChangesAsync(ct);
            }

            await tx.CommitAsync(ct);
            return posted.Error!;
        }

        var entryId = posted.Value.EntryId;
        if (await unposted.ExecuteUpdateAsync(u => u.SetProperty(x => x.LedgerEntryId, entryId).SetProperty(x => x.RefusedCode, (string?)null).SetProperty(x => x.RefusedAt, (DateTimeOffset?)null), ct) == 1)
        {
            db.Record(now, "ReinvestmentSpent", s.Id.ToString(), s.RegionCode, new { Fund = s.Fund.ToString(), s.Measure, s.Location, AmountFen = s.Amount.Fen, LedgerEntry = entryId, Healed = posted.Value.Replayed });
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        return s.Id;
    }

    /// <summary>Posts every spending left unposted (and not refused) for longer than <see cref="HealAfter"/>, oldest first; returns how many were settled.</summary>
    public async Task<int> PostLeftBehindAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow() - HealAfter;
        var ids = await db.Spendings.IgnoreQueryFilters().AsNoTracking().Where(x => x.LedgerEntryId == null && x.RefusedCode == null && x.RecordedAt <= cutoff)
            .OrderBy(x => x.RecordedAt).Select(x => x.Id).Take(100).ToListAsync(ct);
        foreach (var id in ids)
        {
            await PostAsync(id, ct);
        }

        return ids.Count;
    }
}
