using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Tests.Registry;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Data;
using Qingshan.Trading.Deals;

namespace Qingshan.Tests.Trading.Bidding;

/// <summary>
/// Group commit of bids (<see cref="BidSequencer"/>): bids waiting for one deal are judged in one transaction, each
/// with its own actor, and each caller answered only after the commit.
/// </summary>
public sealed class BidSequencerTests
{
    [Fact]
    public async Task Many_concurrent_bids_are_each_accepted_or_refused_with_a_code_none_lost_sequences_gap_free_one_highest()
    {
        const int bidderCount = 8, perBidder = 25;
        var (world, bidders) = await TradingWorld.TradingAsync(bidderCount);
        await using var _ = world.Platform;
        world.Platform.Clock.Advance(TimeSpan.FromMinutes(1));
        var actors = await ActorsAsync(world, bidders);

        var receipts = new ConcurrentBag<(Guid Bidder, Money Amount, Result<BidReceipt> Result)>();
        using var go = new ManualResetEventSlim();
        var tasks = bidders.Select((bidder, i) => Task.Run(async () =>
        {
            go.Wait();
            for (var k = 0; k < perBidder; k++)
            {
                // Amounts interleave across bidders, so many arrive out of order and are refused.
                var amount = TradingWorld.Listing + new Money(TradingWorld.Step.Fen * ((k * bidderCount) + i));
                var result = await world.Platform.RunAsync(actors[i], sp => sp.GetRequiredService<PlaceBidHandler>().HandleAsync(new PlaceBid(world.Deal, bidder, amount, $"{i}-{k}")));
                receipts.Add((bidder, amount, result));
            }
        })).ToList();
        go.Set();
        await Task.WhenAll(tasks);

        Assert.Equal(bidderCount * perBidder, receipts.Count);
        Assert.All(receipts, r => Assert.True(r.Result.IsSuccess, r.Result.Error?.ToString()));
        Assert.All(receipts.Where(r => !r.Result.Value.Accepted), r => Assert.StartsWith("trading.bid.", r.Result.Value.Refusal!.Code, StringComparison.Ordinal));
        Assert.DoesNotContain(receipts, r => r.Result.Value.Replayed);

        var stored = await world.BidsAsync();
        Assert.Equal(receipts.Count, stored.Count);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(b => b.Sequence).Order());
        foreach (var (bidder, amount, result) in receipts)
        {
            var row = Assert.Single(stored, b => b.Id == result.Value.BidId);
            Assert.Equal((bidder, amount, result.Value.Sequence), (row.BidderId, row.Amount, row.Sequence));
            Assert.Equal(result.Value.Accepted, row.RefusalCode is null);
        }

        var accepted = stored.Where(b => b.RefusalCode is null).OrderBy(b => b.Sequence).ToList();
        Assert.True(accepted.Count >= 2, "the race should accept more than one rising bid");
        for (var i = 1; i < accepted.Count; i++)
        {
            Assert.True(accepted[i].Amount >= accepted[i - 1].Amount + TradingWorld.Step, $"bid {accepted[i].Sequence} does not rise by the increment");
        }

        var card = await world.CardAsync();
        Assert.Equal(accepted[^1].BidderId, card.HighestBidderId);
        Assert.Equal(accepted[^1].Amount, card.HighestAmount);
        Assert.Equal(accepted.Max(b => b.Amount), card.HighestAmount);
        var history = await world.HistoryAsync();
        Assert.Equal(accepted.Count, history.Count(h => h.Action == "BidAccepted"));
        Assert.Equal(stored.Count - accepted.Count, history.Count(h => h.Action == "BidRefused"));

        // Every bid is audited once, by its own bidder's account, and the outbox holds them in sequence order (the
        // audit log is appended in outbox order).
        await using var scope = world.Platform.AsSystem();
        var messages = await scope.ServiceProvider.GetRequiredService<TradingDb>().Outbox.AsNoTracking()
            .Where(o => o.EventType == "BidAccepted" || o.EventType == "BidRefused").OrderBy(o => o.Id).ToListAsync();
        Assert.Equal(stored.Count, messages.Count);
        var actorOf = bidders.Select((b, i) => (b, actors[i].UserName)).ToDictionary(x => x.b, x => x.UserName);
        var bySequence = stored.OrderBy(b => b.Sequence).ToList();
        for (var i = 0; i < messages.Count; i++)
        {
            using var payload = System.Text.Json.JsonDocument.Parse(messages[i].Payload);
            Assert.Equal(bySequence[i].Id, payload.RootElement.GetProperty("bid").GetGuid());
            Assert.Equal(bySequence[i].Sequence, payload.RootElement.GetProperty("sequence").GetInt64());
            Assert.Equal(bySequence[i].RefusalCode is null ? "BidAccepted" : "BidRefused", messages[i].EventType);
            Assert.Equal(actorOf[bySequence[i].BidderId], messages[i].ActorName);
        }

        // Every caller has its answer: once the lane has lingered (here: not at all), the sweep takes it. Closed
        // auctions leave no lanes behind.
        var sequencer = world.Platform.Services.GetRequiredService<BidSequencer>();
        Assert.Equal(1, sequencer.Lanes);
        Linger(world, TimeSpan.Zero);
        sequencer.Sweep();
        Assert.Equal(0, sequencer.Lanes);
    }

    [Fact]
    public async Task A_deals_lane_stays_for_the_linger_after_its_last_bid_then_goes_and_bids_racing_its_retirement_continue_the_sequence()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(2);
        await using var _ = world.Platform;
        var sequencer = world.Platform.Services.GetRequiredService<BidSequencer>();
        var actors = await ActorsAsync(world, bidders);
        Task<Result<BidReceipt>> Bid(int i, Money amount, string id) =>
            world.Platform.RunAsync(actors[i], sp => sp.GetRequiredService<PlaceBidHandler>().HandleAsync(new PlaceBid(world.Deal, bidders[i], amount, id)));

        Task<Result<BidReceipt>> first;
        await using (sequencer.Hold(world.Deal))
        {
            first = Bid(0, TradingWorld.Listing, "one");
            await QueuedAsync(sequencer, world.Deal, 1);
            Assert.Equal(1, sequencer.Lanes); // held and in use: kept
        }

        Assert.Equal(1, Make.Ok(await first).Sequence);

        // Answered, but the lane lingers (it keeps its connection and the deal for the next burst of bids).
        sequencer.Sweep();
        Assert.Equal(1, sequencer.Lanes);

        // With no linger the sweep retires it, also while bids race it: each bid is judged exactly once, in one sequence,
        // whether it met the old lane, a retired one (and made a new one) or a new one.
        Linger(world, TimeSpan.Zero);
        sequencer.Sweep();
        Assert.Equal(0, sequencer.Lanes);
        using var stop = new CancellationTokenSource();
        var sweeping = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                sequencer.Sweep();
                await Task.Yield();
            }
        });
        var racing = await Task.WhenAll(Enumerable.Range(0, 20).Select(k => Task.Run(() => Bid(k % 2, TradingWorld.Listing + new Money(TradingWorld.Step.Fen * (k + 1)), "r" + k))));
        await stop.CancelAsync();
        await sweeping;
        Assert.All(racing, r => Assert.True(r.IsSuccess, r.Error?.ToString()));
        sequencer.Sweep();
        Assert.Equal(0, sequencer.Lanes);
        var stored = await world.BidsAsync();
        Assert.Equal(21, stored.Count);
        Assert.Equal(Enumerable.Range(1, 21).Select(i => (long)i), stored.Select(b => b.Sequence).Order());
        Assert.Equal(racing.Select(r => r.Value.BidId).Append(Make.Ok(await first).BidId).Order(), stored.Select(b => b.Id).Order());
    }

    [Fact]
    public async Task The_same_client_request_id_twice_in_one_batch_is_one_bid_and_the_second_reply_is_a_replay()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(2);
        await using var _ = world.Platform;
        var sequencer = world.Platform.Services.GetRequiredService<BidSequencer>();
        var actors = await ActorsAsync(world, bidders);
        var (actor, other) = (actors[0], actors[1]);
        Task<Result<BidReceipt>> Bid(Actor a, Guid bidder, Money amount, string id) =>
            world.Platform.RunAsync(a, sp => sp.GetRequiredService<PlaceBidHandler>().HandleAsync(new PlaceBid(world.Deal, bidder, amount, id)));

        Task<Result<BidReceipt>>[] sent;
        await using (sequencer.Hold(world.Deal))
        {
            sent =
            [
                Bid(actor, bidders[0], TradingWorld.Listing, "dup"),
                Bid(actor, bidders[0], TradingWorld.Listing, "dup"),
                Bid(other, bidders[1], TradingWorld.Listing + TradingWorld.Step, "b"),
                Bid(actor, bidders[0], TradingWorld.Listing, "dup"),
            ];
            await QueuedAsync(sequencer, world.Deal, 4);
        }

        var receipts = (await Task.WhenAll(sent)).Select(r => Make.Ok(r)).ToList();
        var stored = await world.BidsAsync();
        Assert.Equal(2, stored.Count);
        Assert.Equal([1L, 2L], stored.Select(b => b.Sequence).Order());
        var dup = Assert.Single(stored, b => b.BidderId == bidders[0]);
        Assert.All(new[] { receipts[0], receipts[1], receipts[3] }, r => Assert.Equal(dup.Id, r.BidId));
        Assert.Equal(2, new[] { receipts[0], receipts[1], receipts[3] }.Count(r => r.Replayed));
        Assert.True(receipts[2].Accepted);
        Assert.Single(await world.HistoryAsync(), h => h.Action == "BidAccepted" && h.ActorName == actor.UserName);
        Assert.Single(await world.HistoryAsync(), h => h.Action == "BidAccepted" && h.ActorName == other.UserName);
    }

    [Fact]
    public async Task A_bid_from_an_account_not_acting_for_the_holder_refuses_only_that_bid_and_each_bid_records_its_own_actor()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(3);
        await using var _ = world.Platform;
        var sequencer = world.Platform.Services.GetRequiredService<BidSequencer>();
        var actors = await ActorsAsync(world, bidders);

        Task<Result<BidReceipt>> Bid(Actor a, Guid bidder, Money amount, string id) =>
            world.Platform.RunAsync(a, sp => sp.GetRequiredService<PlaceBidHandler>().HandleAsync(new PlaceBid(world.Deal, bidder, amount, id)));

        Task<Result<BidReceipt>>[] sent;
        await using (sequencer.Hold(world.Deal))
        {
            sent =
            [
                Bid(actors[0], bidders[0], TradingWorld.Listing, "a"),
                Bid(actors[2], bidders[1], TradingWorld.Listing + TradingWorld.Step, "intruder"), // bidder 3's account bids for bidder 2
                Bid(actors[1], bidders[1], TradingWorld.Listing + TradingWorld.Step, "b"),
                Bid(TradingWorld.Bidding, bidders[2], TradingWorld.Listing + TradingWorld.Step + TradingWorld.Step, "unbound"),
                Bid(actors[2], bidders[2], TradingWorld.Listing + TradingWorld.Step + TradingWorld.Step, "c"),
            ];
            await QueuedAsync(sequencer, world.Deal, 5);
        }

        var results = await Task.WhenAll(sent);
        Assert.Equal("trading.bidder.not_acting_for_holder", results[1].Error?.Code);
        Assert.Equal("trading.bidder.not_acting_for_holder", results[3].Error?.Code);
        foreach (var i in new[] { 0, 2, 4 })
        {
            Assert.True(results[i].IsSuccess && results[i].Value.Accepted, results[i].Error?.ToString() ?? results[i].Value.Refusal?.ToString());
        }

        var stored = await world.BidsAsync();
        Assert.Equal([bidders[0], bidders[1], bidders[2]], stored.OrderBy(b => b.Sequence).Select(b => b.BidderId));
        Assert.Equal([1L, 2L, 3L], stored.Select(b => b.Sequence).Order());
        var history = (await world.HistoryAsync()).Where(h => h.Action == "BidAccepted").Select(h => h.ActorName).ToList();
        Assert.Equal(actors.Select(a => a.UserName).Order(), history.Order());
        await using var scope = world.Platform.AsSystem();
        var outbox = await scope.ServiceProvider.GetRequiredService<TradingDb>().Outbox.AsNoTracking()
            .Where(o => o.EventType == "BidAccepted").Select(o => o.ActorName).ToListAsync();
        Assert.Equal(actors.Select(a => a.UserName).Order(), outbox.Order());
    }

    [Fact]
    public async Task A_caller_who_gives_up_while_waiting_leaves_the_queue_and_the_batch_goes_on_without_it()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(3);
        await using var _ = world.Platform;
        var sequencer = world.Platform.Services.GetRequiredService<BidSequencer>();
        var actors = await ActorsAsync(world, bidders);

        using var giveUp = new CancellationTokenSource();
        Task<Result<BidReceipt>> Bid(int i, Money amount, CancellationToken ct = default) =>
            world.Platform.RunAsync(actors[i], sp => sp.GetRequiredService<PlaceBidHandler>().HandleAsync(new PlaceBid(world.Deal, bidders[i], amount, "r" + i), ct));

        Task<Result<BidReceipt>> first, abandoned, third;
        await using (sequencer.Hold(world.Deal))
        {
            first = Bid(0, TradingWorld.Listing);
            abandoned = Bid(1, TradingWorld.Listing + TradingWorld.Step, giveUp.Token);
            third = Bid(2, TradingWorld.Listing + TradingWorld.Step);
            await QueuedAsync(sequencer, world.Deal, 3);
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        }

        Assert.True(Make.Ok(await first).Accepted);
        var receipt = Make.Ok(await third);
        Assert.True(receipt.Accepted, receipt.Refusal?.ToString());
        Assert.Equal(2, receipt.Sequence);
        var stored = await world.BidsAsync();
        Assert.Equal([bidders[0], bidders[2]], stored.OrderBy(b => b.Sequence).Select(b => b.BidderId));

        // The abandoned bid was never recorded: sending it again is a new bid, refused only on its merits.
        var again = Make.Ok(await Bid(1, TradingWorld.Listing + TradingWorld.Step));
        Assert.False(again.Replayed);
        Assert.Equal("trading.bid.below_increment", again.Refusal?.Code);
        Assert.Equal(0, sequencer.Queued(world.Deal));
    }

    [Fact]
    public async Task A_lane_keeps_its_deal_between_batches_only_while_no_other_step_changed_it()
    {
        var lane = await KeptLane.StartAsync();
        await using var _ = lane.World.Platform;
        var (world, bidders, sequencer, Bid) = (lane.World, lane.Bidders, lane.Sequencer, (Func<int, Money, string, Task<Result<BidReceipt>>>)lane.BidAsync);

        await using (sequencer.Keep(world.Deal))
        {
            // Two batches on the kept deal: the second judges against the first's highest bid without reading the deal.
            Assert.True(Make.Ok(await Bid(0, TradingWorld.Listing, "k1")).Accepted);
            Assert.Equal("trading.bid.already_highest", Make.Ok(await Bid(0, TradingWorld.Listing + TradingWorld.Step, "k2")).Refusal?.Code);
            Assert.True(Make.Ok(await Bid(1, TradingWorld.Listing + TradingWorld.Step, "k3")).Accepted);

            // Another step changes the deal meanwhile (the authority suspends it): the lane must not judge against its copy.
            await world.OkAsync(TradingWorld.Water, sp => sp.GetRequiredService<SuspendDealHandler>().HandleAsync(new SuspendDeal(world.Deal, "接群众举报，权属存疑，中止交易核查")));
            var late = Make.Ok(await Bid(0, TradingWorld.Listing + new Money(TradingWorld.Step.Fen * 2), "k4"));
            Assert.Equal("trading.deal.wrong_state", late.Refusal?.Code); // judged against the stored (suspended) deal, not the kept copy
            Assert.Equal(1, sequencer.Lanes);
        }

        var stored = await world.BidsAsync();
        Assert.Equal(new long[] { 1, 2, 3, 4 }, stored.Select(b => b.Sequence).Order());
        Assert.Equal(new[] { true, false, true, false }, stored.OrderBy(b => b.Sequence).Select(b => b.RefusalCode is null));
    }

    [Fact]
    public async Task A_lane_keeps_the_bidders_it_read_only_while_their_deals_version_stands()
    {
        var lane = await KeptLane.StartAsync();
        await using var _ = lane.World.Platform;
        var (world, bidders, sequencer, Bid) = (lane.World, lane.Bidders, lane.Sequencer, (Func<int, Money, string, Task<Result<BidReceipt>>>)lane.BidAsync);
        Task ChangeBidder0Async(bool withDeal) => world.Platform.RunAsync(Actor.System, async sp =>
        {
            var db = sp.GetRequiredService<TradingDb>();
            if (withDeal)
            {
                await db.Deals.IgnoreQueryFilters().SingleAsync(d => d.Id == world.Deal);
            }

            (await db.Bidders.SingleAsync(b => b.Id == bidders[0])).MarkRefunded();
            await db.SaveChangesAsync();
            return true;
        });

        await using (sequencer.Keep(world.Deal))
        {
            Assert.True(Make.Ok(await Bid(0, TradingWorld.Listing, "b1")).Accepted);
            Assert.True(Make.Ok(await Bid(1, TradingWorld.Listing + TradingWorld.Step, "b2")).Accepted); // both bidders now kept

            // A bidder may only change in a save that has its deal: the deal's version is what tells a lane its bidders moved.
            await Assert.ThrowsAsync<InvalidOperationException>(() => ChangeBidder0Async(withDeal: false));
            Assert.True(Make.Ok(await Bid(0, TradingWorld.Listing + new Money(TradingWorld.Step.Fen * 2), "b3")).Accepted); // nothing was saved

            // Bidder 0's deposit goes back; the deal's row itself is untouched. Its next bid is judged on the stored bidder.
            await ChangeBidder0Async(withDeal: true);
            var late = Make.Ok(await Bid(0, TradingWorld.Listing + new Money(TradingWorld.Step.Fen * 4), "b4"));
            Assert.Equal("trading.deposit.not_paid", late.Refusal?.Code);
            Assert.Equal(1, sequencer.Lanes);
        }
    }

    /// <summary>A deal in auction with two bidders, its clock a minute on, and a bid as each bidder's operator.</summary>
    private sealed record KeptLane(TradingWorld World, List<Guid> Bidders, BidSequencer Sequencer, List<Actor> Actors)
    {
        public static async Task<KeptLane> StartAsync()
        {
            var (world, bidders) = await TradingWorld.TradingAsync(2);
            world.Platform.Clock.Advance(TimeSpan.FromMinutes(1));
            return new(world, bidders, world.Platform.Services.GetRequiredService<BidSequencer>(), await ActorsAsync(world, bidders));
        }

        public Task<Result<BidReceipt>> BidAsync(int i, Money amount, string id) =>
            World.Platform.RunAsync(Actors[i], sp => sp.GetRequiredService<PlaceBidHandler>().HandleAsync(new PlaceBid(World.Deal, Bidders[i], amount, id)));
    }

    /// <summary>The operator accounts bound to each bidder's holder, with names of their own (history tells them apart).</summary>
    private static async Task<List<Actor>> ActorsAsync(TradingWorld world, List<Guid> bidders)
    {
        var actors = new List<Actor>();
        foreach (var (b, i) in bidders.Select((b, i) => (b, i)))
        {
            actors.Add(await world.ActorOfAsync(b) with { UserId = $"user-op{i}", UserName = $"op{i}" });
        }

        return actors;
    }

    private static void Linger(TradingWorld world, TimeSpan linger) =>
        world.Platform.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TradingOptions>>().Value.BidLaneLinger = linger;

    private static async Task QueuedAsync(BidSequencer sequencer, Guid deal, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (sequencer.Queued(deal) < count)
        {
            Assert.True(DateTime.UtcNow < until, $"only {sequencer.Queued(deal)} of {count} bids queued");
            await Task.Delay(10);
        }
    }
}
