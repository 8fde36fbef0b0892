using Microsoft.EntityFrameworkCore;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Trading.Deals;

namespace Qingshan.Trading.Bidding;

/// <summary>
/// 网络竞价出价. <paramref name="ClientRequestId"/> makes the submission idempotent: sending it again returns the first
/// receipt. The amount is judged at server time, under the deal's lock.
/// </summary>
public sealed record PlaceBid(Guid DealId, Guid BidderId, Money Amount, string ClientRequestId);

/// <summary>The answer to a bid: accepted (now the highest) or refused with a reason; either way it is on record.</summary>
public sealed record BidReceipt(Guid BidId, long Sequence, Money Amount, DateTimeOffset ReceivedAt, Error? Refusal, DateTimeOffset? AuctionEndsAt, bool Replayed)
{
    public bool Accepted => Refusal is null;
}

public sealed class PlaceBidHandler(DealUnit unit, TimeProvider clock)
{
    public async Task<Result<BidReceipt>> HandleAsync(PlaceBid request, CancellationToken ct = default)
    {
        var db = unit.Db;
        var allowed = TradingPermissions.Require(db.Actor, "bid", Roles.Operator);
        if (allowed.IsFailure)
        {
            return allowed.Error!;
        }

        if (string.IsNullOrWhiteSpace(request.ClientRequestId) || request.ClientRequestId.Length > 64)
        {
            return TradingErrors.ClientRequestIdRequired();
        }

        await using var tx = await DealUnit.BeginAsync(db, ct);
        await DbLocks.AcquireAsync(db, DealUnit.LockKey(request.DealId), ct);
        var deal = await db.Deals.FirstOrDefaultAsync(d => d.Id == request.DealId, ct);
        if (deal is null)
        {
            return TradingErrors.DealNotFound(request.DealId.ToString());
        }

        var bidder = await db.Bidders.FirstOrDefaultAsync(b => b.Id == request.BidderId && b.DealId == deal.Id, ct);
        if (bidder is null)
        {
            return TradingErrors.BidderNotFound(request.BidderId.ToString());
        }

        // A bid is the holder's own act: only an account bound to that holder may place it (not recorded as a bid).
        if (TradingPermissions.MustActForHolder(db.Actor) && !db.Actor.ActsFor(bidder.HolderId))
        {
            return TradingErrors.NotActingForHolder();
        }

        var earlier = await db.Bids.AsNoTracking().FirstOrDefaultAsync(b => b.DealId == deal.Id && b.BidderId == request.BidderId && b.ClientRequestId == request.ClientRequestId, ct);
        if (earlier is not null)
        {
            return new BidReceipt(earlier.Id, earlier.Sequence, earlier.Amount, earlier.At, earlier.Refusal, deal.AuctionEndsAt, Replayed: true);
        }

        var now = clock.GetUtcNow();
        var judged = deal.PlaceBid(bidder, request.Amount, now);
        var bid = new Bid(deal.Id, bidder.Id, request.ClientRequestId, request.Amount, now, deal.Round, judged.Error, deal.NextBidSequence());
        db.Bids.Add(bid);
        unit.Note(deal, now, judged.IsSuccess ? TradingEvents.BidAccepted : TradingEvents.BidRefused, judged.Error?.Code,
            new { deal.Code, Bid = bid.Id, Bidder = bidder.Id, AmountFen = request.Amount.Fen, bid.Sequence, Refusal = judged.Error?.Code, deal.AuctionEndsAt });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new BidReceipt(bid.Id, bid.Sequence, bid.Amount, now, judged.Error, deal.AuctionEndsAt, Replayed: false);
    }
}
