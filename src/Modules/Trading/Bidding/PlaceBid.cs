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

/// <summary>
/// The public entry for a bid (pages and the API call it). Checks what needs no database here (role, client request
/// id), then hands the bid to the deal's <see cref="BidSequencer"/>, which judges it under the deal's lock together
/// with the other bids waiting for that deal and answers after the commit.
/// </summary>
public sealed class PlaceBidHandler(BidSequencer sequencer, ActorContext actor)
{
    public Task<Result<BidReceipt>> HandleAsync(PlaceBid request, CancellationToken ct = default)
    {
        var current = actor.Current;
        var allowed = TradingPermissions.Require(current, "bid", Roles.Operator);
        if (allowed.IsFailure)
        {
            return Task.FromResult(Result<BidReceipt>.Failure(allowed.Error!));
        }

        if (string.IsNullOrWhiteSpace(request.ClientRequestId) || request.ClientRequestId.Length > 64)
        {
            return Task.FromResult(Result<BidReceipt>.Failure(TradingErrors.ClientRequestIdRequired()));
        }

        return sequencer.SubmitAsync(request, current, ct);
    }
}
