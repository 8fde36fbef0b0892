using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Qingshan.Access.Users;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;

namespace Qingshan.Web.Security;

public static class QingshanClaims
{
    public const string Region = "qs:region";
    public const string DisplayName = "qs:display";
    public const string SignedInAt = "qs:signin_at";

    /// <summary>The acting account as modules see it: id, name, roles and the data scope of its region.</summary>
    public static Actor ToActor(this ClaimsPrincipal principal, string? ip = null)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Actor.Anonymous;
        }

        var region = principal.FindFirstValue(Region);
        var scope = string.IsNullOrEmpty(region) ? RegionScope.All
            : AdminDivisionCode.TryParse(region, out var code) ? RegionScope.Of(code) : RegionScope.None;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        Guid? holder = Guid.TryParse(principal.FindFirstValue(Qingshan.Access.Users.ActForHolderHandler.HolderClaim), out var h) ? h : null;
        return new Actor(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", principal.Identity.Name ?? "", scope, roles, region, ip, holder);
    }
}

/// <summary>Adds region, display name and sign-in time to the cookie principal.</summary>
public sealed class QingshanClaimsFactory(UserManager<QingshanUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, TimeProvider clock)
    : UserClaimsPrincipalFactory<QingshanUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(QingshanUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(QingshanClaims.Region, user.RegionCode ?? ""));
        identity.AddClaim(new Claim(QingshanClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(QingshanClaims.SignedInAt, clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }
}
