using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Platform;
using Qingshan.Trading.Appraisals;
using Qingshan.Valuation.Appraisal;
using Qingshan.Valuation.Engine;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Rights;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Deals;

namespace Qingshan.Web.Tests.Support;

/// <summary>A deal of the demo county driven by the real handlers (as county accounts) to the step a web test needs.</summary>
public static class TradingSetup
{
    public const string County = "211322";
    public static readonly Money Listing = Money.FromYuan(100_000);
    public static readonly Money Step = Money.FromYuan(1_000);
    public static readonly Money Deposit = Money.FromYuan(10_000);

    /// <summary>
    /// Tests that drive deadlines themselves (AdvanceDeal after moving the fake clock) keep the app's deal closer out of
    /// the way: it polls once a day of wall-clock time.
    /// </summary>
    public static QingshanFactory Configure(QingshanFactory app)
    {
        app.Settings["Trading:CloserInterval"] = "1.00:00:00";
        return app;
    }

    /// <summary>The reserve price decided for every setup deal: above the cost-approach floor of <see cref="AppraisalInputs"/> (88 000 元).</summary>
    public static readonly Money Reserve = Money.FromYuan(90_000);

    /// <summary>Appraisal inputs whose cost-approach floor is 88 000 元 (80 000 unrecovered investment + 10 %).</summary>
    public static readonly AppraisalInputs AppraisalInputs = DemoTrading.AppraisalInputs(80_000m);

    private static readonly ConcurrentDictionary<QingshanFactory, Lazy<Task<(Guid Run, List<Guid> Plots)>>> Runs = new();

    /// <summary>
    /// An approved accounting run (demo set, 编制 → 审核 → 批准 by three county accounts) over the demo watershed of the
    /// first confirmed plot, made once per app, and a confirmed plot it values that no earlier setup deal took.
    /// </summary>
    public static async Task<(Guid Run, Guid Plot)> PlotWithApprovedRunAsync(QingshanFactory app)
    {
        var (run, plots) = await Runs.GetOrAdd(app, a => new Lazy<Task<(Guid, List<Guid>)>>(() => ApprovedRunAsync(a))).Value;
        var taken = await app.RunAsync(Actor.System, async sp => (await sp.GetRequiredService<DealQueries>().ListAsync()).Count);
        return (run, plots[taken % plots.Count]);
    }

    private static async Task<(Guid, List<Guid>)> ApprovedRunAsync(QingshanFactory app)
    {
        var confirmed = await app.RunAsync(Actor.System, async sp =>
            (await sp.GetRequiredService<PlotQueries>().ListAsync(new PlotFilter(Status: RightsStatus.Confirmed, PageSize: 500))).Rows);
        var watershed = confirmed[0].WatershedId;
        var (run, codes) = await DemoAccounting.ApprovedRunAsync(app.Services, watershed,
            Of("water", Roles.WaterBureau), Of("water-reviewer", Roles.WaterBureau), Of("drc", Roles.DevelopmentReform));
        return (run, confirmed.Where(p => p.WatershedId == watershed && codes.Contains(p.Code)).Select(p => p.Id).ToList());
    }

    public static Actor Of(string name, string role) =>
        new($"setup-{name}", name, RegionScope.Of(AdminDivisionCode.Parse(County)), new HashSet<string>([role]), County);

    private static int holders;

    /// <summary>A holder of the county: an enterprise, or a natural person (whose name is personal data).</summary>
    public static Task<Guid> HolderAsync(QingshanFactory app, string name, bool individual = false)
    {
        var n = Interlocked.Increment(ref holders) + 500;
        string? credit = null, id = null;
        if (individual)
        {
            var first17 = $"21132219800101{n % 1000:D3}";
            id = first17 + ResidentIdNumber.CheckCharacter(first17);
        }
        else
        {
            var first17 = "91" + County + $"MB{n:D6}X";
            credit = first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
        }

        return app.RunAsync(Actor.System, async sp => Ok(await sp.GetRequiredService<RegisterRightsHolderHandler>().HandleAsync(
            new RegisterRightsHolder(individual ? HolderKind.Individual : HolderKind.Enterprise, name, County, credit, id))));
    }

    /// <summary>
    /// Listed (publicity running). Publicity periods are one working day: tests share an app whose clock only moves
    /// forward from today, and the working-day calendar covers only the years the State Council has announced.
    /// </summary>
    /// <remarks>Listed (publicity running) with the given holders registered, qualified and holding deposits.</remarks>
    public static async Task<(Guid Deal, List<Guid> Bidders)> ListedAsync(QingshanFactory app, string code, IReadOnlyList<Guid> bidderHolders, int freeMinutes = 30)
    {
        var (run, plot) = await PlotWithApprovedRunAsync(app);
        var transferor = await HolderAsync(app, "建平县某村股份经济合作社（测试）");
        var deal = await Run(app, Of("water", Roles.WaterBureau), sp => sp.GetRequiredService<CreateDealHandler>().HandleAsync(
            new CreateDeal(code, County, "叶柏寿河小流域水土保持林下经济经营权", [plot], null, "建平县叶柏寿河小流域水土保持生态产品交易工作方案")));
        await Run(app, Of("water", Roles.WaterBureau), sp => sp.GetRequiredService<ApproveWorkPlanHandler>().HandleAsync(new ApproveWorkPlan(deal, "建政函〔2026〕12号")));
        await Run(app, Of("water", Roles.WaterBureau), sp => sp.GetRequiredService<LinkAccountingRunHandler>().HandleAsync(new LinkAccountingRun(deal, run)));
        await Run(app, Of("centre", Roles.TradingCentre), sp => sp.GetRequiredService<DetermineTransferorHandler>().HandleAsync(new DetermineTransferor(deal, transferor)));
        await Run(app, Of("appraiser", Roles.AppraisalAgency), sp => sp.GetRequiredService<IssueAppraisalHandler>().HandleAsync(
            new IssueAppraisal(deal, "辽评报字〔2026〕第018号", AppraisalInputs, AppraisalMethod.CostApproach, "培育投资尚未收回，以成本法为参考")));
        await Run(app, Of("water", Roles.WaterBureau), sp => sp.GetRequiredService<DecideReservePriceHandler>().HandleAsync(new DecideReservePrice(deal, Reserve, null)));
        await Run(app, Of("centre", Roles.TradingCentre), sp => sp.GetRequiredService<RecordPromotionHandler>().HandleAsync(new RecordPromotion(deal, "县融媒体中心推介")));
        await Run(app, Of("finance", Roles.Finance), sp => sp.GetRequiredService<ApproveDistributionPlanHandler>().HandleAsync(new ApproveDistributionPlan(deal, Money.FromYuan(2_000), Money.FromYuan(3_000), 100,
            [new DistributionShare("村股份经济合作社", 7000), new DistributionShare("水土保持生态补偿资金", 3000)])));
        await Run(app, Of("centre", Roles.TradingCentre), sp => sp.GetRequiredService<PublishListingHandler>().HandleAsync(
            new PublishListing(deal, new ListingTerms(Listing, Deposit, Step, 1, freeMinutes, 5, 60, 1))));
        var bidders = new List<Guid>();
        foreach (var holder in bidderHolders)
        {
            var bidder = await Run(app, Of("centre", Roles.TradingCentre), sp => sp.GetRequiredService<RegisterBidderHandler>().HandleAsync(new RegisterBidder(deal, holder)));
            await Run(app, Of("centre", Roles.TradingCentre), sp => sp.GetRequiredService<ReviewBidderHandler>().HandleAsync(new ReviewBidder(deal, bidder, true, "资格审核通过")));
            await Run(app, Of("bank", Roles.Bank), sp => sp.GetRequiredService<PayDepositHandler>().HandleAsync(new PayDeposit(deal, bidder, Deposit, $"6222 0000 {bidders.Count:D4}")));
            bidders.Add(bidder);
        }

        return (deal, bidders);
    }

    /// <summary>The enterprises the demo accounts operator1 and operator2 act for (see DemoCounty).</summary>
    public static readonly string[] DemoOperatorHolders = ["朝阳绿源旅游开发有限公司", "建平县山水农业发展有限公司"];

    /// <summary>
    /// In auction: the publicity is over (the app's clock moves to its end) and trading started. The first two bidders
    /// are the enterprises operator1 and operator2 act for, so those accounts can bid through the API and pages.
    /// </summary>
    public static async Task<(Guid Deal, List<Guid> Bidders)> AuctionAsync(QingshanFactory app, string code, int bidders = 2)
    {
        var holderIds = new List<Guid>();
        for (var i = 0; i < bidders; i++)
        {
            holderIds.Add(i < DemoOperatorHolders.Length
                ? await app.RunAsync(Actor.System, async sp => (await sp.GetRequiredService<HolderQueries>().ListAsync(DemoOperatorHolders[i])).Single(h => h.Name == DemoOperatorHolders[i]).Id)
                : await HolderAsync(app, $"测试经营主体{code}-{i + 1}"));
        }

        var (deal, ids) = await ListedAsync(app, code, holderIds);
        await StartAsync(app, deal);
        return (deal, ids);
    }

    public static async Task StartAsync(QingshanFactory app, Guid deal)
    {
        var card = await app.RunAsync(Actor.System, sp => sp.GetRequiredService<DealQueries>().CardAsync(deal));
        if (app.Clock.GetUtcNow() < card!.PublicityEndsAt!.Value)
        {
            app.Clock.SetUtcNow(card.PublicityEndsAt.Value);
        }

        // The app's deal closer polls the same clock and may have started the auction first.
        var started = await app.RunAsync(Of("centre", Roles.TradingCentre), sp => sp.GetRequiredService<AdvanceDealHandler>().HandleAsync(new AdvanceDeal(deal)));
        var status = (await app.RunAsync(Actor.System, sp => sp.GetRequiredService<DealQueries>().CardAsync(deal)))!.Status;
        Assert.True(status == DealStatus.Auction, $"{started.Error} {status}");
    }

    /// <summary>A bid by an operator account acting for the bidder's enterprise (as the bidding rules require).</summary>
    public static async Task<Result<BidReceipt>> BidAsync(QingshanFactory app, Guid deal, Guid bidder, Money amount)
    {
        var holder = await app.RunAsync(Actor.System, async sp => (await sp.GetRequiredService<DealQueries>().BiddersAsync(deal)).Single(b => b.Id == bidder).HolderId);
        return await app.RunAsync(Of("operator", Roles.Operator) with { HolderId = holder },
            sp => sp.GetRequiredService<PlaceBidHandler>().HandleAsync(new PlaceBid(deal, bidder, amount, Guid.NewGuid().ToString("N"))));
    }

    public static async Task<T> Run<T>(QingshanFactory app, Actor actor, Func<IServiceProvider, Task<Result<T>>> action) => Ok(await app.RunAsync(actor, action));

    public static async Task Run(QingshanFactory app, Actor actor, Func<IServiceProvider, Task<Result>> action)
    {
        var result = await app.RunAsync(actor, action);
        Assert.True(result.IsSuccess, result.Error?.ToString());
    }

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }
}
