using Microsoft.EntityFrameworkCore;
using Qingshan.Distribution.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;

namespace Qingshan.Distribution.Reinvestment;

public sealed record PlanRow(Guid Id, Guid DealId, string DealCode, string RegionCode, DateOnly ContractDate, DateOnly DueOn, PlanStatus Status, string Measures,
    DateTimeOffset? DevelopmentReformApprovedAt, DateTimeOffset? WaterApprovedAt, DateTimeOffset? ReminderSentAt, DateTimeOffset? EscalatedAt);

public sealed record SpendingRow(Guid Id, Guid PlanId, ReinvestmentFund Fund, string Measure, string Location, Money Amount, DateOnly SpentOn, string AttachmentName, string AttachmentSha256, string? RefusedCode = null);

/// <summary>How one deal's money went back to the land: what its funds received, each spending, and what is left.</summary>
public sealed record ReinvestmentSummary(string DealCode, DateOnly ContractDate, DateOnly DueOn, PlanStatus Status, string Measures,
    Money ErosionControlReceived, Money MaintenanceReceived, Money ErosionControlLeft, Money MaintenanceLeft, IReadOnlyList<SpendingRow> Spendings)
{
    public Money Spent => Spendings.Aggregate(Money.Zero, (s, x) => s + x.Amount);
}

public sealed class ReinvestmentQueries(DistributionDb db, LedgerQueries ledger)
{
    public async Task<List<PlanRow>> PlansAsync(CancellationToken ct = default) =>
        await db.Plans.AsNoTracking().OrderBy(p => p.DueOn)
            .Select(p => new PlanRow(p.Id, p.DealId, p.DealCode, p.RegionCode, p.ContractDate, p.DueOn, p.Status, p.Measures, p.DevelopmentReformApprovedAt, p.WaterApprovedAt, p.ReminderSentAt, p.EscalatedAt))
            .ToListAsync(ct);

    public async Task<List<SpendingRow>> SpendingsAsync(Guid planId, CancellationToken ct = default) =>
        (await db.Spendings.AsNoTracking().Where(s => s.PlanId == planId && s.LedgerEntryId != null).OrderBy(s => s.SpentOn).ThenBy(s => s.Id).ToListAsync(ct))
            .Select(Row).ToList();

    /// <summary>The plan's spendings the ledger refused (not paid, counted nowhere), newest first, kept with their evidence for the clerk.</summary>
    public async Task<List<SpendingRow>> RefusedSpendingsAsync(Guid planId, CancellationToken ct = default) =>
        (await db.Spendings.AsNoTracking().Where(s => s.PlanId == planId && s.RefusedCode != null).ToListAsync(ct))
            .OrderByDescending(s => s.RefusedAt).ThenBy(s => s.Id).Select(Row).ToList();

    public async Task<(string Name, byte[] Content)?> AttachmentAsync(Guid spendingId, CancellationToken ct = default)
    {
        var s = await db.Spendings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == spendingId, ct);
        return s is null ? null : (s.AttachmentName, s.Attachment);
    }

    /// <summary>
    /// 反哺公示 for the public portal: published for every deal with a plan, whoever asks; measures and places only —
    /// who recorded it is not shown, and any identifier in the place text is masked.
    /// </summary>
    public async Task<ReinvestmentSummary?> PublicSummaryAsync(string dealCode, CancellationToken ct = default)
    {
        var plan = await db.Plans.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.DealCode == dealCode, ct);
        if (plan is null)
        {
            return null;
        }

        var spendings = (await db.Spendings.IgnoreQueryFilters().AsNoTracking().Where(s => s.PlanId == plan.Id && s.LedgerEntryId != null).OrderBy(s => s.SpentOn).ThenBy(s => s.Id).ToListAsync(ct))
            .Select(Row).Select(r => r with { Location = MaskIdentifiers(r.Location), Measure = MaskIdentifiers(r.Measure) }).ToList();
        var funds = await ledger.PublicDealBalancesAsync(plan.DealId, ct);
        var erosionLeft = funds.GetValueOrDefault(AccountKind.ErosionControlFund);
        var maintenanceLeft = funds.GetValueOrDefault(AccountKind.MaintenanceFund);
        var erosionSpent = spendings.Where(s => s.Fund == ReinvestmentFund.ErosionControl).Sum(s => s.Amount.Fen);
        var maintenanceSpent = spendings.Where(s => s.Fund == ReinvestmentFund.Maintenance).Sum(s => s.Amount.Fen);
        return new ReinvestmentSummary(plan.DealCode, plan.ContractDate, plan.DueOn, plan.Status, plan.Measures,
            new Money(erosionLeft + erosionSpent), new Money(maintenanceLeft + maintenanceSpent), new Money(erosionLeft), new Money(maintenanceLeft), spendings);
    }

    /// <summary>Any run of 11 or more digits/X (an ID card or phone number) keeps its first 3 and last 4 characters.</summary>
    internal static string MaskIdentifiers(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "[0-9Xx]{11,}", m => Qingshan.Kernel.NationalCodes.ResidentIdNumber.Mask(m.Value));

    private static SpendingRow Row(Spending s) => new(s.Id, s.PlanId, s.Fund, s.Measure, s.Location, s.Amount, s.SpentOn, s.AttachmentName, s.AttachmentSha256, s.RefusedCode);
}
