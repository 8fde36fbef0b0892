using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Tests.Registry;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Deals;
using Qingshan.Trading.Deposits;

namespace Qingshan.Tests.Trading.Bidding;

public sealed class PlaceBidTests
{
    [Fact]
    public async Task Resubmitting_a_bid_with_the_same_client_request_id_returns_the_original_receipt()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(2);
        await using var _ = world.Platform;
        var first = (await world.BidAsync(bidders[0], TradingWorld.Listing, "req-1")).Value;
        world.Platform.Clock.Advance(TimeSpan.FromSeconds(5));
        var again = (await world.BidAsync(bidders[0], TradingWorld.Listing + TradingWorld.Step, "req-1")).Value;
        Assert.True(first.Accepted);
        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.BidId, again.BidId);
        Assert.Equal(first.Amount, again.Amount);
        Assert.Equal(first.ReceivedAt, again.ReceivedAt);

        // A refused bid is on record too, and its replay gives the same refusal with its arguments.
        var low = (await world.BidAsync(bidders[1], TradingWorld.Listing, "req-2")).Value;
        Assert.Equal("trading.bid.below_increment", low.Refusal?.Code);
        var lowAgain = (await world.BidAsync(bidders[1], TradingWorld.Listing + TradingWorld.Step, "req-2")).Value;
        Assert.Equal(low.Refusal?.Code, lowAgain.Refusal?.Code);
        Assert.Equal(low.Refusal!.Args.Select(a => a?.ToString()), lowAgain.Refusal!.Args.Select(a => a?.ToString()));
        Assert.Equal(2, (await world.BidsAsync()).Count);

        Assert.Equal("trading.bid.client_request_id_required", (await world.BidAsync(bidders[0], TradingWorld.Listing, " ")).Error?.Code);
        Assert.Equal("trading.bidder.not_found", (await world.BidAsync(Guid.NewGuid(), TradingWorld.Listing)).Error?.Code);
    }

    [Fact]
    public async Task A_bid_a_millisecond_before_the_end_is_accepted_and_extends_but_one_at_the_end_is_refused()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(2);
        await using var _ = world.Platform;
        var card = await world.CardAsync();
        var end = card.AuctionEndsAt!.Value;
        Assert.Equal(card.FreePeriodEndsAt!.Value.AddMinutes(5), end);

        world.Platform.Clock.SetUtcNow(end.AddMilliseconds(-1));
        var late = (await world.BidAsync(bidders[0], TradingWorld.Listing)).Value;
        Assert.True(late.Accepted);
        Assert.Equal(end.AddMilliseconds(-1).AddMinutes(5), late.AuctionEndsAt);

        // The closer finds nothing due at the old end.
        world.Platform.Clock.SetUtcNow(end);
        Assert.Equal(0, await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<AdvanceDueDealsHandler>().HandleAsync()));
        Assert.Equal("trading.auction.not_over", (await world.AdvanceAsync()).Error?.Code);

        world.Platform.Clock.SetUtcNow(late.AuctionEndsAt!.Value);
        var tooLate = (await world.BidAsync(bidders[1], TradingWorld.Listing + TradingWorld.Step)).Value;
        Assert.Equal("trading.bid.auction_closed", tooLate.Refusal?.Code);
        Assert.Equal(1, await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<AdvanceDueDealsHandler>().HandleAsync()));
        Assert.Equal(bidders[0], (await world.CardAsync()).WinnerId);
    }

    [Fact]
    public async Task The_cultivating_investor_may_match_the_best_bid_and_then_wins()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(3, withInvestor: true);
        await using var _ = world.Platform;
        var investor = bidders[0];
        Assert.True((await world.BiddersAsync()).Single(b => b.Id == investor).IsPriorityHolder);
        Assert.False((await world.BiddersAsync()).Single(b => b.Id == bidders[1]).IsPriorityHolder);

        Assert.True((await world.BidAsync(bidders[1], TradingWorld.Listing)).Value.Accepted);
        Assert.True((await world.BidAsync(bidders[2], TradingWorld.Listing + TradingWorld.Step)).Value.Accepted);
        var card = await world.CardAsync();
        world.Platform.Clock.SetUtcNow(card.AuctionEndsAt!.Value);
        Assert.Equal(DealStatus.PriorityWindow, (await world.AdvanceAsync()).Value);

        var exercise = async (Guid bidder) => await world.RunAsync(await world.ActorOfAsync(bidder), sp => sp.GetRequiredService<ExercisePriorityRightHandler>().HandleAsync(new ExercisePriorityRight(world.Deal, bidder)));
        Assert.Equal("trading.priority.not_holder", (await exercise(bidders[2])).Error?.Code);
        world.Platform.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.True((await exercise(investor)).IsSuccess);

        card = await world.CardAsync();
        Assert.Equal(DealStatus.ResultPublicity, card.Status);
        Assert.Equal(investor, card.WinnerId);
        Assert.True(card.WonByPriorityRight);
        Assert.Equal(TradingWorld.Listing + TradingWorld.Step, card.FinalPrice);
        var refunded = (await world.BankAsync()).Where(b => b.Kind == BankInstructionKind.Refund).Select(b => b.BidderId).Order().ToList();
        Assert.Equal(new[] { bidders[1], bidders[2] }.Order(), refunded);
    }

    [Fact]
    public async Task Without_a_match_in_the_window_the_highest_bidder_wins_when_the_closer_runs()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(2, withInvestor: true);
        await using var _ = world.Platform;
        Assert.True((await world.BidAsync(bidders[1], TradingWorld.Listing)).Value.Accepted);
        var card = await world.CardAsync();
        world.Platform.Clock.SetUtcNow(card.AuctionEndsAt!.Value);
        var advance = () => world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<AdvanceDueDealsHandler>().HandleAsync());
        Assert.Equal(1, await advance());
        Assert.Equal(DealStatus.PriorityWindow, (await world.CardAsync()).Status);
        world.Platform.Clock.Advance(TimeSpan.FromMinutes(60));
        Assert.Equal(1, await advance());
        card = await world.CardAsync();
        Assert.Equal(bidders[1], card.WinnerId);
        Assert.False(card.WonByPriorityRight);
    }

    [Fact]
    public async Task Fifty_bidders_racing_leave_exactly_one_winner_strictly_increasing_accepted_bids_and_no_lost_bid()
    {
        const int n = 50;
        var (world, bidders) = await TradingWorld.TradingAsync(n);
        await using var _ = world.Platform;
        world.Platform.Clock.Advance(TimeSpan.FromMinutes(1));
        var receipts = new ConcurrentBag<(Guid Bidder, BidReceipt Receipt)>();
        using var go = new ManualResetEventSlim();
        var tasks = bidders.Select((bidder, i) => Task.Run(async () =>
        {
            go.Wait();
            for (var round = 0; round < 3; round++)
            {
                // Each bidder tries the next valid amount it can see, as a browser would.
                var card = await world.CardAsync();
                var amount = card.HighestBidderId is null ? TradingWorld.Listing : card.HighestAmount + TradingWorld.Step;
                var result = await world.BidAsync(bidder, amount, $"{i}-{round}");
                Assert.True(result.IsSuccess, result.Error?.ToString());
                receipts.Add((bidder, result.Value));
            }
        })).ToList();
        go.Set();
        await Task.WhenAll(tasks);

        var stored = await world.BidsAsync();
        Assert.Equal(n * 3, stored.Count);
        Assert.Equal(Enumerable.Range(1, n * 3).Select(i => (long)i), stored.Select(b => b.Sequence));
        foreach (var (bidder, receipt) in receipts)
        {
            var row = Assert.Single(stored, b => b.Id == receipt.BidId);
            Assert.Equal(bidder, row.BidderId);
            Assert.Equal(receipt.Accepted, row.RefusalCode is null);
            Assert.Equal(receipt.Amount, row.Amount);
        }

        var accepted = stored.Where(b => b.RefusalCode is null).ToList();
        Assert.NotEmpty(accepted);
        Assert.Equal(TradingWorld.Listing, accepted[0].Amount);
        for (var i = 1; i < accepted.Count; i++)
        {
            Assert.True(accepted[i].Amount >= accepted[i - 1].Amount + TradingWorld.Step, $"bid {accepted[i].Sequence} does not rise by the increment");
            Assert.NotEqual(accepted[i].BidderId, accepted[i - 1].BidderId);
        }

        var card = await world.CardAsync();
        Assert.Equal(accepted[^1].BidderId, card.HighestBidderId);
        Assert.Equal(accepted[^1].Amount, card.HighestAmount);
        world.Platform.Clock.SetUtcNow(card.AuctionEndsAt!.Value);
        Assert.Equal(DealStatus.ResultPublicity, (await world.AdvanceAsync()).Value);
        card = await world.CardAsync();
        Assert.Equal(accepted[^1].BidderId, card.WinnerId);
        var bank = await world.BankAsync();
        Assert.Equal(n - 1, bank.Count(b => b.Kind == BankInstructionKind.Refund));
        Assert.DoesNotContain(bank, b => b.Kind == BankInstructionKind.Refund && b.BidderId == card.WinnerId);
    }
}
