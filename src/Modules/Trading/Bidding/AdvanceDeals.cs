using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshan.Kernel;
using Qingshan.Trading.Calendar;
using Qingshan.Trading.Deals;
using Qingshan.Trading.Deposits;

namespace Qingshan.Trading.Bidding;

/// <summary>
/// Takes a deal's next timed step if it is due: publicity over → auction, negotiation or 流拍; auction over → priority
/// window or award; priority window lapsed → award to the highest bidder.
/// </summary>
public sealed record AdvanceDeal(Guid DealId);

public sealed class AdvanceDealHandler(DealUnit unit, WorkingDayCalendarStore calendar, IBankGateway bank)
{
    public async Task<Result<DealStatus>> HandleAsync(AdvanceDeal request, CancellationToken ct = default)
    {
        var days = await calendar.LoadAsync(ct);
        return await unit.RunAsync<DealStatus>(request.DealId, async (deal, now) =>
        {
            var allowed = TradingPermissions.Require(unit.Db.Actor, "advance", Roles.TradingCentre);
            if (allowed.IsFailure)
            {
                return allowed.Error!;
            }

            Result moved;
            switch (deal.Status)
            {
                case DealStatus.Listed:
                    var bidders = await unit.Db.Bidders.Where(b => b.DealId == deal.Id).ToListAsync(ct);
                    moved = deal.StartTrading(bidders, now);
                    if (moved.IsSuccess && deal.Status == DealStatus.Unsold)
                    {
                        await Settlement.RefundAllAsync(unit, bank, deal, now, "流拍保证金原路退还", ct);
                    }

                    break;
                case DealStatus.Auction:
                    var holder = await unit.Db.Bidders.FirstOrDefaultAsync(b => b.DealId == deal.Id && b.IsPriorityHolder, ct);
                    moved = deal.CloseAuction(holder, now);
                    if (moved.IsSuccess && deal.Status == DealStatus.Unsold)
                    {
                        await Settlement.RefundAllAsync(unit, bank, deal, now, "流拍保证金原路退还", ct);
                    }

                    break;
                case DealStatus.PriorityWindow:
                    moved = deal.ClosePriorityWindow(now);
                    break;
                default:
                    return TradingErrors.WrongState(deal.Status.ToString());
            }

            if (moved.IsFailure)
            {
                return moved.Error!;
            }

            if (deal.Status == DealStatus.ResultPublicity)
            {
                var settled = await Settlement.AfterAwardAsync(unit, bank, days, deal, now, ct);
                if (settled.IsFailure)
                {
                    return settled.Error!;
                }
            }

            return deal.Status;
        }, ct);
    }
}

/// <summary>Advances every deal whose timed step is due (the closer's poll).</summary>
public sealed class AdvanceDueDealsHandler(DealUnit unit, AdvanceDealHandler advance, TimeProvider clock, ILogger<AdvanceDueDealsHandler> log)
{
    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var due = await unit.Db.Deals.AsNoTracking()
            .Where(d => d.DueAt != null && d.DueAt <= now && (d.Status == DealStatus.Listed || d.Status == DealStatus.Auction || d.Status == DealStatus.PriorityWindow))
            .OrderBy(d => d.DueAt).Select(d => d.Id).Take(100).ToListAsync(ct);
        var done = 0;
        foreach (var id in due)
        {
            // A bid may have extended the auction since the query: the handler re-checks under the lock.
            var result = await advance.HandleAsync(new AdvanceDeal(id), ct);
            if (result.IsSuccess)
            {
                done++;
            }
            else if (result.Error!.Code is not ("trading.auction.not_over" or "trading.priority.window_open"))
            {
                // E.g. the working-day calendar lacks next year's notice: the deal waits for an administrator.
                log.LogWarning("Deal {Deal} could not advance: {Error}", id, result.Error);
            }
        }

        return done;
    }
}

public sealed class TradingOptions
{
    public const string Section = "Trading";

    /// <summary>How often the closer polls for due deadlines.</summary>
    public TimeSpan CloserInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a bid may wait for its batch to be taken up before it is refused as <c>trading.bid.store_busy</c>
    /// (not recorded; resend with the same client request id). Wall clock: an operational guard, not a business deadline.
    /// </summary>
    public TimeSpan BidQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a deal's bid lane (its drain loop's scope and connection, the deal and bidders it keeps) stays after its
    /// last bid was answered. Bids arrive in bursts with gaps between them; a lane that went the moment it had no caller
    /// was made again for nearly every batch (at 200 bids/s, for every bid). Wall clock, like the queue timeout.
    /// </summary>
    public TimeSpan BidLaneLinger { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>SM2 private key (64 hex digits) that signs trading certificates; generated per process when empty (development only).</summary>
    public string? CertificateSigningKeyHex { get; set; }

    /// <summary>Base address of the public portal that QR codes on certificates point to.</summary>
    public string PortalBaseUrl { get; set; } = "";
}

/// <summary>
/// Closes auctions and ends publicity and priority windows at their deadlines. Deadlines live in the database, so a
/// restart loses nothing: the first poll after start catches up. The poll runs on wall-clock time; whether a deadline
/// has passed is judged by the injected <see cref="TimeProvider"/> inside the handler (so a test's fake clock jumping a
/// week means one catch-up poll, not 600,000).
/// </summary>
public sealed class DealCloser(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<TradingOptions> options, ILogger<DealCloser> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CloserInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
                await scope.ServiceProvider.GetRequiredService<AdvanceDueDealsHandler>().HandleAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Advancing due deals failed; retrying at the next poll");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
