using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Access.Users;
using Qingshan.Kernel;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Access;

/// <summary>等保 身份鉴别 a–b, ASVS V6/V7: sign-in, lockout, the sign-in log, and sessions that end when they must.</summary>
public sealed class SignInTests
{
    private const string Geojson = "/api/registry/plots.geojson";

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
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Geojson)).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_the_right_password_is_refused_next()
    {
        await using var app = await QingshanFactory.StartAsync();
        var client = app.Client();

        for (var i = 1; i <= 5; i++)
        {
            var wrong = await client.SignInAsync("jp_water", "Wrong-Pass-" + i);
            Assert.Equal(i < 5 ? "access.signin.failed" : "access.signin.locked_out", wrong.ErrorCode());
        }

        var sixth = await client.SignInAsync("jp_water", QingshanFactory.DemoPassword);

        Assert.Equal("access.signin.locked_out", sixth.ErrorCode());
        Assert.DoesNotContain(sixth.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("qingshan.auth=", StringComparison.Ordinal));
        Assert.True((await app.UserAsync("jp_water")).IsLockedOut);
        // Another account is untouched: the lock is per account.
        await app.SignedInAsync("jp_drc");
    }

    [Fact]
    public async Task Every_sign_in_attempt_is_in_the_sign_in_log_with_its_result()
    {
        await using var app = await QingshanFactory.StartAsync();
        var client = app.Client();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36");

        await client.SignInAsync("jp_water", "Wrong-Pass-1");
        await client.SignInAsync("nobody_here", "Wrong-Pass-2");
        await client.SignInAsync("jp_water", QingshanFactory.DemoPassword);

        var log = await app.RunAsync(Actor.System, sp => sp.GetRequiredService<SignInLog>().RecentAsync());
        Assert.Equal(
            [("jp_water", "succeeded"), ("nobody_here", "failed"), ("jp_water", "failed")],
            log.Select(r => (r.UserName, r.Result)).ToArray());
        Assert.All(log, r => Assert.Contains("Chrome/131.0", r.UserAgent, StringComparison.Ordinal));
        Assert.All(log, r => Assert.Equal(TimeSpan.Zero, r.At.Offset));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_even_with_the_right_password()
    {
        await using var app = await QingshanFactory.StartAsync();
        Assert.True((await app.ChangeUserAsync("jp_water", enabled: false)).IsSuccess);

        var response = await app.Client().SignInAsync("jp_water", QingshanFactory.DemoPassword);

        Assert.Equal("access.signin.disabled", response.ErrorCode());
        var last = (await app.RunAsync(Actor.System, sp => sp.GetRequiredService<SignInLog>().RecentAsync(1)))[0];
        Assert.Equal("disabled", last.Result);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_session_on_the_next_request()
    {
        await using var app = await QingshanFactory.StartAsync();
        var client = await app.SignedInAsync("jp_water");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Geojson)).StatusCode);

        Assert.True((await app.ChangeUserAsync("jp_water", enabled: false)).IsSuccess);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Geojson)).StatusCode);
        var page = await client.GetAsync("/registry/plots");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_roles_takes_effect_on_the_next_request()
    {
        await using var app = await QingshanFactory.StartAsync();
        var client = await app.SignedInAsync("jp_water");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Geojson)).StatusCode);

        Assert.True((await app.ChangeUserAsync("jp_water", roles: [Roles.Operator])).IsSuccess);

        // The old cookie carries the old roles: it is refused at once, and a new sign-in gets only the new role.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Geojson)).StatusCode);
        var again = await app.SignedInAsync("jp_water");
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync(Geojson)).StatusCode);
    }

    [Fact]
    public async Task The_session_ends_after_the_absolute_lifetime_even_while_in_use()
    {
        await using var app = await QingshanFactory.StartAsync();
        var client = await app.SignedInAsync("jp_water");

        // Busy all day: a request every 20 minutes keeps the idle timeout (30 min) from ever firing.
        var elapsed = TimeSpan.Zero;
        while (elapsed < TimeSpan.FromHours(12) - TimeSpan.FromMinutes(20))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            elapsed += TimeSpan.FromMinutes(20);
            Assert.True(HttpStatusCode.OK == (await client.GetAsync(Geojson)).StatusCode, $"session ended early, after {elapsed}");
        }

        app.Clock.Advance(TimeSpan.FromMinutes(21));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Geojson)).StatusCode);
    }

    [Fact]
    public async Task An_idle_session_ends_after_the_idle_timeout()
    {
        await using var app = await QingshanFactory.StartAsync();
        var client = await app.SignedInAsync("jp_water");
        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Geojson)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Geojson)).StatusCode);
    }
}
