using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Qingshan.Web.Tests.Support;

/// <summary>
/// 等保 访问控制 e–f / ASVS 8.1: every endpoint and every routable page states who may use it, either a policy (or
/// <c>[Authorize]</c>: any signed-in account) or <c>[AllowAnonymous]</c>. Relying silently on the fallback policy counts as
/// unannotated: the fallback is the safety net, not the decision.
/// </summary>
public static class AuthorizationCoverage
{
    /// <summary>Endpoints that carry neither an authorization requirement nor <see cref="IAllowAnonymous"/>.</summary>
    public static List<string> Unannotated(IEnumerable<Endpoint> endpoints) =>
        endpoints.Where(e => !IsExplicit(e.Metadata)).Select(Describe).Order(StringComparer.Ordinal).ToList();

    /// <summary>Routable components (<c>@page</c>) with neither <c>[Authorize]</c> nor <c>[AllowAnonymous]</c>.</summary>
    public static List<Type> UnannotatedPages(IEnumerable<Type> types) =>
        types.Where(t => typeof(IComponent).IsAssignableFrom(t) && t.IsDefined(typeof(RouteAttribute), inherit: false))
            .Where(t => !t.GetCustomAttributes(inherit: true).Any(a => a is IAuthorizeData or IAllowAnonymous))
            .ToList();

    public static string Describe(Endpoint e) =>
        $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} {(e as RouteEndpoint)?.RoutePattern.RawText ?? e.DisplayName}";

    private static bool IsExplicit(EndpointMetadataCollection m) =>
        m.GetMetadata<IAllowAnonymous>() is not null
        || m.GetOrderedMetadata<IAuthorizeData>().Count > 0
        || m.GetMetadata<AuthorizationPolicy>() is not null;

    public static IEnumerable<Type> TypesOf(Assembly assembly) => assembly.GetTypes();
}
