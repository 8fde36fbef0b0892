using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qingshan.Accounting.Parameters;
using Qingshan.Accounting.Reports;
using Qingshan.Accounting.Runs;
using Qingshan.Documents;
using Qingshan.Kernel;
using Qingshan.Modules.Tests.Documents;
using Qingshan.Platform;
using Qingshan.Registry.Watersheds;
using Qingshan.Tests.Support;
using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;

namespace Qingshan.Tests.Accounting;

/// <summary>The demo county seeded, and one run of 黑水沟 for the current year on its demo set and synthetic quantities.</summary>
public sealed class DemoRunFixture : IAsyncLifetime
{
    public static readonly Actor CountyWater = TestPlatform.WaterBureau(DemoCounty.CountyCode, "jp_water");

    public TestPlatform Platform { get; private set; } = null!;

    public Guid RunId { get; private set; }

    public int Year => TestPlatform.DefaultNow.Year;

    public async ValueTask InitializeAsync()
    {
        Platform = await TestPlatform.CreateAsync();
        Assert.NotNull(await DemoCounty.SeedAsync(Platform.Services));
        var watershed = (await Platform.RunAsync(CountyWater, sp => sp.GetRequiredService<WatershedQueries>().ListAsync())).Single(w => w.Code == "211322-STQJ-002");
        var layer = await Platform.RunAsync(CountyWater, sp => DemoAccounting.InputLayerAsync(sp.GetRequiredService<Qingshan.Registry.Plots.PlotQueries>(), watershed.Id, watershed.Code));
        Assert.NotNull(layer);
        var set = await Platform.RunAsync(CountyWater, sp => sp.GetRequiredService<ParameterSetQueries>().IdOfAsync(DemoAccounting.ParameterSetVersion(Year)));
        Assert.NotNull(set);
        RunId = Registry.Make.Ok(await Platform.RunAsync(CountyWater, sp => sp.GetRequiredService<PrepareAccountingRunHandler>().HandleAsync(
            new PrepareAccountingRun(watershed.Id, Year, MethodVersions.SwcPractice2024.Id, set.Value, [layer]))));
        await using var scope = Platform.AsSystem();
        await scope.ServiceProvider.GetRequiredService<AccountingRunProcessor>().ProcessAsync(RunId);
    }

    public Task<RunReport?> ReportAsync() => Platform.RunAsync(CountyWater, sp => sp.GetRequiredService<AccountingRunQueries>().ReportAsync(RunId));

    public async ValueTask DisposeAsync() => await Platform.DisposeAsync();
}

public sealed class DemoAccountingTests(DemoRunFixture demo) : IClassFixture<DemoRunFixture>
{
    [Fact]
    public async Task The_demo_county_runs_a_current_year_accounting_on_its_illustrative_set_and_every_view_carries_the_warning()
    {
        var detail = (await demo.Platform.RunAsync(DemoRunFixture.CountyWater, sp => sp.GetRequiredService<AccountingRunQueries>().DetailAsync(demo.RunId)))!;
        Assert.Equal(RunStatus.Computed, detail.Run.Status);
        Assert.True(detail.UsesIllustrativeParameters);
        Assert.True(detail.MaterialSupplyYuan > 0 && detail.RegulatingYuan > 0 && detail.CulturalYuan > 0, $"{detail.MaterialSupplyYuan} {detail.RegulatingYuan} {detail.CulturalYuan}");
        Assert.Equal(detail.Run.TotalYuan, detail.MaterialSupplyYuan + detail.RegulatingYuan + detail.CulturalYuan);

        var report = (await demo.ReportAsync())!;
        Assert.True(report.IsIllustrative);
        Assert.Contains(IllustrativeParameters.Warning, report.ToJson(), StringComparison.Ordinal);
        Assert.All(report.Lines, l => Assert.Equal(demo.Year, l.PriceYear));
        // Every price is either restated from the method document's seed (it names the original year) or an assumption without source; all [D].
        Assert.All(report.Lines, l => Assert.Equal("[D]", l.Evidence));
        Assert.All(report.Lines, l => Assert.StartsWith(IllustrativeParameters.SourcePrefix, l.Source, StringComparison.Ordinal));
        Assert.Contains(report.Lines, l => l.ParameterId == ParameterIds.DredgingCost && l.UnitPrice == 15.58m && l.Source.Contains("原为 2010 年价", StringComparison.Ordinal));
        Assert.Equal(detail.PlotCount, report.Plots.Count);
        // Equal up to the 28th significant digit (decimal sums taken in another order, RunChecks.SumAgreement).
        Assert.True(Math.Abs(detail.Run.TotalYuan - report.Total) <= Math.Abs(report.Total) * RunChecks.SumAgreement, $"{detail.Run.TotalYuan} vs {report.Total}");
    }

    [Fact]
    public async Task Demo_quantities_are_the_same_on_every_call_and_refused_for_a_watershed_the_demo_does_not_seed()
    {
        var watershed = (await demo.Platform.RunAsync(DemoRunFixture.CountyWater, sp => sp.GetRequiredService<WatershedQueries>().ListAsync())).Single(w => w.Code == "211322-STQJ-001");
        var a = await demo.Platform.RunAsync(DemoRunFixture.CountyWater, sp => DemoAccounting.InputLayerAsync(sp.GetRequiredService<Qingshan.Registry.Plots.PlotQueries>(), watershed.Id, watershed.Code));
        var b = await demo.Platform.RunAsync(DemoRunFixture.CountyWater, sp => DemoAccounting.InputLayerAsync(sp.GetRequiredService<Qingshan.Registry.Plots.PlotQueries>(), watershed.Id, watershed.Code));
        Assert.Equal(a!.Version, b!.Version);
        Assert.InRange(a.Plots.Count, watershed.PlotCount * 3 / 4, watershed.PlotCount); // roads and built land carry no quantities
        Assert.Contains(a.Plots, p => p.Products.Any(x => x.ProductId == "corn"));
        Assert.Null(await demo.Platform.RunAsync(DemoRunFixture.CountyWater, sp => DemoAccounting.InputLayerAsync(sp.GetRequiredService<Qingshan.Registry.Plots.PlotQueries>(), watershed.Id, "211321-STQJ-001")));
    }

    [Fact]
    public async Task The_pdf_report_of_a_real_run_reads_back_in_chinese_and_every_printed_indicator_line_recomputes()
    {
        var report = (await demo.ReportAsync())!;
        var html = RunReportDocument.Html(report, e => e.Code, s => s);
        var renderer = new PdfRenderer(Options.Create(new DocumentOptions()), NullLogger<PdfRenderer>.Instance);

        var pdf = await renderer.RenderAsync(html, TestContext.Current.CancellationToken);

        Assert.True(pdf.IsSuccess, pdf.Error?.ToString());
        var text = await PdfRendererTests.PdfToTextAsync(pdf.Value);
        foreach (var heading in new[] { RunReportDocument.Title, "一、价值量汇总", "二、分指标价值量", "三、分地块价值量", "四、核验提示", "五、可复现信息", "黑水沟生态清洁小流域", IllustrativeParameters.Warning })
        {
            Assert.Contains(heading, text, StringComparison.Ordinal);
        }

        Assert.Contains(report.Header.InputHash, text, StringComparison.Ordinal);
        Assert.Contains(report.Header.ParameterSetHash!, text, StringComparison.Ordinal);

        // 功能量  单位  单价  价格年份  证据  价值量: parse each printed line and multiply the printed numbers.
        var line = new Regex(@"(?<q>\d[\d,]*(?:\.\d+)?)\s+(?<unit>m³|t CO₂|t C|kWh|hm²|m²|人次|t)\s+(?<p>\d[\d,]*(?:\.\d+)?)\s+(?<y>\d{4})\s+\[(?:S|S-abs|K|D)\]\s+(?<v>\d[\d,]*\.\d{2})");
        var parsed = text.Split('\n').Select(l => line.Match(l)).Where(m => m.Success).ToList();
        var expected = RunReportDocument.IndicatorLines(report);
        Assert.Equal(expected.Count, parsed.Count);
        Assert.True(parsed.Count >= 8, $"only {parsed.Count} indicator lines printed");
        decimal N(Group g) => decimal.Parse(g.Value, NumberStyles.Number, CultureInfo.InvariantCulture);
        foreach (var m in parsed)
        {
            Assert.Equal(demo.Year, int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture));
            var recomputed = N(m.Groups["q"]) * N(m.Groups["p"]);
            Assert.True(Math.Abs(recomputed - N(m.Groups["v"])) <= 0.01m, $"{m.Value}: {recomputed} ≠ {m.Groups["v"].Value}");
        }

        // The printed lines add up to the printed total (to the fen per line).
        Assert.True(Math.Abs(parsed.Sum(m => N(m.Groups["v"])) - report.Total) <= 0.01m * parsed.Count);
        Assert.Contains(RunReportDocument.Yuan(report.Total), text, StringComparison.Ordinal);
        Assert.Contains(report.Lines[0].PlotCode, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_processors_computing_one_run_at_once_write_one_set_of_lines()
    {
        var watershed = (await demo.Platform.RunAsync(DemoRunFixture.CountyWater, sp => sp.GetRequiredService<WatershedQueries>().ListAsync())).Single(w => w.Code == "211322-STQJ-002");
        var layer = await demo.Platform.RunAsync(DemoRunFixture.CountyWater, sp => DemoAccounting.InputLayerAsync(sp.GetRequiredService<Qingshan.Registry.Plots.PlotQueries>(), watershed.Id, watershed.Code));
        var set = await demo.Platform.RunAsync(DemoRunFixture.CountyWater, sp => sp.GetRequiredService<ParameterSetQueries>().IdOfAsync(DemoAccounting.ParameterSetVersion(demo.Year)));
        var runId = Registry.Make.Ok(await demo.Platform.RunAsync(DemoRunFixture.CountyWater, sp => sp.GetRequiredService<PrepareAccountingRunHandler>().HandleAsync(
            new PrepareAccountingRun(watershed.Id, demo.Year, MethodVersions.SwcPractice2024.Id, set!.Value, [layer!]))));

        // Two app instances (or a restart's resume racing the queue) pick up the same queued run.
        async Task Compute()
        {
            await using var scope = demo.Platform.AsSystem();
            await scope.ServiceProvider.GetRequiredService<AccountingRunProcessor>().ProcessAsync(runId);
        }

        await Task.WhenAll(Task.Run(Compute), Task.Run(Compute));

        var detail = (await demo.Platform.RunAsync(DemoRunFixture.CountyWater, sp => sp.GetRequiredService<AccountingRunQueries>().DetailAsync(runId)))!;
        Assert.Equal(RunStatus.Computed, detail.Run.Status);
        var report = (await demo.Platform.RunAsync(DemoRunFixture.CountyWater, sp => sp.GetRequiredService<AccountingRunQueries>().ReportAsync(runId)))!;
        Assert.NotEmpty(report.Lines);
        var first = (await demo.ReportAsync())!;
        Assert.Equal(first.Lines.Count, report.Lines.Count);
        Assert.Equal(first.Total, report.Total);
    }
}
