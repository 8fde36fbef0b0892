using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Qingshan.Access;
using Qingshan.Access.Users;
using Qingshan.Kernel;

namespace Qingshan.Web.Security;

/// <summary>
/// Checked on every request with a cookie: the account still exists and is enabled, its security stamp is unchanged
/// (roles changed, password reset, forced sign-out), it is not locked, and the absolute session lifetime has not passed.
/// Any failure ends the session at once. The account's state comes from <see cref="SessionCache"/> (invalidated in
/// process on every account change, 5 s time limit across instances).
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sp = context.HttpContext.RequestServices;
        var reason = await CheckAsync(sp, context.Principal);
        if (reason is not null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    public static async Task<string?> CheckAsync(IServiceProvider sp, ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return "anonymous";
        }

        var policy = sp.GetRequiredService<IOptions<LoginPolicy>>().Value;
        var clock = sp.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        if (long.TryParse(principal.FindFirstValue(QingshanClaims.SignedInAt), NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
            && now - DateTimeOffset.FromUnixTimeSeconds(at) > TimeSpan.FromHours(policy.AbsoluteSessionHours))
        {
            return "expired";
        }

        // From the session cache: dropped at once when Access changes the account in this process, at most 5 s old
        // otherwise (see SessionCache for why that keeps the guarantee).
        var user = await sp.GetRequiredService<SessionCache>().UserAsync(sp, principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "");
        if (user is null || !user.IsEnabled)
        {
            return "disabled";
        }

        if (user.LockoutEnd is { } end && end > now)
        {
            return "locked_out";
        }

        var stampClaim = principal.FindFirstValue(new ClaimsIdentityOptions().SecurityStampClaimType);
        return stampClaim == user.SecurityStamp ? null : "stamp_changed";
    }
}

/// <summary>Re-checks an interactive circuit's user every minute, so a disabled account's open pages stop working too.</summary>
public sealed class RevalidatingStateProvider(ILoggerFactory loggers, IServiceScopeFactory scopes) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await SessionValidation.CheckAsync(scope.ServiceProvider, authenticationState.User) is null;
    }
}

/// <summary>Fills the scoped <see cref="ActorContext"/> of an interactive circuit from its authentication state.</summary>
public sealed class ActorCircuitHandler(AuthenticationStateProvider auth, ActorContext actor) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        auth.AuthenticationStateChanged += OnChanged;
        actor.Current = (await auth.GetAuthenticationStateAsync()).User.ToActor();
    }

    private void OnChanged(Task<AuthenticationState> task) =>
        _ = task.ContinueWith(t => actor.Current = t.Result.User.ToActor(), TaskScheduler.Default);

    public void Dispose() => auth.AuthenticationStateChanged -= OnChanged;
}
