using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using Qingshan.Kernel;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Regions;
using Qingshan.Registry.Watersheds;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Registry;

/// <summary>Test data with valid defaults: regions of two counties in one city, a watershed in each.</summary>
internal static class Make
{
    public const string County = "211322";
    public const string OtherCounty = "211321";
    public const string City = "211300";
    public const string Province = "210000";

    public static async Task<(Guid Watershed, Guid OtherWatershed)> WorldAsync(TestPlatform platform)
    {
        await using var scope = platform.AsSystem();
        var sp = scope.ServiceProvider;
        foreach (var (code, name) in new[] { (Province, "辽宁省"), (City, "朝阳市"), (OtherCounty, "朝阳县"), (County, "建平县") })
        {
            Assert.True((await sp.GetRequiredService<SaveRegionHandler>().HandleAsync(new SaveRegion(code, name))).IsSuccess);
        }

        var register = sp.GetRequiredService<RegisterWatershedHandler>();
        var w1 = (await register.HandleAsync(new RegisterWatershed("W-211322-1", "叶柏寿河小流域", County, 12m, 2021, 2023, WatershedStatus.Accepted))).Value;
        var w2 = (await register.HandleAsync(new RegisterWatershed("W-211321-1", "大凌河小流域", OtherCounty, 9m, 2022, 2024, WatershedStatus.UnderTreatment))).Value;
        return (w1, w2);
    }

    /// <summary>An axis-aligned lon/lat square (degrees) in EPSG:4490.</summary>
    public static Polygon Square(double lon, double lat, double size = 0.002) =>
        PlotGeometry.Factory.CreatePolygon([new(lon, lat), new(lon + size, lat), new(lon + size, lat + size), new(lon, lat + size), new(lon, lat)]);

    public static async Task<Guid> PlotAsync(TestPlatform platform, Guid watershed, string code, Polygon polygon, string landUse = "0301")
    {
        await using var scope = platform.AsSystem();
        var result = await scope.ServiceProvider.GetRequiredService<RegisterPlotHandler>().HandleAsync(new RegisterPlot(code, watershed, landUse, polygon));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }

    public static async Task<Guid> CollectiveAsync(TestPlatform platform, string region = County, string org = "MA0017Q0X")
    {
        var first17 = "N2" + region + org;
        await using var scope = platform.AsSystem();
        var result = await scope.ServiceProvider.GetRequiredService<RegisterRightsHolderHandler>().HandleAsync(
            new RegisterRightsHolder(HolderKind.Collective, "东山村股份经济合作社", region, first17 + Qingshan.Kernel.NationalCodes.UnifiedSocialCreditCode.CheckCharacter(first17), null));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }

    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }
}
