using Qingshan.Kernel;
using Qingshan.Trading.Deals;

namespace Qingshan.Tests.Trading.Deals;

/// <summary>The aggregate alone: every transition and refusal, no database.</summary>
public sealed class DealTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly Money Listing = Money.FromYuan(100_000);
    private static readonly Money Step = Money.FromYuan(1_000);
    private static readonly Money Deposit = Money.FromYuan(10_000);

    internal static Deal Prepared()
    {
        var deal = new Deal("D-1", "211322", "经营权", [Guid.NewGuid()], null, "工作方案", T0);
        Ok(deal.ApproveWorkPlan("建政函〔2026〕12号"));
        Ok(deal.ApproveAccounting(Guid.NewGuid(), 1_000_000m, "核算报告"));
        Ok(deal.DetermineTransferor(Guid.NewGuid()));
        Appraise(deal, Money.FromYuan(95_000));
        Ok(deal.RecordPromotion("推介"));
        Ok(deal.ApproveDistributionPlan(Money.FromYuan(2_000), Money.FromYuan(3_000), 100, [new DistributionShare("村集体", 7000), new DistributionShare("管护", 3000)]));
        return deal;
    }

    internal static Deal Listed()
    {
        var deal = Prepared();
        Ok(deal.List(new ListingTerms(Listing, Deposit, Step, 5, 30, 5, 60, 5), T0, T0.AddDays(7)));
        return deal;
    }

    internal static Bidder Qualified(Deal deal, bool priority = false)
    {
        var b = new Bidder(deal.Id, Guid.NewGuid(), "主体", priority, T0);
        Ok(b.Review(true, null));
        Ok(b.PayDeposit(Deposit, Deposit, "6222", T0));
        return b;
    }

    /// <summary>An auction that started at T0+7d with two bidders; free period 30 min, limited period 5 min.</summary>
    internal static (Deal Deal, Bidder A, Bidder B, DateTimeOffset Start) Auction(bool priorityB = false)
    {
        var deal = Listed();
        var a = Qualified(deal);
        var b = Qualified(deal, priorityB);
        var start = T0.AddDays(7);
        Ok(deal.StartTrading([a, b], start));
        Assert.Equal(DealStatus.Auction, deal.Status);
        return (deal, a, b, start);
    }

    private static void Appraise(Deal deal, Money reserve)
    {
        Ok(deal.IssueAppraisal(reserve, reserve, "CostApproach", "评估报告", "{}", "appraiser", T0));
        Ok(deal.DecideReservePrice(reserve, null));
    }

    private static void Ok(Result r) => Assert.True(r.IsSuccess, r.Error?.ToString());

    private static void Refused(string code, Result r) => Assert.Equal(code, r.Error?.Code);

    [Fact]
    public void Each_preparation_step_requires_the_previous_one()
    {
        var deal = new Deal("D-1", "211322", "经营权", [Guid.NewGuid()], null, "工作方案", T0);
        Refused("trading.deal.wrong_state", deal.ApproveAccounting(Guid.NewGuid(), 1m, "r"));
        Refused("trading.deal.wrong_state", deal.DetermineTransferor(Guid.NewGuid()));
        Refused("trading.deal.wrong_state", deal.IssueAppraisal(Listing, Money.Zero, "m", "r", "{}", "a", T0));
        Refused("trading.deal.wrong_state", deal.DecideReservePrice(Listing, null));
        Refused("trading.deal.wrong_state", deal.RecordPromotion("p"));
        Refused("trading.deal.wrong_state", deal.ApproveDistributionPlan(Money.Zero, Money.Zero, 0, [new DistributionShare("a", 10000)]));
        Refused("trading.deal.wrong_state", deal.List(new ListingTerms(Listing, Deposit, Step, 5, 30, 5, 60, 5), T0, T0));
        Refused("trading.work_plan.approval_required", deal.ApproveWorkPlan(" "));
        Ok(deal.ApproveWorkPlan("批复"));
        Refused("trading.deal.wrong_state", deal.ApproveWorkPlan("批复"));
        Refused("trading.accounting.value_invalid", deal.ApproveAccounting(Guid.NewGuid(), 0m, "r"));
        Refused("trading.deal.report_required", deal.ApproveAccounting(Guid.NewGuid(), 1m, ""));
        Ok(deal.ApproveAccounting(Guid.NewGuid(), 1m, "r"));
        Ok(deal.DetermineTransferor(Guid.NewGuid()));
        Refused("trading.appraisal.not_issued", deal.DecideReservePrice(Listing, null));
        Refused("trading.appraisal.value_invalid", deal.IssueAppraisal(Money.Zero, Money.Zero, "m", "r", "{}", "a", T0));
        Refused("trading.deal.report_required", deal.IssueAppraisal(Listing, Money.Zero, "", "r", "{}", "a", T0));
        Ok(deal.IssueAppraisal(Listing, Listing, "CostApproach", "r", "{}", "a", T0));
        Assert.Equal(DealStatus.TransferorDetermined, deal.Status);
        Refused("trading.appraisal.reserve_price_invalid", deal.DecideReservePrice(Money.Zero, null));
        Refused("trading.appraisal.reserve_below_cost_floor", deal.DecideReservePrice(Listing - Step, " "));
        Ok(deal.DecideReservePrice(Listing - Step, "培育投资已由财政补助部分覆盖"));
        Assert.Equal("培育投资已由财政补助部分覆盖", deal.ReservePriceReason);
        Refused("trading.promotion.required", deal.RecordPromotion(""));
        Ok(deal.RecordPromotion("p"));
        Assert.Equal(DealStatus.Promoted, deal.Status);
        Assert.Equal(7, deal.Changes.Count);
    }

    [Fact]
    public void Distribution_shares_must_add_up_to_exactly_the_whole_net_proceeds()
    {
        var deal = Prepared();
        Assert.Equal(DealStatus.DistributionPlanApproved, deal.Status);
        var fresh = new Deal("D-2", "211322", "经营权", [Guid.NewGuid()], null, "工作方案", T0);
        Ok(fresh.ApproveWorkPlan("a"));
        Ok(fresh.ApproveAccounting(Guid.NewGuid(), 1m, "r"));
        Ok(fresh.DetermineTransferor(Guid.NewGuid()));
        Appraise(fresh, Listing);
        Ok(fresh.RecordPromotion("p"));
        Refused("trading.distribution.not_whole", fresh.ApproveDistributionPlan(Money.Zero, Money.Zero, 0, [new DistributionShare("a", 6000), new DistributionShare("b", 3999)]));
        Refused("trading.distribution.share_invalid", fresh.ApproveDistributionPlan(Money.Zero, Money.Zero, 0, []));
        Refused("trading.distribution.share_invalid", fresh.ApproveDistributionPlan(Money.Zero, Money.Zero, 0, [new DistributionShare("a", 10001), new DistributionShare("b", -1)]));
        Refused("trading.distribution.party_duplicate", fresh.ApproveDistributionPlan(Money.Zero, Money.Zero, 0, [new DistributionShare("a", 5000), new DistributionShare("a ", 5000)]));
        Refused("trading.distribution.fee_invalid", fresh.ApproveDistributionPlan(Money.Zero, Money.Zero, 10_000, [new DistributionShare("a", 10000)]));
        Refused("trading.distribution.fee_invalid", fresh.ApproveDistributionPlan(new Money(-1), Money.Zero, 0, [new DistributionShare("a", 10000)]));

        // 100000.00 − 2000 − 3000 − 1 % platform fee = 94000.00, split 70/30 to the fen.
        var parts = deal.Distribute(Money.FromYuan(100_000));
        Assert.Equal(Money.FromYuan(94_000), deal.NetProceeds(Money.FromYuan(100_000)));
        Assert.Equal([Money.FromYuan(65_800), Money.FromYuan(28_200)], parts.Select(p => p.Amount));
        var odd = deal.Distribute(new Money(10_000_001));
        Assert.Equal(deal.NetProceeds(new Money(10_000_001)), odd.Aggregate(Money.Zero, (s, p) => s + p.Amount));
    }

    [Fact]
    public void Listing_needs_sane_terms_no_lower_than_the_appraisal()
    {
        var deal = Prepared();
        Refused("trading.listing.price_below_reserve", deal.List(new ListingTerms(Money.FromYuan(94_999.99m), Deposit, Step, 5, 30, 5, 60, 5), T0, T0));
        Refused("trading.listing.terms_invalid", deal.List(new ListingTerms(Listing, Deposit, Money.Zero, 5, 30, 5, 60, 5), T0, T0));
        Refused("trading.listing.terms_invalid", deal.List(new ListingTerms(Listing, Deposit, Step, 5, 30, 0, 60, 5), T0, T0));
        Ok(deal.List(new ListingTerms(Listing, Deposit, Step, 5, 30, 5, 60, 5), T0, T0.AddDays(7)));
        Ok(deal.RequireRegistrationOpen(T0.AddDays(7).AddTicks(-1)));
        Refused("trading.listing.registration_closed", deal.RequireRegistrationOpen(T0.AddDays(7)));
    }

    [Fact]
    public void Trading_starts_only_after_publicity_and_the_method_follows_the_number_of_qualified_bidders()
    {
        var none = Listed();
        Refused("trading.publicity.not_over", none.StartTrading([], T0.AddDays(1)));
        var unpaid = new Bidder(none.Id, Guid.NewGuid(), "x", false, T0);
        Ok(unpaid.Review(true, null));
        Ok(none.StartTrading([unpaid], T0.AddDays(7)));
        Assert.Equal(DealStatus.Unsold, none.Status);

        var one = Listed();
        var only = Qualified(one);
        Ok(one.StartTrading([only, unpaid], T0.AddDays(7)));
        Assert.Equal(DealStatus.Negotiation, one.Status);
        Refused("trading.bid.below_listing_price", one.ConcludeNegotiation(only, Listing - new Money(1), T0.AddDays(8)));
        Ok(one.ConcludeNegotiation(only, Listing, T0.AddDays(8)));
        Assert.Equal(DealStatus.ResultPublicity, one.Status);
        Assert.Equal(only.Id, one.WinnerId);

        var (auction, _, _, start) = Auction();
        Assert.Equal(start.AddMinutes(35), auction.AuctionEndsAt);
    }

    [Fact]
    public void Bidder_review_and_deposit_are_each_done_once_and_exactly()
    {
        var b = new Bidder(Guid.NewGuid(), Guid.NewGuid(), "x", false, T0);
        Refused("trading.deposit.amount_wrong", b.PayDeposit(Deposit - new Money(1), Deposit, "6222", T0));
        Refused("trading.deposit.account_required", b.PayDeposit(Deposit, Deposit, " ", T0));
        Ok(b.PayDeposit(Deposit, Deposit, "6222", T0));
        Refused("trading.deposit.already_paid", b.PayDeposit(Deposit, Deposit, "6222", T0));
        Ok(b.Review(false, "不符合受让条件"));
        Refused("trading.bidder.already_reviewed", b.Review(true, null));
        Assert.False(b.MayBid);
    }

    [Fact]
    public void Bids_must_rise_by_the_increment_from_the_listing_price()
    {
        var (deal, a, b, start) = Auction();
        var t = start.AddMinutes(1);
        Refused("trading.bid.below_listing_price", deal.PlaceBid(a, Listing - new Money(1), t));
        Ok(deal.PlaceBid(a, Listing, t));
        Refused("trading.bid.already_highest", deal.PlaceBid(a, Listing + Step, t));
        Refused("trading.bid.below_increment", deal.PlaceBid(b, Listing + Step - new Money(1), t));
        Ok(deal.PlaceBid(b, Listing + Step, t));
        Assert.Equal(b.Id, deal.HighestBidderId);
        var stranger = new Bidder(deal.Id, Guid.NewGuid(), "x", false, T0);
        Refused("trading.bidder.not_qualified", deal.PlaceBid(stranger, Money.FromYuan(200_000), t));
        Ok(stranger.Review(true, null));
        Refused("trading.deposit.not_paid", deal.PlaceBid(stranger, Money.FromYuan(200_000), t));
        Refused("trading.deal.wrong_state", Listed().PlaceBid(a, Listing, t));
    }

    [Fact]
    public void A_bid_in_the_last_minutes_of_the_limited_period_restarts_the_countdown_and_one_at_the_end_is_refused()
    {
        var (deal, a, b, start) = Auction();
        var end = start.AddMinutes(35);

        // In the free period a bid never extends.
        Ok(deal.PlaceBid(a, Listing, start.AddMinutes(10)));
        Assert.Equal(end, deal.AuctionEndsAt);

        // At the start of the limited period exactly 5 minutes remain: no extension.
        Ok(deal.PlaceBid(b, Listing + Step, start.AddMinutes(30)));
        Assert.Equal(end, deal.AuctionEndsAt);

        // 1 ms before the end: accepted, the end moves to 5 minutes after the bid.
        var late = end.AddMilliseconds(-1);
        Ok(deal.PlaceBid(a, Listing + Step + Step, late));
        Assert.Equal(late.AddMinutes(5), deal.AuctionEndsAt);

        // Exactly at the (new) end: refused.
        Refused("trading.bid.auction_closed", deal.PlaceBid(b, Money.FromYuan(200_000), deal.AuctionEndsAt!.Value));
        Refused("trading.auction.not_over", deal.CloseAuction(null, deal.AuctionEndsAt!.Value.AddTicks(-1)));
        Ok(deal.CloseAuction(null, deal.AuctionEndsAt!.Value));
        Assert.Equal(DealStatus.ResultPublicity, deal.Status);
        Assert.Equal(a.Id, deal.WinnerId);
        Assert.Equal(Listing + Step + Step, deal.FinalPrice);
    }

    [Fact]
    public void An_auction_without_bids_is_unsold()
    {
        var (deal, _, _, start) = Auction();
        Ok(deal.CloseAuction(null, start.AddHours(1)));
        Assert.Equal(DealStatus.Unsold, deal.Status);
    }

    [Fact]
    public void The_priority_right_holder_may_match_the_best_bid_within_the_window_and_then_wins()
    {
        var (deal, a, holder, start) = Auction(priorityB: true);
        Ok(deal.PlaceBid(a, Listing + Step, start.AddMinutes(1)));
        var close = start.AddMinutes(35);
        Refused("trading.deal.wrong_state", deal.ExercisePriorityRight(holder, close));
        Ok(deal.CloseAuction(holder, close));
        Assert.Equal(DealStatus.PriorityWindow, deal.Status);
        Assert.Equal(close.AddMinutes(60), deal.PriorityWindowEndsAt);
        Refused("trading.priority.not_holder", deal.ExercisePriorityRight(a, close.AddMinutes(1)));
        Refused("trading.priority.window_open", deal.ClosePriorityWindow(close.AddMinutes(59)));
        Refused("trading.priority.window_closed", deal.ExercisePriorityRight(holder, close.AddMinutes(60)));
        Ok(deal.ExercisePriorityRight(holder, close.AddMinutes(59)));
        Assert.Equal(holder.Id, deal.WinnerId);
        Assert.Equal(Listing + Step, deal.FinalPrice);
        Assert.True(deal.WonByPriorityRight);
    }

    [Fact]
    public void A_lapsed_priority_window_leaves_the_highest_bidder_the_winner()
    {
        var (deal, a, holder, start) = Auction(priorityB: true);
        Ok(deal.PlaceBid(a, Listing, start.AddMinutes(1)));
        Ok(deal.CloseAuction(holder, start.AddMinutes(35)));
        Ok(deal.ClosePriorityWindow(start.AddMinutes(95)));
        Assert.Equal(a.Id, deal.WinnerId);
        Assert.False(deal.WonByPriorityRight);
    }

    [Fact]
    public void The_priority_holder_who_already_leads_simply_wins()
    {
        var (deal, a, holder, start) = Auction(priorityB: true);
        Ok(deal.PlaceBid(a, Listing, start.AddMinutes(1)));
        Ok(deal.PlaceBid(holder, Listing + Step, start.AddMinutes(2)));
        Ok(deal.CloseAuction(holder, start.AddMinutes(35)));
        Assert.Equal(DealStatus.ResultPublicity, deal.Status);
        Assert.Equal(holder.Id, deal.WinnerId);
    }

    internal static (Deal Deal, DateTimeOffset PublicityEnd) Awarded()
    {
        var (deal, a, _, start) = Auction();
        Ok(deal.PlaceBid(a, Listing, start.AddMinutes(1)));
        Ok(deal.CloseAuction(null, start.AddMinutes(35)));
        var end = start.AddDays(7);
        deal.SetResultPublicityEnd(end);
        return (deal, end);
    }

    private static ContractTerms Contract(params Instalment[] schedule) =>
        new("HT-2026-001", 20, schedule.Length == 0 ? [new Instalment(new DateOnly(2026, 6, 1), Money.FromYuan(60_000)), new Instalment(new DateOnly(2027, 6, 1), Money.FromYuan(40_000))] : schedule, "落实水土保持措施管护责任", "逾期付款按日万分之五支付违约金");

    [Fact]
    public void The_contract_waits_for_publicity_without_standing_objections_and_must_be_complete()
    {
        var (deal, end) = Awarded();
        Ok(deal.RequireResultPublicity(end.AddTicks(-1)));
        Refused("trading.publicity.over", deal.RequireResultPublicity(end));
        Refused("trading.publicity.not_over", deal.SignContract(Contract(), [], end.AddTicks(-1)));
        var objection = new Objection(deal.Id, "村民", "价格过低", end.AddDays(-1));
        Refused("trading.objection.open", deal.SignContract(Contract(), [objection], end));
        Ok(objection.Resolve(true, "成立", end));
        Refused("trading.objection.already_resolved", objection.Resolve(false, "x", end));
        Refused("trading.objection.upheld", deal.SignContract(Contract(), [objection], end));
        Refused("trading.contract.incomplete", deal.SignContract(Contract() with { ProtectionDuties = "" }, [], end));
        Refused("trading.contract.term_invalid", deal.SignContract(Contract() with { TermYears = 0 }, [], end));
        Refused("trading.contract.payment_schedule_invalid", deal.SignContract(Contract(new Instalment(new DateOnly(2026, 6, 1), Money.FromYuan(99_999.99m))), [], end));
        Refused("trading.contract.payment_schedule_invalid", deal.SignContract(Contract() with { PaymentSchedule = [] }, [], end));
        Ok(deal.SignContract(Contract(), [], end));
        Assert.Equal(DealStatus.Contracted, deal.Status);
    }

    [Fact]
    public void Filing_with_water_DRC_and_finance_completes_the_deal_for_its_certificate()
    {
        var (deal, end) = Awarded();
        Refused("trading.deal.wrong_state", deal.File(FilingDepartment.Water, end));
        Ok(deal.SignContract(Contract(), [], end));
        Refused("trading.deal.wrong_state", deal.IssueCertificate("X"));
        Ok(deal.File(FilingDepartment.Water, end));
        Refused("trading.filing.already_filed", deal.File(FilingDepartment.Water, end));
        Ok(deal.File(FilingDepartment.Finance, end));
        Assert.Equal(DealStatus.Contracted, deal.Status);
        Ok(deal.File(FilingDepartment.DevelopmentReform, end));
        Assert.Equal(DealStatus.Filed, deal.Status);
        Ok(deal.IssueCertificate("SBJYPZ-D-1"));
        Assert.Equal(DealStatus.Certified, deal.Status);
        Refused("trading.deal.wrong_state", deal.Suspend("x"));
        Refused("trading.deal.wrong_state", deal.Cancel("x"));
    }

    [Fact]
    public void Suspension_needs_a_reason_and_a_deal_suspended_before_listing_resumes_where_it_stopped()
    {
        var deal = Prepared();
        Refused("trading.deal.reason_required", deal.Suspend(" "));
        Refused("trading.deal.wrong_state", deal.Resume("x", T0, () => T0));
        Ok(deal.Suspend("群众信访，核查权属"));
        Refused("trading.deal.wrong_state", deal.Suspend("again"));
        Refused("trading.deal.wrong_state", deal.List(new ListingTerms(Listing, Deposit, Step, 5, 30, 5, 60, 5), T0, T0));
        Refused("trading.deal.reason_required", deal.Resume("", T0, () => T0));
        Ok(deal.Resume("核查完毕", T0, () => throw new InvalidOperationException("not needed before listing")));
        Assert.Equal(DealStatus.DistributionPlanApproved, deal.Status);
        Assert.Equal(1, deal.Round);
    }

    [Fact]
    public void A_deal_suspended_during_trading_is_listed_again_in_a_new_round()
    {
        var (deal, a, _, start) = Auction();
        Ok(deal.PlaceBid(a, Listing, start.AddMinutes(1)));
        Ok(deal.Suspend("异议核查"));
        Assert.Equal(DealStatus.Auction, deal.SuspendedFrom);
        Refused("trading.deal.wrong_state", deal.PlaceBid(a, Money.FromYuan(200_000), start.AddMinutes(2)));
        Ok(deal.Resume("核查完毕", start.AddDays(1), () => start.AddDays(8)));
        Assert.Equal(DealStatus.Listed, deal.Status);
        Assert.Equal(2, deal.Round);
        Assert.Null(deal.HighestBidderId);
        Assert.Equal(start.AddDays(8), deal.PublicityEndsAt);
    }

    [Fact]
    public void Cancellation_is_final_and_needs_a_reason()
    {
        var deal = Listed();
        Refused("trading.deal.reason_required", deal.Cancel(""));
        Ok(deal.Suspend("核查"));
        Ok(deal.Cancel("权属争议无法消除"));
        Assert.Equal(DealStatus.Cancelled, deal.Status);
        Refused("trading.deal.wrong_state", deal.Cancel("again"));
        Refused("trading.deal.wrong_state", deal.Resume("x", T0, () => T0));
    }
}
