using System.Diagnostics;
using Microsoft.Playwright;
using Qingshan.Web.Components;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Browser;

/// <summary>
/// The real app on Kestrel (a free loopback port, its own seeded database) driven by the system Chromium through
/// Playwright. Share it per test class (<c>IClassFixture&lt;BrowserApp&gt;</c>); each test opens its own context, so
/// cookies never leak between tests. Playwright's own browser download is never used: <see cref="ChromiumPath"/> is the
/// distribution's Chromium (CI installs it). Without it a test skips, except under <c>CI=true</c>, where it fails.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Longest wait for one step: a page becoming live, a click's result (the CI machine is slow and shared).</summary>
    public const float StepTimeoutMs = 90_000;

    /// <summary>How long a click may show no effect at all before it is repeated.</summary>
    public const int PatienceMs = 15_000;

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The app; tests advance deals themselves after moving its fake clock, so the deal closer stays out of the way (see <see cref="TradingSetup.Configure"/>).</summary>
    public QingshanFactory App { get; } = TradingSetup.Configure(new());

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1");

    /// <summary>Why there is no browser, or null when there is one.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>Longest wait for anything on a page (the first circuit of a cold app takes a while on a 2-core machine).</summary>
    public float TimeoutMs { get; set; } = StepTimeoutMs;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"Chromium is not installed at {ChromiumPath} (apt-get install chromium fonts-noto-cjk)";
            return;
        }

        await App.InitializeAsync();
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.ServerAddress;
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>Call first in every browser test: skips (or fails on CI) when there is no browser.</summary>
    public void RequireBrowser()
    {
        if (Unavailable is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(Unavailable + " — CI must run the browser tests.");
        }

        Assert.Skip(Unavailable);
    }

    /// <summary>A fresh browser context (no cookies) in Chinese, on China time, and one page in it.</summary>
    public async Task<IPage> NewPageAsync()
    {
        RequireBrowser();
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString().TrimEnd('/'),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(TimeoutMs);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the form, as a person would, and returns the page on the dashboard.</summary>
    public async Task<IPage> SignInAsync(string userName, string password = QingshanFactory.DemoPassword)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new PageWaitForURLOptions { Timeout = TimeoutMs });
        return page;
    }

    /// <summary>
    /// Waits until the page shown is the live one: the interactive circuit has rendered it and its first load is done
    /// (<see cref="QingshanPage.InteractiveMarker"/> names the current path). Before that the browser may show the
    /// prerendered page, whose fields and buttons the circuit replaces when it attaches: typing into them is lost and a
    /// click goes nowhere. Every helper below waits for this first.
    /// </summary>
    public static async Task WaitForCircuitAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "marker => document.documentElement.getAttribute(marker) === location.pathname",
                QingshanPage.InteractiveMarker,
                new PageWaitForFunctionOptions { PollingInterval = 100, Timeout = StepTimeoutMs });
        }
        catch (TimeoutException e)
        {
            var marker = await page.EvaluateAsync<string?>("marker => document.documentElement.getAttribute(marker)", QingshanPage.InteractiveMarker);
            throw new TimeoutException($"{page.Url} did not become interactive within {StepTimeoutMs / 1000:0} s (marker: {marker ?? "none"}){await DiagnosticsAsync(page)}", e);
        }
    }

    /// <summary>Opens <paramref name="url"/> and waits until its page is live (<see cref="WaitForCircuitAsync"/>).</summary>
    public static async Task GotoInteractiveAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await WaitForCircuitAsync(page);
    }

    /// <summary>
    /// Types <paramref name="value"/> into a live field, leaves it (MudBlazor text fields send their value on change)
    /// and reads it back: a value the page did not keep is typed again, and a field that never keeps it fails the test.
    /// </summary>
    public static async Task FillAsync(ILocator field, string value)
    {
        await WaitForCircuitAsync(field.Page);
        for (var attempt = 1; ; attempt++)
        {
            await field.FillAsync(value);
            await field.PressAsync("Tab");
            var kept = await field.InputValueAsync();
            if (kept == value)
            {
                return;
            }

            if (attempt == 3)
            {
                Assert.Fail($"the field kept \"{kept}\" instead of \"{value}\" after {attempt} attempts{await DiagnosticsAsync(field.Page)}");
            }
        }
    }

    /// <summary>
    /// Clicks <paramref name="button"/> on the live page and waits until <paramref name="expected"/> shows. A click is
    /// repeated only when nothing at all happened for <see cref="PatienceMs"/> (no snackbar, the button still there and
    /// enabled): a slow server is waited for, never clicked twice. A step that does not reach its result within
    /// <see cref="StepTimeoutMs"/> fails with the page's messages.
    /// </summary>
    public static async Task ClickUntilVisibleAsync(ILocator button, ILocator expected, int attempts = 3)
    {
        var page = button.Page;
        await WaitForCircuitAsync(page);
        var snackbars = page.Locator(".mud-snackbar");
        var watch = Stopwatch.StartNew();
        for (var click = 1; ; click++)
        {
            var before = await snackbars.CountAsync();
            await button.ClickAsync(new LocatorClickOptions { Timeout = StepTimeoutMs });
            var clickedAt = watch.Elapsed;
            var happened = false;
            while (true)
            {
                if (await expected.First.IsVisibleAsync())
                {
                    return;
                }

                if (watch.Elapsed.TotalMilliseconds > StepTimeoutMs)
                {
                    throw new TimeoutException($"after {click} click(s) in {watch.Elapsed.TotalSeconds:0} s, still no {expected} on {page.Url}{await DiagnosticsAsync(page)}");
                }

                happened = happened || await snackbars.CountAsync() != before || !await IsThereAndEnabledAsync(button);
                if (!happened && click < attempts && (watch.Elapsed - clickedAt).TotalMilliseconds > PatienceMs)
                {
                    TestContext.Current.TestOutputHelper?.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: click {click} on {button} showed no effect; clicking again");
                    break;
                }

                await Task.Delay(200);
            }
        }
    }

    private static async Task<bool> IsThereAndEnabledAsync(ILocator button)
    {
        try
        {
            return await button.CountAsync() == 1 && await button.IsEnabledAsync(new LocatorIsEnabledOptions { Timeout = 2_000 });
        }
        catch (TimeoutException)
        {
            return false; // gone between the two looks
        }
    }

    /// <summary>What the page says (snackbars, refusals), for a failure message.</summary>
    private static async Task<string> DiagnosticsAsync(IPage page)
    {
        try
        {
            var messages = await page.Locator(".mud-snackbar, [data-testid=step-error], .mud-alert").AllInnerTextsAsync();
            return messages.Count == 0 ? "; the page shows no message" : "; the page shows: " + string.Join(" | ", messages);
        }
        catch (PlaywrightException e)
        {
            return "; the page could not be read: " + e.Message;
        }
    }

    /// <summary>True when the page's sans-serif font draws CJK glyphs (two different characters look different, not as the same box).</summary>
    public static Task<bool> RendersChineseAsync(IPage page) =>
        page.EvaluateAsync<bool>("""
            () => {
                const canvas = document.createElement('canvas');
                canvas.width = 48; canvas.height = 48;
                const g = canvas.getContext('2d');
                const draw = ch => { g.clearRect(0, 0, 48, 48); g.font = '36px sans-serif'; g.fillText(ch, 4, 40); return Array.from(g.getImageData(0, 0, 48, 48).data).join(','); };
                const blank = draw(''), qing = draw('青'), shan = draw('山');
                return qing !== blank && shan !== blank && qing !== shan;
            }
            """);

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
    }
}
