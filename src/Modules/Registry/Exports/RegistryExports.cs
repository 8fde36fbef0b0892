using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Imports;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Regions;
using Qingshan.Registry.Watersheds;

namespace Qingshan.Registry.Exports;

/// <summary>An exported file: its suggested name, media type and bytes.</summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Lists of the registry as .xlsx (Chinese headers, dictionary labels instead of codes) and plots as GeoJSON.
/// Everything is read through the scoped queries, so an export holds exactly what the actor may see: personal
/// data arrives masked unless the actor's role may see it, and no row lies outside the data scope. Text cells
/// that a spreadsheet could run as a formula are prefixed with ' (ASVS 1.2.10, T20).
/// </summary>
public sealed class RegistryExports(HolderQueries holders, PlotQueries plots, WatershedQueries watersheds, RegionQueries regions, TimeProvider clock)
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string GeoJsonType = "application/geo+json";

    private string Stamp => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ChinaTime).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);

    // China Standard Time has had no daylight saving since 1991: a fixed +08:00 zone needs no tz database.
    private static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");

    /// <summary>
    /// Holders; the columns start with the 权利人 import template's, so an export (by a role that sees unmasked
    /// identifiers) can be imported elsewhere as it is.
    /// </summary>
    public async Task<ExportFile> HoldersAsync(string? search = null, HolderKind? kind = null, CancellationToken ct = default)
    {
        var rows = await holders.ListAsync(search, kind, ct);
        var names = await RegionNamesAsync(ct);
        string[] headers = [.. ImportHoldersHandler.Headers, "行政区划", "权利数"];
        var content = ExcelSheet.Write(("权利人", headers, rows.Select(h => new object?[]
        {
            RegistryLabels.Of(h.Kind), h.Name, h.CreditCode, h.IdNumber, h.RegionCode, h.Phone, h.ContactName, RegistryLabels.YesNo(h.IsCultivatingInvestor),
            names.GetValueOrDefault(h.RegionCode, h.RegionCode), h.RightCount,
        })));
        return new ExportFile($"权利人_{Stamp}.xlsx", XlsxType, content);
    }

    /// <summary>Plots of the scope (optionally of one watershed), with areas in m², 公顷 and 亩 and the rights status label.</summary>
    public async Task<ExportFile> PlotsAsync(PlotFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new PlotFilter();
        var all = new List<PlotRow>();
        for (var page = 1; ; page++)
        {
            var batch = await plots.ListAsync(filter with { Page = page, PageSize = 500 }, ct);
            all.AddRange(batch.Rows);
            if (batch.Rows.Count == 0 || all.Count >= batch.Total)
            {
                break;
            }
        }

        string[] headers = ["地块编码", "地块名称", "小流域", "地类编码", "地类名称", "面积（平方米）", "面积（公顷）", "面积（亩）", "权属状态", "行政区划代码"];
        var content = ExcelSheet.Write(("地块", headers, all.Select(p => new object?[]
        {
            p.Code, p.Name, p.WatershedName, p.LandUseCode, p.LandUseName,
            Math.Round(p.Area.SquareMetres, 2), Math.Round(p.Area.Hectares, 4), Math.Round(p.Area.Mu, 2),
            RegistryLabels.Of(p.Status), p.RegionCode,
        })));
        return new ExportFile($"地块_{Stamp}.xlsx", XlsxType, content);
    }

    public async Task<ExportFile> WatershedsAsync(string? search = null, CancellationToken ct = default)
    {
        var rows = await watersheds.ListAsync(search, ct);
        var names = await RegionNamesAsync(ct);
        string[] headers = ["小流域编码", "小流域名称", "行政区划", "行政区划代码", "面积（平方公里）", "治理起始年", "治理结束年", "治理状态", "地块数", "地块面积（公顷）", "说明"];
        var content = ExcelSheet.Write(("生态清洁小流域", headers, rows.Select(w => new object?[]
        {
            w.Code, w.Name, names.GetValueOrDefault(w.RegionCode, w.RegionCode), w.RegionCode, w.AreaSquareKilometres,
            w.TreatmentStartYear, w.TreatmentEndYear, RegistryLabels.Of(w.Status), w.PlotCount, Math.Round(w.PlotAreaSquareMetres / 10_000, 4), w.Description,
        })));
        return new ExportFile($"生态清洁小流域_{Stamp}.xlsx", XlsxType, content);
    }

    /// <summary>
    /// Plots as a GeoJSON FeatureCollection in CGCS2000 longitude/latitude. It names EPSG:4490 in the (pre-RFC 7946)
    /// <c>crs</c> member so GIS software does not assume WGS 84, and the plot import reads it back as it is.
    /// </summary>
    public async Task<ExportFile> PlotsGeoJsonAsync(Guid? watershedId = null, CancellationToken ct = default)
    {
        var features = await plots.FeaturesAsync(watershedId, null, ct);
        var collection = new FeatureCollection();
        foreach (var f in features)
        {
            collection.Add(new Feature(f.Geometry, new AttributesTable
            {
                { "code", f.Code },
                { "name", f.Name },
                { "watershed", f.WatershedCode },
                { "landUse", f.LandUseCode },
                { "landUseName", f.LandUseName },
                { "areaSquareMetres", Math.Round(f.AreaSquareMetres, 2) },
                { "status", RegistryLabels.Of(f.Status) },
            }));
        }

        var node = JsonSerializer.SerializeToNode(collection, GeoJson)!.AsObject();
        node["crs"] = new JsonObject { ["type"] = "name", ["properties"] = new JsonObject { ["name"] = "urn:ogc:def:crs:EPSG::4490" } };
        var content = JsonSerializer.SerializeToUtf8Bytes(node, GeoJson);
        return new ExportFile($"地块_{Stamp}.geojson", GeoJsonType, content);
    }

    private static readonly JsonSerializerOptions GeoJson = CreateGeoJsonOptions();

    private static JsonSerializerOptions CreateGeoJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.Converters.Add(new GeoJsonConverterFactory(PlotGeometry.Factory));
        return options;
    }

    private async Task<Dictionary<string, string>> RegionNamesAsync(CancellationToken ct) =>
        (await regions.ListAsync(ct)).ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
}
