using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Rights;
using Qingshan.Accounting.Runs;
using Qingshan.Registry.Plots;
using Qingshan.Tests.Accounting;
using Qingshan.Tests.Registry;
using Qingshan.Trading.Appraisals;
using Qingshan.Valuation.Appraisal;
using Qingshan.Valuation.Engine;
using Qingshan.Tests.Support;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Deals;

namespace Qingshan.Tests.Trading;

/// <summary>A county with one confirmed plot, its collective as transferor, and a deal driven as far as a test needs.</summary>
internal sealed record TradingWorld(TestPlatform Platform, Guid Plot, Guid Transferor, Guid Deal, Guid? Investor)
{
    public static readonly Money Listing = Money.FromYuan(100_000);
    public static readonly Money Deposit = Money.FromYuan(10_000);
    public static readonly Money Step = Money.FromYuan(1_000);

    public static Actor Centre { get; } = Of("centre", Roles.TradingCentre);

    public static Actor Water { get; } = Of("water", Roles.WaterBureau);

    public static Actor Drc { get; } = Of("drc", Roles.DevelopmentReform);

    public static Actor Finance { get; } = Of("finance", Roles.Finance);

    public static Actor Appraiser { get; } = Of("appraiser", Roles.AppraisalAgency);

    public static Actor Bank { get; } = Of("bank", Roles.Bank);

    /// <summary>An operator account bound to no holder: may not register, bid or exercise a right for anyone.</summary>
    public static Actor Bidding { get; } = Of("operator", Roles.Operator);

    /// <summary>The operator account that acts for <paramref name="holder"/>.</summary>
    public static Actor OperatorFor(Guid holder) => Of("operator-" + holder.ToString("N")[..8], Roles.Operator) with { HolderId = holder };

    public static readonly Money Reserve = Money.FromYuan(95_000);

    /// <summary>Appraisal inputs whose cost-approach floor is 88 000 元 (80 000 unrecovered + 10 %).</summary>
    public static AppraisalInputs Inputs(decimal investment = 80_000m) => new(
        TermYears: 3, StartOn: new DateOnly(2026, 7, 1), DiscountRate: 0.04m, DiscountRateSource: "一年期 LPR 3.0% + 风险溢价 1%", Timing: PaymentTiming.EndOfYear,
        CaptureShare: 1m, CapturableCategories: [ValueCategory.MaterialSupply], GrowthRate: 0m, AnnualOperatingCostYuan: 1_000m,
        RealizationCoefficient: 0.15m, RevenueShare: 0.2m, ExpectedAnnualRevenueYuan: 50_000m,
        CultivationInvestmentYuan: investment, AlreadyRecoveredYuan: 0m, ReasonableReturnRate: 0.1m);

    /// <summary>
    /// An accounting world (watershed, plots P-1…P-3, parameter set) with one run computed and approved by
    /// 编制 → 审核 → 批准; returns the run and plot P-1.
    /// </summary>
    public static async Task<(Guid Run, Guid Plot)> ApprovedRunAsync(TestPlatform platform)
    {
        var accounting = await AccountingWorld.CreateAsync(platform);
        var run = await accounting.ComputedRunAsync();
        Assert.True((await accounting.TransitionAsync(AccountingWorld.Preparer, h => h.HandleAsync(new SubmitAccountingRun(run)))).IsSuccess);
        Assert.True((await accounting.TransitionAsync(AccountingWorld.Reviewer, h => h.HandleAsync(new ReviewAccountingRun(run)))).IsSuccess);
        Assert.True((await accounting.TransitionAsync(AccountingWorld.Approver, h => h.HandleAsync(new ApproveAccountingRun(run)))).IsSuccess);
        var plots = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<PlotQueries>().ListAsync(new PlotFilter(Search: "P-1")));
        return (run, plots.Rows.Single(r => r.Code == "P-1").Id);
    }

    /// <summary>A deal whose transferor is determined, over an approved run's plot: ready for the appraisal.</summary>
    public static async Task<TradingWorld> TransferorDeterminedAsync(bool withInvestor = false, DateTimeOffset? now = null)
    {
        var platform = await TestPlatform.CreateAsync(now);
        var (run, plot) = await ApprovedRunAsync(platform);
        var collective = await Make.CollectiveAsync(platform);
        Guid? investor = withInvestor ? await EnterpriseAsync(platform, 0, "建平县青山生态农业有限公司", cultivating: true) : null;
        await using (var scope = platform.AsSystem())
        {
            Make.Ok(await scope.ServiceProvider.GetRequiredService<ConfirmRightHandler>().HandleAsync(new ConfirmRight(plot, collective, RightKind.Ownership, new DateOnly(2018, 1, 1), null, "辽(2018)建平县不动产权第0000001号")));
        }

        var deal = Make.Ok(await platform.RunAsync(Water, sp => sp.GetRequiredService<CreateDealHandler>().HandleAsync(
            new CreateDeal("JP-2026-001", Make.County, "东山小流域水土保持林下经济经营权", [plot], investor, "建平县东山小流域水土保持生态产品交易工作方案"))));
        var world = new TradingWorld(platform, plot, collective, deal, investor) { Run = run };
        await world.OkAsync(Water, sp => sp.GetRequiredService<ApproveWorkPlanHandler>().HandleAsync(new ApproveWorkPlan(deal, "建政函〔2026〕12号")));
        await world.OkAsync(Water, sp => sp.GetRequiredService<LinkAccountingRunHandler>().HandleAsync(new LinkAccountingRun(deal, run)));
        await world.OkAsync(Centre, sp => sp.GetRequiredService<DetermineTransferorHandler>().HandleAsync(new DetermineTransferor(deal, collective)));
        return world;
    }

    public Guid Run { get; init; }

    public Task<Result> AppraiseAsync(AppraisalInputs? inputs = null, AppraisalMethod method = AppraisalMethod.ShareOfAccountedValue, string reasons = "成交案例显示价格约为核算年值的 10%–20%", Actor? actor = null) =>
        RunAsync(actor ?? Appraiser, sp => sp.GetRequiredService<IssueAppraisalHandler>().HandleAsync(new IssueAppraisal(Deal, "辽评报字〔2026〕第018号", inputs ?? Inputs(), method, reasons)));

    public Task<Result> DecideReserveAsync(Money reserve, string? reason = null, Actor? actor = null) =>
        RunAsync(actor ?? Water, sp => sp.GetRequiredService<DecideReservePriceHandler>().HandleAsync(new DecideReservePrice(Deal, reserve, reason)));

    public static Actor Of(string name, string role) =>
        new($"user-{name}", name, RegionScope.Of(AdminDivisionCode.Parse(Make.County)), new HashSet<string>([role]), Make.County);

    public static ListingTerms Terms(int publicityDays = 5) => new(Listing, Deposit, Step, publicityDays, FreePeriodMinutes: 30, LimitedPeriodMinutes: 5, PriorityWindowMinutes: 60, ResultPublicityWorkingDays: 5);

    /// <summary>A deal with its distribution plan approved (ready to list).</summary>
    public static async Task<TradingWorld> PreparedAsync(bool withInvestor = false, DateTimeOffset? now = null)
    {
        var world = await TransferorDeterminedAsync(withInvestor, now);
        await world.OkAsync(Appraiser, sp => sp.GetRequiredService<IssueAppraisalHandler>().HandleAsync(new IssueAppraisal(world.Deal, "辽评报字〔2026〕第018号", Inputs(), AppraisalMethod.CostApproach, "培育投资尚未收回，以成本法为参考")));
        await world.OkAsync(Water, sp => sp.GetRequiredService<DecideReservePriceHandler>().HandleAsync(new DecideReservePrice(world.Deal, Reserve, null)));
        var deal = world.Deal;
        await world.OkAsync(Centre, sp => sp.GetRequiredService<RecordPromotionHandler>().HandleAsync(new RecordPromotion(deal, "县融媒体中心、交易平台首页推介")));
        await world.OkAsync(Finance, sp => sp.GetRequiredService<ApproveDistributionPlanHandler>().HandleAsync(new ApproveDistributionPlan(deal, Money.FromYuan(2_000), Money.FromYuan(3_000), 100,
            [new DistributionShare("东山村股份经济合作社", 6000, ShareKind.Collective), new DistributionShare("建平县水土保持生态补偿资金", 3000, ShareKind.Reinvestment), new DistributionShare("管护队伍", 1000, ShareKind.Household)])));
        return world;
    }

    /// <summary>Listed, with <paramref name="bidders"/> qualified bidders who paid deposits (the investor first when there is one), and trading started.</summary>
    public static async Task<(TradingWorld World, List<Guid> Bidders)> TradingAsync(int bidders, bool withInvestor = false, DateTimeOffset? now = null)
    {
        var world = await PreparedAsync(withInvestor, now);
        await world.OkAsync(Centre, sp => sp.GetRequiredService<PublishListingHandler>().HandleAsync(new PublishListing(world.Deal, Terms())));
        var ids = new List<Guid>();
        for (var i = 0; i < bidders; i++)
        {
            var holder = i == 0 && world.Investor is { } inv ? inv : await EnterpriseAsync(world.Platform, i + 1, $"经营主体{i + 1}");
            ids.Add(await world.QualifiedBidderAsync(holder, $"6222 0000 0000 {i:D4}"));
        }

        var card = await world.CardAsync();
        world.Platform.Clock.SetUtcNow(card.PublicityEndsAt!.Value);
        Make.Ok(await world.Platform.RunAsync(Centre, sp => sp.GetRequiredService<AdvanceDealHandler>().HandleAsync(new AdvanceDeal(world.Deal))));
        return (world, ids);
    }

    public async Task<Guid> QualifiedBidderAsync(Guid holder, string account)
    {
        var bidder = Make.Ok(await Platform.RunAsync(OperatorFor(holder), sp => sp.GetRequiredService<RegisterBidderHandler>().HandleAsync(new RegisterBidder(Deal, holder))));
        await OkAsync(Centre, sp => sp.GetRequiredService<ReviewBidderHandler>().HandleAsync(new ReviewBidder(Deal, bidder, true, "资格审核通过")));
        await OkAsync(Bank, sp => sp.GetRequiredService<PayDepositHandler>().HandleAsync(new PayDeposit(Deal, bidder, Deposit, account)));
        return bidder;
    }

    public static async Task<Guid> EnterpriseAsync(TestPlatform platform, int n, string name, bool cultivating = false)
    {
        var first17 = "91" + Make.County + $"MA{n:D6}X";
        await using var scope = platform.AsSystem();
        return Make.Ok(await scope.ServiceProvider.GetRequiredService<RegisterRightsHolderHandler>().HandleAsync(
            new RegisterRightsHolder(HolderKind.Enterprise, name, Make.County, first17 + UnifiedSocialCreditCode.CheckCharacter(first17), null, IsCultivatingInvestor: cultivating)));
    }

    public async Task OkAsync(Actor actor, Func<IServiceProvider, Task<Result>> action)
    {
        var result = await Platform.RunAsync(actor, action);
        Assert.True(result.IsSuccess, result.Error?.ToString());
    }

    public Task<Result> RunAsync(Actor actor, Func<IServiceProvider, Task<Result>> action) => Platform.RunAsync(actor, action);

    public async Task<DealCard> CardAsync() => (await Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<DealQueries>().CardAsync(Deal)))!;

    public Task<List<BidRow>> BidsAsync() => Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<DealQueries>().BidsAsync(Deal));

    public Task<List<BidderRow>> BiddersAsync() => Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<DealQueries>().BiddersAsync(Deal));

    public Task<List<BankRow>> BankAsync() => Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<DealQueries>().BankInstructionsAsync(Deal));

    public Task<List<HistoryRow>> HistoryAsync() => Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<DealQueries>().HistoryAsync(Deal));

    /// <summary>Bids as the operator account bound to the bidder's holder.</summary>
    public async Task<Result<BidReceipt>> BidAsync(Guid bidder, Money amount, string? requestId = null) =>
        await Platform.RunAsync(await ActorOfAsync(bidder), sp => sp.GetRequiredService<PlaceBidHandler>().HandleAsync(new PlaceBid(Deal, bidder, amount, requestId ?? Guid.NewGuid().ToString("N"))));

    /// <summary>The operator account acting for a registered bidder's holder.</summary>
    public async Task<Actor> ActorOfAsync(Guid bidder) => (await BiddersAsync()).FirstOrDefault(b => b.Id == bidder) is { } b ? OperatorFor(b.HolderId) : Bidding;

    public Task<Result<DealStatus>> AdvanceAsync() =>
        Platform.RunAsync(Centre, sp => sp.GetRequiredService<AdvanceDealHandler>().HandleAsync(new AdvanceDeal(Deal)));
}
