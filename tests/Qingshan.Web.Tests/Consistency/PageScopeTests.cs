using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Qingshan.Kernel;
using Qingshan.Web.Components;

namespace Qingshan.Web.Tests.Consistency;

/// <summary>
/// An interactive page must not take module services (and so DbContexts) from the circuit's scope: two pages of one
/// session would share a DbContext and a slow query on one breaks the next (see <see cref="QingshanPage"/>).
/// </summary>
public sealed class PageScopeTests
{
    private static bool IsStaticPage(Type page) =>
        page.GetCustomAttribute<ExcludeFromInteractiveRoutingAttribute>() is not null
        || page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Any(p => p.PropertyType == typeof(HttpContext) && p.GetCustomAttribute<CascadingParameterAttribute>() is not null);

    /// <summary>Services a page may take from the circuit: framework UI services and the actor itself.</summary>
    private static bool IsCircuitService(Type service) =>
        service == typeof(ActorContext)
        || service.Assembly.GetName().Name is { } name && (name.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.JSInterop", StringComparison.Ordinal) || name == "MudBlazor"
            || name.StartsWith("Microsoft.Extensions.Options", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.Configuration", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Extensions.Logging", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal))
        || service == typeof(TimeProvider);

    public static IEnumerable<string> Violations(IEnumerable<Type> components) =>
        from page in components
        where typeof(IComponent).IsAssignableFrom(page) && page.GetCustomAttributes<RouteAttribute>().Any() && !IsStaticPage(page)
        from property in page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        where property.GetCustomAttribute<InjectAttribute>() is not null && property.DeclaringType != typeof(QingshanPage)
              && !IsCircuitService(property.PropertyType)
        select $"{page.FullName}.{property.Name} ({property.PropertyType.Name}): inherit QingshanPage and use Service<T>()";

    [Fact]
    public void Interactive_pages_take_module_services_from_their_own_scope()
    {
        var pages = typeof(QingshanPage).Assembly.GetTypes();
        Assert.Contains(pages, t => t.IsSubclassOf(typeof(QingshanPage)));

        var violations = Violations(pages).ToList();

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void The_check_catches_a_page_injecting_a_module_service()
    {
        Assert.Single(Violations([typeof(BadPage)]));
        Assert.Empty(Violations([typeof(GoodPage)]));
    }

    [Route("/bad")]
    private sealed class BadPage : ComponentBase
    {
        [Inject]
        public Qingshan.Registry.Plots.PlotQueries Plots { get; set; } = default!;

        [Inject]
        public NavigationManager Navigation { get; set; } = default!;
    }

    [Route("/good")]
    private sealed class GoodPage : QingshanPage
    {
        [Inject]
        public NavigationManager Navigation { get; set; } = default!;
    }
}
