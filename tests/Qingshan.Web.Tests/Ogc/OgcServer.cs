using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Registry.Holders;
using Qingshan.Registry.Plots;

namespace Qingshan.Web.Tests.Ogc;

/// <summary>
/// The whole web host on Kestrel at a free loopback port, on a fresh embedded database seeded with the demo county,
/// so that outside programs (GDAL) can call it like any client. One per test class; anonymous client.
/// </summary>
public sealed class OgcServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "qingshan-web-tests", Guid.NewGuid().ToString("N"));

    public const string DemoPassword = "Qs-test-2026!";

    public OgcServer() => UseKestrel(0);

    /// <summary>Base address of the running server, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Address { get; private set; } = "";

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Number of plots in the database, counted with the platform's own query (not through the API).</summary>
    public int PlotCount { get; private set; }

    /// <summary>Names, ID numbers, phone numbers and credit codes of every rights holder: none may appear in public output.</summary>
    public IReadOnlyList<string> PersonalValues { get; private set; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(dataDirectory, "qingshan.db")}");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(Address) };

        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
        PlotCount = (await scope.ServiceProvider.GetRequiredService<PlotQueries>().ListAsync(new PlotFilter(PageSize: 1))).Total;
        var holders = await scope.ServiceProvider.GetRequiredService<HolderQueries>().ListAsync();
        PersonalValues = holders.SelectMany(h => new[] { h.Name, h.IdNumber, h.Phone, h.ContactName, h.CreditCode })
            .OfType<string>().Where(v => v.Length > 0).Distinct().ToList();
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public override async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        await base.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
