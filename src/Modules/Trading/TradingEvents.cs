namespace Qingshan.Trading;

/// <summary>Event type names written to the outbox (and so to the audit log) by this module.</summary>
public static class TradingEvents
{
    public const string Module = "trading";
    public const string CalendarYearImported = "CalendarYearImported";
    public const string DealCreated = "DealCreated";
    public const string WorkPlanApproved = "WorkPlanApproved";
    public const string AccountingApproved = "AccountingApproved";
    public const string TransferorDetermined = "TransferorDetermined";
    public const string AppraisalIssued = "AppraisalIssued";
    public const string Appraised = "Appraised";
    public const string Promoted = "Promoted";
    public const string DistributionPlanApproved = "DistributionPlanApproved";
    public const string Listed = "Listed";
    public const string BidderRegistered = "BidderRegistered";
    public const string BidderReviewed = "BidderReviewed";
    public const string DepositPaid = "DepositPaid";
    public const string DepositRefunded = "DepositRefunded";
    public const string DepositAppliedToPrice = "DepositAppliedToPrice";
    public const string Unsold = "Unsold";
    public const string NegotiationStarted = "NegotiationStarted";
    public const string AuctionStarted = "AuctionStarted";
    public const string BidAccepted = "BidAccepted";
    public const string BidRefused = "BidRefused";
    public const string PriorityWindowOpened = "PriorityWindowOpened";
    public const string WonByPriorityRight = "WonByPriorityRight";
    public const string Awarded = "Awarded";
    public const string ObjectionRaised = "ObjectionRaised";
    public const string ObjectionResolved = "ObjectionResolved";
    public const string ContractSigned = "ContractSigned";
    public const string FiledWith = "FiledWith";
    public const string Filed = "Filed";
    public const string CertificateIssued = "CertificateIssued";
    public const string Suspended = "Suspended";
    public const string Resumed = "Resumed";
    public const string Cancelled = "Cancelled";
    public const string SettlementTermsFixed = "SettlementTermsFixed";
    public const string ContractPaymentReceived = "ContractPaymentReceived";
    public const string ContractPaymentRefunded = "ContractPaymentRefunded";
}

/// <summary>
/// Payload of <see cref="TradingEvents.SettlementTermsFixed"/>, written when the contract is signed: everything the
/// ledger needs to book the receivable and, once it is collected, deduct the transaction costs and split the net proceeds.
/// </summary>
public sealed record SettlementTerms(
    string Code,
    int Round,
    string ContractNumber,
    DateOnly ContractDate,
    long PriceFen,
    long AccountingFeeFen,
    long AppraisalFeeFen,
    int PlatformFeeBasisPoints,
    IReadOnlyList<SettlementShare> Shares,
    IReadOnlyList<SettlementInstalment> Schedule);

public sealed record SettlementShare(string Party, int BasisPoints, Deals.ShareKind Kind);

public sealed record SettlementInstalment(DateOnly DueOn, long AmountFen);

/// <summary>Payload of every event that moves money (deposit paid/refunded/applied, contract payment received/refunded).</summary>
public sealed record MoneyMoved(string Code, long AmountFen, string? Reference, string? Account);
