using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Registry.Holders;
using Qingshan.Trading.Calendar;
using Qingshan.Trading.Deposits;

namespace Qingshan.Trading.Deals;

/// <summary>挂牌公告: trading terms and a publicity period counted in working days.</summary>
public sealed record PublishListing(Guid DealId, ListingTerms Terms);

public sealed class PublishListingHandler(DealUnit unit, WorkingDayCalendarStore calendar)
{
    public async Task<Result> HandleAsync(PublishListing request, CancellationToken ct = default)
    {
        var days = await calendar.LoadAsync(ct);
        return await unit.RunAsync(request.DealId, (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "list", Roles.TradingCentre);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            if (request.Terms.PublicityWorkingDays <= 0)
            {
                return TradingErrors.ListingTermsInvalid();
            }

            var end = days.PublicityEnd(now, request.Terms.PublicityWorkingDays);
            return end.IsFailure ? end.Error! : deal.List(request.Terms, now, end.Value);
        }, ct);
    }
}

/// <summary>意向受让登记: a rights holder registers to bid; the cultivating investor named in the work plan is flagged for the priority right.</summary>
public sealed record RegisterBidder(Guid DealId, Guid HolderId);

public sealed class RegisterBidderHandler(DealUnit unit, HolderDirectory holders)
{
    public async Task<Result<Guid>> HandleAsync(RegisterBidder request, CancellationToken ct = default)
    {
        var holder = await holders.FindAsync(request.HolderId, ct);
        return await unit.RunAsync<Guid>(request.DealId, async (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "register_bidder", Roles.TradingCentre, Roles.Operator);
            if (allowed.IsFailure)
            {
                return allowed.Error!;
            }

            var open = deal.RequireRegistrationOpen(now);
            if (open.IsFailure)
            {
                return open.Error!;
            }

            if (holder is null)
            {
                return TradingErrors.HolderNotFound(request.HolderId.ToString());
            }

            if (holder.Id == deal.TransferorId)
            {
                return TradingErrors.TransferorMayNotBid();
            }

            if (await unit.Db.Bidders.AnyAsync(b => b.DealId == deal.Id && b.HolderId == holder.Id, ct))
            {
                return TradingErrors.BidderAlreadyRegistered();
            }

            // An operator account registers only the holder it acts for; the centre may register on a paper application.
            if (TradingPermissions.MustActForHolder(unit.Db.Actor, Roles.TradingCentre) && !unit.Db.Actor.ActsFor(holder.Id))
            {
                return TradingErrors.NotActingForHolder();
            }

            // 优先经营权: only the investor the work plan names, and only if the registry confirms it is a 培育投资主体.
            var priority = holder.IsCultivatingInvestor && deal.CultivatingInvestorId == holder.Id;
            var bidder = new Bidder(deal.Id, holder.Id, holder.Name, priority, now);
            unit.Db.Bidders.Add(bidder);
            unit.Note(deal, now, TradingEvents.BidderRegistered, holder.Name, new { deal.Code, Bidder = bidder.Id, Holder = holder.Id, holder.Name, Priority = priority });
            return bidder.Id;
        }, ct);
    }
}

/// <summary>资格审核 by the trading centre.</summary>
public sealed record ReviewBidder(Guid DealId, Guid BidderId, bool Qualified, string? Note);

public sealed class ReviewBidderHandler(DealUnit unit)
{
    public Task<Result> HandleAsync(ReviewBidder request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, async (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "review_bidder", Roles.TradingCentre);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            var open = deal.RequireRegistrationOpen(now);
            if (open.IsFailure)
            {
                return open;
            }

            var bidder = await unit.Db.Bidders.FirstOrDefaultAsync(b => b.Id == request.BidderId && b.DealId == deal.Id, ct);
            if (bidder is null)
            {
                return TradingErrors.BidderNotFound(request.BidderId.ToString());
            }

            var reviewed = bidder.Review(request.Qualified, request.Note);
            if (reviewed.IsSuccess)
            {
                unit.Note(deal, now, TradingEvents.BidderReviewed, request.Note, new { deal.Code, Bidder = bidder.Id, request.Qualified, request.Note });
            }

            return reviewed;
        }, ct);
}

/// <summary>保证金到账: the bank (or the centre on its statement) confirms the deposit and the account it came from.</summary>
public sealed record PayDeposit(Guid DealId, Guid BidderId, Money Amount, string FromAccount);

public sealed class PayDepositHandler(DealUnit unit, IBankGateway bank)
{
    public Task<Result> HandleAsync(PayDeposit request, CancellationToken ct = default) =>
        unit.RunAsync(request.DealId, async (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "pay_deposit", Roles.Bank, Roles.TradingCentre);
            if (allowed.IsFailure)
            {
                return allowed;
            }

            var open = deal.RequireRegistrationOpen(now);
            if (open.IsFailure)
            {
                return open;
            }

            var bidder = await unit.Db.Bidders.FirstOrDefaultAsync(b => b.Id == request.BidderId && b.DealId == deal.Id, ct);
            if (bidder is null)
            {
                return TradingErrors.BidderNotFound(request.BidderId.ToString());
            }

            var paid = bidder.PayDeposit(request.Amount, deal.DepositRequired, request.FromAccount, now);
            if (paid.IsSuccess)
            {
                var reference = bank.Submit(new BankInstruction(deal.Id, bidder.Id, BankInstructionKind.Collect, request.Amount, bidder.DepositAccount!, "保证金入账"));
                unit.Note(deal, now, TradingEvents.DepositPaid, reference, new { deal.Code, Bidder = bidder.Id, AmountFen = request.Amount.Fen, Reference = reference });
            }

            return paid;
        }, ct);
}
