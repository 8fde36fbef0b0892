using Microsoft.Extensions.DependencyInjection;
using Qingshan.Accounting.Runs;
using Qingshan.Kernel;
using Qingshan.Tests.Registry;
using Qingshan.Trading.Appraisals;
using Qingshan.Trading.Deals;
using Qingshan.Valuation.Appraisal;

namespace Qingshan.Tests.Trading.Appraisals;

/// <summary>评估 from an approved accounting run, and the reserve price (底价) against the cost-approach floor.</summary>
public sealed class AppraisalTests
{
    [Fact]
    public async Task The_appraisal_report_shows_every_method_computed_from_the_approved_run_and_the_deal_carries_the_chosen_price()
    {
        var world = await TradingWorld.TransferorDeterminedAsync();
        await using var _ = world.Platform;
        var perPlot = Make.Ok(await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<AccountingRunQueries>().ApprovedPlotValuesAsync(world.Run)));
        var annual = perPlot["P-1"];
        Assert.True(annual > 0);

        Assert.True((await world.AppraiseAsync()).IsSuccess);
        var report = (await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<AppraisalQueries>().ReportAsync(world.Deal)))!;
        Assert.Equal(annual, report.MaterialSupplyYuan + report.RegulatingYuan + report.CulturalYuan);
        Assert.Equal(["IncomeApproach", "ShareOfAccountedValue", "CostApproach"], report.Methods.Select(m => m.Method));
        Assert.NotNull(report.RevenueShareSchedule);
        Assert.Equal(3 * 0.2m * 50_000m, report.RevenueShareSchedule!.ExpectedTotal);

        // Share of accounted value: k · Σ V_t over 3 years at zero growth.
        var share = report.Methods.Single(m => m.Method == "ShareOfAccountedValue");
        Assert.Equal(0.15m * 3 * annual, share.ReferencePriceYuan);
        // Income approach on material supply net of operating cost, end of year at 4 %.
        var net = report.MaterialSupplyYuan - 1_000m;
        var income = report.Methods.Single(m => m.Method == "IncomeApproach");
        Assert.Equal(net / 1.04m + net / 1.04m / 1.04m + net / 1.04m / 1.04m / 1.04m, income.ReferencePriceYuan, 6);
        Assert.Equal(88_000m, report.CostFloorYuan);
        Assert.Equal("ShareOfAccountedValue", report.ChosenMethod);
        Assert.Equal("appraiser", report.IssuedBy);
        Assert.Contains(await world.HistoryAsync(), h => h.Action == "AppraisalIssued" && h.ActorName == "appraiser");
        Assert.Equal(DealStatus.TransferorDetermined, (await world.CardAsync()).Status);
    }

    [Fact]
    public async Task Start_of_year_timing_leaves_the_first_year_undiscounted()
    {
        var world = await TradingWorld.TransferorDeterminedAsync();
        await using var _ = world.Platform;
        Assert.True((await world.AppraiseAsync(TradingWorld.Inputs() with { Timing = PaymentTiming.StartOfYear }, AppraisalMethod.IncomeApproach, "收益可稳定取得")).IsSuccess);
        var report = (await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<AppraisalQueries>().ReportAsync(world.Deal)))!;
        var income = report.Methods.Single(m => m.Method == "IncomeApproach");
        Assert.Equal(1m, income.Working[0].Factor);
        Assert.Equal(report.MaterialSupplyYuan - 1_000m, income.Working[0].Result);
        Assert.Equal("IncomeApproach", report.ChosenMethod);
        Assert.Equal(income.ReferencePriceYuan, report.ReferencePriceYuan);
    }

    [Fact]
    public async Task Only_an_appraisal_agency_may_issue_the_appraisal()
    {
        var world = await TradingWorld.TransferorDeterminedAsync();
        await using var _ = world.Platform;
        Assert.Equal("trading.deal.forbidden", (await world.AppraiseAsync(actor: TradingWorld.Centre)).Error?.Code);
        Assert.Equal("trading.deal.forbidden", (await world.AppraiseAsync(actor: TradingWorld.Water)).Error?.Code);
        Assert.Null(await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<AppraisalQueries>().ReportAsync(world.Deal)));
    }

    [Fact]
    public async Task Appraisal_inputs_reasons_and_a_priced_chosen_method_are_required()
    {
        var world = await TradingWorld.TransferorDeterminedAsync();
        await using var _ = world.Platform;
        Assert.Equal("trading.appraisal.input_invalid", (await world.AppraiseAsync(TradingWorld.Inputs() with { TermYears = 0 })).Error?.Code);
        Assert.Equal("trading.appraisal.input_invalid", (await world.AppraiseAsync(TradingWorld.Inputs() with { DiscountRateSource = " " })).Error?.Code);
        Assert.Equal("trading.appraisal.input_invalid", (await world.AppraiseAsync(TradingWorld.Inputs() with { CaptureShare = 1.5m })).Error?.Code);
        Assert.Equal("trading.appraisal.input_invalid", (await world.AppraiseAsync(TradingWorld.Inputs() with { CultivationInvestmentYuan = -1m })).Error?.Code);
        Assert.Equal("trading.appraisal.reasons_required", (await world.AppraiseAsync(reasons: "")).Error?.Code);
        Assert.Equal("trading.appraisal.method_not_computed", (await world.AppraiseAsync(TradingWorld.Inputs() with { RealizationCoefficient = 0m })).Error?.Code);
        Assert.Equal("trading.appraisal.method_not_computed", (await world.AppraiseAsync(TradingWorld.Inputs(investment: 0m), AppraisalMethod.CostApproach)).Error?.Code);
        Assert.Null(await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<AppraisalQueries>().ReportAsync(world.Deal)));
    }

    [Fact]
    public async Task The_reserve_price_may_fall_below_the_cost_floor_only_with_the_approvers_recorded_reason()
    {
        var world = await TradingWorld.TransferorDeterminedAsync();
        await using var _ = world.Platform;
        Assert.Equal("trading.appraisal.not_issued", (await world.DecideReserveAsync(TradingWorld.Reserve)).Error?.Code);
        Assert.True((await world.AppraiseAsync()).IsSuccess);
        Assert.Equal("trading.deal.forbidden", (await world.DecideReserveAsync(TradingWorld.Reserve, actor: TradingWorld.Appraiser)).Error?.Code);
        Assert.Equal("trading.appraisal.reserve_price_invalid", (await world.DecideReserveAsync(Money.Zero)).Error?.Code);
        var refused = await world.DecideReserveAsync(Money.FromYuan(87_999.99m));
        Assert.Equal("trading.appraisal.reserve_below_cost_floor", refused.Error?.Code);
        Assert.Equal(Money.FromYuan(88_000).ToString(), refused.Error!.Args[0]);
        Assert.Equal("trading.appraisal.reserve_below_cost_floor", (await world.DecideReserveAsync(Money.FromYuan(80_000), "  ")).Error?.Code);
        Assert.Equal(DealStatus.TransferorDetermined, (await world.CardAsync()).Status);

        Assert.True((await world.DecideReserveAsync(Money.FromYuan(80_000), "县政府同意以低于成本价出让以引入运营主体")).IsSuccess);
        var (reserve, floor, reason) = await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<AppraisalQueries>().ReserveAsync(world.Deal));
        Assert.Equal(Money.FromYuan(80_000), reserve);
        Assert.Equal(Money.FromYuan(88_000), floor);
        Assert.Equal("县政府同意以低于成本价出让以引入运营主体", reason);
        Assert.Equal(DealStatus.Appraised, (await world.CardAsync()).Status);
        Assert.Contains(await world.HistoryAsync(), h => h.Action == "Appraised" && h.Note!.Contains("县政府同意", StringComparison.Ordinal));
        Assert.Equal("trading.deal.wrong_state", (await world.AppraiseAsync()).Error?.Code);
        Assert.Equal("trading.deal.wrong_state", (await world.DecideReserveAsync(TradingWorld.Reserve)).Error?.Code);
    }

    [Fact]
    public async Task The_listing_price_may_not_fall_below_the_reserve_price()
    {
        var world = await TradingWorld.PreparedAsync();
        await using var _ = world.Platform;
        var terms = TradingWorld.Terms() with { ListingPrice = TradingWorld.Reserve - new Money(1) };
        var refused = await world.RunAsync(TradingWorld.Centre, sp => sp.GetRequiredService<PublishListingHandler>().HandleAsync(new PublishListing(world.Deal, terms)));
        Assert.Equal("trading.listing.price_below_reserve", refused.Error?.Code);
    }

    [Fact]
    public async Task Only_an_approved_run_covering_every_plot_of_the_deal_gives_the_accounted_value()
    {
        var platform = await Support.TestPlatform.CreateAsync();
        await using var _ = platform;
        var (run, plot) = await TradingWorld.ApprovedRunAsync(platform);
        // A plot registered after the run: the run has no value for it.
        var elsewhere = await Make.PlotAsync(platform, await WatershedOfAsync(platform, "P-1"), "P-4", Make.Square(119.53, 41.40));
        var deal = Make.Ok(await platform.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<CreateDealHandler>().HandleAsync(new CreateDeal("JP-2026-020", Make.County, "经营权", [plot, elsewhere], null, "工作方案"))));
        var world = new TradingWorld(platform, plot, Guid.Empty, deal, null);
        await world.OkAsync(TradingWorld.Water, sp => sp.GetRequiredService<ApproveWorkPlanHandler>().HandleAsync(new ApproveWorkPlan(deal, "建政函〔2026〕12号")));
        var link = (Guid r) => world.RunAsync(TradingWorld.Water, sp => sp.GetRequiredService<LinkAccountingRunHandler>().HandleAsync(new LinkAccountingRun(deal, r)));

        var notCovering = await link(run);
        Assert.Equal("trading.accounting.plots_not_in_run", notCovering.Error?.Code);
        Assert.Equal("P-4", notCovering.Error!.Args[0]);
        Assert.Equal("accounting.run.not_found", (await link(Guid.NewGuid())).Error?.Code);
        Assert.Equal("trading.deal.forbidden", (await world.RunAsync(TradingWorld.Centre, sp => sp.GetRequiredService<LinkAccountingRunHandler>().HandleAsync(new LinkAccountingRun(deal, run)))).Error?.Code);

        // A second run of the same watershed, computed but not approved, is refused.
        var layer = await Qingshan.Tests.Accounting.AccountingWorld.LayerAsync("plot_code,soil_retained_tonnes\nP-1,10");
        var detail = (await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<AccountingRunQueries>().DetailAsync(run)))!;
        var watershed = await WatershedOfAsync(platform, "P-1");
        var unapproved = Make.Ok(await platform.RunAsync(Qingshan.Tests.Accounting.AccountingWorld.Preparer, sp => sp.GetRequiredService<PrepareAccountingRunHandler>().HandleAsync(
            new PrepareAccountingRun(watershed, 2025, "SWC-practice-2024", detail.ParameterSetId, [layer]))));
        await using (var scope = platform.AsSystem())
        {
            await scope.ServiceProvider.GetRequiredService<AccountingRunProcessor>().ProcessAsync(unapproved);
        }

        Assert.Equal("accounting.run.wrong_state", (await link(unapproved)).Error?.Code);
        Assert.Equal(DealStatus.WorkPlanApproved, (await world.CardAsync()).Status);
    }

    private static async Task<Guid> WatershedOfAsync(Support.TestPlatform platform, string plotCode)
    {
        var rows = await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<Qingshan.Registry.Plots.PlotQueries>().ListAsync(new Qingshan.Registry.Plots.PlotFilter(Search: plotCode)));
        return rows.Rows.Single(r => r.Code == plotCode).WatershedId;
    }
}
