using Qingshan.Kernel;

namespace Qingshan.Distribution.Reinvestment;

public enum PlanStatus
{
    /// <summary>待编制: created from the contract, waiting for the measures.</summary>
    Awaiting = 0,

    /// <summary>已报审: measures submitted, waiting for DRC and water.</summary>
    Submitted = 1,

    /// <summary>已批准: both departments approved; spending may be recorded.</summary>
    Approved = 2,
}

/// <summary>Which fund a spending draws on.</summary>
public enum ReinvestmentFund
{
    /// <summary>水土流失治理资金.</summary>
    ErosionControl = 0,

    /// <summary>管护资金.</summary>
    Maintenance = 1,
}

/// <summary>
/// 反哺方案: one per deal, due within six months of the contract date (seed 000 article 11; the due period is
/// <see cref="DistributionOptions.ReinvestmentPlanDueMonths"/>). Approved by the development-and-reform and the water
/// department, each on its own; only then may spending be recorded.
/// </summary>
internal sealed class ReinvestmentPlan
{
    private ReinvestmentPlan()
    {
    }

    public ReinvestmentPlan(Guid dealId, string dealCode, string regionCode, DateOnly contractDate, DateOnly dueOn)
    {
        Id = Guid.CreateVersion7();
        DealId = dealId;
        DealCode = dealCode;
        RegionCode = regionCode;
        ContractDate = contractDate;
        DueOn = dueOn;
    }

    public Guid Id { get; private set; }

    public Guid DealId { get; private set; }

    public string DealCode { get; private set; } = "";

    public string RegionCode { get; private set; } = "";

    public DateOnly ContractDate { get; private set; }

    /// <summary>The last day the plan may be approved on (inclusive).</summary>
    public DateOnly DueOn { get; private set; }

    public PlanStatus Status { get; private set; }

    public string Measures { get; private set; } = "";

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? SubmittedBy { get; private set; }

    public DateTimeOffset? DevelopmentReformApprovedAt { get; private set; }

    public string? DevelopmentReformApprovedBy { get; private set; }

    public DateTimeOffset? WaterApprovedAt { get; private set; }

    public string? WaterApprovedBy { get; private set; }

    public DateTimeOffset? ReminderSentAt { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    public Result Submit(string measures, string by, DateTimeOffset now)
    {
        if (Status != PlanStatus.Awaiting)
        {
            return DistributionErrors.PlanWrongState(Status.ToString());
        }

        if (string.IsNullOrWhiteSpace(measures))
        {
            return DistributionErrors.MeasuresRequired();
        }

        Measures = measures.Trim();
        SubmittedAt = now;
        SubmittedBy = by;
        Status = PlanStatus.Submitted;
        return Result.Success();
    }

    /// <summary>One department's approval; the plan is approved when both have approved.</summary>
    public Result Approve(bool developmentReform, string by, DateTimeOffset now)
    {
        if (Status != PlanStatus.Submitted)
        {
            return DistributionErrors.PlanWrongState(Status.ToString());
        }

        if ((developmentReform ? DevelopmentReformApprovedAt : WaterApprovedAt) is not null)
        {
            return DistributionErrors.PlanAlreadyApproved(developmentReform ? "development_reform" : "water_bureau");
        }

        if (developmentReform)
        {
            DevelopmentReformApprovedAt = now;
            DevelopmentReformApprovedBy = by;
        }
        else
        {
            WaterApprovedAt = now;
            WaterApprovedBy = by;
        }

        if (DevelopmentReformApprovedAt is not null && WaterApprovedAt is not null)
        {
            Status = PlanStatus.Approved;
        }

        return Result.Success();
    }

    public bool IsDueForReminder(DateOnly today, int daysBefore) => Status != PlanStatus.Approved && ReminderSentAt is null && today >= DueOn.AddDays(-daysBefore) && today <= DueOn;

    public bool IsOverdue(DateOnly today) => Status != PlanStatus.Approved && today > DueOn;

    public void MarkReminded(DateTimeOffset now) => ReminderSentAt = now;

    public void MarkEscalated(DateTimeOffset now) => EscalatedAt = now;
}

/// <summary>反哺资金支出: a measure carried out at a place, paid from one of the deal's funds, with its evidence file.</summary>
internal sealed class Spending
{
    private Spending()
    {
    }

    public Spending(Guid id, Guid planId, Guid dealId, string regionCode, ReinvestmentFund fund, string measure, string location, Money amount, DateOnly spentOn, string attachmentName, byte[] attachment, string sha256, string by, DateTimeOffset at)
    {
        Id = id;
        PlanId = planId;
        DealId = dealId;
        RegionCode = regionCode;
        Fund = fund;
        Measure = measure;
        Location = location;
        Amount = amount;
        SpentOn = spentOn;
        AttachmentName = attachmentName;
        Attachment = attachment;
        AttachmentSha256 = sha256;
        RecordedBy = by;
        RecordedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid DealId { get; private set; }

    public string RegionCode { get; private set; } = "";

    public ReinvestmentFund Fund { get; private set; }

    public string Measure { get; private set; } = "";

    /// <summary>Place or plot (e.g. a plot number or village), as written on the evidence.</summary>
    public string Location { get; private set; } = "";

    public Money Amount { get; private set; }

    public DateOnly SpentOn { get; private set; }

    public string AttachmentName { get; private set; } = "";

    public byte[] Attachment { get; private set; } = [];

    public string AttachmentSha256 { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>
    /// The ledger entry that paid it (Dr paid out / Cr fund); null while the spending is recorded but not yet posted —
    /// after a crash between the two steps <see cref="PostSpendingHandler"/> (run by the DistributionWorker) posts it.
    /// </summary>
    public long? LedgerEntryId { get; private set; }

    /// <summary>
    /// Set when the ledger refused to post it (e.g. <c>ledger.account.insufficient_balance</c>: the fund no longer covers
    /// it): the spending is final, unposted, counted nowhere, and kept with its evidence file so that the clerk — who is not
    /// there when a crash left it to the DistributionWorker — sees what was refused and why, and can record it again.
    /// </summary>
    public string? RefusedCode { get; private set; }

    public DateTimeOffset? RefusedAt { get; private set; }
}
