using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qingshan.Access.Data;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;

namespace Qingshan.Access.Users;

public sealed record UserRow(string Id, string UserName, string DisplayName, string Organisation, string? RegionCode, IReadOnlyList<string> Roles, bool IsEnabled, bool IsLockedOut, DateTimeOffset? LastSignInAt);

public sealed record SaveUser(string? Id, string UserName, string DisplayName, string Organisation, string? RegionCode, IReadOnlyList<string> Roles, bool IsEnabled, string? InitialPassword = null);

/// <summary>
/// Create and change accounts (administrators). An administrator only manages accounts inside its own data scope,
/// no account holds two of the three separated administrator roles, and every change is recorded.
/// </summary>
public sealed class ManageUsersHandler(AccessDb db, UserManager<QingshanUser> users, TimeProvider clock)
{
    public async Task<Result<string>> SaveAsync(SaveUser request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > 64 || request.UserName.Any(char.IsWhiteSpace))
        {
            return AccessErrors.UserNameInvalid();
        }

        foreach (var role in request.Roles)
        {
            if (!Roles.All.Contains(role))
            {
                return AccessErrors.RoleUnknown(role);
            }
        }

        if (request.Roles.Count(Roles.SeparatedAdmins.Contains) > 1)
        {
            return AccessErrors.RolesNotSeparated();
        }

        if (request.RegionCode is { Length: > 0 } rc)
        {
            if (!AdminDivisionCode.TryParse(rc, out _))
            {
                return AccessErrors.RegionInvalid(rc);
            }

            if (!db.Actor.Scope.Includes(rc))
            {
                return AccessErrors.RegionOutOfScope(rc);
            }
        }
        else if (!db.Actor.Scope.IsAll)
        {
            return AccessErrors.RegionOutOfScope("");
        }

        var now = clock.GetUtcNow();
        QingshanUser user;
        if (request.Id is null)
        {
            if (await users.FindByNameAsync(request.UserName) is not null)
            {
                return AccessErrors.UserNameTaken(request.UserName);
            }

            user = new QingshanUser { UserName = request.UserName, CreatedAt = now, MustChangePassword = true, PasswordChangedAt = now };
            Apply(user, request);
            var created = await users.CreateAsync(user, request.InitialPassword ?? "");
            if (!created.Succeeded)
            {
                return AccessErrors.PasswordRejected(string.Join("；", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRolesAsync(user, request.Roles);
            db.Record(now, AccessEvents.UserCreated, user.Id, user.RegionCode, new { user.UserName, request.Roles, user.RegionCode });
        }
        else
        {
            var found = await users.FindByIdAsync(request.Id);
            if (found is null || !InScope(found))
            {
                return AccessErrors.UserNotFound(request.Id);
            }

            user = found;
            if (user.Id == db.Actor.UserId && !request.IsEnabled)
            {
                return AccessErrors.CannotDisableSelf();
            }

            var before = await users.GetRolesAsync(user);
            Apply(user, request);
            await users.UpdateAsync(user);
            await users.RemoveFromRolesAsync(user, before.Except(request.Roles));
            await users.AddToRolesAsync(user, request.Roles.Except(before));
            // A changed role set or a disabled account must take effect on the next request: rotate the stamp.
            await users.UpdateSecurityStampAsync(user);
            db.Record(now, AccessEvents.UserChanged, user.Id, user.RegionCode, new { user.UserName, RolesBefore = before, RolesAfter = request.Roles, user.RegionCode, user.IsEnabled });
        }

        await db.SaveChangesAsync(ct);
        return user.Id;
    }

    public async Task<Result> ResetPasswordAsync(string userId, string newPassword, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || !InScope(user))
        {
            return AccessErrors.UserNotFound(userId);
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            return AccessErrors.PasswordRejected(string.Join("；", result.Errors.Select(e => e.Description)));
        }

        user.MustChangePassword = true;
        user.PasswordChangedAt = clock.GetUtcNow();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateAsync(user);
        db.Record(clock.GetUtcNow(), AccessEvents.PasswordReset, user.Id, user.RegionCode, new { user.UserName });
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    /// <summary>Lifts a lockout (after failed sign-ins) early and clears the failure count; recorded like every account change.</summary>
    public async Task<Result> UnlockAsync(string userId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || !InScope(user))
        {
            return AccessErrors.UserNotFound(userId);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        db.Record(clock.GetUtcNow(), AccessEvents.UserUnlocked, user.Id, user.RegionCode, new { user.UserName });
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    /// <summary>Accounts in the administrator's scope.</summary>
    public async Task<List<UserRow>> ListAsync(CancellationToken ct = default)
    {
        var prefix = db.Actor.Scope.Prefix;
        var list = await db.Users.Where(u => prefix == "" || (u.RegionCode != null && u.RegionCode.StartsWith(prefix))).OrderBy(u => u.RegionCode).ThenBy(u => u.UserName).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return list.Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.Organisation, u.RegionCode,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList(), u.IsEnabled, u.LockoutEnd > now, u.LastSignInAt)).ToList();
    }

    private bool InScope(QingshanUser user) => db.Actor.Scope.IsAll || db.Actor.Scope.Includes(user.RegionCode);

    private static void Apply(QingshanUser user, SaveUser request)
    {
        user.DisplayName = request.DisplayName.Trim();
        user.Organisation = request.Organisation.Trim();
        user.RegionCode = string.IsNullOrWhiteSpace(request.RegionCode) ? null : request.RegionCode;
        user.IsEnabled = request.IsEnabled;
    }
}
