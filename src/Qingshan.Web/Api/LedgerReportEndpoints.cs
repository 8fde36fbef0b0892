using Qingshan.Distribution.Reports;
using Qingshan.Kernel;
using Qingshan.Web.Errors;
using Qingshan.Web.Security;

namespace Qingshan.Web.Api;

/// <summary>
/// Downloads of the ledger's reports (finance and the other ledger readers, scoped to the caller's region):
/// <c>/api/ledger/reports/{journal|trial-balance|deal-statement|county-funds}.{xlsx|pdf}?county=&amp;deal=&amp;from=&amp;to=</c>.
/// A region outside the caller's scope is 403, a deal outside it 404.
/// </summary>
public static class LedgerReportEndpoints
{
    private static readonly Dictionary<string, LedgerReportKind> Kinds = new(StringComparer.Ordinal)
    {
        ["journal"] = LedgerReportKind.Journal,
        ["trial-balance"] = LedgerReportKind.TrialBalance,
        ["deal-statement"] = LedgerReportKind.DealStatement,
        ["county-funds"] = LedgerReportKind.CountyFunds,
    };

    public static void MapLedgerReportEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/ledger/reports").RequireAuthorization(Policies.LedgerRead);
        group.MapGet("/{report}.xlsx", async (string report, string? county, Guid? deal, DateOnly? from, DateOnly? to, LedgerReports reports, CancellationToken ct) =>
        {
            if (!Kinds.TryGetValue(report, out var kind))
            {
                return Results.NotFound();
            }

            var built = await reports.BuildAsync(new LedgerReportRequest(kind, county, deal, from, to), ct);
            return built.IsSuccess
                ? Results.File(LedgerReports.ToXlsx(built.Value), LedgerReports.XlsxType, built.Value.FileStem + ".xlsx")
                : Refusal(built.Error!);
        });
        group.MapGet("/{report}.pdf", async (string report, string? county, Guid? deal, DateOnly? from, DateOnly? to, LedgerReports reports, CancellationToken ct) =>
        {
            if (!Kinds.TryGetValue(report, out var kind))
            {
                return Results.NotFound();
            }

            var built = await reports.BuildAsync(new LedgerReportRequest(kind, county, deal, from, to), ct);
            if (built.IsFailure)
            {
                return Refusal(built.Error!);
            }

            var pdf = await reports.ToPdfAsync(built.Value, ct);
            return pdf.IsSuccess
                ? Results.File(pdf.Value, "application/pdf", built.Value.FileStem + ".pdf")
                : Results.Problem(statusCode: 503, title: ErrorMessages.For(pdf.Error!), extensions: new Dictionary<string, object?> { ["code"] = pdf.Error!.Code });
        });
    }

    private static IResult Refusal(Error error) => Results.Problem(
        statusCode: error.Code switch
        {
            "distribution.report.out_of_scope" => StatusCodes.Status403Forbidden,
            "distribution.report.deal_not_found" => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        },
        title: ErrorMessages.For(error),
        extensions: new Dictionary<string, object?> { ["code"] = error.Code });
}
