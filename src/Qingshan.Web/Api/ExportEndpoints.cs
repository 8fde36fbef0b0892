using Qingshan.Registry.Exports;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Imports;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Rights;
using Qingshan.Web.Security;

namespace Qingshan.Web.Api;

/// <summary>
/// File downloads of the registry: list exports (read, scoped to the caller) and import templates (edit).
/// Files go out with <c>Content-Disposition: attachment</c> carrying both an ASCII <c>filename</c> and a UTF-8
/// <c>filename*</c> (RFC 6266 / RFC 8187), so Chinese file names survive every browser.
/// </summary>
public static class ExportEndpoints
{
    public static void MapExportEndpoints(this WebApplication app)
    {
        var export = app.MapGroup("/api/registry/export").RequireAuthorization(Policies.RegistryRead);
        export.MapGet("/holders.xlsx", async (string? search, HolderKind? kind, RegistryExports exports, CancellationToken ct) =>
            Download(await exports.HoldersAsync(search, kind, ct)));
        export.MapGet("/plots.xlsx", async (Guid? watershed, string? landUse, RightsStatus? status, string? search, RegistryExports exports, CancellationToken ct) =>
            Download(await exports.PlotsAsync(new PlotFilter(watershed, landUse, status, search), ct)));
        export.MapGet("/watersheds.xlsx", async (string? search, RegistryExports exports, CancellationToken ct) =>
            Download(await exports.WatershedsAsync(search, ct)));
        export.MapGet("/plots.geojson", async (Guid? watershed, RegistryExports exports, CancellationToken ct) =>
            Download(await exports.PlotsGeoJsonAsync(watershed, ct)));

        var import = app.MapGroup("/api/registry/import").RequireAuthorization(Policies.RegistryEdit);
        import.MapGet("/template/{template}", (ImportTemplate template, DownloadTemplateHandler templates) =>
        {
            var file = templates.Handle(new DownloadTemplate(template));
            return Results.File(file.Content, DownloadTemplateHandler.ContentType, file.FileName);
        });
    }

    private static IResult Download(ExportFile file) => Results.File(file.Content, file.ContentType, file.FileName);
}
