namespace Qingshan.Accounting;

/// <summary>Event type names written to the outbox (and so to the audit log) by this module.</summary>
public static class AccountingEvents
{
    public const string Module = "accounting";
    public const string ParameterSetSaved = "ParameterSetSaved";
    public const string ParameterSetDerived = "ParameterSetDerived";
    public const string ParameterSetApproved = "ParameterSetApproved";
    public const string RunPrepared = "AccountingRunPrepared";
    public const string RunQueued = "AccountingRunQueued";
    public const string RunComputed = "AccountingRunComputed";
    public const string RunFailed = "AccountingRunFailed";
    public const string RunSubmitted = "AccountingRunSubmitted";
    public const string RunReviewed = "AccountingRunReviewed";
    public const string RunRejected = "AccountingRunRejected";
    public const string RunApproved = "AccountingRunApproved";
}
