using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Rights;
using Qingshan.Tests.Registry;
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

    public static Actor Bidding { get; } = Of("operator", Roles.Operator);

    public static Actor Of(string name, string role) =>
        new($"user-{name}", name, RegionScope.Of(AdminDivisionCode.Parse(Make.County)), new HashSet<string>([role]), Make.County);

    public static ListingTerms Terms(int publicityDays = 5) => new(Listing, Deposit, Step, publicityDays, FreePeriodMinutes: 30, LimitedPeriodMinutes: 5, PriorityWindowMinutes: 60, ResultPublicityWorkingDays: 5);

    /// <summary>A deal with its distribution plan approved (ready to list).</summary>
    public static async Task<TradingWorld> PreparedAsync(bool withInvestor = false, DateTimeOffset? now = null)
    {
        var platform = await TestPlatform.CreateAsync(now);
        var (w, _) = await Make.WorldAsync(platform);
        var plot = await Make.PlotAsync(platform, w, "P-1", Make.Square(119.58, 41.42));
        var collective = await Make.CollectiveAsync(platform);
        Guid? investor = withInvestor ? await EnterpriseAsync(platform, 0, "建平县青山生态农业有限公司", cultivating: true) : null;
        await using (var scope = platform.AsSystem())
        {
            Make.Ok(await scope.ServiceProvider.GetRequiredService<ConfirmRightHandler>().HandleAsync(new ConfirmRight(plot, collective, RightKind.Ownership, new DateOnly(2018, 1, 1), null, "辽(2018)建平县不动产权第0000001号")));
        }

        var deal = Make.Ok(await platform.RunAsync(Water, sp => sp.GetRequiredService<CreateDealHandler>().HandleAsync(
            new CreateDeal("JP-2026-001", Make.County, "东山小流域水土保持林下经济经营权", [plot], investor, "建平县东山小流域水土保持生态产品交易工作方案"))));
        var world = new TradingWorld(platform, plot, collective, deal, investor);
        await world.OkAsync(Water, sp => sp.GetRequiredService<ApproveWorkPlanHandler>().HandleAsync(new ApproveWorkPlan(deal, "建政函〔2026〕12号")));
        await world.OkAsync(Water, sp => sp.GetRequiredService<ApproveAccountingHandler>().HandleAsync(new ApproveAccounting(deal, 1_234_567.89m, "建水保核〔2026〕3号")));
        await world.OkAsync(Centre, sp => sp.GetRequiredService<DetermineTransferorHandler>().HandleAsync(new DetermineTransferor(deal, collective)));
        await world.OkAsync(Appraiser, sp => sp.GetRequiredService<RecordAppraisalHandler>().HandleAsync(new RecordAppraisal(deal, Money.FromYuan(95_000), "收益法", "辽评报字〔2026〕第018号")));
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
        var bidder = Make.Ok(await Platform.RunAsync(Bidding, sp => sp.GetRequiredService<RegisterBidderHandler>().HandleAsync(new RegisterBidder(Deal, holder))));
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

    public Task<Result<BidReceipt>> BidAsync(Guid bidder, Money amount, string? requestId = null) =>
        Platform.RunAsync(Bidding, sp => sp.GetRequiredService<PlaceBidHandler>().HandleAsync(new PlaceBid(Deal, bidder, amount, requestId ?? Guid.NewGuid().ToString("N"))));

    public Task<Result<DealStatus>> AdvanceAsync() =>
        Platform.RunAsync(Centre, sp => sp.GetRequiredService<AdvanceDealHandler>().HandleAsync(new AdvanceDeal(Deal)));
}
