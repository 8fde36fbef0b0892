using Microsoft.Playwright;
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
    public float TimeoutMs { get; set; } = 60_000;

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

    /// <summary>Waits until the interactive circuit is connected, so clicks reach .NET handlers.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('#components-reconnect-modal, .components-reconnect-show') === null");

    /// <summary>
    /// Clicks until <paramref name="expected"/> shows. Server-rendered buttons are visible before the interactive circuit
    /// is connected, and a click in that moment goes nowhere.
    /// </summary>
    public static async Task ClickUntilVisibleAsync(ILocator button, ILocator expected, int attempts = 15)
    {
        for (var i = 1; ; i++)
        {
            await button.ClickAsync();
            try
            {
                await expected.WaitForAsync(new LocatorWaitForOptions { Timeout = 2_000 });
                return;
            }
            catch (TimeoutException) when (i < attempts)
            {
            }
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
