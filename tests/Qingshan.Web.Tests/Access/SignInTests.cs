using System.Net;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Access;

public sealed class SignInTests
{
    [Fact]
    public async Task Signing_in_with_the_right_password_sets_the_session_cookie()
    {
        await using var app = await QingshanFactory.StartAsync();
        var client = app.Client();

        var response = await client.SignInAsync("jp_water", QingshanFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("qingshan.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/registry/plots.geojson")).StatusCode);
    }
}
