using System.Net;
using Qingshan.Kernel;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Access;

/// <summary>等保 身份鉴别 a: forced change of an initial or reset password, periodic change, and the 个人中心 form.</summary>
public sealed class PasswordChangeTests
{
    private const string Initial = "Init-Pass-2026";
    private const string Changed = "Changed-Pass-2027";

    [Fact]
    public async Task A_new_account_can_reach_only_the_password_form_until_it_changes_its_initial_password()
    {
        await using var app = await QingshanFactory.StartAsync();
        Assert.True((await app.CreateUserAsync("jp_new", Initial, Roles.WaterBureau, "211322")).IsSuccess);
        var client = await app.SignedInAsync("jp_new", Initial);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/password", home.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/registry/plots.geojson")).StatusCode);
        Assert.Contains("首次登录或密码已被管理员重置", await client.PageAsync("/account/password"), StringComparison.Ordinal);

        var html = await client.ChangePasswordAsync(Initial, Changed);

        Assert.Contains("密码已修改", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/registry/plots.geojson")).StatusCode);
        await app.SignedInAsync("jp_new", Changed);
    }

    [Fact]
    public async Task The_password_is_not_changed_without_the_right_current_password()
    {
        await using var app = await QingshanFactory.StartAsync();
        var client = await app.SignedInAsync("jp_water");

        var html = await client.ChangePasswordAsync("Not-The-Password-1", Changed);

        Assert.Contains("原密码不正确", html, StringComparison.Ordinal);
        await app.SignedInAsync("jp_water");
    }

    [Fact]
    public async Task A_new_password_that_breaks_the_policy_is_refused_with_the_reason()
    {
        await using var app = await QingshanFactory.StartAsync();
        var client = await app.SignedInAsync("jp_water");

        var html = await client.ChangePasswordAsync(QingshanFactory.DemoPassword, "alllowercase");

        Assert.Contains("密码不符合要求", html, StringComparison.Ordinal);
        Assert.Contains("至少 3 类", html, StringComparison.Ordinal);
        await app.SignedInAsync("jp_water");
    }

    [Fact]
    public async Task A_password_older_than_the_rotation_period_must_be_changed_at_the_next_sign_in()
    {
        await using var app = await QingshanFactory.StartAsync();
        app.Clock.Advance(TimeSpan.FromDays(91));
        var client = await app.SignedInAsync("jp_water");

        var home = await client.GetAsync("/");

        Assert.Equal("/account/password", home.Headers.Location?.OriginalString);
        Assert.Contains("超过 90 天", await client.PageAsync("/account/password"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_accounts_other_sessions_but_keeps_this_one()
    {
        await using var app = await QingshanFactory.StartAsync();
        var here = await app.SignedInAsync("jp_water");
        var elsewhere = await app.SignedInAsync("jp_water");

        await here.ChangePasswordAsync(QingshanFactory.DemoPassword, Changed);

        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/registry/plots.geojson")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/registry/plots.geojson")).StatusCode);
    }
}

internal static class PasswordForm
{
    /// <summary>Submits the 修改密码 form (a static Blazor form named change-password) and returns the page it answers with.</summary>
    public static async Task<string> ChangePasswordAsync(this HttpClient client, string current, string next)
    {
        var token = await client.AntiforgeryTokenAsync("/account/password");
        var response = await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = token,
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
