using Microsoft.Extensions.DependencyInjection;
using Qingshan.Tests.Registry;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Deals;

namespace Qingshan.Tests.Trading.Bidding;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task The_same_bid_sent_many_times_at_once_has_exactly_one_effect_and_every_reply_is_the_original()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(2);
        await using var _ = world.Platform;
        using var go = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 30).Select(_ => Task.Run(async () =>
        {
            go.Wait();
            return await world.BidAsync(bidders[0], TradingWorld.Listing, "same-key");
        })).ToList();
        go.Set();
        var receipts = (await Task.WhenAll(tasks)).Select(r => Make.Ok(r)).ToList();
        var bid = Assert.Single(await world.BidsAsync());
        Assert.All(receipts, r => Assert.Equal(bid.Id, r.BidId));
        Assert.Equal(29, receipts.Count(r => r.Replayed));
        Assert.Single(await world.HistoryAsync(), h => h.Action == "BidAccepted");
    }

    [Fact]
    public async Task Two_approvers_acting_at_once_make_one_transition_and_the_other_is_told_it_is_done()
    {
        var world = await TradingWorld.PreparedAsync();
        await using var _ = world.Platform;
        using var go = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            go.Wait();
            return await world.RunAsync(TradingWorld.Centre, sp => sp.GetRequiredService<PublishListingHandler>().HandleAsync(new PublishListing(world.Deal, TradingWorld.Terms())));
        })).ToList();
        go.Set();
        var results = await Task.WhenAll(tasks);
        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => r.IsFailure), r => Assert.Equal("trading.deal.wrong_state", r.Error?.Code));
        Assert.Single(await world.HistoryAsync(), h => h.Action == "Listed");
    }
}
