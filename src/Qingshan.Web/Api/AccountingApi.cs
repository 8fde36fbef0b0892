using NetTopologySuite.Features;
using Qingshan.Accounting.Reports;
using Qingshan.Accounting.Runs;
using Qingshan.Documents;
using Qingshan.Registry.Plots;
using Qingshan.Web.Components.Pages.Accounting;
using Qingshan.Web.Errors;
using Qingshan.Web.Security;

namespace Qingshan.Web.Api;

/// <summary>Accounting downloads and progress (scoped to the caller's region: a run outside it is a 404).</summary>
public static class AccountingApi
{
    public static void MapAccountingApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/accounting").RequireAuthorization(Policies.RegistryRead);
        group.MapGet("/runs/{id:guid}/progress", async (Guid id, AccountingRunQueries runs, CancellationToken ct) =>
            await runs.ProgressAsync(id, ct) is { } p ? Results.Ok(new { p.Id, Status = p.Status.ToString(), p.Percent, p.IsFinished }) : Results.NotFound());
        group.MapGet("/runs/{id:guid}/report.xlsx", async (Guid id, AccountingRunQueries runs, CancellationToken ct) =>
        {
            if (await runs.ReportAsync(id, ct) is not { } report)
            {
                return Results.NotFound();
            }

            var stream = new MemoryStream();
            report.WriteXlsx(stream);
            stream.Position = 0;
            return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"accounting-{id}.xlsx");
        });
        group.MapGet("/runs/{id:guid}/report.csv", async (Guid id, AccountingRunQueries runs, CancellationToken ct) =>
            await runs.ReportAsync(id, ct) is { } report
                ? Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(report.ToCsv())).ToArray(), "text/csv; charset=utf-8", $"accounting-{id}.csv")
                : Results.NotFound());
        group.MapGet("/runs/{id:guid}/report.pdf", async (Guid id, AccountingRunQueries runs, PdfRenderer renderer, CancellationToken ct) =>
        {
            if (await runs.ReportAsync(id, ct) is not { } report)
            {
                return Results.NotFound();
            }

            var html = RunReportDocument.Html(report, ErrorMessages.For, s => Enum.TryParse<RunStatus>(s, out var status) ? AccountingLabels.Of(status) : s);
            var pdf = await renderer.RenderAsync(html, ct);
            return pdf.IsSuccess
                ? Results.File(pdf.Value, "application/pdf", $"accounting-{id}.pdf")
                : Results.Problem(statusCode: 503, title: ErrorMessages.For(pdf.Error!), extensions: new Dictionary<string, object?> { ["code"] = pdf.Error!.Code });
        });
        group.MapGet("/runs/{id:guid}/value-density.geojson", async (Guid id, AccountingRunQueries runs, PlotQueries plots, CancellationToken ct) =>
        {
            if (await runs.ValueDensityAsync(id, ct) is not { } density)
            {
                return Results.NotFound();
            }

            var byCode = density.Plots.ToDictionary(p => p.PlotCode, StringComparer.Ordinal);
            var collection = new FeatureCollection();
            foreach (var f in await plots.FeaturesAsync(null, null, ct))
            {
                if (byCode.TryGetValue(f.Code, out var d))
                {
                    collection.Add(new Feature(f.Geometry, new AttributesTable
                    {
                        { "id", f.Id }, { "code", f.Code }, { "name", f.Name }, { "watershed", f.WatershedCode }, { "landUse", f.LandUseCode }, { "landUseName", f.LandUseName },
                        { "areaSquareMetres", Math.Round(f.AreaSquareMetres, 2) }, { "status", f.Status.ToString() },
                        { "valueYuan", Math.Round(d.ValueYuan, 2) }, { "valuePerHectare", Math.Round(d.YuanPerHectare, 2) }, { "densityClass", d.Class.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    }));
                }
            }

            return Results.Json(collection, RegistryApi.GeoJson, "application/geo+json");
        });
        group.MapGet("/runs/{id:guid}/report.json", async (Guid id, AccountingRunQueries runs, CancellationToken ct) =>
            await runs.ReportAsync(id, ct) is { } report ? Results.Text(report.ToJson(), "application/json; charset=utf-8") : Results.NotFound());
    }
}
