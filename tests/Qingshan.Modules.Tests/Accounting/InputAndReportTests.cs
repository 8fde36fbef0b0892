using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Qingshan.Accounting.Inputs;
using Qingshan.Accounting.Runs;
using Qingshan.Tests.Support;
using Qingshan.Valuation.Engine;

namespace Qingshan.Tests.Accounting;

public sealed class InputAndReportTests
{
    [Theory]
    [InlineData("plot_code,soil_retained_tonnes\nP-1,NaN\n", "accounting.input.value_invalid", "P-1")]
    [InlineData("plot_code,soil_retained_tonnes\nP-1,Infinity\n", "accounting.input.value_invalid", "P-1")]
    [InlineData("plot_code,soil_retained_tonnes\nP-1,12\nP-2,-3\n", "accounting.input.value_negative", "P-2")]
    [InlineData("plot_code,soil_retained_tonnes\nP-1,1\nP-1,2\n", "accounting.input.plot_duplicate", "P-1")]
    [InlineData("plot_code,soil_kept\nP-1,1\n", "accounting.input.column_unknown", null)]
    [InlineData("code,soil_retained_tonnes\nP-1,1\n", "accounting.input.plot_code_missing", null)]
    [InlineData("plot_code,soil_retained_tonnes\n", "accounting.input.empty", null)]
    public async Task A_bad_plot_table_is_refused_naming_the_plot(string csv, string code, string? target)
    {
        var result = await PlotTable.FromBytes("t.csv", Encoding.UTF8.GetBytes(csv)).ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(code, result.Error?.Code);
        Assert.Equal(target, result.Error?.Target);
    }

    [Fact]
    public async Task A_plot_table_reads_quantities_products_and_quoted_fields_from_csv_and_excel()
    {
        var csv = "地块编码,SoilRetainedTonnes,visits,product:M1:pomelo:t,area_hectares,land_use\n\"P-1\",\"1,5\",3,2.5,1.25,0301\n";
        var fromCsv = await PlotTable.FromBytes("t.csv", Encoding.UTF8.GetBytes(csv.Replace("\"1,5\"", "1.5", StringComparison.Ordinal))).ReadAsync(TestContext.Current.CancellationToken);
        Assert.True(fromCsv.IsSuccess, fromCsv.Error?.ToString());
        var p = Assert.Single(fromCsv.Value.Plots);
        Assert.Equal(1.5m, p.Quantities[InputKind.SoilRetainedTonnes]);
        Assert.Equal(3m, p.Quantities[InputKind.Visits]);
        Assert.Equal(2.5m, Assert.Single(p.Products).Quantity);
        Assert.Equal(1.25m, p.AreaHectares);
        Assert.Equal("0301", p.LandUseCode);
        Assert.Equal(InputLayerKind.PlotTable, fromCsv.Value.Kind);
        Assert.Equal(["P-1", "1,5", "3"], PlotTable.SplitCsv("\"P-1\",\"1,5\",3"));

        using var xlsx = new MemoryStream();
        xlsx.SaveAs(new[] { new Dictionary<string, object> { ["plot_code"] = "P-1", ["soil_retained_tonnes"] = 1.5m, ["visits"] = 3 } });
        var fromExcel = await PlotTable.FromBytes("t.xlsx", xlsx.ToArray()).ReadAsync(TestContext.Current.CancellationToken);
        Assert.True(fromExcel.IsSuccess, fromExcel.Error?.ToString());
        Assert.Equal(1.5m, fromExcel.Value.Plots[0].Quantities[InputKind.SoilRetainedTonnes]);
    }

    [Fact]
    public async Task The_excel_report_has_a_sheet_per_category_whose_lines_and_check_column_add_up_to_the_total()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var world = await AccountingWorld.CreateAsync(platform);
        var id = await world.ComputedRunAsync();
        var report = (await platform.RunAsync(AccountingWorld.Preparer, sp => sp.GetRequiredService<AccountingRunQueries>().ReportAsync(id)))!;

        using var stream = new MemoryStream();
        report.WriteXlsx(stream);
        stream.Position = 0;
        Assert.Equal(["汇总", "物质供给", "调节服务", "文化服务"], stream.GetSheetNames());
        stream.Position = 0;
        var regulating = stream.Query(useHeaderRow: true, sheetName: "调节服务").Cast<IDictionary<string, object?>>().ToList();
        var lines = regulating.Where(r => !Equals(r["地块"], "合计")).ToList();
        Assert.Equal(report.Lines.Count(l => l.Category == ValueCategory.Regulating), lines.Count);
        Assert.All(lines, r => Assert.Equal(Convert.ToDouble(r["价值量(元)"], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(r["核验:功能量×单价(元)"], System.Globalization.CultureInfo.InvariantCulture), 6));
        var total = regulating.Single(r => Equals(r["地块"], "合计"));
        Assert.Equal((double)report.TotalOf(ValueCategory.Regulating), Convert.ToDouble(total["价值量(元)"], System.Globalization.CultureInfo.InvariantCulture), 6);

        var csv = report.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(report.Lines.Count + 1, csv.Length);
        Assert.Contains("\"Header\"", report.ToJson().Replace("header", "Header", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
