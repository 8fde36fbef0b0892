using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Trading.Calendar;
using Qingshan.Trading.Deals;
using Qingshan.Trading.Deposits;

namespace Qingshan.Trading.Bidding;

/// <summary>优先经营权: the cultivating investor matches the best bid within the window and wins at that price.</summary>
public sealed record ExercisePriorityRight(Guid DealId, Guid BidderId);

public sealed class ExercisePriorityRightHandler(DealUnit unit, WorkingDayCalendarStore calendar, IBankGateway bank)
{
    public async Task<Result> HandleAsync(ExercisePriorityRight request, CancellationToken ct = default)
    {
        var days = await calendar.LoadAsync(ct);
        return await unit.RunAsync(request.DealId, async (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "priority_right", Roles.Operator);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            var bidder = await unit.Db.Bidders.FirstOrDefaultAsync(b => b.Id == request.BidderId && b.DealId == deal.Id, ct);
            if (bidder is null)
            {
                return TradingErrors.BidderNotFound(request.BidderId.ToString());
            }

            if (TradingPermissions.MustActForHolder(unit.Db.Actor) && !unit.Db.Actor.ActsFor(bidder.HolderId))
            {
                return TradingErrors.NotActingForHolder();
            }

            var won = deal.ExercisePriorityRight(bidder, now);
            return won.IsFailure ? won : await Settlement.AfterAwardAsync(unit, bank, days, deal, now, ct);
        }, ct);
    }
}

/// <summary>协议成交: the single qualified bidder and the transferor agree a price no lower than the listing price.</summary>
public sealed record ConcludeNegotiation(Guid DealId, Guid BidderId, Money Price);

public sealed class ConcludeNegotiationHandler(DealUnit unit, WorkingDayCalendarStore calendar, IBankGateway bank)
{
    public async Task<Result> HandleAsync(ConcludeNegotiation request, CancellationToken ct = default)
    {
        var days = await calendar.LoadAsync(ct);
        return await unit.RunAsync(request.DealId, async (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "negotiate", Roles.TradingCentre);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            var bidder = await unit.Db.Bidders.FirstOrDefaultAsync(b => b.Id == request.BidderId && b.DealId == deal.Id, ct);
            if (bidder is null)
            {
                return TradingErrors.BidderNotFound(request.BidderId.ToString());
            }

            var won = deal.ConcludeNegotiation(bidder, request.Price, now);
            return won.IsFailure ? won : await Settlement.AfterAwardAsync(unit, bank, days, deal, now, ct);
        }, ct);
    }
}
