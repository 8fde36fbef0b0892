using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Qingshan.Access.Data;
using Qingshan.Kernel;

namespace Qingshan.Access.Users;

/// <summary>
/// 经营主体账户绑定: an operator account acts for exactly one registry rights holder (an enterprise), so a bid signed in
/// under it is that holder's bid. Stored as one <see cref="HolderClaim"/> user claim in Access's own claims table and
/// carried into <see cref="Actor.HolderId"/> at sign-in. Null unbinds.
/// </summary>
public sealed record ActForHolder(string UserId, Guid? HolderId);

public sealed class ActForHolderHandler(AccessDb db, UserManager<QingshanUser> users, TimeProvider clock)
{
    /// <summary>The claim type holding the registry holder id an account acts for.</summary>
    public const string HolderClaim = "qs:holder";

    public async Task<Result> HandleAsync(ActForHolder request, CancellationToken ct = default)
    {
        var actor = db.Actor;
        if (!actor.IsInRole("system") && !actor.IsInRole(Roles.PlatformAdmin))
        {
            return AccessErrors.HolderBindingForbidden();
        }

        var user = await users.FindByIdAsync(request.UserId);
        if (user is null || (user.RegionCode is { } rc ? !actor.Scope.Includes(rc) : !actor.Scope.IsAll))
        {
            return AccessErrors.UserNotFound(request.UserId);
        }

        if (request.HolderId is not null && !await users.IsInRoleAsync(user, Roles.Operator))
        {
            return AccessErrors.HolderBindingNeedsOperator();
        }

        foreach (var old in (await users.GetClaimsAsync(user)).Where(c => c.Type == HolderClaim))
        {
            await users.RemoveClaimAsync(user, old);
        }

        if (request.HolderId is { } holder)
        {
            await users.AddClaimAsync(user, new Claim(HolderClaim, holder.ToString()));
        }

        db.Record(clock.GetUtcNow(), AccessEvents.HolderBound, user.Id, user.RegionCode, new { user.UserName, Holder = request.HolderId });
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    /// <summary>The holder an account acts for, if any.</summary>
    public async Task<Guid?> HolderOfAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        var value = user is null ? null : (await users.GetClaimsAsync(user)).FirstOrDefault(c => c.Type == HolderClaim)?.Value;
        return Guid.TryParse(value, out var id) ? id : null;
    }
}
