using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qingshan.Access.Users;
using Qingshan.Audit.Store;
using Qingshan.Data;
using Qingshan.Distribution.Reinvestment;
using Qingshan.Distribution.Settlement;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Rights;
using Qingshan.Registry.Watersheds;
using Qingshan.Trading.Appraisals;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Calendar;
using Qingshan.Trading.Certificates;
using Qingshan.Trading.Deals;
using Qingshan.Valuation.Appraisal;
using Qingshan.Valuation.Engine;

namespace Qingshan.Platform;

/// <summary>The demo trade as seeded: the completed deal, its certificate, and the deal left open for registration.</summary>
public sealed record DemoTrade(Guid CompletedDeal, string CertificateNumber, Guid OpenDeal);

/// <summary>
/// A demonstration trade in the demo county, so finance has something to look at after the first start: one deal of
/// 黑水沟's eco-tourism operating right taken from work plan to certificate through the ordinary handlers by the demo
/// accounts (the investor wins by its priority right over two operators' bids), its money posted to the ledger the way
/// the distribution worker does (net proceeds split by the approved plan, the reinvestment share 80/20 by the county
/// rule), its reinvestment plan opened with the six-month deadline; and a second deal left listed with registration
/// open, for a clerk to take on in the browser. Every product name starts with <see cref="Label"/>, and the deal codes
/// with <c>JP-DEMO-</c>, as the demo parameter sets are marked (<see cref="DemoAccounting"/>).
/// </summary>
/// <remarks>
/// Steps that need time to pass (publicity in working days, the auction, the payment schedule) run on a
/// <see cref="ShiftedClock"/> set back about 100 days, in a private service provider on the same store; the audit log
/// is then brought up to date and a checkpoint signed by the caller's own audit writer (its key is the one the
/// published checkpoints are verified with).
/// </remarks>
public static class DemoTrading
{
    /// <summary>Marks demonstration data in names people read (product names, documents).</summary>
    public const string Label = "【演示】";

    public const string CompletedDealCode = "JP-DEMO-001";

    public const string OpenDealCode = "JP-DEMO-002";

    /// <summary>The completed deal's trading terms and money (see the class remarks for who does what).</summary>
    public static readonly Money ListingPrice = Money.FromYuan(380_000);

    /// <summary>The demo reinvestment plan's measures (水土流失治理资金 80 %, 管护资金 20 %).</summary>
    public const string ReinvestmentMeasures = "【演示】治理资金：小流域坡耕地改梯田 12 公顷、谷坊 6 座、沟道整治 1.5 公里；管护资金：林草措施与淤地坝管护（三年，管护员 2 名），每年汇报管护情况。";

    public static readonly Money Deposit = Money.FromYuan(38_000);

    public static readonly Money Increment = Money.FromYuan(1_000);

    public static readonly Money ReservePrice = Money.FromYuan(360_000);

    /// <summary>核算费 as billed (cost-based, hence the fen): with it the net proceeds do not divide evenly, so the split shows its rounding.</summary>
    public static readonly Money AccountingFee = Money.FromYuan(12_836.47m);

    public static readonly Money AppraisalFee = Money.FromYuan(8_600);

    public const int PlatformFeeBasisPoints = 50;

    /// <summary>The operators' alternating bids; the last, best one is matched by the investor's priority right.</summary>
    public static readonly Money[] Bids = [.. new[] { 380_000m, 381_000m, 383_000m, 385_000m, 386_000m, 387_000m }.Select(Money.FromYuan)];

    /// <summary>
    /// Appraisal inputs whose cost-approach floor is the cultivation investment plus 10 % (80 000 元 → 88 000 元 by
    /// default): five years from <paramref name="startOn"/>, cultural value capturable, k = 0.15. Shared by the demo
    /// trade, the web tests' trading setup and the bid benchmark.
    /// </summary>
    public static AppraisalInputs AppraisalInputs(decimal cultivationInvestmentYuan = 80_000m, DateOnly? startOn = null) =>
        new(5, startOn ?? new DateOnly(2026, 7, 1), 0.04m, "一年期 LPR + 1%", PaymentTiming.EndOfYear, 1m,
            [ValueCategory.Cultural], 0m, 0m, 0.15m, null, null, cultivationInvestmentYuan, 0m, 0.1m);

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>
    /// Seeds the demo trade once (null when it exists, or when the working-day calendar does not cover the last 100
    /// days). <paramref name="services"/> is the platform's provider: its store, clock ("now"), options and audit writer
    /// are used. Takes a few seconds (one accounting run over a watershed).
    /// </summary>
    public static async Task<DemoTrade?> SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
            var deals = await scope.ServiceProvider.GetRequiredService<DealQueries>().ListAsync(ct);
            if (deals.Any(d => d.Code is CompletedDealCode or OpenDealCode))
            {
                return null;
            }

            var days = await scope.ServiceProvider.GetRequiredService<WorkingDayCalendarStore>().LoadAsync(ct);
            if (!days.Covers(DateOnly.FromDateTime(now.AddDays(-100).UtcDateTime)) || !days.Covers(DateOnly.FromDateTime(now.AddDays(1).UtcDateTime)))
            {
                return null;
            }
        }

        var clock = new ShiftedClock(services.GetRequiredService<TimeProvider>());
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddQingshanPlatform(services.GetRequiredService<DatabaseOptions>(), audit: services.GetRequiredService<IOptions<AuditOptions>>().Value);
        collection.AddSingleton(services.GetRequiredService<IOptions<TradingOptions>>());
        collection.AddSingleton(services.GetRequiredService<IOptions<DistributionOptions>>());
        DemoTrade trade;
        await using (var sp = collection.BuildServiceProvider())
        {
            // The accounting run is computed by the background worker; only it is started (no deal closer, no poller).
            var worker = sp.GetServices<IHostedService>().OfType<Accounting.Runs.AccountingRunWorker>().Single();
            await worker.StartAsync(ct);
            try
            {
                trade = await new Seeder(sp, clock, now, ct).RunAsync();
            }
            finally
            {
                await worker.StopAsync(CancellationToken.None);
            }
        }

        var writer = services.GetRequiredService<AuditWriter>();
        await writer.DispatchPendingAsync(ct);
        await writer.CheckpointIfDueAsync(force: true, ct);
        return trade;
    }

    private sealed class Seeder(IServiceProvider sp, ShiftedClock clock, DateTimeOffset now, CancellationToken ct)
    {
        private readonly Dictionary<string, Actor> actors = [];

        /// <summary>09:00 China time on the first day, about 100 days ago.</summary>
        private readonly DateTimeOffset start = new(DateOnly.FromDateTime(now.ToOffset(China).AddDays(-100).DateTime).ToDateTime(new TimeOnly(9, 0)), China);

        public async Task<DemoTrade> RunAsync()
        {
            At(Day(0, 9));
            var water = await ActorAsync("jp_water");
            var centre = await ActorAsync("jp_trading");
            var finance = await ActorAsync("jp_finance");
            var drc = await ActorAsync("jp_drc");
            var bank = await ActorAsync("bank");
            var (watershed, watershedName) = await DemoSteps.AsAsync(sp, Actor.System, async s =>
            {
                var w = (await s.GetRequiredService<WatershedQueries>().ListAsync(ct: ct)).Single(x => x.Code == DemoCounty.CountyCode + "-STQJ-002");
                return (w.Id, w.Name);
            });

            // 核算: the demo set over the watershed (编制 jp_water, 审核 cy_water, 批准 jp_drc), before the deal needs it.
            var (run, valued) = await DemoAccounting.ApprovedRunAsync(sp, watershed, water, await ActorAsync("cy_water"), drc, ct);
            var investor = await ActorAsync("investor");
            var (owner, withInvestor, without) = await PlotsAsync(watershed, valued, investor.HolderId!.Value);
            var ownerName = (await DemoSteps.AsAsync(sp, Actor.System, s => s.GetRequiredService<HolderDirectory>().FindAsync(owner, ct)))!.Name;

            At(Day(1, 10));
            var deal = DemoSteps.Ok(await DemoSteps.AsAsync(sp, water, s => s.GetRequiredService<CreateDealHandler>().HandleAsync(new CreateDeal(
                CompletedDealCode, DemoCounty.CountyCode, Label + "黑水沟小流域生态旅游经营权", withInvestor, investor.HolderId,
                "【演示数据】建平县黑水沟小流域水土保持生态产品（生态旅游经营权）交易工作方案：以已审定的价值核算结果为基础，经评估确定底价，公开挂牌交易。"), ct)));
            At(Day(1, 15));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, water, s => s.GetRequiredService<ApproveWorkPlanHandler>().HandleAsync(new ApproveWorkPlan(deal, "建政函〔演示〕1号"), ct)));
            await PrepareAsync(deal, run, owner, ownerName, Day(2, 9), 320_000m, ReservePrice);

            At(Day(12, 9));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, centre, s => s.GetRequiredService<PublishListingHandler>().HandleAsync(new PublishListing(deal,
                new ListingTerms(ListingPrice, Deposit, Increment, 5, FreePeriodMinutes: 30, LimitedPeriodMinutes: 5, PriorityWindowMinutes: 60, ResultPublicityWorkingDays: 5)), ct)));

            // 意向受让登记 by the three operator accounts for their enterprises; the centre qualifies; the bank confirms deposits.
            var bidders = new List<Guid>();
            var accounts = new[] { "operator1", "operator2", "investor" };
            for (var i = 0; i < accounts.Length; i++)
            {
                var op = await ActorAsync(accounts[i]);
                At(Day(13, 9 + i));
                bidders.Add(DemoSteps.Ok(await DemoSteps.AsAsync(sp, op, s => s.GetRequiredService<RegisterBidderHandler>().HandleAsync(new RegisterBidder(deal, op.HolderId!.Value), ct))));
            }

            for (var i = 0; i < bidders.Count; i++)
            {
                At(Day(14, 10 + i));
                DemoSteps.Ok(await DemoSteps.AsAsync(sp, centre, s => s.GetRequiredService<ReviewBidderHandler>().HandleAsync(new ReviewBidder(deal, bidders[i], true, "营业执照、经营方案与履约能力证明齐全，资格审核通过"), ct)));
                At(Day(15, 10 + i));
                var account = string.Create(CultureInfo.InvariantCulture, $"6228 4801 2000 {1001 + i}");
                DemoSteps.Ok(await DemoSteps.AsAsync(sp, bank, s => s.GetRequiredService<PayDepositHandler>().HandleAsync(new PayDeposit(deal, bidders[i], Deposit, account), ct)));
            }

            await PostLedgerAsync();

            // 网络竞价: the publicity is over; operator1 and operator2 bid in turn in the free period.
            var card = await CardAsync(deal);
            At(card.PublicityEndsAt!.Value.AddHours(9));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, centre, s => s.GetRequiredService<AdvanceDealHandler>().HandleAsync(new AdvanceDeal(deal), ct)));
            card = await CardAsync(deal);
            for (var i = 0; i < Bids.Length; i++)
            {
                At(card.FreePeriodEndsAt!.Value.AddMinutes(-28 + (4 * i)));
                var op = await ActorAsync(i % 2 == 0 ? "operator1" : "operator2");
                var receipt = DemoSteps.Ok(await DemoSteps.AsAsync(sp, op, s => s.GetRequiredService<PlaceBidHandler>().HandleAsync(new PlaceBid(deal, bidders[i % 2], Bids[i], $"demo-bid-{i + 1}"), ct)));
                if (!receipt.Accepted)
                {
                    throw new InvalidOperationException($"demo bid {i + 1} refused: {receipt.Refusal}");
                }
            }

            // The limited period ends without a bid: the investor (培育投资主体) may match the best bid within the window.
            card = await CardAsync(deal);
            At(card.AuctionEndsAt!.Value.AddMinutes(1));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, centre, s => s.GetRequiredService<AdvanceDealHandler>().HandleAsync(new AdvanceDeal(deal), ct)));
            At(card.AuctionEndsAt!.Value.AddMinutes(25));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, investor, s => s.GetRequiredService<ExercisePriorityRightHandler>().HandleAsync(new ExercisePriorityRight(deal, bidders[2]), ct)));
            await PostLedgerAsync();

            // 成交结果公示 over: contract with a payment schedule; the deposit becomes part of the price.
            card = await CardAsync(deal);
            var signedAt = card.ResultPublicityEndsAt!.Value.AddHours(9.5);
            At(signedAt);
            var contractDay = DateOnly.FromDateTime(signedAt.ToOffset(China).DateTime);
            var first = new Money(card.FinalPrice.Fen / 2);
            var schedule = new List<Instalment> { new(contractDay.AddDays(15), first), new(contractDay.AddDays(45), card.FinalPrice - first) };
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, centre, s => s.GetRequiredService<SignContractHandler>().HandleAsync(new SignContract(deal, new ContractTerms(
                "建平生态产品交易合同〔演示〕1号", 10, schedule, "经营期内落实水土保持措施管护责任，区域水土保持功能不得下降；按年报告管护情况。", "逾期付款按日万分之五支付违约金；擅自改变用途的，出让方有权解除合同。")), ct)));
            await PostLedgerAsync();
            await DemoSteps.AsAsync(sp, Actor.System, s => s.GetRequiredService<CheckReinvestmentDeadlinesHandler>().HandleAsync(ct));

            // 报备 with the water bureau, the DRC and finance; then the certificate.
            At(signedAt.AddDays(1));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, water, s => s.GetRequiredService<FileContractHandler>().HandleAsync(new FileContract(deal, FilingDepartment.Water), ct)));
            At(signedAt.AddDays(1).AddHours(4));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, drc, s => s.GetRequiredService<FileContractHandler>().HandleAsync(new FileContract(deal, FilingDepartment.DevelopmentReform), ct)));
            At(signedAt.AddDays(2));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, finance, s => s.GetRequiredService<FileContractHandler>().HandleAsync(new FileContract(deal, FilingDepartment.Finance), ct)));
            At(signedAt.AddDays(3));
            var certificate = DemoSteps.Ok(await DemoSteps.AsAsync(sp, water, s => s.GetRequiredService<IssueCertificateHandler>().HandleAsync(new IssueCertificate(deal), ct)));

            // 合同价款: the first instalment less the applied deposit, then the second; the last payment settles the deal.
            const string payer = "6228 4801 2000 1003";
            At(signedAt.AddDays(10));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, bank, s => s.GetRequiredService<RecordContractPaymentHandler>().HandleAsync(new RecordContractPayment(deal, first - Deposit, payer), ct)));
            await PostLedgerAsync();
            At(signedAt.AddDays(40));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, bank, s => s.GetRequiredService<RecordContractPaymentHandler>().HandleAsync(new RecordContractPayment(deal, card.FinalPrice - first, payer), ct)));
            await PostLedgerAsync();

            // 反哺方案: the water bureau writes the measures and submits them; the DRC and the water bureau approve, so
            // spending can be recorded against the two funds (left to the clerk: each spending needs its voucher).
            var plan = (await DemoSteps.AsAsync(sp, finance, s => s.GetRequiredService<ReinvestmentQueries>().PlansAsync(ct))).Single(p => p.DealId == deal);
            At(signedAt.AddDays(45));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, water, s => s.GetRequiredService<SubmitReinvestmentPlanHandler>().HandleAsync(new SubmitReinvestmentPlan(plan.Id, ReinvestmentMeasures), ct)));
            At(signedAt.AddDays(47));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, drc, s => s.GetRequiredService<ApproveReinvestmentPlanHandler>().HandleAsync(new ApproveReinvestmentPlan(plan.Id), ct)));
            At(signedAt.AddDays(47).AddHours(3));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, water, s => s.GetRequiredService<ApproveReinvestmentPlanHandler>().HandleAsync(new ApproveReinvestmentPlan(plan.Id), ct)));

            // The second product, listed an hour ago with ten working days of registration ahead (fewer when the
            // working-day calendar does not reach that far yet; left ready to list when it does not reach at all).
            At(signedAt.AddDays(41));
            var open = DemoSteps.Ok(await DemoSteps.AsAsync(sp, water, s => s.GetRequiredService<CreateDealHandler>().HandleAsync(new CreateDeal(
                OpenDealCode, DemoCounty.CountyCode, Label + "黑水沟小流域林下经济经营权", without, null,
                "【演示数据】建平县黑水沟小流域水土保持生态产品（林下经济经营权）交易工作方案。"), ct)));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, water, s => s.GetRequiredService<ApproveWorkPlanHandler>().HandleAsync(new ApproveWorkPlan(open, "建政函〔演示〕2号"), ct)));
            await PrepareAsync(open, run, owner, ownerName, signedAt.AddDays(42), 150_000m, Money.FromYuan(170_000));
            At(now.AddHours(-1));
            var calendar = await DemoSteps.AsAsync(sp, Actor.System, s => s.GetRequiredService<WorkingDayCalendarStore>().LoadAsync(ct));
            if (new[] { 10, 5, 1 }.FirstOrDefault(n => calendar.PublicityEnd(now.AddHours(-1), n).IsSuccess) is var publicity and > 0)
            {
                DemoSteps.Ok(await DemoSteps.AsAsync(sp, centre, s => s.GetRequiredService<PublishListingHandler>().HandleAsync(new PublishListing(open,
                    new ListingTerms(Money.FromYuan(180_000), Money.FromYuan(18_000), Money.FromYuan(1_000), publicity, FreePeriodMinutes: 30, LimitedPeriodMinutes: 5, PriorityWindowMinutes: 60, ResultPublicityWorkingDays: 5)), ct)));
            }

            At(now);
            await PostLedgerAsync();
            await DemoSteps.AsAsync(sp, Actor.System, s => s.GetRequiredService<CheckReinvestmentDeadlinesHandler>().HandleAsync(ct));
            return new DemoTrade(deal, certificate.Number, open);
        }

        /// <summary>核算 linked, transferor, appraisal (cost approach), reserve, promotion and distribution plan, over the 8 days from <paramref name="from"/>.</summary>
        private async Task PrepareAsync(Guid deal, Guid run, Guid owner, string ownerName, DateTimeOffset from, decimal investment, Money reserve)
        {
            var water = await ActorAsync("jp_water");
            var centre = await ActorAsync("jp_trading");
            var code = await DemoSteps.AsAsync(sp, Actor.System, async s => (await s.GetRequiredService<DealQueries>().CardAsync(deal, ct))!.Code);
            At(from);
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, water, s => s.GetRequiredService<LinkAccountingRunHandler>().HandleAsync(new LinkAccountingRun(deal, run), ct)));
            At(from.AddDays(1).AddHours(1));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, centre, s => s.GetRequiredService<DetermineTransferorHandler>().HandleAsync(new DetermineTransferor(deal, owner), ct)));
            At(from.AddDays(5).AddHours(1));
            var startOn = DateOnly.FromDateTime(now.ToOffset(China).DateTime).AddMonths(1);
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, await ActorAsync("appraiser"), s => s.GetRequiredService<IssueAppraisalHandler>().HandleAsync(new IssueAppraisal(deal,
                string.Create(CultureInfo.InvariantCulture, $"辽评报字〔演示〕{code}号"), AppraisalInputs(investment, startOn), AppraisalMethod.CostApproach,
                "【演示】培育投资尚未收回，以成本法结果为参考价；收益法与核算值比例法结果列后备查"), ct)));
            At(from.AddDays(6).AddHours(1));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, water, s => s.GetRequiredService<DecideReservePriceHandler>().HandleAsync(new DecideReservePrice(deal, reserve, null), ct)));
            At(from.AddDays(7).AddHours(1));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, centre, s => s.GetRequiredService<RecordPromotionHandler>().HandleAsync(new RecordPromotion(deal, "县融媒体中心、交易平台首页及黑水沟景区现场推介（演示）"), ct)));
            At(from.AddDays(8).AddHours(1));
            DemoSteps.Ok(await DemoSteps.AsAsync(sp, await ActorAsync("jp_finance"), s => s.GetRequiredService<ApproveDistributionPlanHandler>().HandleAsync(new ApproveDistributionPlan(deal, AccountingFee, AppraisalFee, PlatformFeeBasisPoints,
            [
                new DistributionShare(ownerName, 4_500, ShareKind.Collective),
                new DistributionShare("参与管护农户", 2_500, ShareKind.Household),
                new DistributionShare("水土保持收益反哺", 3_000, ShareKind.Reinvestment),
            ]), ct)));
        }

        /// <summary>
        /// Confirmed plots of the watershed that the run values, all owned by one collective: those on which the
        /// investor holds an operating right (its cultivation) for the completed deal, three others for the open one.
        /// </summary>
        private async Task<(Guid Owner, List<Guid> WithInvestor, List<Guid> Without)> PlotsAsync(Guid watershed, IReadOnlySet<string> valued, Guid investor)
        {
            var investorName = (await DemoSteps.AsAsync(sp, Actor.System, s => s.GetRequiredService<HolderDirectory>().FindAsync(investor, ct)))!.Name;
            var rows = (await DemoSteps.AsAsync(sp, Actor.System, s => s.GetRequiredService<PlotQueries>().ListAsync(new PlotFilter(watershed, Status: RightsStatus.Confirmed, PageSize: 500), ct)))
                .Rows.Where(r => valued.Contains(r.Code)).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
            string? ownerName = null;
            var withInvestor = new List<Guid>();
            var without = new List<Guid>();
            foreach (var row in rows)
            {
                var card = (await DemoSteps.AsAsync(sp, Actor.System, s => s.GetRequiredService<PlotQueries>().CardAsync(row.Id, ct)))!;
                var owners = card.Rights.Where(r => r.Kind == RightKind.Ownership).Select(r => r.HolderName).Distinct().ToList();
                var cultivated = card.Rights.Any(r => r.Kind == RightKind.Operating && r.HolderName == investorName);
                if (owners.Count != 1 || card.Tradability.Reasons.Count > 0 || (ownerName is null && !cultivated) || (ownerName is not null && owners[0] != ownerName))
                {
                    continue;
                }

                ownerName ??= owners[0];
                var list = cultivated ? withInvestor : without;
                if (list.Count < 3)
                {
                    list.Add(row.Id);
                }

                if (withInvestor.Count == 3 && without.Count == 3)
                {
                    break;
                }
            }

            if (ownerName is null || withInvestor.Count == 0 || without.Count == 0)
            {
                throw new InvalidOperationException("the demo watershed has no plots for the demo trade");
            }

            var holders = await DemoSteps.AsAsync(sp, Actor.System, s => s.GetRequiredService<HolderQueries>().ListAsync(ownerName, HolderKind.Collective, ct));
            return (holders.Single(h => h.Name == ownerName).Id, withInvestor, without);
        }

        private async Task<DealCard> CardAsync(Guid deal) =>
            (await DemoSteps.AsAsync(sp, Actor.System, s => s.GetRequiredService<DealQueries>().CardAsync(deal, ct)))!;

        /// <summary>What the distribution worker does every few seconds: post trading's money events to the ledger.</summary>
        private Task PostLedgerAsync() =>
            DemoSteps.AsAsync(sp, Actor.System, s => s.GetRequiredService<PostTradingMoneyHandler>().PostPendingAsync(ct: ct));

        private DateTimeOffset Day(int day, double hour) => start.AddDays(day).AddHours(hour - 9);

        private void At(DateTimeOffset at)
        {
            if (at > now)
            {
                throw new InvalidOperationException($"demo trade step at {at:O} is after now ({now:O})");
            }

            clock.MoveTo(at);
        }

        /// <summary>A demo account as it acts when signed in: its roles, region and the enterprise it acts for.</summary>
        private async Task<Actor> ActorAsync(string userName)
        {
            if (actors.TryGetValue(userName, out var known))
            {
                return known;
            }

            await using var scope = sp.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
            var users = scope.ServiceProvider.GetRequiredService<UserManager<QingshanUser>>();
            var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"demo account {userName} is missing");
            var roles = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
            var holder = await scope.ServiceProvider.GetRequiredService<ActForHolderHandler>().HolderOfAsync(user.Id);
            var region = user.RegionCode is null ? RegionScope.All : RegionScope.Of(AdminDivisionCode.Parse(user.RegionCode));
            var actor = new Actor(user.Id, userName, region, roles, user.RegionCode, null, holder);
            actors[userName] = actor;
            return actor;
        }
    }
}
