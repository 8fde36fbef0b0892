using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Security;

/// <summary>T13: no endpoint and no page is reachable by accident; each names its policy or is explicitly anonymous.</summary>
public sealed class AuthorizationCoverageTests
{
    /// <summary>
    /// Endpoints the framework adds that no convention of ours can annotate. Each is still behind the fallback policy
    /// (sign-in required), so leaving it out of the check does not open anything.
    /// </summary>
    private static readonly string[] FrameworkEndpoints =
    [
        "GET,HEAD {**path:file}", // MapStaticAssets' development-time file fallback (wwwroot only)
        "GET /_framework/opaque-redirect", // Blazor's redirect helper for enhanced navigation
    ];

    [Fact]
    public async Task Every_endpoint_names_an_authorization_policy_or_allows_anonymous_access()
    {
        await using var app = await QingshanFactory.StartAsync();
        _ = app.Client();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        Assert.Contains(endpoints, e => AuthorizationCoverage.Describe(e) == "GET /api/registry/plots.geojson");

        var missing = AuthorizationCoverage.Unannotated(endpoints).Except(FrameworkEndpoints).ToList();

        Assert.True(missing.Count == 0, "Endpoints without [Authorize(Policy)] or [AllowAnonymous]: " + string.Join("; ", missing));
    }

    [Fact]
    public void Every_routable_page_names_an_authorization_policy_or_allows_anonymous_access()
    {
        var pages = AuthorizationCoverage.TypesOf(typeof(Program).Assembly).Where(t => t.IsDefined(typeof(RouteAttribute), false)).ToList();
        Assert.True(pages.Count >= 10, "the page scan found too few pages to be trusted");

        var missing = AuthorizationCoverage.UnannotatedPages(pages);

        Assert.True(missing.Count == 0, "Pages without @attribute [Authorize]/[AllowAnonymous]: " + string.Join(", ", missing.Select(t => t.FullName)));
    }

    [Fact]
    public void The_endpoint_check_reports_an_endpoint_that_names_no_policy()
    {
        Endpoint Make(string route, params object[] metadata) =>
            new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0, new EndpointMetadataCollection(metadata), route);

        var missing = AuthorizationCoverage.Unannotated(
        [
            Make("/dummy/unannotated"),
            Make("/dummy/policy", new AuthorizeAttribute("registry.read")),
            Make("/dummy/anonymous", new AllowAnonymousAttribute()),
        ]);

        Assert.Equal(["* /dummy/unannotated"], missing);
    }

    [Fact]
    public void The_page_check_reports_a_page_that_names_no_policy()
    {
        var missing = AuthorizationCoverage.UnannotatedPages([typeof(UnannotatedDummyPage), typeof(GuardedDummyPage), typeof(AnonymousDummyPage), typeof(NotAPage)]);

        Assert.Equal([typeof(UnannotatedDummyPage)], missing);
    }

    [Route("/dummy/unannotated")]
    private sealed class UnannotatedDummyPage : ComponentBase;

    [Route("/dummy/guarded")]
    [Authorize(Policy = "registry.read")]
    private sealed class GuardedDummyPage : ComponentBase;

    [Route("/dummy/anonymous")]
    [AllowAnonymous]
    private sealed class AnonymousDummyPage : ComponentBase;

    private sealed class NotAPage : ComponentBase;
}
