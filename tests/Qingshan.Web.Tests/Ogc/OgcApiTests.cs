using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Qingshan.Web.Tests.Ogc;

public sealed class OgcApiTests(OgcServer server) : IClassFixture<OgcServer>
{
    private static readonly string[] PublicPlotFields = ["areaSquareMetres", "code", "landUseCode", "landUseName", "watershedCode"];

    [Fact]
    public async Task Landing_page_links_the_api_definition_conformance_and_collections_without_sign_in()
    {
        using var response = await server.Http.GetAsync("/ogc");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var landing = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var rels = Links(landing).Select(l => l.Rel).ToList();
        Assert.Contains("self", rels);
        Assert.Contains("service-desc", rels);
        Assert.Contains("conformance", rels);
        Assert.Contains("data", rels);
    }

    [Fact]
    public async Task Conformance_declares_core_geojson_and_openapi()
    {
        var conformance = await server.GetJsonAsync("/ogc/conformance");
        var classes = conformance.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30", classes);
    }

    [Fact]
    public async Task Api_definition_is_openapi_3_and_describes_the_items_endpoint()
    {
        using var response = await server.Http.GetAsync("/ogc/api");
        Assert.Equal("application/vnd.oai.openapi+json", response.Content.Headers.ContentType?.MediaType);
        var api = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.0", api.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(api.GetProperty("paths").TryGetProperty("/collections/{collectionId}/items", out _));
        Assert.Equal(1000, api.GetProperty("components").GetProperty("parameters").GetProperty("limit").GetProperty("schema").GetProperty("maximum").GetInt32());
    }

    [Fact]
    public async Task Collections_describe_crs84_extent_and_items_links()
    {
        var collections = await server.GetJsonAsync("/ogc/collections");
        var list = collections.GetProperty("collections").EnumerateArray().ToList();
        Assert.Equal(["watersheds", "plots"], list.Select(c => c.GetProperty("id").GetString()));
        foreach (var c in list)
        {
            Assert.Equal("http://www.opengis.net/def/crs/OGC/1.3/CRS84", c.GetProperty("crs")[0].GetString());
            Assert.Contains("CGCS2000", c.GetProperty("description").GetString(), StringComparison.Ordinal);
            var bbox = c.GetProperty("extent").GetProperty("spatial").GetProperty("bbox")[0].EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.InRange(bbox[0], 119, 120); // the demo county lies around 119.5° E, 41.4° N
            Assert.InRange(bbox[1], 41, 42);
            Assert.Contains(Links(c), l => l.Rel == "items" && l.Type == "application/geo+json");
            Assert.Contains(Links(c), l => l.Rel == "self");
        }

        var one = await server.GetJsonAsync("/ogc/collections/plots");
        Assert.Equal("plots", one.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Items_default_to_100_per_page_and_next_links_walk_every_plot_exactly_once()
    {
        var seen = new List<string>();
        string? next = "/ogc/collections/plots/items";
        var pages = 0;
        while (next is not null)
        {
            using var response = await server.Http.GetAsync(next);
            Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("FeatureCollection", page.GetProperty("type").GetString());
            Assert.Equal(server.PlotCount, page.GetProperty("numberMatched").GetInt32());
            var features = page.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(features.Count, page.GetProperty("numberReturned").GetInt32());
            Assert.True(features.Count <= 100);
            seen.AddRange(features.Select(f => f.GetProperty("id").GetString()!));
            var links = Links(page);
            Assert.Contains(links, l => l.Rel == "self" && l.Type == "application/geo+json");
            Assert.Contains(links, l => l.Rel == "alternate" && l.Type == "application/json");
            Assert.Contains(links, l => l.Rel == "collection");
            Assert.Equal(pages > 0, links.Any(l => l.Rel == "prev"));
            next = links.FirstOrDefault(l => l.Rel == "next")?.Href;
            pages++;
        }

        Assert.Equal((server.PlotCount + 99) / 100, pages);
        Assert.Equal(server.PlotCount, seen.Count);
        Assert.Equal(server.PlotCount, seen.Distinct().Count());
    }

    [Fact]
    public async Task Prev_link_of_a_middle_page_points_one_page_back()
    {
        var page = await server.GetJsonAsync("/ogc/collections/plots/items?limit=10&offset=25");
        var prev = Links(page).Single(l => l.Rel == "prev").Href;
        var next = Links(page).Single(l => l.Rel == "next").Href;
        Assert.Contains("limit=10", prev, StringComparison.Ordinal);
        Assert.Contains("offset=15", prev, StringComparison.Ordinal);
        Assert.Contains("offset=35", next, StringComparison.Ordinal);
        Assert.Equal(10, page.GetProperty("numberReturned").GetInt32());
    }

    [Fact]
    public async Task Limit_above_the_maximum_is_capped_at_1000()
    {
        var page = await server.GetJsonAsync("/ogc/collections/plots/items?limit=50000");
        Assert.Equal(Math.Min(1000, server.PlotCount), page.GetProperty("numberReturned").GetInt32());
    }

    [Fact]
    public async Task Bbox_returns_only_features_whose_extent_meets_the_box_and_keeps_the_filter_in_next_links()
    {
        var first = (await server.GetJsonAsync("/ogc/collections/plots/items?limit=1")).GetProperty("features")[0];
        var (x, y) = FirstVertex(first.GetProperty("geometry"));
        var box = string.Create(CultureInfo.InvariantCulture, $"{x - 0.01},{y - 0.01},{x + 0.01},{y + 0.01}");

        var page = await server.GetJsonAsync($"/ogc/collections/plots/items?limit=5&bbox={box}");
        var matched = page.GetProperty("numberMatched").GetInt32();
        Assert.InRange(matched, 1, server.PlotCount - 1);
        var all = await server.GetJsonAsync($"/ogc/collections/plots/items?limit=1000&bbox={box}");
        var features = all.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(matched, features.Count);
        Assert.Contains(features, f => f.GetProperty("id").GetString() == first.GetProperty("id").GetString());
        Assert.All(features, f => Assert.True(Intersects(f.GetProperty("geometry"), x - 0.01, y - 0.01, x + 0.01, y + 0.01)));
        if (matched > 5)
        {
            Assert.Contains("bbox=", Links(page).Single(l => l.Rel == "next").Href, StringComparison.Ordinal);
        }

        var watersheds = await server.GetJsonAsync($"/ogc/collections/watersheds/items?bbox={box}");
        Assert.InRange(watersheds.GetProperty("numberMatched").GetInt32(), 1, 2);
        var far = await server.GetJsonAsync("/ogc/collections/plots/items?bbox=100,20,101,21");
        Assert.Equal(0, far.GetProperty("numberMatched").GetInt32());
        Assert.Empty(far.GetProperty("features").EnumerateArray());
    }

    [Theory]
    [InlineData("bbox=1,2,3", "ogc.bbox.invalid")]
    [InlineData("bbox=a,b,c,d", "ogc.bbox.invalid")]
    [InlineData("bbox=119,42,120,41", "ogc.bbox.invalid")]
    [InlineData("bbox=170,0,190,10", "ogc.bbox.invalid")]
    [InlineData("bbox=120,41,119,42", "ogc.bbox.invalid")]
    [InlineData("limit=0", "ogc.limit.invalid")]
    [InlineData("limit=-5", "ogc.limit.invalid")]
    [InlineData("limit=ten", "ogc.limit.invalid")]
    [InlineData("offset=-1", "ogc.offset.invalid")]
    [InlineData("f=xml", "ogc.format.unsupported")]
    public async Task Bad_query_parameters_are_a_400_problem_with_a_stable_code(string query, string code)
    {
        using var response = await server.Http.GetAsync($"/ogc/collections/plots/items?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData("/ogc/collections/holders", "ogc.collection.not_found")]
    [InlineData("/ogc/collections/holders/items", "ogc.collection.not_found")]
    [InlineData("/ogc/collections/plots/items/NO-SUCH-PLOT", "ogc.feature.not_found")]
    [InlineData("/ogc/collections/watersheds/items/NO-SUCH-WATERSHED", "ogc.feature.not_found")]
    public async Task Unknown_collections_and_features_are_a_404_problem(string path, string code)
    {
        using var response = await server.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_single_feature_is_found_by_its_code_with_self_and_collection_links()
    {
        var code = (await server.GetJsonAsync("/ogc/collections/plots/items?limit=1&offset=7")).GetProperty("features")[0].GetProperty("id").GetString();
        using var response = await server.Http.GetAsync($"/ogc/collections/plots/items/{code}");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var feature = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Feature", feature.GetProperty("type").GetString());
        Assert.Equal(code, feature.GetProperty("id").GetString());
        Assert.Contains(Links(feature), l => l.Rel == "self" && l.Href.EndsWith($"/ogc/collections/plots/items/{code}", StringComparison.Ordinal));
        Assert.Contains(Links(feature), l => l.Rel == "collection");

        var watershed = await server.GetJsonAsync("/ogc/collections/watersheds/items/211322-STQJ-002");
        Assert.Equal("MultiPolygon", watershed.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal("运营中", watershed.GetProperty("properties").GetProperty("statusName").GetString());
    }

    [Fact]
    public async Task F_json_answers_application_json_with_the_same_features()
    {
        using var geo = await server.Http.GetAsync("/ogc/collections/watersheds/items");
        using var json = await server.Http.GetAsync("/ogc/collections/watersheds/items?f=json");
        Assert.Equal("application/geo+json", geo.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        var a = JsonDocument.Parse(await geo.Content.ReadAsStringAsync()).RootElement.GetProperty("numberMatched").GetInt32();
        var b = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, a);
        Assert.Equal(a, b.GetProperty("numberMatched").GetInt32());
        Assert.Contains(Links(b), l => l.Rel == "self" && l.Type == "application/json" && l.Href.Contains("f=json", StringComparison.Ordinal));
        Assert.Contains(Links(b), l => l.Rel == "alternate" && l.Type == "application/geo+json");
    }

    [Fact]
    public async Task Public_output_carries_no_holder_names_id_numbers_phones_or_rights_status()
    {
        Assert.NotEmpty(server.PersonalValues);
        var texts = new List<string>();
        foreach (var path in new[] { "/ogc/collections/plots/items?limit=1000", "/ogc/collections/watersheds/items", "/ogc/collections", "/ogc/api" })
        {
            texts.Add(await server.Http.GetStringAsync(path));
        }

        foreach (var text in texts)
        {
            foreach (var value in server.PersonalValues)
            {
                Assert.DoesNotContain(value, text, StringComparison.Ordinal);
            }
        }

        var plots = JsonDocument.Parse(texts[0]).RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(server.PlotCount, plots.Count);
        Assert.All(plots, p => Assert.Equal(PublicPlotFields, p.GetProperty("properties").EnumerateObject().Select(x => x.Name).Order()));
        foreach (var status in new[] { "未确权", "已确权", "有争议", "已抵押", "Disputed", "Pledged" })
        {
            Assert.DoesNotContain(status, texts[0], StringComparison.Ordinal);
        }
    }

    private sealed record Link(string Href, string Rel, string? Type);

    private static List<Link> Links(JsonElement e) => e.GetProperty("links").EnumerateArray()
        .Select(l => new Link(l.GetProperty("href").GetString()!, l.GetProperty("rel").GetString()!, l.TryGetProperty("type", out var t) ? t.GetString() : null)).ToList();

    private static (double X, double Y) FirstVertex(JsonElement geometry)
    {
        var p = geometry.GetProperty("coordinates")[0][0][0];
        return (p[0].GetDouble(), p[1].GetDouble());
    }

    private static bool Intersects(JsonElement geometry, double minX, double minY, double maxX, double maxY)
    {
        var points = geometry.GetProperty("coordinates").EnumerateArray().SelectMany(poly => poly.EnumerateArray()).SelectMany(ring => ring.EnumerateArray())
            .Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
        return points.Max(p => p.X) >= minX && points.Min(p => p.X) <= maxX && points.Max(p => p.Y) >= minY && points.Min(p => p.Y) <= maxY;
    }
}
