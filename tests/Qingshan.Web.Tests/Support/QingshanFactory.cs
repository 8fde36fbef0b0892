using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Qingshan.Kernel;

namespace Qingshan.Web.Tests.Support;

/// <summary>
/// The real web host (<c>Program</c>) on its own fresh database holding the demo county, with a fake clock. Configuration
/// goes in the way an operator's would: <c>Database:*</c>, <c>Demo:Seed</c>, <c>Demo:Password</c>. Create one per test
/// that changes state; share one (a class fixture) for read-only tests.
/// </summary>
public class QingshanFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The demo accounts' password in tests (meets the 8-character, 3-class policy).</summary>
    public const string DemoPassword = "Qs-Test-2026";

    private SeededDatabase? database;

    /// <summary>Server time of the app. Starts at the real time, so cookies, lockouts and the seed agree.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public SeededDatabase Database => database ?? throw new InvalidOperationException("Call InitializeAsync (xunit does it for fixtures) before using the factory.");

    /// <summary>Extra configuration for a test (e.g. <c>LoginPolicy:*</c>).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public static async Task<QingshanFactory> StartAsync(Action<QingshanFactory>? configure = null)
    {
        var factory = new QingshanFactory();
        configure?.Invoke(factory);
        await factory.InitializeAsync();
        return factory;
    }

    public async ValueTask InitializeAsync()
    {
        database ??= await SeededDatabase.CreateAsync();
        // The first apps of a run wait for the template's seeding (seconds); their clock starts when their data is
        // ready, so nothing the seed wrote with the real clock lies ahead of the app's "now".
        if (DateTimeOffset.UtcNow > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(DateTimeOffset.UtcNow);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Database.Options.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.Options.ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (FileLogger.FromEnvironment() is { } log)
            {
                services.AddSingleton(log);
            }
        });
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests assert them).</summary>
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in through the real form (antiforgery token and all).</summary>
    public async Task<HttpClient> SignedInAsync(string userName, string password = DemoPassword)
    {
        var client = Client();
        var response = await client.SignInAsync(userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/", $"{userName} could not sign in: {response.StatusCode} {response.Headers.Location}");
        return client;
    }

    /// <summary>Runs code against the app's own services as the given actor (arrange and inspect without going through pages).</summary>
    public async Task<T> RunAsync<T>(Actor actor, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Current = actor;
        return await action(scope.ServiceProvider);
    }

    /// <summary>The address Kestrel listens on, after <c>UseKestrel(0)</c> and <c>StartServer()</c>.</summary>
    public Uri ServerAddress =>
        new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public static partial class HttpClientSignIn
{
    /// <summary>Posts the sign-in form the way a browser does: GET the form, then POST it with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string userName, string password)
    {
        var token = await client.AntiforgeryTokenAsync("/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "",
        }));
    }

    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var match = TokenInput().Match(html);
        Assert.True(match.Success, $"{page} has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>A page's HTML with character references decoded (Razor writes CJK text as &amp;#x…; references).</summary>
    public static async Task<string> PageAsync(this HttpClient client, string path) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(path));

    /// <summary>The <c>error</c> code a refused sign-in redirects with.</summary>
    public static string? ErrorCode(this HttpResponseMessage response) =>
        response.Headers.Location is { } location && Regex.Match(location.OriginalString, "[?&]error=([^&]+)") is { Success: true } m ? Uri.UnescapeDataString(m.Groups[1].Value) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
