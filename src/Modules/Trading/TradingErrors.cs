using Qingshan.Kernel;

namespace Qingshan.Trading;

/// <summary>Every refusal trading can give. Messages live in the web host's zh-CN table.</summary>
public static class TradingErrors
{
    public static Error CalendarNotCovered(int year) => new("trading.calendar.not_covered", year);
    public static Error CalendarYearExists(int year) => new("trading.calendar.year_exists", year);
    public static Error CalendarDateOutsideYear(int year) => new("trading.calendar.date_outside_year", year);

    public static Error Forbidden(string step) => new("trading.deal.forbidden", step);
    public static Error DealNotFound(string id) => new("trading.deal.not_found", id);
    public static Error DealCodeTaken(string code) => new("trading.deal.code_taken", code);
    public static Error DealFieldRequired(string field) => new("trading.deal.field_required", field);
    public static Error WrongState(string status) => new("trading.deal.wrong_state", status);
    public static Error ReasonRequired() => new("trading.deal.reason_required");

    public static Error ApprovalDocumentRequired() => new("trading.work_plan.approval_required");
    public static Error AccountedValueInvalid() => new("trading.accounting.value_invalid");
    public static Error ReportRequired() => new("trading.deal.report_required");
    public static Error TransferorNotFound(string id) => new("trading.transferor.not_found", id);
    public static Error TransferorNotTradable(string reasons) => new("trading.transferor.not_tradable", reasons);
    public static Error AppraisedValueInvalid() => new("trading.appraisal.value_invalid");
    public static Error AccountingRunNotCovering(string plots) => new("trading.accounting.plots_not_in_run", plots);
    public static Error AppraisalInputInvalid(string field) => new("trading.appraisal.input_invalid", field);
    public static Error AppraisalMethodNotComputed(string method) => new("trading.appraisal.method_not_computed", method);
    public static Error AppraisalReasonsRequired() => new("trading.appraisal.reasons_required");
    public static Error AppraisalNotIssued() => new("trading.appraisal.not_issued");
    public static Error ReservePriceInvalid() => new("trading.appraisal.reserve_price_invalid");
    public static Error ReservePriceBelowCostFloor(string floor) => new("trading.appraisal.reserve_below_cost_floor", floor);
    public static Error PromotionRequired() => new("trading.promotion.required");

    public static Error DistributionShareInvalid() => new("trading.distribution.share_invalid");
    public static Error DistributionNotWhole(long basisPoints) => new("trading.distribution.not_whole", basisPoints);
    public static Error DistributionPartyDuplicate() => new("trading.distribution.party_duplicate");
    public static Error DistributionFeeInvalid() => new("trading.distribution.fee_invalid");

    public static Error ListingTermsInvalid() => new("trading.listing.terms_invalid");
    public static Error ListingPriceBelowReserve(string reserve) => new("trading.listing.price_below_reserve", reserve);
    public static Error RegistrationClosed() => new("trading.listing.registration_closed");
    public static Error PublicityNotOver() => new("trading.publicity.not_over");
    public static Error PublicityOver() => new("trading.publicity.over");

    public static Error BidderNotFound(string id) => new("trading.bidder.not_found", id);
    public static Error BidderAlreadyRegistered() => new("trading.bidder.already_registered");
    public static Error BidderAlreadyReviewed() => new("trading.bidder.already_reviewed");
    public static Error BidderNotQualified() => new("trading.bidder.not_qualified");
    public static Error HolderNotFound(string id) => new("trading.bidder.holder_not_found", id);
    public static Error TransferorMayNotBid() => new("trading.bidder.transferor_may_not_bid");
    public static Error NotActingForHolder() => new("trading.bidder.not_acting_for_holder");

    public static Error DepositAlreadyPaid() => new("trading.deposit.already_paid");
    public static Error DepositAmountWrong(string required) => new("trading.deposit.amount_wrong", required);
    public static Error DepositAccountRequired() => new("trading.deposit.account_required");
    public static Error DepositNotPaid() => new("trading.deposit.not_paid");

    public static Error ClientRequestIdRequired() => new("trading.bid.client_request_id_required");

    /// <summary>The store could not take the bid in time (connections or the deal's lock): nothing was recorded; resend with the same request id.</summary>
    public static Error StoreBusy() => new("trading.bid.store_busy");
    public static Error AuctionNotStarted() => new("trading.bid.auction_not_started");
    public static Error AuctionClosed() => new("trading.bid.auction_closed");
    public static Error AuctionNotOver() => new("trading.auction.not_over");
    public static Error BidBelowListingPrice(string listing) => new("trading.bid.below_listing_price", listing);
    public static Error BidBelowIncrement(string minimum) => new("trading.bid.below_increment", minimum);
    public static Error BidAlreadyHighest() => new("trading.bid.already_highest");

    public static Error NotPriorityHolder() => new("trading.priority.not_holder");
    public static Error PriorityWindowClosed() => new("trading.priority.window_closed");
    public static Error PriorityWindowOpen() => new("trading.priority.window_open");

    public static Error ObjectionTextRequired() => new("trading.objection.text_required");
    public static Error ObjectionNotFound(string id) => new("trading.objection.not_found", id);
    public static Error ObjectionAlreadyResolved() => new("trading.objection.already_resolved");
    public static Error ObjectionOpen() => new("trading.objection.open");
    public static Error ObjectionUpheld() => new("trading.objection.upheld");

    public static Error ContractIncomplete() => new("trading.contract.incomplete");
    public static Error ContractTermInvalid() => new("trading.contract.term_invalid");
    public static Error PaymentScheduleInvalid(string price) => new("trading.contract.payment_schedule_invalid", price);
    public static Error PaymentAmountInvalid() => new("trading.payment.amount_invalid");
    public static Error PaymentExceedsOutstanding(string outstanding) => new("trading.payment.exceeds_outstanding", outstanding);
    public static Error PaymentAccountRequired() => new("trading.payment.account_required");
    public static Error AlreadyFiled(string department) => new("trading.filing.already_filed", department);

    public static Error CertificateNotFound(string number) => new("trading.certificate.not_found", number);
}
