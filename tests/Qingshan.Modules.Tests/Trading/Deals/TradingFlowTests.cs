using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Registry.Rights;
using Qingshan.Tests.Registry;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Certificates;
using Qingshan.Trading.Deals;
using Qingshan.Trading.Deposits;

namespace Qingshan.Tests.Trading.Deals;

/// <summary>The handlers through real DI on a real database.</summary>
public sealed class TradingFlowTests
{
    private static ContractTerms Contract(Money price) =>
        new("建水保交易合同〔2026〕1号", 20, [new Instalment(new DateOnly(2026, 6, 1), Money.FromYuan(50_000)), new Instalment(new DateOnly(2027, 6, 1), price - Money.FromYuan(50_000))],
            "经营期内落实水土保持措施管护责任，不得破坏治理成果", "逾期付款按日万分之五支付违约金；破坏水土保持设施的，出让方有权解除合同");

    [Fact]
    public async Task A_deal_runs_from_work_plan_to_a_signed_certificate_that_verifies()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(2);
        await using var _ = world.Platform;
        var card = await world.CardAsync();
        Assert.Equal(DealStatus.Auction, card.Status);

        world.Platform.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await world.BidAsync(bidders[0], TradingWorld.Listing)).Value.Accepted);
        Assert.True((await world.BidAsync(bidders[1], TradingWorld.Listing + TradingWorld.Step)).Value.Accepted);
        world.Platform.Clock.SetUtcNow(card.AuctionEndsAt!.Value);
        Assert.Equal(1, await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<AdvanceDueDealsHandler>().HandleAsync()));

        card = await world.CardAsync();
        Assert.Equal(DealStatus.ResultPublicity, card.Status);
        Assert.Equal(bidders[1], card.WinnerId);
        var price = TradingWorld.Listing + TradingWorld.Step;
        Assert.Equal(price, card.FinalPrice);

        // The loser's deposit went back to the account it came from.
        var bank = await world.BankAsync();
        var refund = Assert.Single(bank, b => b.Kind == BankInstructionKind.Refund);
        Assert.Equal(bidders[0], refund.BidderId);
        Assert.Equal("6222 0000 0000 0000", refund.Account);

        var objection = Make.Ok(await world.Platform.RunAsync(TradingWorld.Bidding, sp => sp.GetRequiredService<RaiseObjectionHandler>().HandleAsync(new RaiseObjection(world.Deal, "竞价过程有疑问"))));
        Assert.Equal("trading.publicity.not_over", (await world.RunAsync(TradingWorld.Centre, sp => sp.GetRequiredService<SignContractHandler>().HandleAsync(new SignContract(world.Deal, Contract(price))))).Error?.Code);
        await world.OkAsync(TradingWorld.Centre, sp => sp.GetRequiredService<ResolveObjectionHandler>().HandleAsync(new ResolveObjection(world.Deal, objection, false, "经核查竞价过程合规，异议不成立")));
        world.Platform.Clock.SetUtcNow(card.ResultPublicityEndsAt!.Value);
        Assert.Equal("trading.publicity.over", (await world.Platform.RunAsync(TradingWorld.Bidding, sp => sp.GetRequiredService<RaiseObjectionHandler>().HandleAsync(new RaiseObjection(world.Deal, "迟到的异议")))).Error?.Code);
        await world.OkAsync(TradingWorld.Centre, sp => sp.GetRequiredService<SignContractHandler>().HandleAsync(new SignContract(world.Deal, Contract(price))));
        Assert.Contains(await world.BankAsync(), b => b.Kind == BankInstructionKind.ApplyToPrice && b.BidderId == bidders[1] && b.Amount == TradingWorld.Deposit);

        Assert.Equal("trading.deal.forbidden", (await world.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<FileContractHandler>().HandleAsync(new FileContract(world.Deal, FilingDepartment.Finance)))).Error?.Code);
        await world.OkAsync(TradingWorld.Water, sp => sp.GetRequiredService<FileContractHandler>().HandleAsync(new FileContract(world.Deal, FilingDepartment.Water)));
        await world.OkAsync(TradingWorld.Drc, sp => sp.GetRequiredService<FileContractHandler>().HandleAsync(new FileContract(world.Deal, FilingDepartment.DevelopmentReform)));
        await world.OkAsync(TradingWorld.Finance, sp => sp.GetRequiredService<FileContractHandler>().HandleAsync(new FileContract(world.Deal, FilingDepartment.Finance)));

        var certificate = Make.Ok(await world.Platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<IssueCertificateHandler>().HandleAsync(new IssueCertificate(world.Deal))));
        Assert.Equal("/portal/certificates/SBJYPZ-JP-2026-001", certificate.VerificationPath);
        Assert.Contains("\"priceFen\":10100000", certificate.Content, StringComparison.Ordinal);
        Assert.Equal(DealStatus.Certified, (await world.CardAsync()).Status);

        var verify = (string? content) => world.Platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<VerifyCertificateHandler>().HandleAsync(new VerifyCertificate(certificate.Number, content)));
        Assert.Equal(CertificateVerdict.Genuine, (await verify(null)).Value);
        Assert.Equal(CertificateVerdict.Genuine, (await verify(certificate.Content)).Value);
        Assert.Equal(CertificateVerdict.Altered, (await verify(certificate.Content.Replace("10100000", "1010000", StringComparison.Ordinal))).Value);
        Assert.Equal("trading.certificate.not_found", (await world.Platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<VerifyCertificateHandler>().HandleAsync(new VerifyCertificate("nope")))).Error?.Code);
        var png = await world.Platform.RunAsync(Actor.System, sp => Task.FromResult(sp.GetRequiredService<CertificateQueries>().QrPng(certificate.Number)));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);

        // Full history: every step with its actor, and one outbox record per state change.
        var history = await world.HistoryAsync();
        foreach (var step in new[] { "DealCreated", "WorkPlanApproved", "AccountingApproved", "TransferorDetermined", "AppraisalIssued", "Appraised", "Promoted", "DistributionPlanApproved", "Listed", "BidderRegistered", "BidderReviewed", "DepositPaid", "AuctionStarted", "BidAccepted", "Awarded", "DepositRefunded", "ObjectionRaised", "ObjectionResolved", "ContractSigned", "DepositAppliedToPrice", "FiledWith", "Filed", "CertificateIssued" })
        {
            Assert.Contains(history, h => h.Action == step);
        }

        Assert.Contains(history, h => h.Action == "CertificateIssued" && h.ActorName == "water");
    }

    [Fact]
    public async Task The_transferor_is_determined_only_for_plots_the_registry_shows_tradable()
    {
        var platform = await Support.TestPlatform.CreateAsync();
        await using var _ = platform;
        var (run, plot) = await TradingWorld.ApprovedRunAsync(platform);
        var collective = await Make.CollectiveAsync(platform);
        var deal = Make.Ok(await platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<CreateDealHandler>().HandleAsync(new CreateDeal("JP-2026-009", Make.County, "经营权", [plot], null, "工作方案"))));
        Assert.Equal("trading.deal.code_taken", (await platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<CreateDealHandler>().HandleAsync(new CreateDeal("JP-2026-009", Make.County, "经营权", [plot], null, "工作方案")))).Error?.Code);
        Assert.Equal("registry.plot.not_found", (await platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<CreateDealHandler>().HandleAsync(new CreateDeal("JP-2026-010", Make.County, "经营权", [Guid.NewGuid()], null, "工作方案")))).Error?.Code);
        Assert.Equal("trading.deal.forbidden", (await platform.RunAsync(TradingWorld.Bidding, sp => sp.GetRequiredService<CreateDealHandler>().HandleAsync(new CreateDeal("JP-2026-011", Make.County, "经营权", [plot], null, "工作方案")))).Error?.Code);
        var world = new TradingWorld(platform, plot, collective, deal, null);
        Assert.Equal("trading.deal.forbidden", (await world.RunAsync(TradingWorld.Bidding, sp => sp.GetRequiredService<ApproveWorkPlanHandler>().HandleAsync(new ApproveWorkPlan(deal, "x")))).Error?.Code);
        Assert.Equal("trading.deal.not_found", (await world.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<ApproveWorkPlanHandler>().HandleAsync(new ApproveWorkPlan(Guid.NewGuid(), "x")))).Error?.Code);
        await world.OkAsync(TradingWorld.Water, sp => sp.GetRequiredService<ApproveWorkPlanHandler>().HandleAsync(new ApproveWorkPlan(deal, "建政函〔2026〕12号")));
        await world.OkAsync(TradingWorld.Water, sp => sp.GetRequiredService<LinkAccountingRunHandler>().HandleAsync(new LinkAccountingRun(deal, run)));

        var refused = await world.RunAsync(TradingWorld.Centre, sp => sp.GetRequiredService<DetermineTransferorHandler>().HandleAsync(new DetermineTransferor(deal, collective)));
        Assert.Equal("trading.transferor.not_tradable", refused.Error?.Code);
        Assert.Contains("registry.tradability.rights_unconfirmed", (string)refused.Error!.Args[0]!, StringComparison.Ordinal);

        await using (var scope = platform.AsSystem())
        {
            Make.Ok(await scope.ServiceProvider.GetRequiredService<ConfirmRightHandler>().HandleAsync(new ConfirmRight(plot, collective, RightKind.Ownership, new DateOnly(2018, 1, 1), null, "证1")));
            Make.Ok(await scope.ServiceProvider.GetRequiredService<RecordDisputeHandler>().HandleAsync(new RecordDispute(plot, "边界争议")));
        }

        refused = await world.RunAsync(TradingWorld.Centre, sp => sp.GetRequiredService<DetermineTransferorHandler>().HandleAsync(new DetermineTransferor(deal, collective)));
        Assert.Contains("registry.tradability.disputed", (string)refused.Error!.Args[0]!, StringComparison.Ordinal);
        Assert.Equal("trading.transferor.not_found", (await world.RunAsync(TradingWorld.Centre, sp => sp.GetRequiredService<DetermineTransferorHandler>().HandleAsync(new DetermineTransferor(deal, Guid.NewGuid())))).Error?.Code);
        Assert.Equal(DealStatus.AccountingApproved, (await world.CardAsync()).Status);
    }

    [Fact]
    public async Task Suspension_refunds_every_deposit_by_its_original_route_and_a_resumed_deal_trades_again()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(3);
        await using var _ = world.Platform;
        world.Platform.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await world.BidAsync(bidders[0], TradingWorld.Listing)).Value.Accepted);

        Assert.Equal("trading.deal.forbidden", (await world.RunAsync(TradingWorld.Centre, sp => sp.GetRequiredService<SuspendDealHandler>().HandleAsync(new SuspendDeal(world.Deal, "x")))).Error?.Code);
        Assert.Equal("trading.deal.reason_required", (await world.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<SuspendDealHandler>().HandleAsync(new SuspendDeal(world.Deal, " ")))).Error?.Code);
        await world.OkAsync(TradingWorld.Water, sp => sp.GetRequiredService<SuspendDealHandler>().HandleAsync(new SuspendDeal(world.Deal, "接群众举报，权属存疑，中止交易核查")));

        var refunds = (await world.BankAsync()).Where(b => b.Kind == BankInstructionKind.Refund).ToList();
        Assert.Equal(3, refunds.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"6222 0000 0000 {i:D4}", Assert.Single(refunds, r => r.BidderId == bidders[i]).Account);
        }

        Assert.All(await world.BiddersAsync(), b => Assert.Equal(DepositStatus.Refunded, b.DepositStatus));
        var card = await world.CardAsync();
        Assert.Equal(DealStatus.Suspended, card.Status);
        Assert.Equal(DealStatus.Auction, card.SuspendedFrom);

        // Frozen: nothing moves while suspended, and a bid is refused but on record.
        var frozen = (await world.BidAsync(bidders[1], TradingWorld.Listing + TradingWorld.Step)).Value;
        Assert.Equal("trading.deal.wrong_state", frozen.Refusal?.Code);
        Assert.Equal("trading.deal.wrong_state", (await world.AdvanceAsync()).Error?.Code);

        await world.OkAsync(TradingWorld.Water, sp => sp.GetRequiredService<ResumeDealHandler>().HandleAsync(new ResumeDeal(world.Deal, "核查完毕，权属清晰", 5)));
        card = await world.CardAsync();
        Assert.Equal(DealStatus.Listed, card.Status);
        Assert.Equal(2, card.Round);
        Assert.All(await world.BiddersAsync(), b => Assert.Equal(DepositStatus.None, b.DepositStatus));
        await world.OkAsync(TradingWorld.Bank, sp => sp.GetRequiredService<PayDepositHandler>().HandleAsync(new PayDeposit(world.Deal, bidders[2], TradingWorld.Deposit, "6222 0000 0000 0002")));

        // Only one bidder paid again: a negotiated deal, not an auction; history keeps both rounds.
        world.Platform.Clock.SetUtcNow(card.PublicityEndsAt!.Value);
        Assert.Equal(DealStatus.Negotiation, (await world.AdvanceAsync()).Value);
        Assert.Equal("trading.bid.below_listing_price", (await world.RunAsync(TradingWorld.Centre, sp => sp.GetRequiredService<ConcludeNegotiationHandler>().HandleAsync(new ConcludeNegotiation(world.Deal, bidders[2], TradingWorld.Listing - new Money(1))))).Error?.Code);
        Assert.Equal("trading.bidder.not_qualified", (await world.RunAsync(TradingWorld.Centre, sp => sp.GetRequiredService<ConcludeNegotiationHandler>().HandleAsync(new ConcludeNegotiation(world.Deal, bidders[0], TradingWorld.Listing)))).Error?.Code);
        await world.OkAsync(TradingWorld.Centre, sp => sp.GetRequiredService<ConcludeNegotiationHandler>().HandleAsync(new ConcludeNegotiation(world.Deal, bidders[2], TradingWorld.Listing)));
        Assert.Equal(bidders[2], (await world.CardAsync()).WinnerId);
        var history = await world.HistoryAsync();
        Assert.Contains(history, h => h.Action == "Suspended" && h.Note!.Contains("中止交易核查", StringComparison.Ordinal) && h.ActorName == "water");
        Assert.Contains(history, h => h.Action == "Resumed");

        await world.OkAsync(TradingWorld.Finance, sp => sp.GetRequiredService<CancelDealHandler>().HandleAsync(new CancelDeal(world.Deal, "出让方撤回")));
        Assert.Contains(await world.BankAsync(), b => b.Kind == BankInstructionKind.Refund && b.BidderId == bidders[2] && b.Reason.Contains("终止", StringComparison.Ordinal));
        Assert.Equal("trading.deal.wrong_state", (await world.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<ResumeDealHandler>().HandleAsync(new ResumeDeal(world.Deal, "x", 5)))).Error?.Code);
    }

    [Fact]
    public async Task Registration_review_and_deposits_are_refused_outside_the_listing_publicity()
    {
        var world = await TradingWorld.PreparedAsync();
        await using var _ = world.Platform;
        var holder = await TradingWorld.EnterpriseAsync(world.Platform, 7, "经营主体7");
        Assert.Equal("trading.deal.wrong_state", (await world.Platform.RunAsync(TradingWorld.Bidding, sp => sp.GetRequiredService<RegisterBidderHandler>().HandleAsync(new RegisterBidder(world.Deal, holder)))).Error?.Code);
        await world.OkAsync(TradingWorld.Centre, sp => sp.GetRequiredService<PublishListingHandler>().HandleAsync(new PublishListing(world.Deal, TradingWorld.Terms())));
        Assert.Equal("trading.bidder.transferor_may_not_bid", (await world.Platform.RunAsync(TradingWorld.Bidding, sp => sp.GetRequiredService<RegisterBidderHandler>().HandleAsync(new RegisterBidder(world.Deal, world.Transferor)))).Error?.Code);
        Assert.Equal("trading.bidder.holder_not_found", (await world.Platform.RunAsync(TradingWorld.Bidding, sp => sp.GetRequiredService<RegisterBidderHandler>().HandleAsync(new RegisterBidder(world.Deal, Guid.NewGuid())))).Error?.Code);
        var bidder = await world.QualifiedBidderAsync(holder, "6222");
        Assert.Equal("trading.bidder.already_registered", (await world.Platform.RunAsync(TradingWorld.Bidding, sp => sp.GetRequiredService<RegisterBidderHandler>().HandleAsync(new RegisterBidder(world.Deal, holder)))).Error?.Code);
        Assert.Equal("trading.bidder.not_found", (await world.RunAsync(TradingWorld.Centre, sp => sp.GetRequiredService<ReviewBidderHandler>().HandleAsync(new ReviewBidder(world.Deal, Guid.NewGuid(), true, null)))).Error?.Code);

        var card = await world.CardAsync();
        // 2026-03-02 (Mon) + 5 working days = end of Monday 9 March, China time.
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(8)), card.PublicityEndsAt);
        world.Platform.Clock.SetUtcNow(card.PublicityEndsAt!.Value);
        Assert.Equal("trading.listing.registration_closed", (await world.RunAsync(TradingWorld.Bank, sp => sp.GetRequiredService<PayDepositHandler>().HandleAsync(new PayDeposit(world.Deal, bidder, TradingWorld.Deposit, "6222")))).Error?.Code);
    }
}
