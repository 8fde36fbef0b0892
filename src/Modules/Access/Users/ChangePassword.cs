using Microsoft.AspNetCore.Identity;
using Qingshan.Access.Data;
using Qingshan.Kernel;

namespace Qingshan.Access.Users;

public sealed record ChangePassword(string UserId, string CurrentPassword, string NewPassword);

/// <summary>
/// 个人中心 › 修改密码: the account holder proves the current password, the new one must meet <see cref="LoginPolicy"/>
/// (and differ from the current one); success clears the forced change and restarts the rotation period
/// (等保 身份鉴别 a). The security stamp changes, so every other session of the account ends on its next request.
/// </summary>
public sealed class ChangePasswordHandler(AccessDb db, UserManager<QingshanUser> users, TimeProvider clock)
{
    public async Task<Result> HandleAsync(ChangePassword request, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(request.UserId);
        if (user is null || !user.IsEnabled)
        {
            return AccessErrors.UserNotFound(request.UserId);
        }

        if (!await users.CheckPasswordAsync(user, request.CurrentPassword ?? ""))
        {
            return AccessErrors.PasswordWrong();
        }

        if (string.Equals(request.CurrentPassword, request.NewPassword, StringComparison.Ordinal))
        {
            return AccessErrors.PasswordRejected("新密码不能与原密码相同");
        }

        var changed = await users.ChangePasswordAsync(user, request.CurrentPassword ?? "", request.NewPassword ?? "");
        if (!changed.Succeeded)
        {
            return AccessErrors.PasswordRejected(string.Join("；", changed.Errors.Select(e => e.Description)));
        }

        var now = clock.GetUtcNow();
        user.MustChangePassword = false;
        user.PasswordChangedAt = now;
        await users.UpdateAsync(user);
        db.Record(now, AccessEvents.PasswordChanged, user.Id, user.RegionCode, new { user.UserName });
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    /// <summary>True when the account must change its password before doing anything else: forced, or older than the policy allows.</summary>
    public static bool IsChangeDue(QingshanUser user, LoginPolicy policy, DateTimeOffset now) =>
        user.MustChangePassword
        || (policy.PasswordMaxAgeDays > 0 && user.PasswordChangedAt is { } at && now - at > TimeSpan.FromDays(policy.PasswordMaxAgeDays));
}
