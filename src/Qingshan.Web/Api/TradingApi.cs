using Microsoft.AspNetCore.Mvc;
using Qingshan.Kernel;
using Qingshan.Trading;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Certificates;
using Qingshan.Web.Errors;
using Qingshan.Web.Security;

namespace Qingshan.Web.Api;

/// <summary>
/// Trading over HTTP for bidders' clients and the benchmark: the auction state with the caller's standing, bids with a
/// client request id (a replay returns the first receipt), and the certificate PDF. Deals outside the caller's region
/// are 404, as everywhere.
/// </summary>
public static class TradingApi
{
    /// <summary>Refusals that depend on what others did meanwhile (outbid, closed, state moved on): 409, the rest 422.</summary>
    private static readonly HashSet<string> Conflicts = new(StringComparer.Ordinal)
    {
        "trading.deal.wrong_state", "trading.bid.auction_not_started", "trading.bid.auction_closed", "trading.bid.below_increment", "trading.bid.already_highest",
    };

    public sealed record BidBody(Guid BidderId, long AmountFen, string? ClientRequestId);

    /// <summary>A bid's receipt as JSON (the same fields a refusal carries under <c>receipt</c>).</summary>
    public sealed record ReceiptJson(Guid BidId, long Sequence, long AmountFen, string Amount, DateTimeOffset ReceivedAt, bool Accepted, DateTimeOffset? AuctionEndsAt, bool Replayed);

    public static void MapTradingApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/trading");
        group.MapGet("/deals/{id:guid}/auction", async (Guid id, Guid? bidderId, AuctionQueries auctions, CancellationToken ct) =>
        {
            var state = await auctions.StateAsync(id, bidderId, ct);
            return state.IsFailure ? Problem(state.Error!) : Results.Ok(ToJson(state.Value));
        }).RequireAuthorization(Policies.TradingRead);

        group.MapPost("/deals/{id:guid}/bids", async (Guid id, BidBody body, PlaceBidHandler bids, CancellationToken ct) =>
        {
            Result<BidReceipt> result;
            try
            {
                result = await bids.HandleAsync(new PlaceBid(id, body.BidderId, new Money(body.AmountFen), body.ClientRequestId ?? ""), ct);
            }
            catch (Exception ex) when (IsStoreOverload(ex))
            {
                // The bid's transaction rolled back, so nothing is on record: a refusal with a code (503),
                // never a bare 500. Resending with the same client request id is safe.
                return Problem(TradingErrors.StoreBusy());
            }

            if (result.IsFailure)
            {
                return Problem(result.Error!);
            }

            var receipt = result.Value;
            return receipt.Accepted ? TypedResults.Json(ToJson(receipt), TradingJson.Default.ReceiptJson) : Problem(receipt.Refusal!, receipt);
        }).RequireAuthorization(Policies.TradingBid);

        group.MapGet("/certificates/{number}.pdf", async (string number, HttpRequest request, RenderCertificatePdfHandler render, CancellationToken ct) =>
        {
            var pdf = await render.HandleAsync(new RenderCertificatePdf(number, $"{request.Scheme}://{request.Host}"), ct);
            return pdf.IsFailure ? Problem(pdf.Error!) : Results.File(pdf.Value, "application/pdf", number + ".pdf");
        }).RequireAuthorization(Policies.TradingRead);
    }

    private static ReceiptJson ToJson(BidReceipt r) => new(r.BidId, r.Sequence, r.Amount.Fen, r.Amount.ToString(), r.ReceivedAt, r.Accepted, r.AuctionEndsAt, r.Replayed);

    private static object ToJson(AuctionState s) => new
    {
        s.DealId, s.Code, s.ProductName, Status = s.Status.ToString(), s.Round,
        ListingPriceFen = s.ListingPrice.Fen, IncrementFen = s.Increment.Fen, CurrentPriceFen = s.HighestAmount?.Fen, MinimumBidFen = s.MinimumBid.Fen,
        CurrentPrice = s.HighestAmount?.ToString(), MinimumBid = s.MinimumBid.ToString(),
        s.FreePeriodEndsAt, s.EndsAt, s.ServerTime, s.BidCount,
        Standing = s.Bidder is null ? null : new { s.Bidder.BidderId, Standing = s.Bidder.Standing.ToString(), BestBidFen = s.Bidder.BestBid?.Fen },
    };

    /// <summary>
    /// The store ran out of time, not the bid out of luck: a connection-pool wait or lock wait timed out, or SQLite stayed
    /// busy. Anything else is a bug and stays a 500.
    /// </summary>
    internal static bool IsStoreOverload(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutException:
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                case Npgsql.NpgsqlException { IsTransient: true }:
                case Npgsql.PostgresException { SqlState: "55P03" or "57014" }: // lock_not_available, query_canceled (statement timeout)
                    return true;
            }
        }

        return false;
    }

    /// <summary>A refusal as ProblemDetails (code + zh-CN title); a refused bid also carries its receipt, since it is on record.</summary>
    private static IResult Problem(Error error, BidReceipt? receipt = null)
    {
        var status = error.Code switch
        {
            var c when c.EndsWith(".not_found", StringComparison.Ordinal) => StatusCodes.Status404NotFound,
            "trading.deal.forbidden" => StatusCodes.Status403Forbidden,
            "trading.bid.store_busy" => StatusCodes.Status503ServiceUnavailable,
            "trading.bidder.not_acting_for_holder" => StatusCodes.Status403Forbidden,
            var c when Conflicts.Contains(c) => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var problem = new ProblemDetails { Status = status, Title = ErrorMessages.For(error), Type = "https://qingshan.invalid/errors/" + error.Code };
        problem.Extensions["code"] = error.Code;
        if (receipt is not null)
        {
            problem.Extensions["receipt"] = ToJson(receipt);
        }

        return TypedResults.Problem(problem);
    }
}

/// <summary>
/// Source-generated JSON for the bid endpoint's body and receipt (the hottest API: no reflection-based serializer
/// metadata per call). Web defaults: camelCase names, as the rest of the API.
/// </summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(TradingApi.BidBody))]
[System.Text.Json.Serialization.JsonSerializable(typeof(TradingApi.ReceiptJson))]
internal sealed partial class TradingJson : System.Text.Json.Serialization.JsonSerializerContext;
