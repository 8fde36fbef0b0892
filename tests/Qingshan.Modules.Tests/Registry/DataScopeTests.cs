using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Watersheds;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Registry;

public sealed class DataScopeTests
{
    [Fact]
    public async Task A_county_account_cannot_read_another_countys_plots_by_any_query()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w1, w2) = await Make.WorldAsync(platform);
        var mine = await Make.PlotAsync(platform, w1, "JP-1", Make.Square(119.58, 41.42));
        var theirs = await Make.PlotAsync(platform, w2, "CY-1", Make.Square(120.30, 41.50));
        var county = TestPlatform.WaterBureau(Make.County);

        await using var scope = platform.As(county);
        var plots = scope.ServiceProvider.GetRequiredService<PlotQueries>();
        var list = await plots.ListAsync(new PlotFilter());
        Assert.Equal(["JP-1"], list.Rows.Select(r => r.Code));
        Assert.Equal(1, list.Total);
        Assert.Null(await plots.CardAsync(theirs));
        Assert.NotNull(await plots.CardAsync(mine));
        Assert.Equal(["JP-1"], (await plots.FeaturesAsync()).Select(f => f.Code));
        Assert.Null(await plots.IdOfAsync("CY-1"));
        var stats = await plots.StatisticsAsync();
        Assert.Equal(1, stats.Plots);
        Assert.Equal(1, stats.Watersheds);
        Assert.Equal(["W-211322-1"], (await scope.ServiceProvider.GetRequiredService<WatershedQueries>().ListAsync()).Select(w => w.Code));
    }

    [Theory]
    [InlineData(Make.City, 2)]
    [InlineData(Make.Province, 2)]
    [InlineData(Make.OtherCounty, 1)]
    public async Task A_city_sees_its_counties_and_a_province_sees_everything_in_it(string region, int expected)
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w1, w2) = await Make.WorldAsync(platform);
        await Make.PlotAsync(platform, w1, "JP-1", Make.Square(119.58, 41.42));
        await Make.PlotAsync(platform, w2, "CY-1", Make.Square(120.30, 41.50));
        var list = await platform.RunAsync(TestPlatform.WaterBureau(region), sp => sp.GetRequiredService<PlotQueries>().ListAsync(new PlotFilter()));
        Assert.Equal(expected, list.Total);
    }

    [Fact]
    public async Task An_anonymous_caller_sees_nothing_scoped()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w1, _) = await Make.WorldAsync(platform);
        await Make.PlotAsync(platform, w1, "JP-1", Make.Square(119.58, 41.42));
        var list = await platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<PlotQueries>().ListAsync(new PlotFilter()));
        Assert.Equal(0, list.Total);
    }

    [Fact]
    public async Task A_county_account_cannot_write_into_another_county()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (_, w2) = await Make.WorldAsync(platform);
        await using var scope = platform.As(TestPlatform.WaterBureau(Make.County));
        var sp = scope.ServiceProvider;
        var watershed = await sp.GetRequiredService<RegisterWatershedHandler>().HandleAsync(new RegisterWatershed("W-x", "x", Make.OtherCounty, 1m, 2024, 2025, WatershedStatus.Planned));
        Assert.Equal("registry.region.out_of_scope", watershed.Error?.Code);
        var plot = await sp.GetRequiredService<RegisterPlotHandler>().HandleAsync(new RegisterPlot("P-x", w2, "0301", Make.Square(120.3, 41.5)));
        Assert.Equal("registry.watershed.not_found", plot.Error?.Code);
        var first17 = "N2" + Make.OtherCounty + "MA0017Q0X";
        var holder = await sp.GetRequiredService<RegisterRightsHolderHandler>().HandleAsync(new RegisterRightsHolder(HolderKind.Collective, "x", Make.OtherCounty, first17 + Qingshan.Kernel.NationalCodes.UnifiedSocialCreditCode.CheckCharacter(first17), null));
        Assert.Equal("registry.region.out_of_scope", holder.Error?.Code);
    }
}
