using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using Qingshan.Kernel;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Watersheds;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Registry;

public sealed class PublicWatershedTests
{
    [Fact]
    public async Task Public_watersheds_cover_every_region_and_take_the_union_of_their_plots_as_outline()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w1, _) = await Make.WorldAsync(platform);
        await Make.PlotAsync(platform, w1, "P-1", Make.Square(119.500, 41.400));
        await Make.PlotAsync(platform, w1, "P-2", Make.Square(119.502, 41.400));

        // Anonymous: no scope at all, yet the public view sees both counties' watersheds.
        var (features, matched) = await platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<WatershedQueries>().PublicFeaturesAsync(null, 0, 10));
        Assert.Equal(2, matched);
        Assert.Equal(["W-211321-1", "W-211322-1"], features.Select(f => f.Code));
        var withPlots = features.Single(f => f.Code == "W-211322-1");
        Assert.Equal(2, withPlots.PlotCount);
        Assert.NotNull(withPlots.Geometry);
        Assert.Equal(2 * 0.002 * 0.002, withPlots.Geometry.Area, 9);
        Assert.Null(features.Single(f => f.Code == "W-211321-1").Geometry); // no boundary, no plots: nothing to draw
    }

    [Fact]
    public async Task Public_watershed_bbox_keeps_only_watersheds_whose_extent_meets_the_box()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w1, w2) = await Make.WorldAsync(platform);
        await Make.PlotAsync(platform, w1, "P-1", Make.Square(119.500, 41.400));
        await Make.PlotAsync(platform, w2, "P-2", Make.Square(120.300, 41.600));

        var (features, matched) = await platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<WatershedQueries>().PublicFeaturesAsync(new Envelope(119.4, 119.6, 41.3, 41.5), 0, 10));
        Assert.Equal(1, matched);
        Assert.Equal("W-211322-1", Assert.Single(features).Code);
        var one = await platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<WatershedQueries>().PublicFeatureAsync("W-211321-1"));
        Assert.Equal(1, one?.PlotCount);
        Assert.Null(await platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<WatershedQueries>().PublicFeatureAsync("NOPE")));
    }

    [Fact]
    public async Task Public_extents_span_every_plot_whatever_the_callers_scope()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w1, w2) = await Make.WorldAsync(platform);
        await Make.PlotAsync(platform, w1, "P-1", Make.Square(119.500, 41.400));
        await Make.PlotAsync(platform, w2, "P-2", Make.Square(120.300, 41.600));

        var plots = await platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<PlotQueries>().PublicExtentAsync());
        var watersheds = await platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<WatershedQueries>().PublicExtentAsync());
        Assert.NotNull(plots);
        Assert.Equal(119.5, plots.MinX, 9);
        Assert.Equal(41.4, plots.MinY, 9);
        Assert.Equal(120.302, plots.MaxX, 9);
        Assert.Equal(41.602, plots.MaxY, 9);
        Assert.Equal(plots, watersheds);
    }

    [Fact]
    public async Task Public_extent_is_null_when_nothing_is_registered()
    {
        await using var platform = await TestPlatform.CreateAsync();
        Assert.Null(await platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<PlotQueries>().PublicExtentAsync()));
        Assert.Null(await platform.RunAsync(Actor.Anonymous, sp => sp.GetRequiredService<WatershedQueries>().PublicExtentAsync()));
    }
}
