using Qingshan.Kernel;

namespace Qingshan.Accounting.Runs;

/// <summary>
/// Where a run stands. 编制 (preparation) covers <see cref="Queued"/> to <see cref="Computed"/>/<see cref="Failed"/>;
/// 审核 is <see cref="Submitted"/> → <see cref="Reviewed"/>; 批准 is <see cref="Approved"/>, after which the run is
/// frozen. Mapped onto the five steps of the Jiangxi workflow (method doc 6.2): steps 1–4 are the inputs and
/// parameters fixed at preparation, step 5 is the computation.
/// </summary>
public enum RunStatus
{
    Queued,
    Computing,
    Computed,
    Failed,
    Submitted,
    Reviewed,
    Approved,
}

/// <summary>
/// One accounting run of a watershed for a year (aggregate). Its inputs (plot snapshot and quantity layers) and
/// parameter set are fixed when it is prepared; its results are the stored lines. Every transition from the wrong
/// state is refused; after approval every change is refused with <c>accounting.run.frozen</c>.
/// </summary>
internal sealed class AccountingRun
{
    private AccountingRun()
    {
    }

    public Guid Id { get; private set; }

    public Guid WatershedId { get; private set; }

    public string WatershedCode { get; private set; } = "";

    public string WatershedName { get; private set; } = "";

    public string RegionCode { get; private set; } = "";

    public int AccountingYear { get; private set; }

    public string MethodId { get; private set; } = "";

    public Guid ParameterSetId { get; private set; }

    public string ParameterSetVersion { get; private set; } = "";

    public RunStatus Status { get; private set; }

    public int ProgressPercent { get; private set; }

    public string InputsJson { get; private set; } = "{}";

    public string PlotSetVersion { get; private set; } = "";

    public string InputHash { get; private set; } = "";

    public string? ResultHash { get; private set; }

    public int PlotCount { get; private set; }

    public int LineCount { get; private set; }

    public decimal MaterialSupplyYuan { get; private set; }

    public decimal RegulatingYuan { get; private set; }

    public decimal CulturalYuan { get; private set; }

    public decimal TotalYuan { get; private set; }

    /// <summary>Engine errors (a failed run) or warnings (a computed run), JSON.</summary>
    public string IssuesJson { get; private set; } = "[]";

    public string ChecksJson { get; private set; } = "[]";

    public string PreparedById { get; private set; } = "";

    public string PreparedBy { get; private set; } = "";

    public DateTimeOffset PreparedAt { get; private set; }

    public DateTimeOffset? ComputedAt { get; private set; }

    public string? SubmittedBy { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? ReviewedById { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ApprovedById { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public string? RejectionComment { get; private set; }

    public string? RejectedBy { get; private set; }

    public bool IsFrozen => Status == RunStatus.Approved;

    public static AccountingRun Prepare(Guid watershedId, string watershedCode, string watershedName, string regionCode, int year, string methodId,
        Guid parameterSetId, string parameterSetVersion, string inputsJson, string plotSetVersion, string inputHash, int plotCount, Actor preparer, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        WatershedId = watershedId,
        WatershedCode = watershedCode,
        WatershedName = watershedName,
        RegionCode = regionCode,
        AccountingYear = year,
        MethodId = methodId,
        ParameterSetId = parameterSetId,
        ParameterSetVersion = parameterSetVersion,
        InputsJson = inputsJson,
        PlotSetVersion = plotSetVersion,
        InputHash = inputHash,
        PlotCount = plotCount,
        Status = RunStatus.Queued,
        PreparedById = preparer.UserId,
        PreparedBy = preparer.UserName,
        PreparedAt = at,
    };

    /// <summary>Back into the queue to compute again (after a failure, or to recompute during preparation).</summary>
    public Result Requeue()
    {
        if (IsFrozen)
        {
            return AccountingErrors.RunFrozen();
        }

        if (Status is not (RunStatus.Computed or RunStatus.Failed))
        {
            return AccountingErrors.RunWrongState(Status.ToString());
        }

        Status = RunStatus.Queued;
        ProgressPercent = 0;
        ResultHash = null;
        return Result.Success();
    }

    public void StartComputing()
    {
        if (Status is not (RunStatus.Queued or RunStatus.Computing))
        {
            throw new InvalidOperationException($"run {Id} is {Status}, not queued");
        }

        Status = RunStatus.Computing;
    }

    /// <summary>Progress of the background job; 100 is only ever set with the result.</summary>
    public void ReportProgress(int percent) => ProgressPercent = Math.Clamp(percent, 0, 99);

    public void Complete(string resultHash, int lineCount, decimal material, decimal regulating, decimal cultural, decimal total, string warningsJson, string checksJson, DateTimeOffset at)
    {
        Status = RunStatus.Computed;
        ProgressPercent = 100;
        ResultHash = resultHash;
        LineCount = lineCount;
        MaterialSupplyYuan = material;
        RegulatingYuan = regulating;
        CulturalYuan = cultural;
        TotalYuan = total;
        IssuesJson = warningsJson;
        ChecksJson = checksJson;
        ComputedAt = at;
    }

    public void Fail(string errorsJson, DateTimeOffset at)
    {
        Status = RunStatus.Failed;
        ProgressPercent = 100;
        ResultHash = null;
        LineCount = 0;
        MaterialSupplyYuan = RegulatingYuan = CulturalYuan = TotalYuan = 0m;
        IssuesJson = errorsJson;
        ComputedAt = at;
    }

    /// <summary>编制完成, 提交审核: by the water bureau of the run's region.</summary>
    public Result Submit(Actor actor, DateTimeOffset at)
    {
        if (IsFrozen)
        {
            return AccountingErrors.RunFrozen();
        }

        if (!actor.IsInRole(Roles.WaterBureau))
        {
            return AccountingErrors.RunRoleNotAllowed("submit");
        }

        if (Status != RunStatus.Computed)
        {
            return AccountingErrors.RunWrongState(Status.ToString());
        }

        Status = RunStatus.Submitted;
        SubmittedBy = actor.UserName;
        SubmittedAt = at;
        RejectionComment = null;
        RejectedBy = null;
        return Result.Success();
    }

    /// <summary>审核通过: a water-bureau account other than the preparer (四眼原则).</summary>
    public Result Review(Actor actor, DateTimeOffset at)
    {
        if (IsFrozen)
        {
            return AccountingErrors.RunFrozen();
        }

        if (!actor.IsInRole(Roles.WaterBureau))
        {
            return AccountingErrors.RunRoleNotAllowed("review");
        }

        if (Status != RunStatus.Submitted)
        {
            return AccountingErrors.RunWrongState(Status.ToString());
        }

        if (string.Equals(actor.UserId, PreparedById, StringComparison.Ordinal))
        {
            return AccountingErrors.RunReviewerIsPreparer();
        }

        Status = RunStatus.Reviewed;
        ReviewedById = actor.UserId;
        ReviewedBy = actor.UserName;
        ReviewedAt = at;
        return Result.Success();
    }

    /// <summary>
    /// 批准: by the development-and-reform department (发展改革部门, which the 2024 意见 makes co-responsible for value
    /// realization), or by a water-bureau account that neither prepared nor reviewed the run (the bureau's leader).
    /// </summary>
    public Result Approve(Actor actor, DateTimeOffset at)
    {
        if (IsFrozen)
        {
            return AccountingErrors.RunFrozen();
        }

        if (!actor.IsInRole(Roles.DevelopmentReform) && !actor.IsInRole(Roles.WaterBureau))
        {
            return AccountingErrors.RunRoleNotAllowed("approve");
        }

        if (Status != RunStatus.Reviewed)
        {
            return AccountingErrors.RunWrongState(Status.ToString());
        }

        if (string.Equals(actor.UserId, PreparedById, StringComparison.Ordinal) || string.Equals(actor.UserId, ReviewedById, StringComparison.Ordinal))
        {
            return AccountingErrors.RunApproverIsPreparerOrReviewer();
        }

        Status = RunStatus.Approved;
        ApprovedById = actor.UserId;
        ApprovedBy = actor.UserName;
        ApprovedAt = at;
        return Result.Success();
    }

    /// <summary>退回编制 with a comment: by whoever may take the current step (reviewer at 审核, approver at 批准).</summary>
    public Result Reject(Actor actor, string comment)
    {
        if (IsFrozen)
        {
            return AccountingErrors.RunFrozen();
        }

        if (string.IsNullOrWhiteSpace(comment))
        {
            return AccountingErrors.RunCommentRequired();
        }

        var allowed = Status switch
        {
            RunStatus.Submitted => actor.IsInRole(Roles.WaterBureau),
            RunStatus.Reviewed => actor.IsInRole(Roles.WaterBureau) || actor.IsInRole(Roles.DevelopmentReform),
            _ => (bool?)null,
        };
        if (allowed is null)
        {
            return AccountingErrors.RunWrongState(Status.ToString());
        }

        if (allowed == false)
        {
            return AccountingErrors.RunRoleNotAllowed("reject");
        }

        Status = RunStatus.Computed;
        RejectionComment = comment.Trim();
        RejectedBy = actor.UserName;
        ReviewedById = null;
        ReviewedBy = null;
        ReviewedAt = null;
        return Result.Success();
    }
}

/// <summary>One value line of a run: plot × indicator × component, with everything needed to recompute it (method doc 9).</summary>
internal sealed class RunLine
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public int Ordinal { get; set; }

    public string PlotCode { get; set; } = "";

    public string LandUseCode { get; set; } = "";

    public string IndicatorCode { get; set; } = "";

    public int Category { get; set; }

    public decimal? IndicatorQuantity { get; set; }

    public string? IndicatorUnit { get; set; }

    public string Component { get; set; } = "";

    public decimal Quantity { get; set; }

    public string Unit { get; set; } = "";

    public decimal UnitPrice { get; set; }

    public string PriceUnit { get; set; } = "";

    public int PriceYear { get; set; }

    public string ParameterId { get; set; } = "";

    public string Source { get; set; } = "";

    public string Evidence { get; set; } = "";

    public decimal Value { get; set; }
}
