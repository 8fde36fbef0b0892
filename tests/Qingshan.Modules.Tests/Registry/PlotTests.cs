using Microsoft.Extensions.DependencyInjection;
using Qingshan.Registry.Plots;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Registry;

public sealed class PlotTests
{
    [Fact]
    public void Plot_area_is_computed_in_its_cgcs2000_gauss_kruger_zone()
    {
        // Reference: a 0.01° square at 25°N in the CM 117°E zone is 1,118,487 m² (ProjNET check in ECOSYSTEM-RELIABILITY A4);
        // independently, the spherical-ish estimate (0.01° × 111.32 km × cos 25°) × (0.01° × 110.8 km) ≈ 1.118e6 m².
        var square = Make.Square(117.0, 25.0, 0.01);
        var area = PlotGeometry.AreaSquareMetres(square);
        Assert.InRange(area, 1_118_487 * 0.999, 1_118_487 * 1.001);
        Assert.Equal(117, PlotGeometry.CentralMeridianFor(117.004));
        Assert.Equal(4549, PlotGeometry.EpsgForCentralMeridian(120));
        Assert.Equal(area / (10000.0 / 15.0), new PlotArea(area).Mu, 6);
    }

    [Fact]
    public async Task Registered_plot_keeps_its_polygon_and_area_on_both_databases()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var id = await Make.PlotAsync(platform, w, "P-1", Make.Square(119.58, 41.42));
        var card = await platform.RunAsync(TestPlatform.WaterBureau(Make.County), sp => sp.GetRequiredService<PlotQueries>().CardAsync(id));
        Assert.NotNull(card);
        Assert.Equal("P-1", card.Plot.Code);
        Assert.Equal(4490, card.Geometry.SRID);
        Assert.True(card.Geometry.EqualsExact(PlotGeometry.Normalise(Make.Square(119.58, 41.42)).Value, 1e-9));
        Assert.InRange(card.Plot.Area.SquareMetres, 0.002 * 111_320 * Math.Cos(41.42 * Math.PI / 180) * 0.002 * 111_000 * 0.99, 0.002 * 111_320 * Math.Cos(41.42 * Math.PI / 180) * 0.002 * 111_000 * 1.01);
    }

    [Fact]
    public async Task Overlapping_plot_is_refused_but_a_touching_one_is_accepted()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        await Make.PlotAsync(platform, w, "P-1", Make.Square(119.58, 41.42));
        await Make.PlotAsync(platform, w, "P-2", Make.Square(119.582, 41.42)); // shares an edge

        await using var scope = platform.AsSystem();
        var handler = scope.ServiceProvider.GetRequiredService<RegisterPlotHandler>();
        var overlapping = await handler.HandleAsync(new RegisterPlot("P-3", w, "0301", Make.Square(119.581, 41.4205)));
        Assert.Equal("registry.plot.overlaps", overlapping.Error?.Code);
        Assert.Equal("P-1", overlapping.Error!.Args[0]);
    }

    [Theory]
    [InlineData("0399", "registry.plot.land_use_unknown")]
    [InlineData("0301", "registry.plot.geometry_invalid")]
    public async Task Bad_plot_input_is_refused_with_its_code(string landUse, string code)
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        // A bow-tie (self-intersecting) ring.
        var bowTie = PlotGeometry.Factory.CreatePolygon([new(119.58, 41.42), new(119.582, 41.422), new(119.582, 41.42), new(119.58, 41.422), new(119.58, 41.42)]);
        await using var scope = platform.AsSystem();
        var result = await scope.ServiceProvider.GetRequiredService<RegisterPlotHandler>().HandleAsync(new RegisterPlot("P-x", w, landUse, bowTie));
        Assert.Equal(code, result.Error?.Code);
    }

    [Fact]
    public async Task Plot_outside_china_is_refused_as_a_probable_crs_mistake()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        await using var scope = platform.AsSystem();
        // Projected metres passed as degrees.
        var result = await scope.ServiceProvider.GetRequiredService<RegisterPlotHandler>().HandleAsync(new RegisterPlot("P-x", w, "0301", Make.Square(40_500_000, 4_580_000, 100)));
        Assert.Equal("registry.plot.outside_cgcs2000_extent", result.Error?.Code);
    }

    [Fact]
    public async Task Concurrent_registrations_of_the_same_parcel_leave_exactly_one_plot()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var square = Make.Square(119.60, 41.43);
        var attempts = Enumerable.Range(0, 16).Select(async i =>
        {
            await using var scope = platform.AsSystem();
            return await scope.ServiceProvider.GetRequiredService<RegisterPlotHandler>().HandleAsync(new RegisterPlot($"C-{i}", w, "0301", square));
        });
        var results = await Task.WhenAll(attempts);
        Assert.Equal(1, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => r.IsFailure), r => Assert.Equal("registry.plot.overlaps", r.Error!.Code));
    }
}
