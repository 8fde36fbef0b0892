using System.Security.Claims;
using Microsoft.Extensions.Options;
using Qingshan.Access;
using Qingshan.Access.Users;

namespace Qingshan.Web.Security;

/// <summary>
/// A signed-in account whose password must change (first sign-in after an administrator set or reset it, or older than
/// <see cref="LoginPolicy.PasswordMaxAgeDays"/>) can reach nothing but the change form, sign-out and static files
/// (等保 身份鉴别 a; RuoYi's 强制修改初始密码). Pages redirect to the form; APIs answer 403.
/// </summary>
internal sealed class PasswordChangeRequired(RequestDelegate next)
{
    public const string FormPath = "/account/password";

    private static readonly string[] Allowed = [FormPath, "/account/logout", "/account/login", "/account/denied", "/_framework", "/_content", "/_blazor", "/css", "/favicon"];

    public async Task InvokeAsync(HttpContext context, SessionCache sessions, IOptions<LoginPolicy> policy, TimeProvider clock)
    {
        if (context.User.Identity?.IsAuthenticated != true || IsExempt(context.Request.Path))
        {
            await next(context);
            return;
        }

        // Session validation has just loaded this account into the session cache, so this reads no row.
        var user = await sessions.UserAsync(context.RequestServices, context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "");
        if (user is null || !ChangePasswordHandler.IsChangeDue(user, policy.Value, clock.GetUtcNow()))
        {
            await next(context);
            return;
        }

        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/ogc"))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        context.Response.Redirect(FormPath);
    }

    private static bool IsExempt(PathString path) =>
        Allowed.Any(a => path.StartsWithSegments(a, StringComparison.OrdinalIgnoreCase))
        || (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/ogc") && Path.HasExtension(path.Value));
}
