using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qingshan.Accounting.Inputs;
using Qingshan.Accounting.Parameters;
using Qingshan.Accounting.Runs;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Rights;
using Qingshan.Trading.Appraisals;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Deals;
using Qingshan.Valuation.Appraisal;
using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Web.Tests.Browser;

/// <summary>
/// Issue 5's "done means" in a real browser: in the demo county, two operator accounts bid against each other in two
/// browser contexts, the cultivating investor (a third context) matches the best bid and wins, the deal goes on to its
/// certificate, and an anonymous visitor verifies the certificate at its QR target. Preparation before listing runs
/// through the feature handlers; registration, qualification, deposits, bids, the priority right, the contract and the
/// certificate go through the pages. The server clock is the factory's fake clock, moved past each deadline.
/// </summary>
public sealed class TradingAuctionTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string County = "211322";
    private static readonly Money ListingPrice = Money.FromYuan(100_000);

    private static Actor As(string user, string role, RegionScope? scope = null) =>
        new("test-" + user, user, scope ?? RegionScope.Of(AdminDivisionCode.Parse(County)), new HashSet<string>([role]), County);

    // Every form step waits until its page is live in the circuit before typing or clicking (BrowserApp.WaitForCircuitAsync):
    // typing into the prerendered form was lost when the circuit attached under load, and clicks went nowhere.
    [Fact]
    public async Task Two_operators_bid_in_two_browsers_the_investor_matches_and_the_public_verifies_the_certificate()
    {
        browser.RequireBrowser();
        var app = browser.App;
        var deal = await PrepareListedDealAsync(app);

        // 报名: each operator account registers the enterprise it acts for; the trading centre qualifies, the bank confirms deposits.
        var op1 = await browser.SignInAsync("operator1");
        var op2 = await browser.SignInAsync("operator2");
        var investor = await browser.SignInAsync("investor");
        foreach (var page in new[] { op1, op2, investor })
        {
            await BrowserApp.GotoInteractiveAsync(page, $"/trading/deals/{deal}/bidders");
            var first = page.Locator("[data-testid=bidder-register], [data-testid=my-registration], .mud-alert").First;
            await first.WaitForAsync();
            Assert.True(await page.GetByTestId("bidder-register").CountAsync() == 1, await first.InnerTextAsync());
            await BrowserApp.ClickUntilVisibleAsync(page.GetByTestId("bidder-register"), page.GetByTestId("my-registration"));
        }

        Assert.Contains("享有优先经营权", await investor.GetByTestId("my-registration").InnerTextAsync(), StringComparison.Ordinal);
        var centre = await browser.SignInAsync("jp_trading");
        await BrowserApp.GotoInteractiveAsync(centre, $"/trading/deals/{deal}/bidders");
        var rows = centre.Locator("[data-testid=bidders] tbody tr");
        await rows.Nth(2).WaitForAsync();
        for (var i = 0; i < 3; i++)
        {
            await BrowserApp.ClickUntilVisibleAsync(rows.Nth(i).GetByTestId("bidder-qualify"), rows.Nth(i).GetByText("通过", new() { Exact = true }));
            await BrowserApp.ClickUntilVisibleAsync(rows.Nth(i).GetByTestId("bidder-deposit"), rows.Nth(i).GetByText("已缴", new() { Exact = false }));
        }

        // The publicity period ends: the auction opens for the three qualified bidders.
        var card = await CardAsync(app, deal);
        app.Clock.SetUtcNow(card.PublicityEndsAt!.Value.AddSeconds(1));
        await AdvanceUntilAsync(app, deal, DealStatus.Auction);

        // Days have passed since registration: the sessions have ended (等保 idle and absolute limits), so everyone signs in again.
        op1 = await browser.SignInAsync("operator1");
        op2 = await browser.SignInAsync("operator2");
        investor = await browser.SignInAsync("investor");

        // Two operators bid against each other, each in its own browser context.
        await BrowserApp.GotoInteractiveAsync(op1, $"/trading/deals/{deal}/room");
        await BrowserApp.GotoInteractiveAsync(op2, $"/trading/deals/{deal}/room");
        await BidAsync(op1, ListingPrice);
        await op2.GetByTestId("room-highest").Filter(new() { HasText = "100,000.00" }).WaitForAsync();
        await BidAsync(op2, ListingPrice + Money.FromYuan(1_000));
        await op1.GetByTestId("room-highest").Filter(new() { HasText = "101,000.00" }).WaitForAsync();
        // A bid below the increment is refused with its reason, and stays on record.
        await BrowserApp.FillAsync(Field(op1, "bid-amount"), "101500");
        await BrowserApp.ClickUntilVisibleAsync(op1.GetByTestId("bid-place"), op1.GetByTestId("step-error").Filter(new() { HasText = "102,000.00" }));
        await BidAsync(op1, ListingPrice + Money.FromYuan(2_000));
        await op2.GetByTestId("room-highest").Filter(new() { HasText = "102,000.00" }).WaitForAsync();
        Assert.Equal(0, await op2.GetByTestId("room-leading").CountAsync());

        // The limited period ends: the investor's priority window opens; it matches the best bid from its own browser.
        card = await CardAsync(app, deal);
        Assert.Equal(ListingPrice + Money.FromYuan(2_000), card.HighestAmount);
        app.Clock.SetUtcNow(card.AuctionEndsAt!.Value.AddSeconds(1));
        await AdvanceUntilAsync(app, deal, DealStatus.PriorityWindow);
        await BrowserApp.GotoInteractiveAsync(investor, $"/trading/deals/{deal}/room");
        await BrowserApp.ClickUntilVisibleAsync(investor.GetByTestId("priority-exercise"), investor.GetByTestId("room-result"));
        Assert.Contains("您已成交", await investor.GetByTestId("room-result").InnerTextAsync(), StringComparison.Ordinal);
        await op1.GetByTestId("room-result").Filter(new() { HasText = "本项目已成交" }).WaitForAsync();

        card = await CardAsync(app, deal);
        Assert.Equal(DealStatus.ResultPublicity, card.Status);
        Assert.True(card.WonByPriorityRight);
        Assert.Equal(ListingPrice + Money.FromYuan(2_000), card.FinalPrice);

        // Result publicity ends; the centre signs the contract on its page.
        app.Clock.SetUtcNow(card.ResultPublicityEndsAt!.Value.AddSeconds(1));
        centre = await browser.SignInAsync("jp_trading");
        await BrowserApp.GotoInteractiveAsync(centre, $"/trading/deals/{deal}/result");
        await BrowserApp.FillAsync(Field(centre, "contract-number"), "JPJY-2026-001");
        await BrowserApp.FillAsync(Field(centre, "contract-duties"), "受让方负责水土保持设施日常管护，不得破坏林草植被");
        await BrowserApp.FillAsync(Field(centre, "contract-defaults"), "违反管护义务的，出让方有权解除合同并追偿");
        await BrowserApp.ClickUntilVisibleAsync(centre.GetByTestId("contract-sign"), centre.GetByTestId("deal-status").Filter(new() { HasText = "已签合同" }));

        // Filing with the three departments, then the water bureau issues the certificate on its page.
        foreach (var (user, role, department) in new[] { ("jp_water", Roles.WaterBureau, FilingDepartment.Water), ("jp_drc", Roles.DevelopmentReform, FilingDepartment.DevelopmentReform), ("jp_finance", Roles.Finance, FilingDepartment.Finance) })
        {
            Ok(await app.RunAsync(As(user, role), sp => sp.GetRequiredService<FileContractHandler>().HandleAsync(new FileContract(deal, department))));
        }

        var water = await browser.SignInAsync("jp_water");
        await BrowserApp.GotoInteractiveAsync(water, $"/trading/deals/{deal}/certificate");
        await BrowserApp.ClickUntilVisibleAsync(water.GetByTestId("certificate-issue"), water.GetByTestId("certificate-number"));
        var number = (await water.GetByTestId("certificate-number").InnerTextAsync()).Trim();
        var href = await water.GetByTestId("certificate-verify-link").GetAttributeAsync("href");

        // The public scans the QR code: an anonymous browser opens the verification page and sees it genuine.
        var anonymous = await browser.NewPageAsync();
        await anonymous.GotoAsync(href!);
        var verdict = anonymous.GetByTestId("certificate-verdict");
        await verdict.WaitForAsync();
        Assert.Contains("核验通过", await verdict.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(number, await anonymous.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(DealStatus.Certified, (await CardAsync(app, deal)).Status);
    }

    /// <summary>A MudBlazor text field by its test id: MudBlazor 8 puts the attribute on the input element itself.</summary>
    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    /// <summary>Types the amount and waits until this operator leads.</summary>
    private static async Task BidAsync(IPage page, Money amount)
    {
        await BrowserApp.FillAsync(Field(page, "bid-amount"), amount.Yuan.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        await BrowserApp.ClickUntilVisibleAsync(page.GetByTestId("bid-place"), page.GetByTestId("room-leading"));
    }

    private static void Ok(Result r) => Assert.True(r.IsSuccess, r.Error?.ToString());

    private static T Ok<T>(Result<T> r)
    {
        Assert.True(r.IsSuccess, r.Error?.ToString());
        return r.Value;
    }

    private static Task<DealCard> CardAsync(Support.QingshanFactory app, Guid deal) =>
        app.RunAsync(Actor.System, async sp => (await sp.GetRequiredService<DealQueries>().CardAsync(deal))!);

    /// <summary>The closer may get there first: advance, then wait for the state either way.</summary>
    private static async Task AdvanceUntilAsync(Support.QingshanFactory app, Guid deal, DealStatus expected)
    {
        for (var i = 0; i < 60; i++)
        {
            await app.RunAsync(As("jp_trading", Roles.TradingCentre), sp => sp.GetRequiredService<AdvanceDealHandler>().HandleAsync(new AdvanceDeal(deal)));
            if ((await CardAsync(app, deal)).Status == expected)
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"deal did not reach {expected}");
    }

    /// <summary>Work plan → approved accounting run → transferor → appraisal → reserve price → promotion → distribution → listing.</summary>
    private static async Task<Guid> PrepareListedDealAsync(Support.QingshanFactory app)
    {
        var water = As("jp_water", Roles.WaterBureau);
        var centre = As("jp_trading", Roles.TradingCentre);
        // An approved accounting run over a demo watershed (编制 → 审核 → 批准 by three county accounts) and a plot it values.
        var (run, plotId) = await Support.TradingSetup.PlotWithApprovedRunAsync(app);
        var check = await app.RunAsync(Actor.System, sp => sp.GetRequiredService<CheckTradabilityHandler>().HandleAsync([plotId]));
        Assert.True(check[0].IsTradable);
        var plotCard = (await app.RunAsync(Actor.System, sp => sp.GetRequiredService<PlotQueries>().CardAsync(plotId)))!;
        var ownerName = plotCard.Rights.First(r => r.Kind == RightKind.Ownership).HolderName;
        var owner = (await app.RunAsync(Actor.System, sp => sp.GetRequiredService<HolderQueries>().ListAsync(ownerName))).First(h => h.Name == ownerName).Id;
        var investor = (await app.RunAsync(Actor.System, sp => sp.GetRequiredService<HolderQueries>().ListAsync("辽宁青山生态农业有限公司"))).Single().Id;

        var deal = Ok(await app.RunAsync(water, sp => sp.GetRequiredService<CreateDealHandler>().HandleAsync(
            new CreateDeal("JP-2026-B01", County, "叶柏寿河小流域水土保持林下经济经营权", [plotId], investor, "建平县叶柏寿河小流域水土保持生态产品交易工作方案"))));
        Ok(await app.RunAsync(water, sp => sp.GetRequiredService<ApproveWorkPlanHandler>().HandleAsync(new ApproveWorkPlan(deal, "建政函〔2026〕21号"))));
        Ok(await app.RunAsync(water, sp => sp.GetRequiredService<LinkAccountingRunHandler>().HandleAsync(new LinkAccountingRun(deal, run))));
        Ok(await app.RunAsync(centre, sp => sp.GetRequiredService<DetermineTransferorHandler>().HandleAsync(new DetermineTransferor(deal, owner))));
        Ok(await app.RunAsync(As("appraiser", Roles.AppraisalAgency), sp => sp.GetRequiredService<IssueAppraisalHandler>().HandleAsync(new IssueAppraisal(deal, "辽评报字〔2026〕第021号", Support.TradingSetup.AppraisalInputs, AppraisalMethod.CostApproach, "培育投资尚未收回"))));
        Ok(await app.RunAsync(water, sp => sp.GetRequiredService<DecideReservePriceHandler>().HandleAsync(new DecideReservePrice(deal, Money.FromYuan(90_000), null))));
        Ok(await app.RunAsync(centre, sp => sp.GetRequiredService<RecordPromotionHandler>().HandleAsync(new RecordPromotion(deal, "交易平台项目主页、县融媒体中心推介"))));
        Ok(await app.RunAsync(As("jp_finance", Roles.Finance), sp => sp.GetRequiredService<ApproveDistributionPlanHandler>().HandleAsync(new ApproveDistributionPlan(deal, Money.FromYuan(2_000), Money.FromYuan(3_000), 100,
            [new DistributionShare(ownerName, 7000), new DistributionShare("建平县水土保持生态补偿资金", 3000)]))));
        Ok(await app.RunAsync(centre, sp => sp.GetRequiredService<PublishListingHandler>().HandleAsync(new PublishListing(deal,
            new ListingTerms(ListingPrice, Money.FromYuan(10_000), Money.FromYuan(1_000), 3, FreePeriodMinutes: 0, LimitedPeriodMinutes: 5, PriorityWindowMinutes: 60, ResultPublicityWorkingDays: 3)))));
        return deal;
    }
}
