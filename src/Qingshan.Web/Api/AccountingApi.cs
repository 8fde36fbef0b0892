using Qingshan.Accounting.Runs;
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
        group.MapGet("/runs/{id:guid}/report.json", async (Guid id, AccountingRunQueries runs, CancellationToken ct) =>
            await runs.ReportAsync(id, ct) is { } report ? Results.Text(report.ToJson(), "application/json; charset=utf-8") : Results.NotFound());
    }
}
