using Microsoft.Extensions.DependencyInjection;
using Qingshan.Distribution.Receivables;
using Qingshan.Distribution.Settlement;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;
using Qingshan.Tests.Trading;
using Qingshan.Trading;
using Qingshan.Trading.Deals;
using static Qingshan.Tests.Distribution.DistributionWorld;

namespace Qingshan.Tests.Distribution;

public sealed class SettlementTests
{
    [Fact]
    public async Task A_demo_trade_posts_deposits_refunds_receivable_payments_costs_and_the_80_20_split_to_the_fen()
    {
        var (world, _) = await ContractedAsync();
        await using var _p = world.Platform;

        // The deposit (10,000 元) is applied; 30,000 元 of the first instalment (50,000 元 due 2026-06-01) is paid.
        await PayAsync(world, 3_000_000);
        Assert.True(await PostPendingAsync(world) > 0);
        var b = await DealBalancesAsync(world);
        Assert.Equal(Price.Fen - 4_000_000, b[AccountKind.Receivable]);
        Assert.Equal(4_000_000, b[AccountKind.Proceeds]);
        Assert.Equal(2_000_000, b[AccountKind.Refunds]); // the two losers' deposits, by their original route
        Assert.Equal(0, b[AccountKind.DepositsHeld]);

        // After 1 June the first instalment is overdue by the 10,000 元 not yet paid.
        world.Platform.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 2, 1, 0, 0, TimeSpan.Zero));
        var receivable = Assert.Single(await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<ReceivableQueries>().ReceivablesAsync()));
        Assert.True(receivable.IsOverdue);
        Assert.Equal(1_000_000, receivable.Overdue.Fen);
        Assert.Equal(new DateOnly(2026, 6, 1), receivable.OverdueSince);

        // Paying the rest settles: costs deducted, net proceeds split by the plan, the reinvestment share 80/20.
        await PayAsync(world, Price.Fen - 4_000_000);
        await PostPendingAsync(world);
        b = await DealBalancesAsync(world);

        // Costs: accounting 200,000 + appraisal 300,000 + platform 1 % of 10,234,567 = 102,345.67 → 102,345 fen.
        Assert.Equal(602_345, b[AccountKind.TransactionCosts]);
        // Net 9,632,222 split 60/30/10: 5,779,333.2 / 2,889,666.6 / 963,222.2 → the spare fen to the largest remainder (.6).
        Assert.Equal(5_779_333, b[AccountKind.CollectiveShare]);
        Assert.Equal(963_222, b[AccountKind.HouseholdShare]);
        // Reinvestment 2,889,667 split 80/20: 2,311,733.6 / 577,933.4 → 2,311,734 / 577,933.
        Assert.Equal(2_311_734, b[AccountKind.ErosionControlFund]);
        Assert.Equal(577_933, b[AccountKind.MaintenanceFund]);
        Assert.Equal(0, b[AccountKind.Proceeds]);
        Assert.Equal(0, b[AccountKind.Receivable]);
        Assert.Equal(0, b[AccountKind.UncollectedPrice]);
        Assert.Equal(-(3 * 1_000_000 + Price.Fen - 1_000_000), b[AccountKind.BankClearing]);
        Assert.False((await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<ReceivableQueries>().ReceivablesAsync())).Single().IsOverdue);
        await AssertConservesAsync(world);
    }

    [Fact]
    public async Task Replaying_every_trading_event_posts_nothing_twice()
    {
        var (world, _) = await ContractedAsync();
        await using var _p = world.Platform;
        await PayAsync(world, Price.Fen - 1_000_000);
        var first = await PostPendingAsync(world);
        Assert.Equal(8, first); // 3 deposits, 2 refunds, the settlement terms, the applied deposit, the payment
        Assert.Equal(0, await PostPendingAsync(world));

        var before = await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().DealStatementAsync(world.Deal));
        // Feed every money event again, as a second worker or a restarted process would.
        var events = new List<PendingEvent>();
        foreach (var type in PostTradingMoneyHandler.MoneyEvents)
        {
            events.AddRange(await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().EventsAsync(TradingEvents.Module, type)));
        }

        Assert.NotEmpty(events);
        foreach (var e in events.OrderBy(e => e.Id))
        {
            await world.Platform.RunAsync(Actor.System, async sp => { await sp.GetRequiredService<PostTradingMoneyHandler>().PostOneAsync(e); return 0; });
        }

        var after = await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().DealStatementAsync(world.Deal));
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before.Select(l => l.EntryId).Distinct().Count(), after.Select(l => l.EntryId).Distinct().Count());
        Assert.Equal(2_311_734, (await DealBalancesAsync(world))[AccountKind.ErosionControlFund]);
        await AssertConservesAsync(world);
    }

    [Fact]
    public async Task Suspension_refunds_deposit_and_payments_by_the_original_route_clears_the_receivable_and_freezes_the_deal()
    {
        var (world, _) = await ContractedAsync();
        await using var _p = world.Platform;
        await PayAsync(world, 3_000_000, "6228 4800 9999 0001");
        await PostPendingAsync(world);
        await world.OkAsync(TradingWorld.Water, sp => sp.GetRequiredService<SuspendDealHandler>().HandleAsync(new SuspendDeal(world.Deal, "举报核查：涉嫌串通竞价")));
        await PostPendingAsync(world);

        // The bank got the winner's applied deposit and the payment back to the accounts they came from.
        var bank = await world.BankAsync();
        Assert.Contains(bank, x => x.Kind == Qingshan.Trading.Deposits.BankInstructionKind.RefundPayment && x.Account == "6228 4800 9999 0001" && x.Amount.Fen == 3_000_000);

        var b = await DealBalancesAsync(world);
        Assert.Equal(2_000_000 + 1_000_000 + 3_000_000, b[AccountKind.Refunds]); // losers, winner's deposit, the payment
        Assert.Equal(-6_000_000, b[AccountKind.BankClearing]);
        Assert.All(b.Where(x => x.Key is not (AccountKind.Refunds or AccountKind.BankClearing)), x => Assert.Equal(0, x.Value));
        var accounts = (await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().TrialBalanceAsync())).Where(a => a.DealId == world.Deal).ToList();
        Assert.All(accounts, a => Assert.True(a.IsFrozen, a.Code));
        await AssertConservesAsync(world);

        // A frozen deal takes no posting.
        var late = await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<PostEntryHandler>().HandleAsync(
            new PostEntry("late", "迟到的入账", Qingshan.Tests.Registry.Make.County, world.Deal, [new(AccountKind.Proceeds, new Money(1), world.Deal), new(AccountKind.BankClearing, new Money(-1))])));
        Assert.Equal("ledger.account.frozen", late.Error?.Code);
    }
}
