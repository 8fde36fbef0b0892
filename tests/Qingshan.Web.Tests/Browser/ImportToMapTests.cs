using System.IO.Compression;
using System.Text;
using Microsoft.Playwright;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;

namespace Qingshan.Web.Tests.Browser;

/// <summary>
/// The registry clerk's path through the browser: sign in, upload a GIS Shapefile of new plots into a watershed, and
/// see them on the offline map and in the plot list.
/// </summary>
public sealed class ImportToMapTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Cgcs2000 = """GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]""";

    /// <summary>Three plots east of 青峰山 (clear of every seeded plot), written as a real zipped Shapefile with a UTF-8 .cpg.</summary>
    private static byte[] NewPlotsShapefile()
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4490);
        Polygon Square(double lon, double lat) => factory.CreatePolygon([new(lon, lat), new(lon + 0.002, lat), new(lon + 0.002, lat + 0.002), new(lon, lat + 0.002), new(lon, lat)]);
        var options = new ShapefileWriterOptions(ShapeType.Polygon) { Encoding = Encoding.UTF8 };
        options.AddCharacterField("DKBM", 32);
        options.AddCharacterField("DLBM", 4);
        options.AddCharacterField("DKMC", 64);
        using var shp = new MemoryStream();
        using var shx = new MemoryStream();
        using var dbf = new MemoryStream();
        using var prj = new MemoryStream();
        using (var writer = Shapefile.OpenWrite(shp, shx, dbf, prj, options))
        {
            writer.Write(new[] { ("IMP-0001", "0301", "东坡新造林"), ("IMP-0002", "0201", "南沟果园"), ("IMP-0003", "0404", "北梁草地") }.Select((p, i) =>
                (IFeature)new Feature(Square(119.50 + i * 0.003, 41.30), new AttributesTable { { "DKBM", p.Item1 }, { "DLBM", p.Item2 }, { "DKMC", p.Item3 } })));
        }

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in new[] { ("新增地块.shp", shp.ToArray()), ("新增地块.shx", shx.ToArray()), ("新增地块.dbf", dbf.ToArray()), ("新增地块.prj", Encoding.ASCII.GetBytes(Cgcs2000)), ("新增地块.cpg", "UTF-8"u8.ToArray()) })
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }

        return zip.ToArray();
    }

    private static async Task<int> PlotsOnMapAsync(IPage page)
    {
        await page.GotoAsync("/registry/map");
        var map = page.Locator("[data-testid=plot-map][data-plots]");
        await map.WaitForAsync(new() { Timeout = 60_000 });
        return int.Parse((await map.GetAttributeAsync("data-plots"))!, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_water_bureau_clerk_imports_a_shapefile_and_sees_the_new_plots_on_the_map()
    {
        var page = await app.SignInAsync("jp_water");
        var before = await PlotsOnMapAsync(page);
        Assert.True(before > 200, $"the demo county should show a few hundred plots, saw {before}");

        await page.GotoAsync("/registry/import");
        await BrowserApp.WaitForCircuitAsync(page);
        var option = page.GetByText("青峰山生态清洁小流域（211322-STQJ-003）", new() { Exact = true });
        await BrowserApp.ClickUntilVisibleAsync(page.Locator("[data-testid=import-watershed]"), option);
        await option.ClickAsync();
        // MudFileUpload keeps its file input hidden; it is the only one on the page.
        await Assertions.Expect(page.Locator("input[type=file]")).ToBeEnabledAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "新增地块.zip",
            MimeType = "application/zip",
            Buffer = NewPlotsShapefile(),
        });
        var success = page.Locator("[data-testid=import-success]");
        await success.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Contains("成功导入 3 条", await success.InnerTextAsync(), StringComparison.Ordinal);

        Assert.Equal(before + 3, await PlotsOnMapAsync(page));
        Assert.True(await BrowserApp.RendersChineseAsync(page));

        await BrowserApp.GotoInteractiveAsync(page, "/registry/plots");
        var row = page.Locator("[data-testid=plots] tr", new() { HasText = "IMP-0002" });
        await BrowserApp.FillAsync(page.GetByLabel("编码或名称"), "IMP-0002");
        await BrowserApp.ClickUntilVisibleAsync(page.GetByRole(AriaRole.Button, new() { Name = "搜索" }), row);

        await Assertions.Expect(row).ToContainTextAsync("0201 果园");
        await Assertions.Expect(row).ToContainTextAsync("青峰山生态清洁小流域");
    }
}
