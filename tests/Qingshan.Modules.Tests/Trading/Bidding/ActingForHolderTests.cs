using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Access.Users;
using Qingshan.Kernel;
using Qingshan.Tests.Registry;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Deals;

namespace Qingshan.Tests.Trading.Bidding;

/// <summary>An operator account acts for one registry holder: it registers, bids and exercises rights only for that holder.</summary>
public sealed class ActingForHolderTests
{
    [Fact]
    public async Task An_operator_account_may_not_register_another_holder_as_bidder()
    {
        var world = await TradingWorld.PreparedAsync();
        await using var _ = world.Platform;
        await world.OkAsync(TradingWorld.Centre, sp => sp.GetRequiredService<PublishListingHandler>().HandleAsync(new PublishListing(world.Deal, TradingWorld.Terms())));
        var mine = await TradingWorld.EnterpriseAsync(world.Platform, 1, "经营主体1");
        var other = await TradingWorld.EnterpriseAsync(world.Platform, 2, "经营主体2");
        var register = (Actor actor, Guid holder) => world.Platform.RunAsync(actor, sp => sp.GetRequiredService<RegisterBidderHandler>().HandleAsync(new RegisterBidder(world.Deal, holder)));

        Assert.Equal("trading.bidder.not_acting_for_holder", (await register(TradingWorld.OperatorFor(mine), other)).Error?.Code);
        Assert.Equal("trading.bidder.not_acting_for_holder", (await register(TradingWorld.Bidding, other)).Error?.Code);
        Assert.Empty(await world.BiddersAsync());
        Assert.True((await register(TradingWorld.OperatorFor(mine), mine)).IsSuccess);
        Assert.True((await register(TradingWorld.Centre, other)).IsSuccess, "the trading centre registers a paper application");
        Assert.Equal(2, (await world.BiddersAsync()).Count);
    }

    [Fact]
    public async Task A_bid_placed_by_an_account_not_acting_for_the_bidder_is_refused_and_not_recorded()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(2);
        await using var _ = world.Platform;
        var other = await world.ActorOfAsync(bidders[1]);
        var place = (Actor actor) => world.Platform.RunAsync(actor, sp => sp.GetRequiredService<PlaceBidHandler>().HandleAsync(new PlaceBid(world.Deal, bidders[0], TradingWorld.Listing, "req-1")));

        Assert.Equal("trading.bidder.not_acting_for_holder", (await place(other)).Error?.Code);
        Assert.Equal("trading.bidder.not_acting_for_holder", (await place(TradingWorld.Bidding)).Error?.Code);
        Assert.Equal("trading.deal.forbidden", (await place(TradingWorld.Centre)).Error?.Code);
        Assert.Empty(await world.BidsAsync());

        Assert.True((await place(await world.ActorOfAsync(bidders[0]))).Value.Accepted);
        // The same client request id replayed by another account does not reveal the receipt.
        Assert.Equal("trading.bidder.not_acting_for_holder", (await place(other)).Error?.Code);
        Assert.Single(await world.BidsAsync());
    }

    [Fact]
    public async Task Only_the_investors_own_account_may_exercise_its_priority_right()
    {
        var (world, bidders) = await TradingWorld.TradingAsync(2, withInvestor: true);
        await using var _ = world.Platform;
        Assert.True((await world.BidAsync(bidders[1], TradingWorld.Listing)).Value.Accepted);
        world.Platform.Clock.SetUtcNow((await world.CardAsync()).AuctionEndsAt!.Value);
        Assert.Equal(DealStatus.PriorityWindow, (await world.AdvanceAsync()).Value);

        var exercise = (Actor actor) => world.RunAsync(actor, sp => sp.GetRequiredService<ExercisePriorityRightHandler>().HandleAsync(new ExercisePriorityRight(world.Deal, bidders[0])));
        Assert.Equal("trading.bidder.not_acting_for_holder", (await exercise(await world.ActorOfAsync(bidders[1]))).Error?.Code);
        Assert.Equal("trading.deal.forbidden", (await exercise(TradingWorld.Centre)).Error?.Code);
        Assert.Equal(DealStatus.PriorityWindow, (await world.CardAsync()).Status);
        Assert.True((await exercise(await world.ActorOfAsync(bidders[0]))).IsSuccess);
        Assert.Equal(bidders[0], (await world.CardAsync()).WinnerId);
    }

    [Fact]
    public async Task The_administrator_binds_an_operator_account_to_its_holder_and_the_binding_is_audited()
    {
        var platform = await Support.TestPlatform.CreateAsync();
        await using var _ = platform;
        var holder = await TradingWorld.EnterpriseAsync(platform, 1, "经营主体1");
        string operatorId, waterId;
        await using (var scope = platform.AsSystem())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<QingshanUser>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in new[] { Roles.Operator, Roles.WaterBureau })
            {
                await roles.CreateAsync(new IdentityRole(role));
            }

            var op = new QingshanUser { UserName = "op1", DisplayName = "经营主体1", RegionCode = Make.County };
            var water = new QingshanUser { UserName = "water1", DisplayName = "水利局", RegionCode = Make.County };
            Assert.True((await users.CreateAsync(op, "Qs#Passw0rd-1")).Succeeded);
            Assert.True((await users.CreateAsync(water, "Qs#Passw0rd-1")).Succeeded);
            await users.AddToRoleAsync(op, Roles.Operator);
            await users.AddToRoleAsync(water, Roles.WaterBureau);
            (operatorId, waterId) = (op.Id, water.Id);
        }

        var bind = (Actor actor, string user, Guid? h) => platform.RunAsync(actor, sp => sp.GetRequiredService<ActForHolderHandler>().HandleAsync(new ActForHolder(user, h)));
        var admin = new Actor("user-admin", "admin", RegionScope.All, new HashSet<string>([Roles.PlatformAdmin]));
        Assert.Equal("access.holder.forbidden", (await bind(TradingWorld.Water, operatorId, holder)).Error?.Code);
        Assert.Equal("access.holder.not_operator", (await bind(admin, waterId, holder)).Error?.Code);
        Assert.Equal("access.user.not_found", (await bind(admin, "nobody", holder)).Error?.Code);
        Assert.True((await bind(admin, operatorId, holder)).IsSuccess);
        Assert.True((await bind(admin, operatorId, holder)).IsSuccess, "binding again replaces, never duplicates");
        Assert.Equal(holder, await platform.RunAsync(admin, sp => sp.GetRequiredService<ActForHolderHandler>().HolderOfAsync(operatorId)));
        await using (var scope = platform.AsSystem())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<QingshanUser>>();
            var claims = await users.GetClaimsAsync((await users.FindByIdAsync(operatorId))!);
            Assert.Single(claims, c => c.Type == ActForHolderHandler.HolderClaim);
        }

        Assert.True((await bind(admin, operatorId, null)).IsSuccess);
        Assert.Null(await platform.RunAsync(admin, sp => sp.GetRequiredService<ActForHolderHandler>().HolderOfAsync(operatorId)));
    }
}
