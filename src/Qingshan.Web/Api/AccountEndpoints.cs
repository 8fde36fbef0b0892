using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Qingshan.Access.Users;

namespace Qingshan.Web.Api;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        // Antiforgery is checked inside the handler so a stale form gets a sign-in error, not a bare 400.
        app.MapPost("/account/login", LoginAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost("/account/logout", LogoutAsync).RequireAuthorization().DisableAntiforgery();
    }

    /// <summary>
    /// Password sign-in. Failures count towards the lockout (等保: lock after N failures); every attempt is logged with
    /// its result, IP and browser. A disabled account cannot sign in even with the right password.
    /// </summary>
    private static async Task<IResult> LoginAsync(
        HttpContext http,
        [FromForm] string userName,
        [FromForm] string password,
        [FromForm] string? returnUrl,
        SignInManager<QingshanUser> signIn,
        UserManager<QingshanUser> users,
        SignInLog log,
        TimeProvider clock,
        IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Redirect("/account/login?error=access.signin.failed");
        }

        userName = (userName ?? "").Trim();
        var user = await users.FindByNameAsync(userName);
        string result;
        if (user is null)
        {
            result = "failed";
        }
        else if (!user.IsEnabled)
        {
            result = "disabled";
        }
        else
        {
            var outcome = await signIn.PasswordSignInAsync(user, password ?? "", isPersistent: false, lockoutOnFailure: true);
            result = outcome.Succeeded ? "succeeded" : outcome.IsLockedOut ? "locked_out" : "failed";
            if (outcome.Succeeded)
            {
                user.LastSignInAt = clock.GetUtcNow();
                await users.UpdateAsync(user);
            }
        }

        await log.RecordAsync(clock.GetUtcNow(), userName, user?.Id, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), result);

        if (result != "succeeded")
        {
            return Results.Redirect($"/account/login?error=access.signin.{result}&userName={Uri.EscapeDataString(userName)}");
        }

        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, SignInManager<QingshanUser> signIn, SignInLog log, TimeProvider clock, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        await log.RecordAsync(clock.GetUtcNow(), http.User.Identity?.Name ?? "", null, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), "signed_out");
        await signIn.SignOutAsync();
        return Results.Redirect("/account/login");
    }

    private static bool IsLocal(string? url) => !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

}
