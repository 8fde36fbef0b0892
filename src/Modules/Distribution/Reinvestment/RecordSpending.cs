using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qingshan.Distribution.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;

namespace Qingshan.Distribution.Reinvestment;

/// <summary>
/// 反哺资金支出: a measure at a place, paid from the deal's erosion-control or maintenance fund, with its evidence file.
/// The ledger posts it first (PaidOut ← fund) and refuses it when the fund's balance is short
/// (<c>ledger.account.insufficient_balance</c>) or frozen; the record carries the same id as the entry's business key.
/// </summary>
public sealed record RecordSpending(Guid PlanId, ReinvestmentFund Fund, string Measure, string Location, Money Amount, DateOnly SpentOn, string AttachmentName, byte[] Attachment);

public sealed class RecordSpendingHandler(DistributionDb db, PostEntryHandler post, TimeProvider clock)
{
    public const int MaxAttachmentBytes = 10 * 1024 * 1024;

    public async Task<Result<Guid>> HandleAsync(RecordSpending request, CancellationToken ct = default)
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
        var fund = request.Fund == ReinvestmentFund.ErosionControl ? AccountKind.ErosionControlFund : AccountKind.MaintenanceFund;
        var posted = await post.HandleAsync(new PostEntry($"reinvestment:spending:{id:N}", $"反哺支出：{request.Measure.Trim()}（{request.Location.Trim()}）", plan.RegionCode, plan.DealId,
            [new(AccountKind.PaidOut, request.Amount, plan.DealId), new(fund, -request.Amount, plan.DealId)]), ct);
        if (posted.IsFailure)
        {
            return posted.Error!;
        }

        var now = clock.GetUtcNow();
        var sha = Convert.ToHexStringLower(SHA256.HashData(request.Attachment));
        var spending = new Spending(id, plan.Id, plan.DealId, plan.RegionCode, request.Fund, request.Measure.Trim(), request.Location.Trim(), request.Amount, request.SpentOn,
            Path.GetFileName(request.AttachmentName.Trim()), request.Attachment, sha, db.Actor.UserName, now);
        db.Spendings.Add(spending);
        db.Record(now, "ReinvestmentSpent", id.ToString(), plan.RegionCode, new { plan.DealCode, Fund = request.Fund.ToString(), spending.Measure, spending.Location, AmountFen = request.Amount.Fen, spending.SpentOn, Attachment = spending.AttachmentName, AttachmentSha256 = sha, LedgerEntry = posted.Value.EntryId });
        await db.SaveChangesAsync(ct);
        return id;
    }
}
