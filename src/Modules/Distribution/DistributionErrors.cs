using Qingshan.Kernel;

namespace Qingshan.Distribution;

/// <summary>Every refusal the distribution module gives.</summary>
public static class DistributionErrors
{
    public static Error PolicyMissing(string region) => new("distribution.policy.missing", region);
    public static Error TermsMissing(string deal) => new("distribution.settlement.terms_missing", deal);
    public static Error ProceedsMismatch(long proceeds, long price) => new("distribution.settlement.proceeds_mismatch", proceeds, price);
    public static Error PayloadInvalid(long outboxId) => new("distribution.event.payload_invalid", outboxId);
    public static Error PlanNotFound(string id) => new("distribution.plan.not_found", id);
    public static Error PlanWrongState(string status) => new("distribution.plan.wrong_state", status);
    public static Error PlanAlreadyApproved(string department) => new("distribution.plan.already_approved", department);
    public static Error MeasuresRequired() => new("distribution.plan.measures_required");
    public static Error Forbidden(string step) => new("distribution.plan.forbidden", step);
    public static Error SpendingAmountInvalid() => new("distribution.spending.amount_invalid");
    public static Error SpendingMeasureRequired() => new("distribution.spending.measure_required");
    public static Error AttachmentRequired() => new("distribution.spending.attachment_required");
    public static Error ReportOutOfScope(string region) => new("distribution.report.out_of_scope", region);
    public static Error ReportDealNotFound(string deal) => new("distribution.report.deal_not_found", deal);
    public static Error ReportDealRequired() => new("distribution.report.deal_required");
    public static Error ReportPeriodInvalid() => new("distribution.report.period_invalid");
    public static Error PlanNotApproved() => new("distribution.spending.plan_not_approved");
    public static Error SpendingNotFound(string id) => new("distribution.spending.not_found", id);
    public static Error SpendingRefused(string ledgerCode) => new("distribution.spending.refused", ledgerCode);
}
