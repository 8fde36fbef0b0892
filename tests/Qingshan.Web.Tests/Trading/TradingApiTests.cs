using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Access.Users;
using Qingshan.Kernel;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Trading;

/// <summary>The bidding API through the real host: receipts, refusals with codes, idempotent replays, and who may call it.</summary>
public sealed class TradingApiTests(TradingApp shared) : IClassFixture<TradingApp>
{
    private QingshanFactory App => shared.App;

    private static Task<HttpResponseMessage> PostBidAsync(HttpClient client, Guid deal, Guid bidder, Money amount, string? requestId = null) =>
        client.PostAsJsonAsync($"/api/trading/deals/{deal}/bids", new { bidderId = bidder, amountFen = amount.Fen, clientRequestId = requestId ?? Guid.NewGuid().ToString("N") });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task An_accepted_bid_gets_a_receipt_and_the_auction_state_shows_the_bidder_highest()
    {
        var (deal, bidders) = await TradingSetup.AuctionAsync(App, "API-2026-001");
        var client = await App.SignedInAsync("operator1");

        var response = await PostBidAsync(client, deal, bidders[0], TradingSetup.Listing);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await JsonAsync(response);
        Assert.True(receipt.GetProperty("accepted").GetBoolean());
        Assert.Equal(1, receipt.GetProperty("sequence").GetInt64());
        Assert.Equal(TradingSetup.Listing.Fen, receipt.GetProperty("amountFen").GetInt64());
        Assert.False(receipt.GetProperty("replayed").GetBoolean());

        var state = await JsonAsync(await client.GetAsync($"/api/trading/deals/{deal}/auction?bidderId={bidders[0]}"));
        Assert.Equal("Auction", state.GetProperty("status").GetString());
        Assert.Equal(TradingSetup.Listing.Fen, state.GetProperty("currentPriceFen").GetInt64());
        Assert.Equal((TradingSetup.Listing + TradingSetup.Step).Fen, state.GetProperty("minimumBidFen").GetInt64());
        Assert.Equal(TradingSetup.Step.Fen, state.GetProperty("incrementFen").GetInt64());
        Assert.Equal("Highest", state.GetProperty("standing").GetProperty("standing").GetString());
        var other = await JsonAsync(await client.GetAsync($"/api/trading/deals/{deal}/auction?bidderId={bidders[1]}"));
        Assert.Equal("NoBid", other.GetProperty("standing").GetProperty("standing").GetString());
    }

    [Fact]
    public async Task Refused_bids_answer_409_or_422_with_the_code_a_zh_CN_message_and_their_receipt()
    {
        var (deal, bidders) = await TradingSetup.AuctionAsync(App, "API-2026-002");
        var client = await App.SignedInAsync("operator1");

        var below = await PostBidAsync(client, deal, bidders[0], TradingSetup.Listing - new Money(1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, below.StatusCode);
        var problem = await JsonAsync(below);
        Assert.Equal("trading.bid.below_listing_price", problem.GetProperty("code").GetString());
        Assert.Contains("报价不得低于挂牌价 100,000.00 元", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, problem.GetProperty("receipt").GetProperty("sequence").GetInt64());

        Assert.Equal(HttpStatusCode.OK, (await PostBidAsync(client, deal, bidders[0], TradingSetup.Listing)).StatusCode);
        var second = await App.SignedInAsync("operator2");
        var outbid = await PostBidAsync(second, deal, bidders[1], TradingSetup.Listing);
        Assert.Equal(HttpStatusCode.Conflict, outbid.StatusCode);
        Assert.Equal("trading.bid.below_increment", (await JsonAsync(outbid)).GetProperty("code").GetString());

        var missingId = await PostBidAsync(second, deal, bidders[1], TradingSetup.Listing + TradingSetup.Step, requestId: "");

        // operator1 acts for bidders[0] only: a bid for the other enterprise is refused and not recorded.
        var notMine = await PostBidAsync(client, deal, bidders[1], TradingSetup.Listing + TradingSetup.Step);
        Assert.Equal("trading.bidder.not_acting_for_holder", (await JsonAsync(notMine)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingId.StatusCode);
        Assert.Equal("trading.bid.client_request_id_required", (await JsonAsync(missingId)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Sending_the_same_client_request_id_again_returns_the_first_receipt_and_records_one_bid()
    {
        var (deal, bidders) = await TradingSetup.AuctionAsync(App, "API-2026-003");
        var client = await App.SignedInAsync("operator1");
        var requestId = Guid.NewGuid().ToString("N");

        var first = await JsonAsync(await PostBidAsync(client, deal, bidders[0], TradingSetup.Listing, requestId));
        var again = await PostBidAsync(client, deal, bidders[0], TradingSetup.Listing, requestId);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var replay = await JsonAsync(again);
        Assert.Equal(first.GetProperty("bidId").GetGuid(), replay.GetProperty("bidId").GetGuid());
        Assert.Equal(first.GetProperty("sequence").GetInt64(), replay.GetProperty("sequence").GetInt64());
        Assert.True(replay.GetProperty("replayed").GetBoolean());
        var state = await JsonAsync(await client.GetAsync($"/api/trading/deals/{deal}/auction"));
        Assert.Equal(1, state.GetProperty("bidCount").GetInt64());
    }

    [Fact]
    public async Task Unauthenticated_callers_get_401_and_roles_that_may_not_bid_get_403()
    {
        var (deal, bidders) = await TradingSetup.AuctionAsync(App, "API-2026-004");

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostBidAsync(App.Client(), deal, bidders[0], TradingSetup.Listing)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().GetAsync($"/api/trading/deals/{deal}/auction")).StatusCode);
        var appraiser = await App.SignedInAsync("appraiser");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostBidAsync(appraiser, deal, bidders[0], TradingSetup.Listing)).StatusCode);
        var state = await TradingSetup.BidAsync(App, deal, bidders[0], TradingSetup.Listing);
        Assert.Equal(1, state.Value.Sequence); // nothing was recorded for the refused callers
    }

    [Fact]
    public async Task An_operator_of_another_county_cannot_see_or_bid_in_the_deal()
    {
        var (deal, bidders) = await TradingSetup.AuctionAsync(App, "API-2026-005");
        Assert.True((await App.CreateUserAsync("cyx_operator", QingshanFactory.DemoPassword, Roles.Operator, "211321")).IsSuccess);
        await App.RunAsync(Actor.System, async sp =>
        {
            // The administrator's initial password would force a change first; this test is about the region, not that.
            var users = sp.GetRequiredService<UserManager<QingshanUser>>();
            var user = (await users.FindByNameAsync("cyx_operator"))!;
            user.MustChangePassword = false;
            return await users.UpdateAsync(user);
        });
        var client = await App.SignedInAsync("cyx_operator");

        var bid = await PostBidAsync(client, deal, bidders[0], TradingSetup.Listing);
        var state = await client.GetAsync($"/api/trading/deals/{deal}/auction");

        Assert.Equal(HttpStatusCode.NotFound, bid.StatusCode);
        Assert.Equal("trading.deal.not_found", (await JsonAsync(bid)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, state.StatusCode);
        Assert.DoesNotContain("API-2026-005", await state.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>One app for the trading API tests; each test makes its own deal.</summary>
public sealed class TradingApp : IAsyncLifetime
{
    public QingshanFactory App { get; } = TradingSetup.Configure(new QingshanFactory());

    public ValueTask InitializeAsync() => App.InitializeAsync();

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>Which failures of the store become the <c>trading.bid.store_busy</c> refusal (503) instead of a 500.</summary>
public sealed class StoreOverloadTests
{
    [Fact]
    public void Busy_sqlite_and_timeouts_are_overload_other_failures_are_bugs()
    {
        Assert.True(Qingshan.Web.Api.TradingApi.IsStoreOverload(new Microsoft.Data.Sqlite.SqliteException("database is locked", 5)));
        Assert.True(Qingshan.Web.Api.TradingApi.IsStoreOverload(new InvalidOperationException("wrapped", new TimeoutException("pool"))));
        Assert.False(Qingshan.Web.Api.TradingApi.IsStoreOverload(new InvalidOperationException("a bug")));
        Assert.False(Qingshan.Web.Api.TradingApi.IsStoreOverload(new Microsoft.Data.Sqlite.SqliteException("constraint", 19)));
    }
}
