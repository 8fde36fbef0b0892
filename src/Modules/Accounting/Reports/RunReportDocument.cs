using System.Globalization;
using Qingshan.Documents;
using Qingshan.Kernel;
using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;

namespace Qingshan.Accounting.Reports;

/// <summary>
/// The printable accounting report (HTML for <see cref="PdfRenderer"/>): header with the run's identity and signatures,
/// totals by category, one line per indicator component with quantity, unit, unit price, price year, evidence label,
/// value and source, so every line recomputes (quantity × price = value, method doc 9), the per-plot table, the
/// warnings and the hashes. Quantities and prices are printed to 6 decimals, values to the fen, so a reader
/// multiplying the printed numbers lands within one fen of the printed value.
/// </summary>
public static class RunReportDocument
{
    public const string Title = "水土保持生态产品价值核算报告";

    private const string Style = """
        body { font-size: 9pt; }
        .warning { border: 2px solid #c62828; color: #c62828; font-weight: 700; font-size: 12pt; padding: 2mm 4mm; margin: 0 0 4mm; text-align: center; }
        td, th { padding: 0.6mm 1.2mm; }
        """;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One printed line: the lines of all plots for one indicator component share one price, so their sums recompute.</summary>
    public sealed record IndicatorLine(ValueCategory Category, string IndicatorCode, string IndicatorName, string Component, decimal Quantity, string Unit,
        decimal UnitPrice, string PriceUnit, int PriceYear, string ParameterId, string Source, string Evidence, decimal Value);

    public static IReadOnlyList<IndicatorLine> IndicatorLines(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Lines
            .GroupBy(l => (l.Category, l.IndicatorCode, l.IndicatorName, l.Component, l.Unit, l.UnitPrice, l.PriceUnit, l.PriceYear, l.ParameterId, l.Source, l.Evidence))
            .Select(g => new IndicatorLine(g.Key.Category, g.Key.IndicatorCode, g.Key.IndicatorName, g.Key.Component, g.Sum(l => l.Quantity), g.Key.Unit,
                g.Key.UnitPrice, g.Key.PriceUnit, g.Key.PriceYear, g.Key.ParameterId, g.Key.Source, g.Key.Evidence, g.Sum(l => l.Value)))
            .OrderBy(l => l.Category).ThenBy(l => l.IndicatorCode, StringComparer.Ordinal).ThenBy(l => l.Component, StringComparer.Ordinal)];
    }

    /// <param name="report">The run's report (with <see cref="RunReport.Plots"/> and <see cref="RunReport.Warnings"/>).</param>
    /// <param name="describe">zh-CN text of a warning's error code (the web's message catalogue).</param>
    /// <param name="statusName">zh-CN name of the run status.</param>
    public static string Html(RunReport report, Func<Error, string> describe, Func<string, string> statusName)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(statusName);
        var h = report.Header;
        var doc = new HtmlDocument(Title + " " + h.Watershed, Style);
        if (report.IsIllustrative)
        {
            doc.Raw("<div class=\"warning\">" + HtmlDocument.Encode(IllustrativeParameters.Warning) + "</div>");
        }

        doc.Heading(Title)
            .Fields(
            [
                ("小流域", h.Watershed),
                ("核算年度", h.AccountingYear.ToString(Invariant)),
                ("核算方法版本", h.MethodId),
                ("参数集版本", h.ParameterSetVersion),
                ("参数集哈希（SHA-256）", h.ParameterSetHash ?? "—"),
                ("状态", statusName(h.Status)),
                ("编制", h.PreparedBy ?? "—"),
                ("审核", h.ReviewedBy ?? "—"),
                ("批准", h.ApprovedBy is null ? "—" : h.ApprovedBy + (h.ApprovedAt is { } at ? "（" + at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", Invariant) + "）" : "")),
            ]);

        doc.Heading("一、价值量汇总", 2);
        var totals = Enum.GetValues<ValueCategory>().Select(c => (IReadOnlyList<string>)[RunReport.CategoryName(c), Yuan(report.TotalOf(c)), Wan(report.TotalOf(c))]).ToList();
        totals.Add(["合计", Yuan(report.Total), Wan(report.Total)]);
        doc.Table(["类别", "价值量（元）", "价值量（万元）"], totals, new HashSet<int> { 1, 2 });

        doc.Heading("二、分指标价值量（功能量 × 单价 = 价值量）", 2);
        doc.Table(["指标", "分项", "功能量", "单位", "单价（元）", "价格年份", "证据", "价值量（元）", "参数与来源"],
            IndicatorLines(report).Select(l => (IReadOnlyList<string>)
            [
                l.IndicatorCode + " " + l.IndicatorName, l.Component, Number(l.Quantity), l.Unit, Number(l.UnitPrice), l.PriceYear.ToString(Invariant),
                l.Evidence, Yuan(l.Value), l.ParameterId + "：" + l.Source,
            ]),
            new HashSet<int> { 2, 4, 5, 7 });
        doc.Paragraph("每行价值量等于该行功能量乘以单价（各地块同一分项使用同一单价，功能量与价值量为各地块之和）；逐地块逐行明细见 Excel 报表。", "muted");

        doc.Heading("三、分地块价值量", 2);
        var areas = report.Plots.ToDictionary(p => p.Code, p => p.AreaHectares, StringComparer.Ordinal);
        var plots = report.Lines.GroupBy(l => (l.PlotCode, l.LandUseCode)).OrderBy(g => g.Key.PlotCode, StringComparer.Ordinal).Select(g =>
        {
            var total = g.Sum(l => l.Value);
            var area = areas.GetValueOrDefault(g.Key.PlotCode);
            return (IReadOnlyList<string>)
            [
                g.Key.PlotCode, g.Key.LandUseCode, area == 0 ? "—" : area.ToString("#,##0.0000", Invariant),
                .. Enum.GetValues<ValueCategory>().Select(c => Yuan(g.Where(l => l.Category == c).Sum(l => l.Value))),
                Yuan(total), area == 0 ? "—" : Yuan(total / area),
            ];
        }).ToList();
        doc.Table(["地块", "土地利用", "面积（公顷）", "物质供给（元）", "调节服务（元）", "文化服务（元）", "合计（元）", "价值密度（元/公顷）"], plots, new HashSet<int> { 2, 3, 4, 5, 6, 7 });

        doc.Heading("四、核验提示", 2);
        if (report.Warnings.Count == 0)
        {
            doc.Paragraph("无");
        }

        foreach (var w in report.Warnings)
        {
            doc.Paragraph("· " + describe(w.ToError()));
        }

        doc.Heading("五、可复现信息", 2);
        doc.Fields(
        [
            ("输入哈希（SHA-256）", h.InputHash),
            ("结果哈希（SHA-256）", h.ResultHash ?? "—"),
            ("地块集版本", h.PlotSetVersion ?? "—"),
            ("明细行数", report.Lines.Count.ToString(Invariant)),
        ]);
        doc.Paragraph("依据相同输入、方法版本与参数集重算，输入哈希、结果哈希与逐行数值均应相同。", "footer");
        return doc.Build();
    }

    public static string Number(decimal value) => value.ToString("#,##0.######", Invariant);

    public static string Yuan(decimal value) => value.ToString("#,##0.00", Invariant);

    private static string Wan(decimal value) => (value / 10_000m).ToString("#,##0.00", Invariant);
}
