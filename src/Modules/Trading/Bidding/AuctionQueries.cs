using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Trading.Data;
using Qingshan.Trading.Deals;

namespace Qingshan.Trading.Bidding;

/// <summary>Where one bidder stands in the running round.</summary>
public enum BidderStanding
{
    /// <summary>未报价</summary>
    NoBid = 0,

    /// <summary>当前最高报价人</summary>
    Highest = 1,

    /// <summary>已被超越</summary>
    Outbid = 2,

    /// <summary>不具备报价资格（未通过资格审核或未缴保证金）</summary>
    NotEligible = 3,
}

/// <summary>One bidder's view of the auction: the state plus its own standing and best accepted bid of this round.</summary>
public sealed record BidderView(Guid BidderId, BidderStanding Standing, Money? BestBid);

/// <summary>
/// The auction as a bidder's client needs it. <see cref="MinimumBid"/> is the lowest amount the next bid may have;
/// <see cref="ServerTime"/> is the authoritative clock the deadlines are judged against.
/// </summary>
public sealed record AuctionState(
    Guid DealId, string Code, string ProductName, DealStatus Status, int Round, Money ListingPrice, Money Increment, Money? HighestAmount, Money MinimumBid,
    DateTimeOffset? FreePeriodEndsAt, DateTimeOffset? EndsAt, DateTimeOffset ServerTime, long BidCount, BidderView? Bidder);

public sealed class AuctionQueries(TradingDb db, TimeProvider clock)
{
    /// <summary>The deal in the caller's region; with <paramref name="bidderId"/> that bidder's standing as well.</summary>
    public async Task<Result<AuctionState>> StateAsync(Guid dealId, Guid? bidderId, CancellationToken ct = default)
    {
        var d = await db.Deals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == dealId, ct);
        if (d is null)
        {
            return TradingErrors.DealNotFound(dealId.ToString());
        }

        var now = clock.GetUtcNow();
        var round = d.Round;
        var count = await db.Bids.AsNoTracking().CountAsync(b => b.DealId == dealId && b.Round == round && b.RefusalCode == null, ct);
        BidderView? view = null;
        if (bidderId is { } id)
        {
            var bidder = await db.Bidders.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id && b.DealId == dealId, ct);
            if (bidder is null)
            {
                return TradingErrors.BidderNotFound(id.ToString());
            }

            var best = await db.Bids.AsNoTracking().Where(b => b.DealId == dealId && b.BidderId == id && b.Round == round && b.RefusalCode == null)
                .OrderByDescending(b => b.Sequence).Select(b => (Money?)b.Amount).FirstOrDefaultAsync(ct);
            var standing = !bidder.MayBid ? BidderStanding.NotEligible
                : d.HighestBidderId == id ? BidderStanding.Highest
                : best is null ? BidderStanding.NoBid
                : BidderStanding.Outbid;
            view = new BidderView(id, standing, best);
        }

        var highest = d.HighestBidderId is null ? (Money?)null : d.HighestAmount;
        var minimum = highest is { } h ? h + d.Increment : d.ListingPrice;
        return new AuctionState(d.Id, d.Code, d.ProductName, d.Status, round, d.ListingPrice, d.Increment, highest, minimum, d.FreePeriodEndsAt, d.AuctionEndsAt, now, count, view);
    }
}
