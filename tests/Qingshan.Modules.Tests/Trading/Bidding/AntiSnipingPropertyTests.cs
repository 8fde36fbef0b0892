using Qingshan.Kernel;
using Qingshan.Tests.Trading.Deals;
using Qingshan.Trading.Deals;

namespace Qingshan.Tests.Trading.Bidding;

/// <summary>T2: random bid schedules against a reference model of the limited-period rule.</summary>
public sealed class AntiSnipingPropertyTests
{
    [Fact]
    public void Over_random_schedules_no_bid_is_accepted_at_or_after_the_end_and_late_bids_restart_the_countdown()
    {
        var random = new Random(20261126);
        for (var run = 0; run < 10_000; run++)
        {
            var (deal, a, b, start) = DealTests.Auction();
            var freeEnd = start.AddMinutes(30);
            var end = freeEnd.AddMinutes(5);
            var highest = Money.Zero;
            Bidder? leader = null;
            var t = start;
            for (var i = 0; i < 12; i++)
            {
                // Mostly small steps near the end, sometimes exactly on it, sometimes past it.
                t = random.Next(4) switch
                {
                    0 => end.AddMilliseconds(-1),
                    1 => end,
                    2 => end.AddMilliseconds(1),
                    _ => t.AddMilliseconds(random.Next(0, 12 * 60_000)),
                };
                var bidder = leader == a ? b : a;
                var amount = (leader is null ? Money.FromYuan(100_000) : highest + Money.FromYuan(1_000)) + new Money(random.Next(0, 3) * 50_000);
                var result = deal.PlaceBid(bidder, amount, t);
                var shouldAccept = t < end;
                Assert.Equal(shouldAccept, result.IsSuccess);
                if (!shouldAccept)
                {
                    Assert.Equal("trading.bid.auction_closed", result.Error?.Code);
                    continue;
                }

                if (t >= freeEnd && end - t < TimeSpan.FromMinutes(5))
                {
                    end = t.AddMinutes(5);
                }

                leader = bidder;
                highest = amount;
                Assert.Equal(end, deal.AuctionEndsAt);
                Assert.Equal(highest, deal.HighestAmount);
            }
        }
    }
}
