using Microsoft.Extensions.DependencyInjection;
using Qingshan.Distribution.Settlement;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;
using Qingshan.Tests.Trading;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Deals;

namespace Qingshan.Tests.Distribution;

/// <summary>A demo trade driven through trading's handlers up to a signed contract, and the ledger read back.</summary>
internal static class DistributionWorld
{
    /// <summary>The winning bid: 102,345.67 元, so the platform fee and every split have fen remainders.</summary>
    public static readonly Money Price = new(10_234_567);

    public static ContractTerms Contract(Money price) =>
        new("建水保交易合同〔2026〕7号", 20, [new Instalment(new DateOnly(2026, 6, 1), Money.FromYuan(50_000)), new Instalment(new DateOnly(2027, 6, 1), price - Money.FromYuan(50_000))],
            "经营期内落实水土保持措施管护责任", "逾期付款按日万分之五支付违约金");

    /// <summary>Three bidders; the third wins at <see cref="Price"/>; the contract is signed.</summary>
    public static async Task<(TradingWorld World, List<Guid> Bidders)> ContractedAsync()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(3);
        var card = await world.CardAsync();
        world.Platform.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await world.BidAsync(bidders[0], TradingWorld.Listing)).Value.Accepted);
        Assert.True((await world.BidAsync(bidders[1], TradingWorld.Listing + TradingWorld.Step)).Value.Accepted);
        Assert.True((await world.BidAsync(bidders[2], Price)).Value.Accepted);
        world.Platform.Clock.SetUtcNow(card.AuctionEndsAt!.Value);
        Assert.Equal(1, await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<AdvanceDueDealsHandler>().HandleAsync()));
        card = await world.CardAsync();
        Assert.Equal(bidders[2], card.WinnerId);
        world.Platform.Clock.SetUtcNow(card.ResultPublicityEndsAt!.Value);
        await world.OkAsync(TradingWorld.Centre, sp => sp.GetRequiredService<SignContractHandler>().HandleAsync(new SignContract(world.Deal, Contract(Price))));
        return (world, bidders);
    }

    public static Task PayAsync(TradingWorld world, long fen, string account = "6228 4800 1234 5678") =>
        world.OkAsync(TradingWorld.Bank, sp => sp.GetRequiredService<RecordContractPaymentHandler>().HandleAsync(new RecordContractPayment(world.Deal, new Money(fen), account)));

    public static Task<int> PostPendingAsync(TradingWorld world) =>
        world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<PostTradingMoneyHandler>().PostPendingAsync());

    public static async Task<Dictionary<AccountKind, long>> DealBalancesAsync(TradingWorld world)
    {
        var all = await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().TrialBalanceAsync());
        return all.Where(a => a.DealId == world.Deal || a.Kind == AccountKind.BankClearing).GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => g.Sum(a => a.Balance.Fen));
    }

    public static async Task AssertConservesAsync(TradingWorld world)
    {
        var report = await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().CheckConservationAsync());
        Assert.True(report.Holds, string.Join("; ", report.Violations));
        var refused = await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<LedgerQueries>().RefusedEventsAsync());
        Assert.Empty(refused);
    }
}
