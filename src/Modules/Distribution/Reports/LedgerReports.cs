using System.Data;
using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Qingshan.Documents;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;
using Qingshan.Registry.Imports;
using Qingshan.Trading.Deals;

namespace Qingshan.Distribution.Reports;

public enum LedgerReportKind
{
    /// <summary>日记账: entries with their postings.</summary>
    Journal,

    /// <summary>试算平衡表: every account's balance, debit and credit columns.</summary>
    TrialBalance,

    /// <summary>交易资金明细: one deal's entries.</summary>
    DealStatement,

    /// <summary>县级反哺资金余额.</summary>
    CountyFunds,
}

/// <summary>What a report covers: a region (code prefix inside the reader's scope), a deal, and posting dates (China time, both inclusive).</summary>
public sealed record LedgerReportRequest(LedgerReportKind Kind, string? County = null, Guid? DealId = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// A finished report, printable and exportable alike: cells are text or <see cref="Money"/>. <see cref="Debits"/> and
/// <see cref="Credits"/> are the totals of the debit and credit columns (null for a report without them).
/// </summary>
public sealed record LedgerReport(
    LedgerReportKind Kind, string Title, string FileStem, IReadOnlyList<(string Label, string Value)> Scope, DateTimeOffset GeneratedAt,
    IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows, object?[] Total, Money? Debits, Money? Credits)
{
    public bool Balances => Debits == Credits;
}

/// <summary>
/// The ledger's reports — journal, trial balance, per-deal statement, per-county fund balances — as .xlsx (zh-CN
/// headers, amounts in yuan to the fen, text cells neutralised against formulas) and as PDF through
/// <see cref="PdfRenderer"/>. Everything is read through the scoped ledger queries: a region outside the reader's
/// scope is refused, a deal outside it does not exist.
/// </summary>
public sealed class LedgerReports(LedgerQueries ledger, DealQueries deals, ActorContext actor, PdfRenderer renderer, TimeProvider clock)
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async Task<Result<LedgerReport>> BuildAsync(LedgerReportRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = actor.Current.Scope;
        var county = string.IsNullOrWhiteSpace(request.County) ? null : request.County.Trim();
        if (county is not null && (!county.All(char.IsAsciiDigit) || county.Length is < 2 or > 12 || !scope.Includes(county)))
        {
            return DistributionErrors.ReportOutOfScope(county);
        }

        if (request.From is { } f0 && request.To is { } t0 && t0 < f0)
        {
            return DistributionErrors.ReportPeriodInvalid();
        }

        var dealRows = await deals.ListAsync(ct);
        var dealCodes = dealRows.ToDictionary(d => d.Id, d => d.Code);
        string? dealCode = null;
        if (request.DealId is { } dealId)
        {
            if (!dealCodes.TryGetValue(dealId, out dealCode))
            {
                return DistributionErrors.ReportDealNotFound(dealId.ToString());
            }
        }
        else if (request.Kind == LedgerReportKind.DealStatement)
        {
            return DistributionErrors.ReportDealRequired();
        }

        var now = clock.GetUtcNow();
        var fields = new List<(string, string)>
        {
            ("范围", county ?? (scope.IsAll ? "全部" : scope.Prefix)),
        };
        if (dealCode is not null)
        {
            fields.Add(("交易编号", dealCode));
        }

        if (request.From is not null || request.To is not null)
        {
            fields.Add(("记账日期", $"{request.From?.ToString("yyyy-MM-dd", Invariant) ?? "起始"} 至 {request.To?.ToString("yyyy-MM-dd", Invariant) ?? "今"}"));
        }

        fields.Add(("生成时间", now.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", Invariant) + "（北京时间）"));
        fields.Add(("生成人", actor.Current.UserName));
        string Deal(Guid? id) => id is { } d ? dealCodes.GetValueOrDefault(d, d.ToString("N")[..8]) : "";
        var stamp = now.ToOffset(ChinaOffset).ToString("yyyyMMdd-HHmm", Invariant);

        switch (request.Kind)
        {
            case LedgerReportKind.Journal or LedgerReportKind.DealStatement:
            {
                DateTimeOffset? from = request.From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), ChinaOffset) : null;
                DateTimeOffset? to = request.To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset) : null;
                var journal = await ledger.JournalAsync(county, request.DealId, from, to, ct);
                string[] headers = ["凭证号", "记账时间", "业务编号", "摘要", "交易编号", "账户", "科目", "借方（元）", "贷方（元）"];
                var rows = journal.SelectMany(e => e.Lines.Select(l => new object?[]
                {
                    e.EntryId.ToString(Invariant), e.PostedAt.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", Invariant), e.BusinessKey, e.Description,
                    Deal(e.DealId), l.AccountCode, LedgerLabels.Of(l.Kind),
                    l.Amount.Fen > 0 ? l.Amount : null, l.Amount.Fen < 0 ? -l.Amount : null,
                })).ToList();
                var debits = new Money(journal.Sum(e => e.Lines.Where(l => l.Amount.Fen > 0).Sum(l => l.Amount.Fen)));
                var credits = new Money(-journal.Sum(e => e.Lines.Where(l => l.Amount.Fen < 0).Sum(l => l.Amount.Fen)));
                var title = request.Kind == LedgerReportKind.Journal ? "资金日记账" : "交易资金明细账";
                var stem = request.Kind == LedgerReportKind.Journal ? "资金日记账" : $"交易资金明细账_{dealCode}";
                return new LedgerReport(request.Kind, title, $"{stem}_{stamp}", fields, now, headers, rows,
                    [$"合计（{journal.Count} 笔凭证）", null, null, null, null, null, null, debits, credits], debits, credits);
            }

            case LedgerReportKind.TrialBalance:
            {
                var balances = (await ledger.TrialBalanceAsync(ct)).Where(b => county is null || b.RegionCode.StartsWith(county, StringComparison.Ordinal))
                    .Where(b => request.DealId is null || b.DealId == request.DealId).ToList();
                string[] headers = ["账户", "科目", "区划", "交易编号", "状态", "借方余额（元）", "贷方余额（元）"];
                var rows = balances.Select(b => new object?[]
                {
                    b.Code, LedgerLabels.Of(b.Kind), b.RegionCode, Deal(b.DealId), b.IsFrozen ? "已封存" : "",
                    b.Balance.Fen > 0 ? b.Balance : null, b.Balance.Fen < 0 ? -b.Balance : null,
                }).ToList();
                var debits = new Money(balances.Where(b => b.Balance.Fen > 0).Sum(b => b.Balance.Fen));
                var credits = new Money(-balances.Where(b => b.Balance.Fen < 0).Sum(b => b.Balance.Fen));
                return new LedgerReport(request.Kind, "试算平衡表", $"试算平衡表_{stamp}", fields, now, headers, rows,
                    [$"合计（{balances.Count} 个账户）", null, null, null, null, debits, credits], debits, credits);
            }

            default:
            {
                var balances = (await ledger.TrialBalanceAsync(ct)).Where(b => county is null || b.RegionCode.StartsWith(county, StringComparison.Ordinal))
                    .Where(b => b.Kind is AccountKind.ErosionControlFund or AccountKind.MaintenanceFund).ToList();
                string[] headers = ["区划", "水土流失治理资金（元）", "管护资金（元）", "合计（元）"];
                var byRegion = balances.GroupBy(b => b.RegionCode).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
                {
                    var erosion = new Money(g.Where(b => b.Kind == AccountKind.ErosionControlFund).Sum(b => b.Balance.Fen));
                    var maintenance = new Money(g.Where(b => b.Kind == AccountKind.MaintenanceFund).Sum(b => b.Balance.Fen));
                    return (Region: g.Key, Erosion: erosion, Maintenance: maintenance);
                }).ToList();
                var rows = byRegion.Select(r => new object?[] { r.Region, r.Erosion, r.Maintenance, r.Erosion + r.Maintenance }).ToList();
                var erosionTotal = new Money(byRegion.Sum(r => r.Erosion.Fen));
                var maintenanceTotal = new Money(byRegion.Sum(r => r.Maintenance.Fen));
                return new LedgerReport(request.Kind, "县级反哺资金余额表", $"县级反哺资金余额表_{stamp}", fields, now, headers, rows,
                    ["合计", erosionTotal, maintenanceTotal, erosionTotal + maintenanceTotal], null, null);
            }
        }
    }

    /// <summary>The report as .xlsx: the table with its total lines on the first sheet, the scope and generation time on 说明.</summary>
    public static byte[] ToXlsx(LedgerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new DataTable(report.Title) { Locale = Invariant };
        foreach (var h in report.Headers)
        {
            table.Columns.Add(h, typeof(object));
        }

        foreach (var row in report.Rows.Append(report.Total))
        {
            table.Rows.Add(row.Select(Cell).ToArray());
        }

        if (report.Debits is { } d && report.Credits is { } c)
        {
            var line = new object?[report.Headers.Count];
            line[0] = BalanceLine(d, c);
            table.Rows.Add(line.Select(Cell).ToArray());
        }

        var about = new DataTable("说明") { Locale = Invariant };
        about.Columns.Add("项目", typeof(object));
        about.Columns.Add("内容", typeof(object));
        about.Rows.Add(Cell("报表"), Cell(report.Title));
        foreach (var (label, value) in report.Scope)
        {
            about.Rows.Add(Cell(label), Cell(value));
        }

        about.Rows.Add(Cell("金额单位"), Cell("元（精确到分）"));
        var book = new Dictionary<string, object>(StringComparer.Ordinal) { [report.Title] = table, ["说明"] = about };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, book, printHeader: true, excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration { FastMode = true, EnableAutoWidth = true, FreezeRowCount = 1 });
        return stream.ToArray();
    }

    /// <summary>The report printed: title, scope, the table with amounts in figures, totals and the debit = credit line.</summary>
    public static string ToHtml(LedgerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var wide = report.Headers.Count > 7;
        var doc = new HtmlDocument(report.Title, wide ? "@page { size: A4 landscape; } body { font-size: 8.5pt; } th { white-space: nowrap; }" : "");
        var numeric = new HashSet<int>(Enumerable.Range(0, report.Headers.Count).Where(i => report.Rows.Concat([report.Total]).Any(r => r[i] is Money)));
        doc.Heading(report.Title).Fields([.. report.Scope, ("金额单位", "元")]);
        doc.Table(report.Headers, report.Rows.Append(report.Total).Select(r => (IReadOnlyList<string>)r.Select(Text).ToList()), numeric);
        if (report.Debits is { } d && report.Credits is { } c)
        {
            doc.Paragraph(BalanceLine(d, c));
        }

        doc.Paragraph("本表由青山平台根据总账记录生成；金额以分为单位记账，按元列示。", "footer");
        return doc.Build();
    }

    public async Task<Result<byte[]>> ToPdfAsync(LedgerReport report, CancellationToken ct = default) => await renderer.RenderAsync(ToHtml(report), ct);

    /// <summary>借方合计 = 贷方合计 (or the difference when they do not balance).</summary>
    public static string BalanceLine(Money debits, Money credits) =>
        debits == credits
            ? $"借方合计 {Figures(debits)} 元 = 贷方合计 {Figures(credits)} 元，借贷平衡"
            : $"借方合计 {Figures(debits)} 元 ≠ 贷方合计 {Figures(credits)} 元，差额 {Figures(debits - credits)} 元";

    /// <summary>An amount in figures: 1,234,567.89.</summary>
    public static string Figures(Money m) => m.Yuan.ToString("N2", Invariant);

    private static object Cell(object? value) => value switch
    {
        null => DBNull.Value,
        Money m => Math.Round(m.Yuan, 2),
        string s => ImportText.Neutralise(s),
        _ => value,
    };

    private static string Text(object? value) => value switch
    {
        null => "",
        Money m => Figures(m),
        _ => Convert.ToString(value, Invariant) ?? "",
    };
}

/// <summary>zh-CN names of the ledger's account kinds (pages and reports).</summary>
public static class LedgerLabels
{
    public static string Of(AccountKind kind) => kind switch
    {
        AccountKind.BankClearing => "银行清算",
        AccountKind.DepositsHeld => "保证金（代管）",
        AccountKind.Receivable => "应收成交价款",
        AccountKind.UncollectedPrice => "未收价款",
        AccountKind.Proceeds => "成交价款（已收）",
        AccountKind.TransactionCosts => "交易成本",
        AccountKind.TransferorShare => "出让方收益",
        AccountKind.CollectiveShare => "村集体收益",
        AccountKind.HouseholdShare => "农户收益",
        AccountKind.ErosionControlFund => "水土流失治理资金",
        AccountKind.MaintenanceFund => "管护资金",
        AccountKind.Refunds => "已退回",
        _ => "已支付",
    };
}
