using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Qingshan.Web.Tests.Browser;

/// <summary>
/// 编制 → 审核 → 批准 in a real browser: the county water bureau runs an accounting of a demo watershed on the demo
/// set and watches it compute; the city water bureau reviews (the preparer may not); the county DRC approves; the run
/// is then frozen. Its own app: it changes state.
/// </summary>
public sealed class AccountingRunTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static decimal Yuan(string text) =>
        decimal.Parse(text.Trim().TrimStart('¥'), NumberStyles.Number, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_county_official_runs_an_accounting_watches_it_compute_and_two_other_accounts_review_and_approve_it()
    {
        app.RequireBrowser();
        var page = await app.SignInAsync("jp_water");
        await page.GotoAsync("/accounting/runs");
        await BrowserApp.WaitForCircuitAsync(page);

        // 编制: the demo watershed, the demo quantities (they preselect the demo set of the form's year), 开始核算.
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "黑水沟生态清洁小流域" }).First;
        await BrowserApp.ClickUntilVisibleAsync(page.GetByTestId("run-watershed"), option);
        await option.ClickAsync();
        await page.GetByTestId("use-demo-inputs").ClickAsync();
        var layer = page.GetByTestId("run-layer");
        await layer.WaitForAsync();
        Assert.Contains("演示功能量表（合成数据）", await layer.InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByTestId("prepare-run").ClickAsync();
        await page.WaitForURLAsync(new Regex("/accounting/runs/[0-9a-f-]{36}$"));
        var runUrl = new Uri(page.Url).AbsolutePath;

        // Progress: the background job reaches 100 % and the page shows the result without a reload.
        await Assertions.Expect(page.GetByTestId("run-progress")).ToContainTextAsync("100%", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("编制：已计算", new() { Timeout = 60_000 });
        Assert.Contains("演示参数，未经核实，不得用于交易定价", await page.GetByTestId("illustrative-warning").InnerTextAsync(), StringComparison.Ordinal);

        // The figures shown add up: the total is the sum of the three category totals (to the fen as displayed).
        var total = Yuan(await page.GetByTestId("run-total").InnerTextAsync());
        var categories = new List<decimal>();
        foreach (var key in new[] { "material", "regulating", "cultural" })
        {
            categories.Add(Yuan(await page.GetByTestId($"category-{key}").InnerTextAsync()));
        }

        Assert.True(total > 0m);
        Assert.All(categories, c => Assert.True(c > 0m, "every category has a value in the demo"));
        Assert.True(Math.Abs(total - categories.Sum()) <= 0.02m, $"total {total} vs categories {string.Join(" + ", categories)}");

        // Charts and the value-density map (every plot of the run drawn, classes in the legend).
        await Assertions.Expect(page.Locator("[data-testid=category-chart] svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=landuse-chart] svg").First).ToBeVisibleAsync();
        var map = page.Locator("[data-testid=density-map][data-plots]");
        await map.WaitForAsync(new() { Timeout = 60_000 });
        Assert.True(int.Parse((await map.GetAttributeAsync("data-plots"))!, CultureInfo.InvariantCulture) > 50);
        Assert.Contains("元/公顷", await page.GetByTestId("density-legend").InnerTextAsync(), StringComparison.Ordinal);

        // The report: the PDF downloads with the signed-in session.
        var pdf = await page.Context.APIRequest.GetAsync(await page.GetByTestId("report-pdf").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]), StringComparison.Ordinal);

        // 提交审核; the preparer's own 审核通过 is refused (four eyes).
        await page.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        try
        {
            await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("审核中");
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException("snackbar: " + string.Join(" | ", await page.Locator(".mud-snackbar").AllInnerTextsAsync()), e);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "审核人不得为编制人本人" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("审核中");

        // 审核: the city water bureau.
        var reviewer = await app.SignInAsync("cy_water");
        await reviewer.GotoAsync(runUrl);
        await BrowserApp.WaitForCircuitAsync(reviewer);
        var review = reviewer.GetByRole(AriaRole.Button, new() { Name = "审核通过" });
        await BrowserApp.ClickUntilVisibleAsync(review, reviewer.GetByTestId("run-status").Filter(new() { HasText = "待批准" }));

        // 批准: the county development-and-reform bureau; the run is then frozen.
        var approver = await app.SignInAsync("jp_drc");
        await approver.GotoAsync(runUrl);
        await BrowserApp.WaitForCircuitAsync(approver);
        var approve = approver.GetByRole(AriaRole.Button, new() { Name = "批准", Exact = true });
        await BrowserApp.ClickUntilVisibleAsync(approve, approver.GetByTestId("run-status").Filter(new() { HasText = "已批准（冻结）" }));
        var signatures = await approver.GetByTestId("run-signatures").InnerTextAsync();
        Assert.Contains("编制：jp_water", signatures, StringComparison.Ordinal);
        Assert.Contains("审核：cy_water", signatures, StringComparison.Ordinal);
        Assert.Contains("批准：jp_drc", signatures, StringComparison.Ordinal);
        Assert.Equal(0, await approver.GetByRole(AriaRole.Button, new() { Name = "退回编制" }).CountAsync());
        Assert.Equal(0, await approver.GetByRole(AriaRole.Button, new() { Name = "重新计算" }).CountAsync());
        Assert.Equal(total, Yuan(await approver.GetByTestId("run-total").InnerTextAsync()));

        // The preparer's page, reloaded, shows the same frozen run.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("已批准（冻结）");
    }
}
