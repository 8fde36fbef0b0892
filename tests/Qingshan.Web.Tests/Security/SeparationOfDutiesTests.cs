using System.Net;
using Qingshan.Access.Users;
using Qingshan.Kernel;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Security;

/// <summary>T14, 等保 访问控制 d (三权分立): system, security and audit administration stay with different accounts.</summary>
public sealed class SeparationOfDutiesTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private QingshanFactory App => shared.App;

    [Theory]
    [InlineData(Roles.PlatformAdmin, Roles.SecurityAdmin)]
    [InlineData(Roles.PlatformAdmin, Roles.AuditAdmin)]
    [InlineData(Roles.SecurityAdmin, Roles.AuditAdmin)]
    public async Task Creating_an_account_with_two_of_the_three_administrator_roles_is_refused(string first, string second)
    {
        var result = await App.SaveUserAsync(new SaveUser(null, $"dual_{first}_{second}", "双重管理员", "测试", null, [first, second], true, "Dual-Admin-2026"));

        Assert.Equal("access.role.admin_duties_combined", result.Error?.Code);
    }

    [Fact]
    public async Task Giving_the_auditor_the_system_administrator_role_as_well_is_refused()
    {
        var result = await App.ChangeUserAsync("auditor", roles: [Roles.AuditAdmin, Roles.PlatformAdmin]);

        Assert.Equal("access.role.admin_duties_combined", result.Error?.Code);
        Assert.Equal([Roles.AuditAdmin], (await App.UserAsync("auditor")).Roles);
    }

    [Theory]
    [InlineData("admin", "/admin/users", true)]
    [InlineData("admin", "/admin/regions", true)]
    [InlineData("admin", "/admin/sign-ins", false)]
    [InlineData("security", "/admin/users", false)]
    [InlineData("security", "/admin/sign-ins", true)]
    [InlineData("auditor", "/admin/users", false)]
    [InlineData("auditor", "/admin/regions", false)]
    [InlineData("auditor", "/admin/sign-ins", true)]
    [InlineData("jp_water", "/admin/users", false)]
    [InlineData("jp_water", "/admin/sign-ins", false)]
    public async Task Each_administrator_reaches_only_the_pages_of_its_own_duty(string userName, string page, bool allowed)
    {
        var client = await App.SignedInAsync(userName);

        var response = await client.GetAsync(page);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/denied", response.Headers.Location!.AbsolutePath);
        }
    }
}
