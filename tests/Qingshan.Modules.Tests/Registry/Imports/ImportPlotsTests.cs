using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Registry.Data;
using Qingshan.Registry.Imports;
using Qingshan.Registry.Plots;
using Qingshan.Tests.Support;
using static Qingshan.Tests.Registry.Imports.ImportFixtures;

namespace Qingshan.Tests.Registry.Imports;

public sealed class ImportPlotsTests
{
    internal static async Task<ImportResult> ImportAsync(TestPlatform platform, Guid watershed, string fileName, byte[] content) =>
        await platform.RunAsync(County, sp => sp.GetRequiredService<ImportPlotsHandler>().HandleAsync(new ImportPlots(watershed, fileName, Stream(content))));

    private static async Task<List<(string Code, string? Name, string LandUse)>> PlotsAsync(TestPlatform platform)
    {
        await using var scope = platform.AsSystem();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
        return (await db.Plots.OrderBy(p => p.Code).Select(p => new { p.Code, p.Name, p.LandUseCode }).ToListAsync()).Select(p => (p.Code, p.Name, p.LandUseCode)).ToList();
    }

    [Fact]
    public async Task A_shapefile_without_cpg_is_read_as_gbk_and_all_its_plots_are_written_with_one_outbox_record()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var zip = ShapefileZip([P("JP-001", Make.Square(119.58, 41.42), "0301", "东山乔木林"), P("JP-002", Make.Square(119.59, 41.42), "0103", "西沟旱地")], Gbk);

        var result = await ImportAsync(platform, w, "建平地块.zip", zip);

        Assert.True(result.IsSuccess, Codes(result));
        Assert.Equal(2, result.Imported);
        Assert.Equal([("JP-001", "东山乔木林", "0301"), ("JP-002", "西沟旱地", "0103")], await PlotsAsync(platform));
        var (_, _, _, events) = await CountsAsync(platform);
        Assert.Single(events, e => e == "PlotsImported");
        Assert.DoesNotContain("PlotRegistered", events);
    }

    [Fact]
    public async Task A_cpg_naming_utf8_makes_the_dbf_text_decode_as_utf8()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var zip = ShapefileZip([P("U-1", Make.Square(119.58, 41.42), "0201", "南坡果园")], new UTF8Encoding(false), cpg: "UTF-8", fields: ("DKBM", "DLBM", "DKMC"));

        var result = await ImportAsync(platform, w, "plots.zip", zip);

        Assert.True(result.IsSuccess, Codes(result));
        Assert.Equal([("U-1", "南坡果园", "0201")], await PlotsAsync(platform));
    }

    [Fact]
    public async Task English_field_names_are_accepted_and_a_numeric_land_use_field_gets_its_leading_zero_back()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var zip = ShapefileZip([P("E-1", Make.Square(119.58, 41.42), 301, "north")], Gbk, cpg: "GBK", fields: ("code", "landUse", "name"), numericLandUse: true);

        var result = await ImportAsync(platform, w, "plots.zip", zip);

        Assert.True(result.IsSuccess, Codes(result));
        Assert.Equal([("E-1", "north", "0301")], await PlotsAsync(platform));
    }

    [Fact]
    public async Task A_shapefile_written_by_gdal_in_gbk_is_imported_with_its_chinese_names()
    {
        Assert.SkipUnless(HasOgr2Ogr, "ogr2ogr (gdal-bin) is not installed");
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var geoJson = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"DKBM":"G-1","DLBM":"0301","DKMC":"西山林地"},"geometry":{"type":"Polygon","coordinates":[[[119.6,41.4],[119.602,41.4],[119.602,41.402],[119.6,41.402],[119.6,41.4]]]}},
              {"type":"Feature","properties":{"DKBM":"G-2","DLBM":"0404","DKMC":"北梁其他草地"},"geometry":{"type":"Polygon","coordinates":[[[119.61,41.4],[119.612,41.4],[119.612,41.402],[119.61,41.402],[119.61,41.4]]]}}]}
            """;
        var zip = GdalShapefileZip(geoJson);

        var result = await ImportAsync(platform, w, "gdal.zip", zip);

        Assert.True(result.IsSuccess, Codes(result));
        Assert.Equal([("G-1", "西山林地", "0301"), ("G-2", "北梁其他草地", "0404")], await PlotsAsync(platform));
    }

    [Theory]
    [InlineData(Wgs84Wkt, "GCS_WGS_1984")]
    [InlineData(WebMercatorWkt, "WGS_1984_Web_Mercator_Auxiliary_Sphere")]
    [InlineData(Cgcs2000GaussKrugerWkt, "CGCS2000_3_Degree_GK_CM_120E")]
    public async Task A_shapefile_whose_prj_is_not_cgcs2000_longitude_latitude_is_refused_and_nothing_is_written(string prj, string name)
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var zip = ShapefileZip([P("X-1", Make.Square(119.58, 41.42))], Gbk, prj: prj);

        var result = await ImportAsync(platform, w, "plots.zip", zip);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("registry.import.crs_unsupported", problem.Error.Code);
        Assert.Equal(name, problem.Error.Args[0]);
        Assert.Equal(0, (await CountsAsync(platform)).Plots);
    }

    [Fact]
    public async Task A_shapefile_without_prj_is_refused_because_its_coordinates_cannot_be_known()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var result = await ImportAsync(platform, w, "plots.zip", ShapefileZip([P("X-1", Make.Square(119.58, 41.42))], Gbk, prj: null));
        Assert.Equal("registry.import.shapefile_part_missing", Assert.Single(result.Problems).Error.Code);
    }

    [Fact]
    public async Task Every_bad_row_is_reported_with_its_row_field_and_code_and_nothing_is_written()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        await Make.PlotAsync(platform, w, "OLD-1", Make.Square(119.50, 41.42));
        var zip = ShapefileZip(
        [
            P("OK-1", Make.Square(119.58, 41.42)),             // 1: fine
            P("BOW-1", BowTie(119.60, 41.42)),                 // 2: self-intersecting ring
            P("OVL-DB", Make.Square(119.501, 41.4205)),        // 3: overlaps the registered OLD-1
            P("OVL-ROW", Make.Square(119.581, 41.4205)),       // 4: overlaps row 1
            P("LU-1", Make.Square(119.62, 41.42), "0399"),     // 5: not a GB/T 21010 code
            P("OK-1", Make.Square(119.64, 41.42)),             // 6: code repeats row 1
            P("OLD-1", Make.Square(119.66, 41.42)),            // 7: code already registered
            P(null, Make.Square(119.68, 41.42)),               // 8: no code
            P("FAR-1", Make.Square(2.35, 48.85)),              // 9: Paris: coordinates outside China
        ],
            Gbk);

        var result = await ImportAsync(platform, w, "plots.zip", zip);

        Assert.False(result.IsSuccess);
        var found = result.Problems.Select(p => (p.Row, p.Error.Code)).ToList();
        Assert.Equal(
        [
            (2, "registry.plot.geometry_invalid"),
            (3, "registry.plot.overlaps"),
            (4, "registry.plot.overlaps"),
            (5, "registry.plot.land_use_unknown"),
            (6, "registry.import.duplicate_in_file"),
            (7, "registry.plot.code_taken"),
            (8, "registry.import.field_missing"),
            (9, "registry.plot.outside_cgcs2000_extent"),
        ],
            found.Select(f => (f.Row!.Value, f.Code)).ToList());
        Assert.Equal("OLD-1", result.Problems.Single(p => p.Row == 3).Error.Args[0]);
        Assert.Equal("OK-1", result.Problems.Single(p => p.Row == 4).Error.Args[0]);
        Assert.Equal("地类编码", result.Problems.Single(p => p.Row == 5).Field);
        Assert.Equal("第 5 行「地类编码」", result.Problems.Single(p => p.Row == 5).Error.Target);
        var (plots, _, _, events) = await CountsAsync(platform);
        Assert.Equal(1, plots);
        Assert.DoesNotContain("PlotsImported", events);
    }

    [Fact]
    public async Task A_truncated_zip_is_refused_as_unreadable()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var zip = ShapefileZip([P("T-1", Make.Square(119.58, 41.42))], Gbk);

        var result = await ImportAsync(platform, w, "plots.zip", zip[..(zip.Length / 2)]);

        Assert.Equal("registry.import.file_unreadable", Assert.Single(result.Problems).Error.Code);
        Assert.Equal(0, (await CountsAsync(platform)).Plots);
    }

    [Theory]
    [InlineData("plots.zip", "{\"type\":\"FeatureCollection\",\"features\":[]}")]
    [InlineData("plots.geojson", "PK\u0003\u0004 not json")]
    [InlineData("plots.exe", "MZ")]
    public async Task A_file_whose_first_bytes_do_not_match_its_extension_is_refused(string fileName, string content)
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var result = await ImportAsync(platform, w, fileName, Encoding.Latin1.GetBytes(content));
        Assert.Equal("registry.import.file_type_invalid", Assert.Single(result.Problems).Error.Code);
    }

    [Fact]
    public async Task A_zip_with_more_than_a_thousand_entries_is_refused_before_it_is_inflated()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var files = Enumerable.Range(0, 1001).ToDictionary(i => $"f{i}.txt", _ => new byte[] { 1 });
        var result = await ImportAsync(platform, w, "many.zip", Zip(files));
        Assert.Equal("registry.import.too_many_entries", Assert.Single(result.Problems).Error.Code);
    }

    [Fact]
    public async Task A_zip_that_inflates_beyond_100_MB_is_refused_as_a_zip_bomb()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var bomb = Zip(new Dictionary<string, byte[]> { ["a.shp"] = new byte[60 * 1024 * 1024], ["a.dbf"] = new byte[60 * 1024 * 1024] });
        Assert.True(bomb.Length < 1024 * 1024, "zeros compress well");

        var result = await ImportAsync(platform, w, "bomb.zip", bomb);

        Assert.Equal("registry.import.too_large", Assert.Single(result.Problems).Error.Code);
    }

    [Fact]
    public async Task Plots_cannot_be_imported_into_a_watershed_outside_the_actors_scope()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (_, other) = await Make.WorldAsync(platform);
        var result = await ImportAsync(platform, other, "plots.zip", ShapefileZip([P("S-1", Make.Square(119.58, 41.42))], Gbk));
        Assert.Equal("registry.watershed.not_found", Assert.Single(result.Problems).Error.Code);
        Assert.Equal(0, (await CountsAsync(platform)).Plots);
    }

    internal static string Feature(string code, string geometry, string landUse = "0301") =>
        $$"""{"type":"Feature","properties":{"code":"{{code}}","landUse":"{{landUse}}","name":"林地"},"geometry":{{geometry}}}""";

    internal static string Square(double lon, double lat) =>
        FormattableString.Invariant($"{{\"type\":\"Polygon\",\"coordinates\":[[[{lon},{lat}],[{lon + 0.002},{lat}],[{lon + 0.002},{lat + 0.002}],[{lon},{lat + 0.002}],[{lon},{lat}]]]}}");

    [Theory]
    [InlineData("")]
    [InlineData("\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4490\"}},")]
    [InlineData("\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4490\"}},")]
    public async Task A_geojson_feature_collection_without_crs_or_naming_epsg_4490_is_imported(string crs)
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var json = $$"""{"type":"FeatureCollection",{{crs}}"features":[{{Feature("J-1", Square(119.58, 41.42))}},{{Feature("J-2", Square(119.59, 41.42))}}]}""";

        var result = await ImportAsync(platform, w, "plots.geojson", Encoding.UTF8.GetBytes(json));

        Assert.True(result.IsSuccess, Codes(result));
        Assert.Equal(2, result.Imported);
        Assert.Equal(["J-1", "J-2"], (await PlotsAsync(platform)).Select(p => p.Code));
    }

    [Fact]
    public async Task A_geojson_naming_another_crs_is_refused()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var json = """{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[""" + Feature("J-1", Square(119.58, 41.42)) + "]}";
        var result = await ImportAsync(platform, w, "plots.json", Encoding.UTF8.GetBytes(json));
        Assert.Equal("registry.import.crs_unsupported", Assert.Single(result.Problems).Error.Code);
    }

    [Fact]
    public async Task Geojson_rows_that_are_not_polygons_or_lack_a_geometry_are_reported_by_row()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var json = $$"""
            {"type":"FeatureCollection","features":[
              {{Feature("J-1", Square(119.58, 41.42))}},
              {{Feature("J-2", "{\"type\":\"Point\",\"coordinates\":[119.6,41.42]}")}},
              {{Feature("J-3", "null")}},
              {{Feature("J-4", Square(119.62, 41.42), "9999")}}]}
            """;

        var result = await ImportAsync(platform, w, "plots.geojson", Encoding.UTF8.GetBytes(json));

        Assert.Equal([(2, "registry.plot.geometry_not_polygon"), (3, "registry.plot.geometry_invalid"), (4, "registry.plot.land_use_unknown")],
            result.Problems.Select(p => (p.Row!.Value, p.Error.Code)));
        Assert.Equal(0, (await CountsAsync(platform)).Plots);
    }

    [Theory]
    [InlineData("{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[")]
    public async Task A_geojson_that_is_not_a_whole_feature_collection_is_refused_as_unreadable(string json)
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var result = await ImportAsync(platform, w, "plots.geojson", Encoding.UTF8.GetBytes(json));
        Assert.Equal("registry.import.file_unreadable", Assert.Single(result.Problems).Error.Code);
    }

    internal static string Grid(int count) =>
        "{\"type\":\"FeatureCollection\",\"features\":["
        + string.Join(",", Enumerable.Range(0, count).Select(i => Feature(FormattableString.Invariant($"GRID-{i:D5}"), Square(119.0 + i % 100 * 0.003, 41.0 + i / 100 * 0.003))))
        + "]}";

    [Fact]
    public async Task A_file_with_more_rows_than_the_limit_is_refused_as_a_whole()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var result = await ImportAsync(platform, w, "grid.geojson", Encoding.UTF8.GetBytes(Grid(ImportLimits.MaxRows + 1)));
        Assert.Equal("registry.import.too_many_rows", Assert.Single(result.Problems).Error.Code);
    }
}

[Collection(TimedAloneCollection.Name)]
public sealed class ImportPlotsTimingTests
{
    /// <summary>T21's target, measured alone (see <see cref="TimedAloneCollection"/>) so parallel tests do not skew it.</summary>
    [Fact]
    public async Task Ten_thousand_plots_are_checked_and_imported_within_thirty_seconds()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var json = Encoding.UTF8.GetBytes(ImportPlotsTests.Grid(ImportLimits.MaxRows));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await ImportPlotsTests.ImportAsync(platform, w, "grid.geojson", json);

        clock.Stop();
        Assert.True(result.IsSuccess, Codes(result));
        Assert.Equal(ImportLimits.MaxRows, (await CountsAsync(platform)).Plots);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }
}

/// <summary>Timing targets run after the parallel tests, one at a time, so they measure the code and not the machine's load.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedAloneCollection
{
    public const string Name = "Timed alone";
}
