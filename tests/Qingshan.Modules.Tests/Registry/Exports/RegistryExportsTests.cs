using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Exports;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Imports;
using Qingshan.Registry.Plots;
using Qingshan.Tests.Registry.Imports;
using Qingshan.Tests.Support;
using static Qingshan.Tests.Registry.Imports.ImportFixtures;

namespace Qingshan.Tests.Registry.Exports;

public sealed class RegistryExportsTests
{
    private static readonly Actor Bank = new("user-bank", "bank", RegionScope.Of(AdminDivisionCode.Parse(Make.County)), new HashSet<string>([Roles.Bank]), Make.County);

    private static async Task RegisterAsync(TestPlatform platform, RegisterRightsHolder holder)
    {
        await using var scope = platform.AsSystem();
        Make.Ok(await scope.ServiceProvider.GetRequiredService<RegisterRightsHolderHandler>().HandleAsync(holder));
    }

    private static Task<ExportFile> ExportAsync(TestPlatform platform, Actor actor, Func<RegistryExports, Task<ExportFile>> export) =>
        platform.RunAsync(actor, sp => export(sp.GetRequiredService<RegistryExports>()));

    [Fact]
    public async Task Holder_exports_mask_id_numbers_and_phones_unless_the_role_may_see_personal_data()
    {
        await using var platform = await TestPlatform.CreateAsync();
        await Make.WorldAsync(platform);
        var id = ImportHoldersTests.IdNumber();
        await RegisterAsync(platform, new RegisterRightsHolder(HolderKind.Individual, "张三", Make.County, null, id, "13912345678"));

        var forBank = ReadXlsx((await ExportAsync(platform, Bank, e => e.HoldersAsync())).Content).Single();
        var forBureau = ReadXlsx((await ExportAsync(platform, County, e => e.HoldersAsync())).Content).Single();

        Assert.Equal(ResidentIdNumber.Mask(id), forBank["居民身份证号码"]);
        Assert.Equal(ResidentIdNumber.Mask("13912345678"), forBank["联系电话"]);
        Assert.Equal(id, forBureau["居民身份证号码"]);
        Assert.Equal("个人", forBureau["类型"]);
        Assert.Equal("建平县", forBureau["行政区划"]);
    }

    [Fact]
    public async Task Cells_that_could_run_as_formulas_are_exported_as_text_and_a_reimport_gives_back_the_original_values()
    {
        string[] names = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "+86-10-1234", "-2+3", "@SUM(A1:A9)", "=cmd|' /C calc'!A0"];
        await using var source = await TestPlatform.CreateAsync();
        await Make.WorldAsync(source);
        for (var i = 0; i < names.Length; i++)
        {
            await RegisterAsync(source, new RegisterRightsHolder(HolderKind.Enterprise, names[i], Make.County, ImportHoldersTests.Credit($"MA0ABCDE{i}"), null));
        }

        var export = await ExportAsync(source, County, e => e.HoldersAsync());
        var cells = ReadXlsx(export.Content).Select(r => (string)r["名称"]!).ToList();
        Assert.All(cells, c => Assert.StartsWith("'", c, StringComparison.Ordinal));
        Assert.Equal(names.Order(StringComparer.Ordinal), cells.Select(c => c[1..]).Order(StringComparer.Ordinal));

        await using var target = await TestPlatform.CreateAsync();
        await Make.WorldAsync(target);
        var result = await target.RunAsync(County, sp => sp.GetRequiredService<ImportHoldersHandler>().HandleAsync(new ImportHolders(export.FileName, Stream(export.Content))));
        Assert.True(result.IsSuccess, Codes(result));
        var imported = await target.RunAsync(County, sp => sp.GetRequiredService<HolderQueries>().ListAsync());
        Assert.Equal(names.Order(StringComparer.Ordinal), imported.Select(h => h.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Exports_hold_only_what_the_actors_data_scope_holds()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, other) = await Make.WorldAsync(platform);
        await Make.PlotAsync(platform, w, "P-1", Make.Square(119.58, 41.42));
        await Make.PlotAsync(platform, other, "OTHER-1", Make.Square(120.10, 41.60));
        await Make.CollectiveAsync(platform);
        await Make.CollectiveAsync(platform, Make.OtherCounty, "MA0017Q1X");

        var county = County;
        var plots = ReadXlsx((await ExportAsync(platform, county, e => e.PlotsAsync())).Content);
        var holders = ReadXlsx((await ExportAsync(platform, county, e => e.HoldersAsync())).Content);
        var watersheds = ReadXlsx((await ExportAsync(platform, county, e => e.WatershedsAsync())).Content);
        var geo = JsonDocument.Parse((await ExportAsync(platform, county, e => e.PlotsGeoJsonAsync())).Content);

        Assert.Equal(["P-1"], plots.Select(p => p["地块编码"]));
        Assert.Equal([Make.County], holders.Select(h => h["行政区划代码"]));
        Assert.Equal(["叶柏寿河小流域"], watersheds.Select(x => x["小流域名称"]));
        Assert.Equal(["P-1"], geo.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task List_exports_show_dictionary_labels_rather_than_codes()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        await Make.PlotAsync(platform, w, "P-1", Make.Square(119.58, 41.42), landUse: "0103");

        var plot = ReadXlsx((await ExportAsync(platform, County, e => e.PlotsAsync())).Content).Single();
        var watershed = ReadXlsx((await ExportAsync(platform, County, e => e.WatershedsAsync())).Content).Single();

        Assert.Equal("旱地", plot["地类名称"]);
        Assert.Equal("未确权", plot["权属状态"]);
        Assert.Equal("叶柏寿河小流域", plot["小流域"]);
        Assert.Equal("已验收", watershed["治理状态"]);
        Assert.Equal("建平县", watershed["行政区划"]);
    }

    [Fact]
    public async Task The_plot_geojson_export_names_epsg_4490_and_imports_into_another_registry_unchanged()
    {
        await using var source = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(source);
        await Make.PlotAsync(source, w, "P-1", Make.Square(119.58, 41.42));
        await Make.PlotAsync(source, w, "P-2", Make.Square(119.59, 41.42), landUse: "0404");
        var export = await ExportAsync(source, County, e => e.PlotsGeoJsonAsync());
        using (var doc = JsonDocument.Parse(export.Content))
        {
            Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
            Assert.Equal("urn:ogc:def:crs:EPSG::4490", doc.RootElement.GetProperty("crs").GetProperty("properties").GetProperty("name").GetString());
        }

        await using var target = await TestPlatform.CreateAsync();
        var (tw, _) = await Make.WorldAsync(target);
        var result = await target.RunAsync(County, sp => sp.GetRequiredService<ImportPlotsHandler>().HandleAsync(new ImportPlots(tw, export.FileName, Stream(export.Content))));

        Assert.True(result.IsSuccess, Codes(result));
        var before = await source.RunAsync(County, sp => sp.GetRequiredService<PlotQueries>().ListAsync(new PlotFilter()));
        var after = await target.RunAsync(County, sp => sp.GetRequiredService<PlotQueries>().ListAsync(new PlotFilter()));
        Assert.Equal(before.Rows.Select(r => (r.Code, r.LandUseCode, Math.Round(r.Area.SquareMetres, 1))), after.Rows.Select(r => (r.Code, r.LandUseCode, Math.Round(r.Area.SquareMetres, 1))));
    }
}
