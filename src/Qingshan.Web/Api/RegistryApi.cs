using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Rights;
using Qingshan.Web.Security;

namespace Qingshan.Web.Api;

/// <summary>JSON endpoints of the back office (scoped to the caller's region).</summary>
public static class RegistryApi
{
    public static readonly JsonSerializerOptions GeoJson = CreateGeoJsonOptions();

    public static void MapRegistryApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/registry").RequireAuthorization(Policies.RegistryRead);
        group.MapGet("/plots.geojson", async (Guid? watershed, PlotQueries plots, CancellationToken ct) =>
        {
            var features = await plots.FeaturesAsync(watershed, null, ct);
            return Results.Json(ToCollection(features), GeoJson, "application/geo+json");
        });
        group.MapGet("/plots/{id:guid}/tradability", async (Guid id, CheckTradabilityHandler check, CancellationToken ct) =>
        {
            var result = (await check.HandleAsync([id], ct))[0];
            return result.PlotCode.Length == 0
                ? Results.NotFound()
                : Results.Ok(new { result.PlotId, result.PlotCode, Status = result.Status.ToString(), result.IsTradable, Reasons = result.Reasons.Select(r => new { r.Code, Message = Errors.ErrorMessages.For(r) }) });
        });
    }

    public static FeatureCollection ToCollection(IEnumerable<PlotFeature> features)
    {
        var collection = new FeatureCollection();
        foreach (var f in features)
        {
            collection.Add(new Feature(f.Geometry, new AttributesTable
            {
                { "id", f.Id },
                { "code", f.Code },
                { "name", f.Name },
                { "watershed", f.WatershedCode },
                { "landUse", f.LandUseCode },
                { "landUseName", f.LandUseName },
                { "areaSquareMetres", Math.Round(f.AreaSquareMetres, 2) },
                { "status", f.Status.ToString() },
            }));
        }

        return collection;
    }

    private static JsonSerializerOptions CreateGeoJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }
}
