using System.Net;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Registry.Plots;
using Qingshan.Web.Security;
using Qingshan.Web.Tests.Security;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Consistency;

/// <summary>T19 / ASVS V3, V14.3.2: every response carries the browser-side protections; authenticated pages are never cached.</summary>
public sealed class SecurityHeaderTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private QingshanFactory App => shared.App;

    [Fact]
    public async Task Every_page_and_api_response_carries_the_security_headers()
    {
        var routes = await RoutesAsync();
        Assert.Contains("/admin/users", routes);
        Assert.Contains("/api/registry/plots.geojson", routes);
        var clients = new (string Who, HttpClient Client)[]
        {
            ("anonymous", App.Client()),
            ("jp_water", await App.SignedInAsync("jp_water")),
            ("admin", await App.SignedInAsync("admin")),
        };

        var failures = new List<string>();
        foreach (var route in routes.Append("/css/app.css").Append("/no-such-page"))
        {
            foreach (var (who, client) in clients)
            {
                using var response = await client.GetAsync(route);
                var h = response.Headers;
                var csp = string.Join(";", response.Headers.TryGetValues("Content-Security-Policy", out var v) ? v : []);
                void Expect(bool ok, string what)
                {
                    if (!ok)
                    {
                        failures.Add($"{who} GET {route} ({(int)response.StatusCode}): {what}");
                    }
                }

                Expect(h.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", "no nosniff");
                Expect(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), "CSP without frame-ancestors 'none'");
                Expect(!csp.Contains("unsafe-eval", StringComparison.Ordinal), "CSP allows unsafe-eval");
                Expect(h.Contains("Referrer-Policy"), "no Referrer-Policy");
                if (who != "anonymous")
                {
                    Expect(h.CacheControl?.NoStore == true, "authenticated response without Cache-Control: no-store");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Https_responses_ask_browsers_to_keep_to_https_for_a_year()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hsts = response.Headers.GetValues("Strict-Transport-Security").Single();
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
    }

    /// <summary>Every GET route of the app's pages and APIs, with a real plot id where the route takes one.</summary>
    private async Task<List<string>> RoutesAsync()
    {
        _ = App.Client();
        var plot = (await App.RunAsync(Actor.System, sp => sp.GetRequiredService<PlotQueries>().ListAsync(new PlotFilter(null, null, null, null, 1, 1)))).Rows[0];
        return App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null || e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/').Replace("{Id:guid}", plot.Id.ToString(), StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .ToList();
    }
}
