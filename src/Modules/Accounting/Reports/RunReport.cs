using System.Globalization;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using Qingshan.Valuation;
using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Accounting.Reports;

/// <summary>
/// One value line: quantity × unit price = value, with the price year, source and evidence label (method doc 9), so a
/// reader can recompute it. <see cref="Unit"/> is the unit the quantity is priced in.
/// </summary>
public sealed record ResultLine(
    string PlotCode,
    string LandUseCode,
    string IndicatorCode,
    string IndicatorName,
    ValueCategory Category,
    string Component,
    decimal Quantity,
    string Unit,
    decimal UnitPrice,
    string PriceUnit,
    int PriceYear,
    string ParameterId,
    string Source,
    string Evidence,
    decimal Value)
{
    /// <summary>quantity × unit price, computed here rather than by a spreadsheet formula.</summary>
    public decimal Recomputed => Quantity * UnitPrice;

    public static IEnumerable<ResultLine> From(PlotIndicatorValue v) => v.Lines.Select(l => new ResultLine(
        v.PlotId, v.LandUseCode, v.Indicator.Id.Code, v.Indicator.NameZh, v.Category, l.Component, l.Quantity, l.Price.Unit.Symbol(),
        l.Price.YuanPerUnit, "元/" + l.Price.Unit.Symbol(), l.Price.PriceYear, l.PriceParameter.Id, l.Source, l.Evidence.ToShortForm(), l.Value));
}

/// <summary>What a report says about the run it comes from.</summary>
public sealed record RunReportHeader(string Watershed, int AccountingYear, string MethodId, string ParameterSetVersion, string InputHash, string? ResultHash, string Status)
{
    /// <summary>Content hash (SHA-256) of the parameter set.</summary>
    public string? ParameterSetHash { get; init; }

    public string? PlotSetVersion { get; init; }

    public string? PreparedBy { get; init; }

    public string? ReviewedBy { get; init; }

    public string? ApprovedBy { get; init; }

    public DateTimeOffset? ApprovedAt { get; init; }
}

/// <summary>A run's lines with its header; written as Excel, CSV or JSON.</summary>
public sealed record RunReport(RunReportHeader Header, IReadOnlyList<ResultLine> Lines)
{
    /// <summary>The plots of the run as it saw them (area and land use), for per-plot tables; empty when not loaded.</summary>
    public IReadOnlyList<Inputs.PlotSnapshot> Plots { get; init; } = [];

    /// <summary>The run's warnings (double counting, plausibility), as stored.</summary>
    public IReadOnlyList<Runs.StoredIssue> Warnings { get; init; } = [];

    /// <summary>A line is priced with an illustrative (demo) parameter: the report must carry <see cref="IllustrativeParameters.Warning"/>.</summary>
    public bool IsIllustrative => Lines.Any(l => IllustrativeParameters.IsIllustrative(l.Source));

    public decimal Total => Lines.Sum(l => l.Value);

    public decimal TotalOf(ValueCategory category) => Lines.Where(l => l.Category == category).Sum(l => l.Value);

    public static string CategoryName(ValueCategory category) => category switch
    {
        ValueCategory.MaterialSupply => "物质供给",
        ValueCategory.Regulating => "调节服务",
        ValueCategory.Cultural => "文化服务",
        _ => category.ToString(),
    };

    private static readonly string[] CsvHeader =
        ["category", "plot", "land_use", "indicator", "indicator_name", "component", "quantity", "unit", "unit_price", "price_unit", "price_year", "parameter", "source", "evidence", "value_yuan", "check_quantity_x_price"];

    /// <summary>CSV (UTF-8, invariant numbers, full decimal precision), one row per line.</summary>
    public void WriteCsv(TextWriter writer)
    {
        writer.WriteLine(string.Join(',', CsvHeader));
        foreach (var l in Ordered())
        {
            writer.WriteLine(string.Join(',', new[]
            {
                l.Category.ToString(), l.PlotCode, l.LandUseCode, l.IndicatorCode, l.IndicatorName, l.Component, Num(l.Quantity), l.Unit, Num(l.UnitPrice), l.PriceUnit,
                l.PriceYear.ToString(CultureInfo.InvariantCulture), l.ParameterId, l.Source, l.Evidence, Num(l.Value), Num(l.Recomputed),
            }.Select(Csv)));
        }
    }

    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(writer);
        return writer.ToString();
    }

    /// <summary>JSON: header, totals by category and every line; decimals as JSON numbers at full precision.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        Header,
        Warning = IsIllustrative ? IllustrativeParameters.Warning : null,
        Totals = new
        {
            MaterialSupply = TotalOf(ValueCategory.MaterialSupply),
            Regulating = TotalOf(ValueCategory.Regulating),
            Cultural = TotalOf(ValueCategory.Cultural),
            Total,
        },
        Lines = Ordered().Select(l => new
        {
            l.PlotCode, l.LandUseCode, l.IndicatorCode, l.IndicatorName, Category = l.Category.ToString(), l.Component, l.Quantity, l.Unit, l.UnitPrice,
            l.PriceUnit, l.PriceYear, l.ParameterId, l.Source, l.Evidence, l.Value, l.Recomputed,
        }),
    }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>
    /// Excel: a summary sheet, then one sheet per category with every line and a formula-free check column
    /// (quantity × unit price computed here), closed by the category total.
    /// </summary>
    public void WriteXlsx(Stream stream)
    {
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["汇总"] = Summary(),
        };
        foreach (var category in Enum.GetValues<ValueCategory>())
        {
            var rows = Ordered().Where(l => l.Category == category).Select(Row).ToList();
            rows.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["地块"] = "合计", ["土地利用"] = null, ["指标"] = null, ["分项"] = null, ["功能量"] = null, ["单位"] = null, ["单价"] = null, ["单价单位"] = null,
                ["价格年份"] = null, ["参数"] = null, ["来源"] = null, ["证据等级"] = null, ["价值量(元)"] = TotalOf(category), ["核验:功能量×单价(元)"] = Lines.Where(l => l.Category == category).Sum(l => l.Recomputed),
            });
            sheets[CategoryName(category)] = rows;
        }

        stream.SaveAs(sheets);
    }

    private List<Dictionary<string, object?>> Summary()
    {
        var rows = new List<Dictionary<string, object?>>();
        if (IsIllustrative)
        {
            rows.Add(Pair("警告", IllustrativeParameters.Warning));
        }

        rows.AddRange(new[]
        {
            Pair("小流域", Header.Watershed), Pair("核算年度", Header.AccountingYear), Pair("核算方法", Header.MethodId), Pair("参数集", Header.ParameterSetVersion),
            Pair("输入哈希(SHA-256)", Header.InputHash), Pair("结果哈希(SHA-256)", Header.ResultHash), Pair("状态", Header.Status),
        });
        foreach (var category in Enum.GetValues<ValueCategory>())
        {
            rows.Add(Pair(CategoryName(category) + "(元)", TotalOf(category)));
        }

        rows.Add(Pair("合计(元)", Total));
        return rows;
    }

    private static Dictionary<string, object?> Pair(string item, object? value) =>
        new(StringComparer.Ordinal) { ["项目"] = item, ["值"] = value };

    private static Dictionary<string, object?> Row(ResultLine l) => new(StringComparer.Ordinal)
    {
        ["地块"] = l.PlotCode, ["土地利用"] = l.LandUseCode, ["指标"] = l.IndicatorCode + " " + l.IndicatorName, ["分项"] = l.Component, ["功能量"] = l.Quantity, ["单位"] = l.Unit,
        ["单价"] = l.UnitPrice, ["单价单位"] = l.PriceUnit, ["价格年份"] = l.PriceYear, ["参数"] = l.ParameterId, ["来源"] = l.Source, ["证据等级"] = l.Evidence,
        ["价值量(元)"] = l.Value, ["核验:功能量×单价(元)"] = l.Recomputed,
    };

    private IEnumerable<ResultLine> Ordered() => Lines
        .OrderBy(l => l.Category).ThenBy(l => l.PlotCode, StringComparer.Ordinal).ThenBy(l => l.IndicatorCode, StringComparer.Ordinal).ThenBy(l => l.Component, StringComparer.Ordinal);

    private static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
