using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Rights;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Registry;

public sealed class RightsTests
{
    private static async Task<(TestPlatform Platform, Guid Plot, Guid Holder)> PlotWithOwnerAsync()
    {
        var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var plot = await Make.PlotAsync(platform, w, "P-1", Make.Square(119.58, 41.42));
        var holder = await Make.CollectiveAsync(platform);
        await using var scope = platform.AsSystem();
        Make.Ok(await scope.ServiceProvider.GetRequiredService<ConfirmRightHandler>().HandleAsync(new ConfirmRight(plot, holder, RightKind.Ownership, new DateOnly(2018, 1, 1), null, "辽(2018)建平县不动产权第0000001号")));
        return (platform, plot, holder);
    }

    private static async Task<TradabilityResult> TradabilityAsync(TestPlatform platform, Guid plot) =>
        (await platform.RunAsync(Actor.System, sp => sp.GetRequiredService<CheckTradabilityHandler>().HandleAsync([plot])))[0];

    [Fact]
    public async Task A_plot_without_confirmed_ownership_is_not_tradable()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var plot = await Make.PlotAsync(platform, w, "P-1", Make.Square(119.58, 41.42));
        var result = await TradabilityAsync(platform, plot);
        Assert.False(result.IsTradable);
        Assert.Equal(["registry.tradability.rights_unconfirmed"], result.Reasons.Select(r => r.Code));
    }

    [Fact]
    public async Task A_disputed_plot_is_never_tradable_until_the_dispute_is_resolved_and_history_is_kept()
    {
        var (platform, plot, _) = await PlotWithOwnerAsync();
        await using var _p = platform;
        Assert.True((await TradabilityAsync(platform, plot)).IsTradable);

        await using var scope = platform.AsSystem();
        var sp = scope.ServiceProvider;
        var dispute = Make.Ok(await sp.GetRequiredService<RecordDisputeHandler>().HandleAsync(new RecordDispute(plot, "东侧边界有争议")));
        var blocked = await TradabilityAsync(platform, plot);
        Assert.Equal(RightsStatus.Disputed, blocked.Status);
        Assert.Equal(["registry.tradability.disputed"], blocked.Reasons.Select(r => r.Code));

        Assert.True((await sp.GetRequiredService<ResolveDisputeHandler>().HandleAsync(new ResolveDispute(dispute, "经乡镇调解，维持原界线"))).IsSuccess);
        Assert.Equal("registry.dispute.already_resolved", (await sp.GetRequiredService<ResolveDisputeHandler>().HandleAsync(new ResolveDispute(dispute, "again"))).Error?.Code);
        Assert.True((await TradabilityAsync(platform, plot)).IsTradable);
        var card = await platform.RunAsync(Actor.System, s => s.GetRequiredService<Qingshan.Registry.Plots.PlotQueries>().CardAsync(plot));
        Assert.Single(card!.Disputes);
        Assert.NotNull(card.Disputes[0].ResolvedAt);
    }

    [Fact]
    public async Task A_blocking_pledge_stops_trading_until_released()
    {
        var (platform, plot, _) = await PlotWithOwnerAsync();
        await using var _p = platform;
        await using var scope = platform.AsSystem();
        var sp = scope.ServiceProvider;
        var pledge = Make.Ok(await sp.GetRequiredService<RecordPledgeHandler>().HandleAsync(new RecordPledge(plot, "建平县农村信用合作联社", Money.FromYuan(500_000), true, new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31))));
        Assert.Equal(["registry.tradability.pledged"], (await TradabilityAsync(platform, plot)).Reasons.Select(r => r.Code));
        Assert.True((await sp.GetRequiredService<ReleasePledgeHandler>().HandleAsync(new ReleasePledge(pledge))).IsSuccess);
        Assert.True((await TradabilityAsync(platform, plot)).IsTradable);
    }

    [Fact]
    public async Task Rights_of_the_same_kind_may_not_overlap_in_time_and_terms_must_be_sane()
    {
        var (platform, plot, holder) = await PlotWithOwnerAsync();
        await using var _p = platform;
        await using var scope = platform.AsSystem();
        var confirm = scope.ServiceProvider.GetRequiredService<ConfirmRightHandler>();
        Make.Ok(await confirm.HandleAsync(new ConfirmRight(plot, holder, RightKind.Operating, new DateOnly(2022, 1, 1), new DateOnly(2031, 12, 31), "J-1")));
        Assert.Equal("registry.right.duplicate", (await confirm.HandleAsync(new ConfirmRight(plot, holder, RightKind.Operating, new DateOnly(2030, 1, 1), new DateOnly(2040, 12, 31), "J-2"))).Error?.Code);
        Make.Ok(await confirm.HandleAsync(new ConfirmRight(plot, holder, RightKind.Operating, new DateOnly(2032, 1, 1), new DateOnly(2040, 12, 31), "J-3")));
        Assert.Equal("registry.right.term_invalid", (await confirm.HandleAsync(new ConfirmRight(plot, holder, RightKind.Use, new DateOnly(2030, 1, 1), null, "U-1"))).Error?.Code);
        Assert.Equal("registry.right.term_invalid", (await confirm.HandleAsync(new ConfirmRight(plot, holder, RightKind.Use, new DateOnly(2030, 1, 1), new DateOnly(2029, 1, 1), "U-1"))).Error?.Code);
    }

    [Fact]
    public async Task Holder_identifiers_are_checked_and_id_numbers_masked_for_roles_that_do_not_need_them()
    {
        await using var platform = await TestPlatform.CreateAsync();
        await Make.WorldAsync(platform);
        await using (var scope = platform.AsSystem())
        {
            var register = scope.ServiceProvider.GetRequiredService<RegisterRightsHolderHandler>();
            Assert.Equal("registry.holder.credit_code_invalid", (await register.HandleAsync(new RegisterRightsHolder(HolderKind.Enterprise, "某公司", Make.County, "91211322MA10QT8K30", null))).Error?.Code);
            Assert.Equal("registry.holder.id_number_invalid", (await register.HandleAsync(new RegisterRightsHolder(HolderKind.Individual, "王某", Make.County, null, "211322196203100210"))).Error?.Code);
            Make.Ok(await register.HandleAsync(new RegisterRightsHolder(HolderKind.Individual, "王某", Make.County, null, "11010519491231002X", "13904211000")));
            Assert.Equal("registry.holder.duplicate", (await register.HandleAsync(new RegisterRightsHolder(HolderKind.Individual, "王某某", Make.County, null, "11010519491231002x"))).Error?.Code);
        }

        var bank = new Actor("u-bank", "bank", RegionScope.Of(Qingshan.Kernel.NationalCodes.AdminDivisionCode.Parse(Make.County)), new HashSet<string>([Roles.Bank]), Make.County);
        var masked = await platform.RunAsync(bank, sp => sp.GetRequiredService<HolderQueries>().ListAsync());
        Assert.Equal("110***********002X", masked.Single().IdNumber);
        Assert.Equal("139****1000", masked.Single().Phone);
        var water = await platform.RunAsync(TestPlatform.WaterBureau(Make.County), sp => sp.GetRequiredService<HolderQueries>().ListAsync());
        Assert.Equal("11010519491231002X", water.Single().IdNumber);
    }
}
