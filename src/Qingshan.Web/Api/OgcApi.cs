using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Qingshan.Kernel;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Watersheds;
using Qingshan.Web.Components.Shared;
using Qingshan.Web.Errors;

namespace Qingshan.Web.Api;

/// <summary>
/// OGC API – Features – Part 1: Core (OGC 17-069r4) over the public registry: watersheds and plots, GeoJSON,
/// CRS84 only, anonymous. Public fields only: no rights holders, no rights status, no personal data. GIS clients
/// (QGIS, GDAL's OAPIF driver, ArcGIS Pro) read it directly.
/// </summary>
public static class OgcApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    internal const string GeoJsonType = "application/geo+json";
    internal const string JsonType = "application/json";
    internal const string OpenApiType = "application/vnd.oai.openapi+json;version=3.0";
    internal const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    internal static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    ];

    private const string Title = "青山 · 水土保持生态产品公开地理数据";

    // CGCS2000 (EPSG:4490) and WGS 84 differ by well under a metre in China; the registry stores CGCS2000 lon/lat and
    // publishes the same numbers as CRS84, which is exact enough for any map or overlay at plot scale.
    private const string CrsNote = "坐标为经度、纬度（CRS84 轴序）。登记数据采用 CGCS2000（EPSG:4490），与 WGS 84 在我国范围内相差不足 1 米，按 CRS84 直接发布。";

    private static readonly Collection[] Collections =
    [
        new("watersheds", "生态清洁小流域", "生态清洁小流域治理范围：编码、名称、所在县级行政区划、面积、治理期与治理状态。未登记边界的小流域以其地块合并范围表示。" + CrsNote),
        new("plots", "地块", "水土保持生态产品地块（图斑）：编码、所属小流域、土地利用现状分类（GB/T 21010-2017）与面积。不含权利人、权属状态等非公开信息。" + CrsNote),
    ];

    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public static void MapOgcApi(this WebApplication app)
    {
        var ogc = app.MapGroup("/ogc").AllowAnonymous();
        ogc.MapGet("", Landing);
        ogc.MapGet("/conformance", (HttpRequest req) => Respond(req, false, new { conformsTo = ConformanceClasses }));
        ogc.MapGet("/api", OpenApi);
        ogc.MapGet("/collections", async (HttpRequest req, PlotQueries plots, WatershedQueries watersheds, CancellationToken ct) =>
        {
            var root = Root(req);
            var extents = new Dictionary<string, Envelope?>
            {
                ["watersheds"] = await watersheds.PublicExtentAsync(ct),
                ["plots"] = await plots.PublicExtentAsync(ct),
            };
            return Respond(req, false, new
            {
                links = new[]
                {
                    new Link($"{root}/collections", "self", JsonType, "要素集合"),
                },
                collections = Collections.Select(c => Describe(root, c, extents[c.Id])).ToArray(),
            });
        });
        ogc.MapGet("/collections/{collectionId}", async (string collectionId, HttpRequest req, PlotQueries plots, WatershedQueries watersheds, CancellationToken ct) =>
        {
            if (Find(collectionId) is not { } c)
            {
                return NotFound("ogc.collection.not_found", collectionId);
            }

            var extent = c.Id == "plots" ? await plots.PublicExtentAsync(ct) : await watersheds.PublicExtentAsync(ct);
            return Respond(req, false, Describe(Root(req), c, extent));
        });
        ogc.MapGet("/collections/{collectionId}/items", Items);
        ogc.MapGet("/collections/{collectionId}/items/{featureId}", Item);
    }

    private static IResult Landing(HttpRequest req)
    {
        var root = Root(req);
        return Respond(req, false, new
        {
            title = Title,
            description = "按 OGC API – Features 发布的生态清洁小流域与地块公开数据，可在 QGIS、GDAL、ArcGIS 等软件中直接加载。" + CrsNote,
            links = new[]
            {
                new Link(root, "self", JsonType, "本页"),
                new Link($"{root}/api", "service-desc", OpenApiType, "接口定义（OpenAPI 3.0）"),
                new Link($"{root}/conformance", "conformance", JsonType, "符合的标准类"),
                new Link($"{root}/collections", "data", JsonType, "要素集合"),
            },
        });
    }

    private static async Task<IResult> Items(string collectionId, HttpRequest req, PlotQueries plots, WatershedQueries watersheds, TimeProvider clock, CancellationToken ct)
    {
        if (Find(collectionId) is not { } collection)
        {
            return NotFound("ogc.collection.not_found", collectionId);
        }

        if (ReadFormat(req, geo: true) is not { } type)
        {
            return UnsupportedFormat(req);
        }

        if (!TryReadPaging(req, out var limit, out var offset, out var pagingError))
        {
            return BadRequest(pagingError);
        }

        if (!TryParseBbox(req.Query["bbox"], out var bbox, out var bboxError))
        {
            return BadRequest(bboxError);
        }

        var (features, matched) = collection.Id == "plots"
            ? await PlotPageAsync(plots, bbox, offset, limit, ct)
            : await WatershedPageAsync(watersheds, bbox, offset, limit, ct);
        var root = Root(req);
        var items = $"{root}/collections/{collection.Id}/items";
        var links = new List<Link>
        {
            new(PageUrl(items, req, offset, limit, type == JsonType ? "json" : null), "self", type, "本页"),
            new(PageUrl(items, req, offset, limit, type == JsonType ? "geojson" : "json"), "alternate", type == JsonType ? GeoJsonType : JsonType, "本页（另一种媒体类型）"),
            new($"{root}/collections/{collection.Id}", "collection", JsonType, collection.Title),
        };
        if (offset + features.Count < matched)
        {
            links.Add(new(PageUrl(items, req, offset + limit, limit, type == JsonType ? "json" : null), "next", type, "下一页"));
        }

        if (offset > 0)
        {
            links.Add(new(PageUrl(items, req, Math.Max(0, offset - limit), limit, type == JsonType ? "json" : null), "prev", type, "上一页"));
        }

        var body = new FeatureCollection(features, matched, features.Count, clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), links);
        return Results.Json(body, Json, type);
    }

    private static async Task<IResult> Item(string collectionId, string featureId, HttpRequest req, PlotQueries plots, WatershedQueries watersheds, CancellationToken ct)
    {
        if (Find(collectionId) is not { } collection)
        {
            return NotFound("ogc.collection.not_found", collectionId);
        }

        if (ReadFormat(req, geo: true) is not { } type)
        {
            return UnsupportedFormat(req);
        }

        Feature? feature = collection.Id == "plots"
            ? await plots.PublicFeatureAsync(featureId, ct) is { } p ? ToFeature(p) : null
            : await watersheds.PublicFeatureAsync(featureId, ct) is { } w ? ToFeature(w) : null;
        if (feature is null)
        {
            return NotFound("ogc.feature.not_found", featureId);
        }

        var root = Root(req);
        var self = $"{root}/collections/{collection.Id}/items/{Uri.EscapeDataString(featureId)}";
        feature = feature with
        {
            Links =
            [
                new(type == JsonType ? self + "?f=json" : self, "self", type, "本要素"),
                new(type == JsonType ? self + "?f=geojson" : self + "?f=json", "alternate", type == JsonType ? GeoJsonType : JsonType, "本要素（另一种媒体类型）"),
                new($"{root}/collections/{collection.Id}", "collection", JsonType, collection.Title),
            ],
        };
        return Results.Json(feature, Json, type);
    }

    private static async Task<(List<Feature>, int)> PlotPageAsync(PlotQueries plots, Envelope? bbox, int offset, int limit, CancellationToken ct)
    {
        var (features, matched) = await plots.PublicFeaturesAsync(bbox, offset, limit, ct);
        return (features.Select(ToFeature).ToList(), matched);
    }

    private static async Task<(List<Feature>, int)> WatershedPageAsync(WatershedQueries watersheds, Envelope? bbox, int offset, int limit, CancellationToken ct)
    {
        var (features, matched) = await watersheds.PublicFeaturesAsync(bbox, offset, limit, ct);
        return (features.Select(ToFeature).ToList(), matched);
    }

    // The public field lists: anything added here is published to everyone, so rights status, holders and
    // internal ids stay out (PlotFeature.Status is computed under the caller's scope and is not public anyway).
    private static Feature ToFeature(PlotFeature p) => new(p.Code, p.Geometry, new Dictionary<string, object?>
    {
        ["code"] = p.Code,
        ["watershedCode"] = p.WatershedCode,
        ["landUseCode"] = p.LandUseCode,
        ["landUseName"] = p.LandUseName,
        ["areaSquareMetres"] = Math.Round(p.AreaSquareMetres, 2),
    });

    private static Feature ToFeature(WatershedFeature w) => new(w.Code, w.Geometry, new Dictionary<string, object?>
    {
        ["code"] = w.Code,
        ["name"] = w.Name,
        ["regionCode"] = w.RegionCode,
        ["areaSquareKilometres"] = w.AreaSquareKilometres,
        ["treatmentStartYear"] = w.TreatmentStartYear,
        ["treatmentEndYear"] = w.TreatmentEndYear,
        ["status"] = w.Status.ToString(),
        ["statusName"] = Labels.Of(w.Status),
        ["plotCount"] = w.PlotCount,
    });

    // Without data the extent is mainland China's, the only place the registry accepts coordinates.
    private static object Describe(string root, Collection c, Envelope? extent) => new
    {
        id = c.Id,
        title = c.Title,
        description = c.Description,
        itemType = "feature",
        crs = new[] { Crs84 },
        storageCrs = Crs84,
        extent = new { spatial = new { bbox = new[] { extent is null ? new[] { 73.5, 3.8, 135.1, 53.6 } : new[] { extent.MinX, extent.MinY, extent.MaxX, extent.MaxY } }, crs = Crs84 } },
        links = new[]
        {
            new Link($"{root}/collections/{c.Id}", "self", JsonType, c.Title),
            new Link($"{root}/collections/{c.Id}/items", "items", GeoJsonType, c.Title + "（GeoJSON）"),
            new Link($"{root}/collections/{c.Id}/items?f=json", "items", JsonType, c.Title + "（JSON）"),
        },
    };

    private static IResult OpenApi(HttpRequest req)
    {
        var f = req.Query["f"].ToString();
        if (f.Length > 0 && f != "json")
        {
            return UnsupportedFormat(req);
        }

        var text = OpenApiDocument.Replace("{{server}}", Root(req), StringComparison.Ordinal)
            .Replace("{{default}}", DefaultLimit.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{max}}", MaxLimit.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return Results.Text(text, f == "json" ? JsonType : OpenApiType);
    }

    private static IResult Respond(HttpRequest req, bool geo, object body) =>
        ReadFormat(req, geo) is { } type ? Results.Json(body, Json, type) : UnsupportedFormat(req);

    /// <summary>
    /// The media type to answer with, or null when <c>f</c> asks for one we do not serve. <c>f=json</c> (or an
    /// Accept header naming application/json but not GeoJSON) gives application/json; features default to GeoJSON.
    /// </summary>
    internal static string? ReadFormat(HttpRequest req, bool geo)
    {
        var f = req.Query["f"].ToString();
        switch (f)
        {
            case "json":
                return JsonType;
            case "geojson":
                return geo ? GeoJsonType : null;
            case "":
                break;
            default:
                return null;
        }

        if (!geo)
        {
            return JsonType;
        }

        var accept = req.Headers.Accept.ToString();
        return accept.Contains(JsonType, StringComparison.OrdinalIgnoreCase) && !accept.Contains(GeoJsonType, StringComparison.OrdinalIgnoreCase)
            ? JsonType
            : GeoJsonType;
    }

    internal static bool TryReadPaging(HttpRequest req, out int limit, out int offset, out Error? error)
    {
        limit = DefaultLimit;
        offset = 0;
        error = null;
        var l = req.Query["limit"].ToString();
        if (l.Length > 0)
        {
            // Above the maximum the page is capped (the spec lets a server return fewer items than asked for);
            // zero, negatives and non-numbers are client errors.
            var digits = l.TrimStart('0');
            if (!l.All(char.IsAsciiDigit) || digits.Length == 0)
            {
                error = new Error("ogc.limit.invalid", MaxLimit);
                return false;
            }

            limit = digits.Length > 4 ? MaxLimit : Math.Min(int.Parse(digits, CultureInfo.InvariantCulture), MaxLimit);
        }

        var o = req.Query["offset"].ToString();
        if (o.Length > 0 && !int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            error = new Error("ogc.offset.invalid");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Parses <c>bbox=minLon,minLat,maxLon,maxLat</c> (six numbers with heights are accepted, heights ignored) in
    /// CRS84. An empty value means no filter. Boxes crossing the antimeridian are refused: no registry data is there.
    /// </summary>
    public static bool TryParseBbox(string? text, out Envelope? bbox, out Error? error)
    {
        bbox = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var parts = text.Split(',');
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                error = new Error("ogc.bbox.invalid", "须为逗号分隔的数字");
                return false;
            }
        }

        if (values.Length is not (4 or 6))
        {
            error = new Error("ogc.bbox.invalid", "须为 4 个数：最小经度,最小纬度,最大经度,最大纬度");
            return false;
        }

        var (minLon, minLat, maxLon, maxLat) = values.Length == 4
            ? (values[0], values[1], values[2], values[3])
            : (values[0], values[1], values[3], values[4]);
        if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90)
        {
            error = new Error("ogc.bbox.invalid", "经度须在 -180 至 180 之间，纬度须在 -90 至 90 之间");
            return false;
        }

        if (minLat > maxLat || minLon > maxLon)
        {
            error = new Error("ogc.bbox.invalid", "最小值不能大于最大值（不支持跨越 180° 经线的范围）");
            return false;
        }

        bbox = new Envelope(minLon, maxLon, minLat, maxLat);
        return true;
    }

    private static string PageUrl(string items, HttpRequest req, int offset, int limit, string? f)
    {
        var query = new List<string>();
        foreach (var (key, value) in req.Query)
        {
            if (key is not ("offset" or "limit" or "f"))
            {
                query.Add($"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(value.ToString())}");
            }
        }

        query.Add($"limit={limit.ToString(CultureInfo.InvariantCulture)}");
        query.Add($"offset={offset.ToString(CultureInfo.InvariantCulture)}");
        if (f is not null)
        {
            query.Add($"f={f}");
        }

        return items + "?" + string.Join('&', query);
    }

    private static string Root(HttpRequest req) => $"{req.Scheme}://{req.Host}{req.PathBase}/ogc";

    private static Collection? Find(string id) => Collections.FirstOrDefault(c => c.Id == id);

    private static IResult NotFound(string code, string what) => ProblemResults.From(new Error(code, what));

    private static IResult UnsupportedFormat(HttpRequest req) => BadRequest(new Error("ogc.format.unsupported", req.Query["f"].ToString()));

    private static IResult BadRequest(Error? error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var problem = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = ErrorMessages.For(error), Type = "https://qingshan.invalid/errors/" + error.Code };
        problem.Extensions["code"] = error.Code;
        return TypedResults.Problem(problem);
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        // Chinese text stays readable in the output; HTML-sensitive characters are still escaped.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }

    private sealed record Collection(string Id, string Title, string Description);

    internal sealed record Link(string Href, string Rel, string Type, string? Title = null);

    internal sealed record Feature(string Id, Geometry? Geometry, IReadOnlyDictionary<string, object?> Properties)
    {
        [JsonPropertyOrder(-1)]
        public string Type => "Feature";

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<Link>? Links { get; init; }
    }

    internal sealed record FeatureCollection(IReadOnlyList<Feature> Features, int NumberMatched, int NumberReturned, string TimeStamp, IReadOnlyList<Link> Links)
    {
        [JsonPropertyOrder(-1)]
        public string Type => "FeatureCollection";
    }

    private const string OpenApiDocument = """
        {
          "openapi": "3.0.3",
          "info": {
            "title": "青山 · 水土保持生态产品公开地理数据",
            "version": "1.0.0",
            "description": "OGC API – Features – Part 1: Core，GeoJSON 编码，CRS84 经纬度。匿名访问，仅含公开字段。"
          },
          "servers": [ { "url": "{{server}}" } ],
          "paths": {
            "/": { "get": { "summary": "入口页", "operationId": "getLandingPage", "parameters": [ { "$ref": "#/components/parameters/f" } ], "responses": { "200": { "description": "入口页及链接", "content": { "application/json": { "schema": { "type": "object" } } } } } } },
            "/conformance": { "get": { "summary": "符合的标准类", "operationId": "getConformance", "parameters": [ { "$ref": "#/components/parameters/f" } ], "responses": { "200": { "description": "conformsTo 列表", "content": { "application/json": { "schema": { "type": "object" } } } } } } },
            "/api": { "get": { "summary": "本接口定义", "operationId": "getApi", "responses": { "200": { "description": "OpenAPI 3.0 文档", "content": { "application/vnd.oai.openapi+json;version=3.0": { "schema": { "type": "object" } } } } } } },
            "/collections": { "get": { "summary": "要素集合列表", "operationId": "getCollections", "parameters": [ { "$ref": "#/components/parameters/f" } ], "responses": { "200": { "description": "要素集合", "content": { "application/json": { "schema": { "type": "object" } } } } } } },
            "/collections/{collectionId}": { "get": { "summary": "要素集合说明", "operationId": "describeCollection", "parameters": [ { "$ref": "#/components/parameters/collectionId" }, { "$ref": "#/components/parameters/f" } ], "responses": { "200": { "description": "要素集合", "content": { "application/json": { "schema": { "type": "object" } } } }, "404": { "$ref": "#/components/responses/NotFound" } } } },
            "/collections/{collectionId}/items": { "get": { "summary": "要素（分页）", "operationId": "getFeatures", "parameters": [ { "$ref": "#/components/parameters/collectionId" }, { "$ref": "#/components/parameters/bbox" }, { "$ref": "#/components/parameters/limit" }, { "$ref": "#/components/parameters/offset" }, { "$ref": "#/components/parameters/f" } ], "responses": { "200": { "description": "GeoJSON FeatureCollection，含 numberMatched、numberReturned 与 next/prev 链接", "content": { "application/geo+json": { "schema": { "type": "object" } }, "application/json": { "schema": { "type": "object" } } } }, "400": { "$ref": "#/components/responses/BadRequest" }, "404": { "$ref": "#/components/responses/NotFound" } } } },
            "/collections/{collectionId}/items/{featureId}": { "get": { "summary": "单个要素", "operationId": "getFeature", "parameters": [ { "$ref": "#/components/parameters/collectionId" }, { "name": "featureId", "in": "path", "required": true, "description": "要素编码（地块编码或小流域编码）", "schema": { "type": "string" } }, { "$ref": "#/components/parameters/f" } ], "responses": { "200": { "description": "GeoJSON Feature", "content": { "application/geo+json": { "schema": { "type": "object" } }, "application/json": { "schema": { "type": "object" } } } }, "404": { "$ref": "#/components/responses/NotFound" } } } }
          },
          "components": {
            "parameters": {
              "collectionId": { "name": "collectionId", "in": "path", "required": true, "schema": { "type": "string", "enum": [ "watersheds", "plots" ] } },
              "f": { "name": "f", "in": "query", "required": false, "description": "输出格式：json 或 geojson（仅要素）", "schema": { "type": "string", "enum": [ "json", "geojson" ] } },
              "bbox": { "name": "bbox", "in": "query", "required": false, "style": "form", "explode": false, "description": "最小经度,最小纬度,最大经度,最大纬度（CRS84）", "schema": { "type": "array", "minItems": 4, "maxItems": 6, "items": { "type": "number" } } },
              "limit": { "name": "limit", "in": "query", "required": false, "style": "form", "explode": false, "schema": { "type": "integer", "minimum": 1, "maximum": {{max}}, "default": {{default}} } },
              "offset": { "name": "offset", "in": "query", "required": false, "style": "form", "explode": false, "schema": { "type": "integer", "minimum": 0, "default": 0 } }
            },
            "responses": {
              "BadRequest": { "description": "参数无效（ProblemDetails，code 为稳定的错误代码）", "content": { "application/problem+json": { "schema": { "type": "object" } } } },
              "NotFound": { "description": "集合或要素不存在", "content": { "application/problem+json": { "schema": { "type": "object" } } } }
            }
          }
        }
        """;
}
