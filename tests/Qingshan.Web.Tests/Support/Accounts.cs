using Microsoft.Extensions.DependencyInjection;
using Qingshan.Access.Users;
using Qingshan.Kernel;

namespace Qingshan.Web.Tests.Support;

/// <summary>Account arrangements made the way an administrator makes them: through <see cref="ManageUsersHandler"/>.</summary>
public static class Accounts
{
    public static Task<UserRow> UserAsync(this QingshanFactory app, string userName) =>
        app.RunAsync(Actor.System, async sp => (await sp.GetRequiredService<ManageUsersHandler>().ListAsync()).Single(u => u.UserName == userName));

    /// <summary>Changes an existing account (roles, enabled) and returns the handler's result.</summary>
    public static async Task<Result<string>> ChangeUserAsync(this QingshanFactory app, string userName, IReadOnlyList<string>? roles = null, bool? enabled = null)
    {
        var u = await app.UserAsync(userName);
        return await app.RunAsync(Actor.System, sp => sp.GetRequiredService<ManageUsersHandler>().SaveAsync(
            new SaveUser(u.Id, u.UserName, u.DisplayName, u.Organisation, u.RegionCode, roles ?? u.Roles, enabled ?? u.IsEnabled)));
    }

    public static Task<Result<string>> SaveUserAsync(this QingshanFactory app, SaveUser request) =>
        app.RunAsync(Actor.System, sp => sp.GetRequiredService<ManageUsersHandler>().SaveAsync(request));

    public static Task<Result<string>> CreateUserAsync(this QingshanFactory app, string userName, string password, string role, string? region) =>
        app.RunAsync(Actor.System, sp => sp.GetRequiredService<ManageUsersHandler>().SaveAsync(
            new SaveUser(null, userName, userName, "测试单位", region, [role], true, password)));
}
