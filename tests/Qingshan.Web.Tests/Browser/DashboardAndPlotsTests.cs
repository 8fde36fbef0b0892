using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Qingshan.Web.Tests.Browser;

/// <summary>A water bureau's first minutes in a real browser: sign in, read the dashboard, find a plot, open its card.</summary>
public sealed class DashboardAndPlotsTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_county_water_bureau_signs_in_sees_its_figures_and_opens_a_plot_card_in_chinese()
    {
        browser.RequireBrowser();
        var page = await browser.SignInAsync("jp_water");

        // 首页 KPIs: the demo county's three clean small watersheds and a few hundred plots.
        var watersheds = page.GetByTestId("kpi-watersheds");
        await watersheds.WaitForAsync();
        Assert.StartsWith("3", (await watersheds.InnerTextAsync()).Trim(), StringComparison.Ordinal);
        var plots = int.Parse(Regex.Match(await page.GetByTestId("kpi-plots").InnerTextAsync(), @"\d+").Value, CultureInfo.InvariantCulture);
        Assert.True(plots > 200, $"dashboard shows {plots} plots");
        Assert.Contains("建平县水利局", await page.GetByTestId("current-user").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await BrowserApp.RendersChineseAsync(page), "the browser has no font for Chinese (install fonts-noto-cjk)");

        // 调查登记 › 地块: the paged list, then one plot's card.
        await BrowserApp.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "地块", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/registry/plots");
        var firstPlot = page.Locator("[data-testid=plots] a[href^='/registry/plots/']").First;
        // Straight after the dashboard: its circuit-side statistics query may still be running (it broke this page on
        // PostgreSQL while pages shared the circuit's DbContext).
        await firstPlot.WaitForAsync();
        var code = (await firstPlot.InnerTextAsync()).Trim();
        Assert.StartsWith("211322", code, StringComparison.Ordinal);
        await firstPlot.ClickAsync();

        await page.WaitForURLAsync(new Regex("/registry/plots/[0-9a-f-]{36}$"));
        var area = page.GetByTestId("plot-area");
        await area.WaitForAsync();
        Assert.Contains("公顷", await area.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("亩", await area.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"地块 {code}", await page.Locator(".mud-main-content").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("地块详情 - 青山", await page.TitleAsync());
    }

    [Fact]
    public async Task Typing_waits_until_the_page_is_live_even_when_the_circuit_attaches_late()
    {
        browser.RequireBrowser();
        var page = await browser.SignInAsync("jp_water");
        // Hold the circuit back (as a loaded server does): the prerendered page is on screen seconds before it is live.
        await page.RouteAsync("**/_blazor/negotiate**", async route =>
        {
            await Task.Delay(8_000);
            await route.ContinueAsync();
        });
        await page.GotoAsync("/registry/plots");
        var search = page.GetByLabel("编码或名称");
        await search.WaitForAsync();
        Assert.Null(await page.EvaluateAsync<string?>("marker => document.documentElement.getAttribute(marker)", Qingshan.Web.Components.QingshanPage.InteractiveMarker));

        // What went wrong before: text typed into the prerendered field is gone once the circuit has replaced the page.
        await search.FillAsync("typed too early");
        await BrowserApp.WaitForCircuitAsync(page);
        Assert.Equal("", await search.InputValueAsync());

        // The helpers wait for the live page: the typed code reaches the server and filters the list.
        var rows = page.Locator("[data-testid=plots] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(20, new() { Timeout = BrowserApp.StepTimeoutMs });
        var code = (await rows.Nth(19).Locator("td").First.InnerTextAsync()).Trim();
        await BrowserApp.FillAsync(search, code);
        await BrowserApp.ClickUntilVisibleAsync(page.GetByRole(AriaRole.Button, new() { Name = "搜索" }), rows.Filter(new() { HasText = code }));
        await Assertions.Expect(rows.Filter(new() { HasNotText = code })).ToHaveCountAsync(0, new() { Timeout = BrowserApp.StepTimeoutMs });
        Assert.InRange(await rows.CountAsync(), 1, 19);
    }

    [Fact]
    public async Task A_wrong_password_in_the_browser_shows_the_chinese_refusal()
    {
        browser.RequireBrowser();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", "jp_finance");
        await page.FillAsync("#password", "Not-The-Password-1");
        await page.ClickAsync("button[type=submit]");

        var error = page.GetByTestId("login-error");
        await error.WaitForAsync();
        Assert.Equal("用户名或密码错误", (await error.InnerTextAsync()).Trim());
    }
}
