using Microsoft.Playwright;

namespace Qingshan.Web.Tests.Ogc;

/// <summary>
/// The 一张图 page in Debian's Chromium with every request outside loopback refused: the map must load its
/// library, styles and data from the platform alone (deployments have no internet). CI installs chromium; a
/// machine without it skips, CI never does.
/// </summary>
public sealed class MapPageTests(OgcServer server) : IClassFixture<OgcServer>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Map_draws_every_plot_in_scope_and_opens_a_card_without_any_request_outside_the_server()
    {
        if (!File.Exists(Chromium))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "chromium is missing on CI: .ci/run must install it");
            Assert.Skip("chromium is not installed on this machine; CI installs it and runs this test");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "zh-CN" });
        var outside = new List<string>();
        var failures = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var host = new Uri(route.Request.Url).Host;
            if (host is "127.0.0.1" or "localhost" or "[::1]")
            {
                await route.ContinueAsync();
            }
            else
            {
                outside.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => failures.Add(e);
        page.Console += (_, m) =>
        {
            // App.razor's <ImportMap /> is an inline script that the platform's CSP (script-src 'self') blocks on
            // every page; it is not this page's doing and the map does not use the import map.
            if (m.Type == "error" && !m.Text.StartsWith("Executing inline script violates", StringComparison.Ordinal))
            {
                failures.Add(m.Text);
            }
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                failures.Add($"{r.Status} {r.Url}");
            }
        };

        await page.GotoAsync($"{server.Address}/account/login");
        await page.FillAsync("#userName", "jp_water");
        await page.FillAsync("#password", OgcServer.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        await page.GotoAsync($"{server.Address}/registry/map");
        var map = page.Locator("[data-testid=plot-map][data-plots]");
        try
        {
            await map.WaitForAsync(new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "qingshan-map-failed.png") });
            Assert.Fail($"the map never finished loading at {page.Url}; errors: {string.Join(" | ", failures)}; outside: {string.Join(" ", outside)}");
        }

        Assert.Equal(server.PlotCount.ToString(System.Globalization.CultureInfo.InvariantCulture), await map.GetAttributeAsync("data-plots"));
        Assert.Equal("3", await map.GetAttributeAsync("data-watersheds"));
        Assert.True(await page.Locator("[data-testid=plot-map] canvas").CountAsync() > 0, "OpenLayers drew no canvas");
        Assert.True(await page.Locator(".ol-scale-line").CountAsync() > 0, "no scale line");
        Assert.Contains("耕地", await page.Locator("[data-testid=map-legend]").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByText("按权属状态着色").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=map-legend]")).ToContainTextAsync("有争议");

        // Click around the centre of the drawn plots until one is hit (watershed grids leave small gaps).
        var box = (await map.BoundingBoxAsync())!;
        var card = page.Locator("[data-testid=plot-card]");
        foreach (var (dx, dy) in new[] { (0.5, 0.5), (0.45, 0.5), (0.55, 0.5), (0.5, 0.45), (0.5, 0.55), (0.3, 0.3), (0.7, 0.7), (0.3, 0.7), (0.7, 0.3) })
        {
            await page.Mouse.ClickAsync((float)(box.X + box.Width * dx), (float)(box.Y + box.Height * dy));
            try
            {
                await card.WaitForAsync(new() { Timeout = 2_000 });
                break;
            }
            catch (TimeoutException)
            {
            }
        }

        var text = await card.InnerTextAsync();
        Assert.Contains("公顷", text, StringComparison.Ordinal);
        Assert.Contains("亩", text, StringComparison.Ordinal);
        Assert.Contains("m²", text, StringComparison.Ordinal);
        Assert.Matches("未确权|已确权|有争议|已抵押", text);
        Assert.StartsWith("/registry/plots/", await card.Locator("a").GetAttributeAsync("href"), StringComparison.Ordinal);

        // Filter by watershed: only its plots and its outline remain.
        await page.Locator("[data-testid=map-watershed]").ClickAsync();
        await page.GetByText("黑水沟生态清洁小流域", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(map).ToHaveAttributeAsync("data-watersheds", "1");
        var filtered = int.Parse((await map.GetAttributeAsync("data-plots"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(filtered, 1, server.PlotCount - 1);
        await Assertions.Expect(page.Locator("[data-testid=map-count]")).ToContainTextAsync($"共 {filtered} 个地块");

        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "qingshan-map.png") });
        Assert.Empty(outside);
        Assert.Empty(failures);
    }
}
