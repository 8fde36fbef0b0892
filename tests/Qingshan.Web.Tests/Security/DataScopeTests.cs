using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Registry.Plots;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Security;

/// <summary>T12 over HTTP (ASVS 8.2.2, 8.4.1): a county account gets nothing of another county's plots, by any route.</summary>
public sealed class DataScopeTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private QingshanFactory App => shared.App;

    private async Task<PlotRow> SomeDemoPlotAsync() =>
        (await App.RunAsync(Actor.System, sp => sp.GetRequiredService<PlotQueries>().ListAsync(new PlotFilter(null, null, null, null, 1, 1)))).Rows[0];

    [Theory]
    [InlineData("cyx_water")] // 朝阳县: a neighbouring county of the same city
    public async Task Another_countys_account_gets_no_data_of_a_plot_by_any_route(string userName)
    {
        var plot = await SomeDemoPlotAsync();
        var client = await App.SignedInAsync(userName);

        var geojson = await client.GetAsync("/api/registry/plots.geojson");
        var tradability = await client.GetAsync($"/api/registry/plots/{plot.Id}/tradability");
        var card = await client.GetAsync($"/registry/plots/{plot.Id}");

        Assert.Equal(HttpStatusCode.OK, geojson.StatusCode);
        var features = JsonDocument.Parse(await geojson.Content.ReadAsStringAsync()).RootElement.GetProperty("features");
        Assert.Equal(0, features.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, tradability.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, card.StatusCode);
        foreach (var body in new[] { await tradability.Content.ReadAsStringAsync(), WebUtility.HtmlDecode(await card.Content.ReadAsStringAsync()) })
        {
            Assert.DoesNotContain(plot.Code, body, StringComparison.Ordinal);
            Assert.DoesNotContain(plot.WatershedName, body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("jp_water")] // the county itself
    [InlineData("cy_water")] // its city
    [InlineData("ln_water")] // its province
    public async Task Accounts_whose_region_contains_the_plot_see_it_by_every_route(string userName)
    {
        var plot = await SomeDemoPlotAsync();
        var client = await App.SignedInAsync(userName);

        Assert.Contains(plot.Id.ToString(), await client.GetStringAsync("/api/registry/plots.geojson"), StringComparison.Ordinal);
        Assert.Contains(plot.Code, await client.GetStringAsync($"/api/registry/plots/{plot.Id}/tradability"), StringComparison.Ordinal);
        Assert.Contains(plot.Code, await client.PageAsync($"/registry/plots/{plot.Id}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/registry/plots.geojson")]
    [InlineData("/api/registry/plots/00000000-0000-0000-0000-000000000001/tradability")]
    public async Task Anonymous_api_requests_are_refused_with_401(string path)
    {
        var response = await App.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/registry/plots")]
    [InlineData("/registry/plots/00000000-0000-0000-0000-000000000001")]
    [InlineData("/admin/users")]
    [InlineData("/admin/sign-ins")]
    [InlineData("/account/password")]
    public async Task Anonymous_page_requests_are_sent_to_the_sign_in_form(string path)
    {
        var response = await App.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }
}

/// <summary>One app for read-only tests of a class.</summary>
public sealed class SharedApp : IAsyncLifetime
{
    public QingshanFactory App { get; } = new();

    public ValueTask InitializeAsync() => App.InitializeAsync();

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
