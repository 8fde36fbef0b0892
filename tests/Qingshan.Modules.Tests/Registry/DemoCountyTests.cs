using Microsoft.Extensions.DependencyInjection;
using Qingshan.Platform;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Rights;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Registry;

public sealed class DemoCountyTests
{
    [Fact]
    public async Task Demo_county_has_three_watersheds_a_few_hundred_plots_and_one_disputed_plot()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var password = await DemoCounty.SeedAsync(platform.Services);
        Assert.NotNull(password);
        Assert.Null(await DemoCounty.SeedAsync(platform.Services)); // idempotent

        var actor = TestPlatform.WaterBureau(DemoCounty.CountyCode);
        var stats = await platform.RunAsync(actor, sp => sp.GetRequiredService<PlotQueries>().StatisticsAsync());
        Assert.Equal(3, stats.Watersheds);
        Assert.InRange(stats.Plots, 200, 400);
        Assert.Equal(1, stats.OpenDisputes);
        var disputed = await platform.RunAsync(actor, sp => sp.GetRequiredService<PlotQueries>().ListAsync(new PlotFilter(Status: RightsStatus.Disputed)));
        Assert.Equal(1, disputed.Total);
    }
}
