using Microsoft.Extensions.DependencyInjection;
using Qingshan.Registry.Catalog;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Registry;

public sealed class CatalogTests
{
    [Fact]
    public async Task Catalog_is_adjusted_only_in_the_first_quarter_and_every_version_is_kept()
    {
        await using var platform = await TestPlatform.CreateAsync(new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero)); // 2026-03-31 23:00 China time
        var (w, _) = await Make.WorldAsync(platform);
        var actor = TestPlatform.WaterBureau(Make.County);
        var items = new List<CatalogItemInput> { new("碳汇", "水土保持碳汇", w, 2026) };

        Assert.Equal(1, Make.Ok(await platform.RunAsync(actor, sp => sp.GetRequiredService<AdjustCatalogHandler>().HandleAsync(new AdjustCatalog(Make.County, 2026, "首次编制", items)))));
        Assert.Equal(2, Make.Ok(await platform.RunAsync(actor, sp => sp.GetRequiredService<AdjustCatalogHandler>().HandleAsync(new AdjustCatalog(Make.County, 2026, "一季度调整", [.. items, new("旅游", "生态旅游经营权", w, 2027)])))));

        platform.Clock.Advance(TimeSpan.FromHours(1)); // 2026-04-01 00:00 China time
        var late = await platform.RunAsync(actor, sp => sp.GetRequiredService<AdjustCatalogHandler>().HandleAsync(new AdjustCatalog(Make.County, 2026, "二季度调整", items)));
        Assert.Equal("registry.catalog.adjustment_outside_first_quarter", late.Error?.Code);

        var history = await platform.RunAsync(actor, sp => sp.GetRequiredService<CatalogQueries>().HistoryAsync(Make.County));
        Assert.Equal([2, 1], history.Select(h => h.Version));
        Assert.Equal(2, history[0].Items.Count);
        Assert.Single(history[1].Items);
    }

    [Fact]
    public async Task Catalog_items_must_fall_inside_its_three_year_period()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var result = await platform.RunAsync(TestPlatform.WaterBureau(Make.County), sp => sp.GetRequiredService<AdjustCatalogHandler>().HandleAsync(
            new AdjustCatalog(Make.County, 2026, "x", [new("碳汇", "水土保持碳汇", w, 2029)])));
        Assert.Equal("registry.catalog.period_invalid", result.Error?.Code);
    }
}
