using Microsoft.Extensions.DependencyInjection;
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
    /// The deal closer's periodic timer runs on the app's fake clock: at its 1 s default, moving the clock a week ahead
    /// (to the end of a listing's publicity) would fire it 600,000 times. Once a day is plenty for tests that move days.
    /// </summary>
    public static QingshanFactory Configure(QingshanFactory app)
    {
        app.Settings["Trading:CloserInterval"] = "1.00:00:00";
        return app;
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
        var plot = await app.RunAsync(Actor.System, async sp =>
        {
            var page = await sp.GetRequiredService<PlotQueries>().ListAsync(new PlotFilter(Status: RightsStatus.Confirmed, PageSize: 500));
            var taken = (await sp.GetRequiredService<DealQueries>().ListAsync()).Count;
            return page.Rows[taken % page.Rows.Count].Id;
        });
        var transferor = await HolderAsync(app, "建平县某村股份经济合作社（测试）");
        var deal = await Run(app, Of("water", Roles.WaterBureau), sp => sp.GetRequiredService<CreateDealHandler>().HandleAsync(
            new CreateDeal(code, County, "叶柏寿河小流域水土保持林下经济经营权", [plot], null, "建平县叶柏寿河小流域水土保持生态产品交易工作方案")));
        await Run(app, Of("water", Roles.WaterBureau), sp => sp.GetRequiredService<ApproveWorkPlanHandler>().HandleAsync(new ApproveWorkPlan(deal, "建政函〔2026〕12号")));
        await Run(app, Of("water", Roles.WaterBureau), sp => sp.GetRequiredService<ApproveAccountingHandler>().HandleAsync(new ApproveAccounting(deal, 1_234_567.89m, "建水保核〔2026〕3号")));
        await Run(app, Of("centre", Roles.TradingCentre), sp => sp.GetRequiredService<DetermineTransferorHandler>().HandleAsync(new DetermineTransferor(deal, transferor)));
        await Run(app, Of("appraiser", Roles.AppraisalAgency), sp => sp.GetRequiredService<RecordAppraisalHandler>().HandleAsync(new RecordAppraisal(deal, Money.FromYuan(95_000), "收益法", "辽评报字〔2026〕第018号")));
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

    /// <summary>In auction: the publicity is over (the app's clock moves to its end) and trading started.</summary>
    public static async Task<(Guid Deal, List<Guid> Bidders)> AuctionAsync(QingshanFactory app, string code, int bidders = 2)
    {
        var holderIds = new List<Guid>();
        for (var i = 0; i < bidders; i++)
        {
            holderIds.Add(await HolderAsync(app, $"测试经营主体{code}-{i + 1}"));
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

    public static Task<Result<BidReceipt>> BidAsync(QingshanFactory app, Guid deal, Guid bidder, Money amount) =>
        app.RunAsync(Of("operator", Roles.Operator), sp => sp.GetRequiredService<PlaceBidHandler>().HandleAsync(new PlaceBid(deal, bidder, amount, Guid.NewGuid().ToString("N"))));

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
